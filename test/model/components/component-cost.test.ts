import { describe, expect, it } from 'vitest';
import { priceFor } from '../../../src/model/catalog.js';
import { priceQuantity } from '../../../src/model/components/component-cost.js';
import { Dec } from '../../../src/model/money.js';
import { bundledCatalog } from '../../helpers/catalog.js';

describe('priceQuantity', () => {
  it('costUsd = quantity x the unit price (price / unitQuantity), exact, in the catalog unit', () => {
    const price = priceFor(bundledCatalog(), 'cloudtrail.data-events', 'us-east-1');
    const cost = priceQuantity('CloudTrail data events (1 trail)', new Dec(1_234_567), price);
    expect(cost.component).toBe('CloudTrail data events (1 trail)');
    expect(cost.quantity.toFixed()).toBe('1234567');
    expect(cost.unit).toBe('data event');
    expect(cost.unitPriceUsd.toFixed()).toBe('0.000001');
    expect(cost.costUsd.toFixed()).toBe('1.234567');
    expect(cost.priceId).toBe('cloudtrail.data-events');
    expect(cost.price).toBe(price);
  });
});
