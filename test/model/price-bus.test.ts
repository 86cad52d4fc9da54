import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../../src/model/assumptions.js';
import { monthHoursOf, priceBus } from '../../src/model/price-bus.js';
import { projectionFromRun } from '../../src/model/projection.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { busUsage } from '../helpers/model.js';

const context = { projection: projectionFromRun(30_000, 1), catalog: bundledCatalog(), region: 'us-east-1' };
/** 1,000 requests of 10 one-chunk entries in a 30 s real-time replay (factor 87,600). */
const counts = { requestsSucceeded: 1000, entriesSucceeded: 10_000, billableChunks: 10_000 };

describe('priceBus', () => {
  it('a trail bus with estimated records (1,450 + 9 x 174 = 3,016 B): custom events, data events, S3 files and PUTs', () => {
    const priced = priceBus(busUsage('orders', { counts }), context, DEFAULT_ASSUMPTIONS);
    expect(priced.estimate.monthly).toEqual({
      customEvents: '876000000',
      dataEvents: '87600000',
      eventBridgeUsd: '876.00',
      loggingUsd: '95.36',
      totalUsd: '971.36',
    });
    expect(priced.estimate.lineItems.map((item) => [item.priceId, item.quantity, item.monthlyUsd])).toEqual([
      ['eventbridge.custom-events', '876000000', '876.00'],
      ['cloudtrail.data-events', '87600000', '87.60'],
      ['s3.standard-storage', '335.532156', '7.72'],
      ['s3.put-requests', '8760', '0.04'],
    ]);
    expect(priced.estimate.recordBytes).toEqual({ mean: '3016', basis: 'estimated' });
    expect(priced.estimate.loggingUsdPerDay).toBe('3.14');
    expect(priced.estimate.recommendation).toEqual({
      action: 'enable',
      reason: 'regulated bus: the audit trail is worth $95.36/month (11% of its EventBridge cost)',
    });
    expect(priced.recordBytesBasis).toBe('linear');
    expect(priced.prices.map((price) => price.id)).toEqual([
      'eventbridge.custom-events',
      'cloudtrail.data-events',
      's3.standard-storage',
      's3.put-requests',
    ]);
    expect(priced.summary.loggedCalls.toFixed()).toBe('87600000');
    expect(priced.summary.enableUsd.toFixed()).toBe('95.36');
  });

  it('logging off: no logging line, but what a trail would cost, backed by the trail prices', () => {
    const priced = priceBus(
      busUsage('telemetry', { loggingMode: 'off', counts }),
      context,
      DEFAULT_ASSUMPTIONS,
    );
    expect(priced.estimate.monthly.loggingUsd).toBe('0.00');
    expect(priced.estimate.lineItems.map((item) => item.priceId)).toEqual(['eventbridge.custom-events']);
    expect(priced.estimate.ifEnabled).toEqual({ mode: 'trail', dataEvents: '87600000', loggingUsd: '95.36' });
    expect(priced.summary.loggingOn).toBe(false);
    expect(priced.prices.map((price) => price.id)).toEqual([
      'eventbridge.custom-events',
      'cloudtrail.data-events',
      's3.standard-storage',
      's3.put-requests',
    ]);
  });

  it('measured trail records set the bytes and the gzip ratio: 1,000 records of 2,048 B at 0.125', () => {
    const priced = priceBus(
      busUsage('orders', {
        counts,
        measuredTrail: { records: 1000, recordBytes: 2_048_000, gzipRatio: 0.125 },
      }),
      context,
      DEFAULT_ASSUMPTIONS,
    );
    expect(priced.recordBytesBasis).toBe('measured');
    expect(priced.estimate.recordBytes).toEqual({ mean: '2048', basis: 'measured' });
    // 87,600,000 x 2,048 x 0.125 / 2^30 x 12 = 250.6256... GB-months
    expect(priced.estimate.lineItems[2]).toMatchObject({ quantity: '250.62561', monthlyUsd: '5.76' });
  });
});

describe('monthHoursOf', () => {
  it("the calendar month's hours, else AWS's 730", () => {
    expect(monthHoursOf({})).toBe(730);
    expect(monthHoursOf({ month: { label: '2027-02', hours: 672 } })).toBe(672);
  });
});
