import { describe, expect, it } from 'vitest';
import { MissingPriceError } from '../../src/model/catalog.js';
import { estimateCost } from '../../src/model/estimate.js';
import { projectionFromRun } from '../../src/model/projection.js';
import type { BusUsage, CostEstimate, Projection } from '../../src/model/types.js';
import { bundledCatalog, busUsage } from './helpers.js';

const catalog = bundledCatalog();
const monthly: Projection = { basis: 'monthly counts', factor: '1' };
const thirtySeconds = projectionFromRun(30_000, 1); // factor 87,600

function estimate(
  buses: BusUsage[],
  projection = thirtySeconds,
  extra: Partial<Parameters<typeof estimateCost>[0]> = {},
) {
  return estimateCost({ buses, projection, catalog, region: 'us-east-1', ...extra });
}
const only = (result: CostEstimate) => result.buses[0]!;

describe('estimateCost: hand-worked examples (us-east-1, 30 s replay at real time, factor 87,600)', () => {
  it('full batches: 1,000 requests x 10 one-chunk entries', () => {
    const result = estimate([
      busUsage('orders', {
        counts: { requestsSucceeded: 1000, entriesSucceeded: 10_000, billableChunks: 10_000 },
      }),
    ]);
    // chunks 10,000 x 87,600 = 876,000,000 x $0.000001 = $876.00
    // data events 1,000 x 87,600 = 87,600,000 x $0.000001 = $87.60
    expect(only(result).monthly).toEqual({
      customEvents: '876000000',
      dataEvents: '87600000',
      eventBridgeUsd: '876.00',
      loggingUsd: '87.60',
      totalUsd: '963.60',
    });
    expect(only(result).lineItems).toEqual([
      {
        component: 'EventBridge custom events (64 KB chunks)',
        quantity: '876000000',
        unit: '64 KB chunk',
        unitPriceUsd: '0.000001',
        monthlyUsd: '876.00',
        priceId: 'eventbridge.custom-events',
      },
      {
        component: 'CloudTrail data events (1 trail)',
        quantity: '87600000',
        unit: 'data event',
        unitPriceUsd: '0.000001',
        monthlyUsd: '87.60',
        priceId: 'cloudtrail.data-events',
      },
    ]);
    expect(result.totalMonthlyUsd).toBe('963.60');
    expect(result.catalog).toEqual({
      id: 'aws-2026-11-23',
      region: 'us-east-1',
      effectiveDate: '2026-11-23',
    });
    expect(result.projection).toBe(thirtySeconds);
  });

  it('partial batches: the same 10,000 entries in 4,000 requests cost 4x the data events', () => {
    const result = estimate([
      busUsage('orders', {
        counts: { requestsSucceeded: 4000, entriesSucceeded: 10_000, billableChunks: 10_000 },
      }),
    ]);
    // 4,000 x 87,600 = 350,400,000 data events = $350.40; EventBridge unchanged at $876.00.
    expect(only(result).monthly.eventBridgeUsd).toBe('876.00');
    expect(only(result).monthly.dataEvents).toBe('350400000');
    expect(only(result).monthly.loggingUsd).toBe('350.40');
  });

  it('entries across the 64 KB boundary: 65,536 B + 65,537 B + 256 KB = 1 + 2 + 4 chunks', () => {
    const result = estimate([
      busUsage('orders', {
        counts: { requestsSucceeded: 1, entriesSucceeded: 3, billableChunks: 1 + 2 + 4 },
      }),
    ]);
    // 7 x 87,600 = 613,200 chunks = $0.6132 -> $0.61
    expect(only(result).monthly.customEvents).toBe('613200');
    expect(only(result).monthly.eventBridgeUsd).toBe('0.61');
  });

  it('two trail copies bill twice', () => {
    const result = estimate([busUsage('orders', { trailCopies: 2, counts: { requestsSucceeded: 1000 } })]);
    expect(only(result).monthly.dataEvents).toBe('175200000');
    expect(only(result).monthly.loggingUsd).toBe('175.20');
    expect(only(result).lineItems[1]?.component).toBe('CloudTrail data events (2 trail copies)');
  });

  it('logging off: no logging cost, but what a trail would cost is kept', () => {
    const result = estimate([
      busUsage('telemetry', {
        classification: 'telemetry',
        loggingMode: 'off',
        counts: { requestsSucceeded: 3000, entriesSucceeded: 30_000, billableChunks: 30_000 },
      }),
    ]);
    const bus = only(result);
    expect(bus.monthly).toEqual({
      customEvents: '2628000000',
      dataEvents: '0',
      eventBridgeUsd: '2628.00',
      loggingUsd: '0.00',
      totalUsd: '2628.00',
    });
    expect(bus.lineItems).toHaveLength(1);
    expect(bus.ifEnabled).toEqual({ mode: 'trail', dataEvents: '262800000', loggingUsd: '262.80' });
    expect(bus.recommendation).toEqual({
      action: 'skip',
      reason:
        'telemetry bus: data events would add $262.80/month (10% of its EventBridge cost) for low audit value',
    });
  });

  it('failed requests are logged by default, and not when the assumption is off', () => {
    const bus = busUsage('orders', { counts: { requestsSucceeded: 900, requestsFailed: 100 } });
    const on = estimate([bus]);
    const off = estimate([bus], thirtySeconds, { assumptions: { failedRequestsLogged: false } });
    expect(only(on).monthly.dataEvents).toBe('87600000');
    expect(only(on).monthly.loggingUsd).toBe('87.60');
    expect(only(off).monthly.dataEvents).toBe('78840000');
    expect(only(off).monthly.loggingUsd).toBe('78.84');
    const assumption = (result: CostEstimate) =>
      result.assumptions.find((a) => a.id === 'cloudtrail.failed-requests-logged')?.value;
    expect(assumption(on)).toBe('true');
    expect(assumption(off)).toBe('false');
    // 10% of requests failed: a delivery problem.
    expect(only(on).recommendation.action).toBe('pair-with-enhanced-logging');
  });

  it('timeScale 720 prices through the exact ratio', () => {
    const result = estimate(
      [busUsage('orders', { counts: { requestsSucceeded: 1000 } })],
      projectionFromRun(30_000, 720),
    );
    // 1,000 x 2,628,000,000 / 21,600,000 = 121,666.666... data events = $0.1216... -> $0.12
    expect(only(result).monthly.dataEvents).toBe('121666.666667');
    expect(only(result).monthly.loggingUsd).toBe('0.12');
  });
});

describe('estimateCost: rounding', () => {
  it('rounds half-up per line item; totals are sums of rounded items', () => {
    // 5,000 chunks = $0.005 -> $0.01; 5,000 data events = $0.005 -> $0.01; total $0.02.
    const result = estimate(
      [busUsage('orders', { counts: { requestsSucceeded: 5000, billableChunks: 5000 } })],
      monthly,
    );
    expect(only(result).monthly.eventBridgeUsd).toBe('0.01');
    expect(only(result).monthly.loggingUsd).toBe('0.01');
    expect(only(result).monthly.totalUsd).toBe('0.02');
    expect(result.totalMonthlyUsd).toBe('0.02');
  });
});

describe('estimateCost: byte-priced modes (record-size assumption)', () => {
  it('lake-1y: 2^20 one-entry records of 1,450 B = 1.416015625 GB', () => {
    const bus = busUsage('orders', {
      loggingMode: 'lake-1y',
      counts: { requestsSucceeded: 1_048_576, entriesSucceeded: 1_048_576, billableChunks: 1_048_576 },
    });
    const result = estimate([bus], monthly);
    const [, ingest, retention] = only(result).lineItems;
    expect(ingest).toMatchObject({
      quantity: '1.416016',
      unit: 'GB',
      unitPriceUsd: '0.75',
      monthlyUsd: '1.06',
    });
    expect(retention).toMatchObject({ quantity: '0', monthlyUsd: '0.00' });
    expect(only(result).monthly.dataEvents).toBe('1048576');
    // kept 731 days: 1.416015625 x 12 = 16.9921875 GB-months x $0.023 = $0.3908... -> $0.39
    const kept = estimate([bus], monthly, { assumptions: { lakeRetentionDays: 731 } });
    expect(only(kept).lineItems[2]).toMatchObject({ quantity: '16.992188', monthlyUsd: '0.39' });
    expect(only(kept).monthly.loggingUsd).toBe('1.45');
    expect(kept.assumptions.map((a) => a.id)).toContain('cloudtrail.record-bytes');
    expect(kept.assumptions.find((a) => a.id === 'lake.retention-days')?.value).toBe('731');
  });

  it('lake-7y: 6,000 GB crosses the first tier', () => {
    // 6,144,000 records of 1 MiB = 6,000 GB: 5,120 x $2.50 + 880 x $1.00 = $13,680.00
    const result = estimate(
      [
        busUsage('orders', {
          loggingMode: 'lake-7y',
          counts: { requestsSucceeded: 6_144_000, entriesSucceeded: 6_144_000 },
        }),
      ],
      monthly,
      { assumptions: { recordFirstEntryBytes: 1_048_576 } },
    );
    expect(
      only(result)
        .lineItems.slice(1)
        .map((item) => [item.quantity, item.monthlyUsd]),
    ).toEqual([
      ['5120', '12800.00'],
      ['880', '880.00'],
    ]);
    expect(only(result).monthly.loggingUsd).toBe('13680.00');
  });

  it('cloudwatch-logs: the trail plus 1 GB ingested and a year stored', () => {
    const result = estimate(
      [
        busUsage('orders', {
          loggingMode: 'cloudwatch-logs',
          counts: { requestsSucceeded: 1_048_576, entriesSucceeded: 1_048_576 },
        }),
      ],
      monthly,
      { assumptions: { recordFirstEntryBytes: 1024 } },
    );
    // data events 1,048,576 x $0.000001 = $1.05; ingest 1 GB x $0.50; storage 12 GB-months x $0.03 = $0.36
    expect(
      only(result)
        .lineItems.slice(1)
        .map((item) => item.monthlyUsd),
    ).toEqual(['1.05', '0.50', '0.36']);
    expect(only(result).monthly.loggingUsd).toBe('1.91');
    expect(only(result).monthly.dataEvents).toBe('1048576');
  });
});

describe('estimateCost: catalog and assumptions', () => {
  it('fails clearly for a region the catalog lacks', () => {
    expect(() => estimate([busUsage('orders')], monthly, { region: 'mars-north-1' })).toThrow(
      MissingPriceError,
    );
  });

  it('lists the assumptions it used, and unconfirmed prices outside us-east-1', () => {
    const home = estimate([busUsage('orders')], monthly);
    expect(home.assumptions.map((a) => a.id)).toEqual([
      'month-hours',
      'eventbridge.billed-entries',
      'cloudtrail.record-per-request',
      'cloudtrail.failed-requests-logged',
      'cloudtrail.trail-copies-billed',
      'recommend.problem-share-threshold',
    ]);
    const away = estimate([busUsage('orders')], monthly, { region: 'eu-west-3' });
    const price = away.assumptions.find((a) => a.id === 'price.eventbridge.custom-events');
    expect(price?.value).toMatch(/^unconfirmed in eu-west-3: Confirmed for us-east-1 only/);
    expect(price?.source).toBe('https://aws.amazon.com/eventbridge/pricing/');
  });
});

describe('estimateCost: summary sentence', () => {
  it('reproduces the design-review example', () => {
    const result = estimate(
      [
        busUsage('orders', { counts: { requestsSucceeded: 30_000_000, billableChunks: 400_000_000 } }),
        busUsage('payments', { counts: { requestsSucceeded: 11_200_000, billableChunks: 286_670_000 } }),
        busUsage('telemetry', {
          classification: 'telemetry',
          loggingMode: 'off',
          counts: { requestsSucceeded: 262_800_000, billableChunks: 2_628_000_000 },
        }),
      ],
      monthly,
    );
    expect(result.summary).toBe(
      'Enabling PutEvents data events on orders and payments adds $41.20/month (6% of their EventBridge cost), ' +
        'driven by 41.2M calls/month; telemetry stays off: it would add $262.80 for low audit value.',
    );
    expect(result.totalMonthlyUsd).toBe('3355.87'); // 400.00 + 30.00 + 286.67 + 11.20 + 2628.00
  });

  it('says when no bus is planned on, and names off buses that should be on', () => {
    const result = estimate(
      [
        busUsage('orders', {
          loggingMode: 'off',
          counts: { requestsSucceeded: 1_000_000, billableChunks: 1_000_000 },
        }),
        busUsage('dev', {
          classification: 'development',
          loggingMode: 'off',
          counts: { requestsSucceeded: 2_000_000, billableChunks: 2_000_000 },
        }),
      ],
      monthly,
    );
    expect(result.summary).toBe(
      'No bus has PutEvents data events planned; dev stays off: it would add $2.00/month for low audit value; ' +
        'orders is planned off but recommended on: enabling it would add $1.00/month.',
    );
  });
});
