import { describe, expect, it } from 'vitest';
import { priceFor } from '../../../src/model/catalog.js';
import { loggedRequests, trailDataEventsCost } from '../../../src/model/components/cloudtrail.js';
import { Dec } from '../../../src/model/money.js';
import { bundledCatalog } from '../../helpers/catalog.js';
import { busUsage } from '../../helpers/model.js';

const catalog = bundledCatalog();
const price = (id: string) => priceFor(catalog, id, 'us-east-1');

describe('CloudTrail data events', () => {
  const counts = busUsage('b', { counts: { requestsSucceeded: 900, requestsFailed: 100 } }).counts;
  it('logs failed requests only under the assumption', () => {
    expect(loggedRequests(counts, true)).toBe(1000);
    expect(loggedRequests(counts, false)).toBe(900);
  });
  it('bills every trail copy', () => {
    const one = trailDataEventsCost(new Dec(41_200_000), 1, price('cloudtrail.data-events'));
    const two = trailDataEventsCost(new Dec(41_200_000), 2, price('cloudtrail.data-events'));
    expect(one.quantity.toFixed()).toBe('41200000');
    expect(one.costUsd.toFixed()).toBe('41.2');
    expect(one.component).toBe('CloudTrail data events (1 trail)');
    expect(two.quantity.toFixed()).toBe('82400000');
    expect(two.costUsd.toFixed()).toBe('82.4');
    expect(two.component).toBe('CloudTrail data events (2 trail copies)');
  });
});
