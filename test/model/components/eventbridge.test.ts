import { describe, expect, it } from 'vitest';
import { priceFor } from '../../../src/model/catalog.js';
import { customEventsCost } from '../../../src/model/components/eventbridge.js';
import { Dec } from '../../../src/model/money.js';
import { bundledCatalog } from '../../helpers/catalog.js';

const catalog = bundledCatalog();
const price = (id: string) => priceFor(catalog, id, 'us-east-1');

describe('customEventsCost', () => {
  it('prices chunks at a millionth of a dollar each', () => {
    // 3,000,000 one-chunk entries + 1,000,000 two-chunk entries = 5,000,000 chunks.
    const cost = customEventsCost(new Dec(3_000_000 + 2 * 1_000_000), price('eventbridge.custom-events'));
    expect(cost.costUsd.toFixed()).toBe('5');
    expect(cost.unit).toBe('64 KB chunk');
    expect(cost.priceId).toBe('eventbridge.custom-events');
  });
});
