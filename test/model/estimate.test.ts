import { describe, expect, it } from 'vitest';
import { MissingPriceError } from '../../src/model/catalog.js';
import { estimateCost } from '../../src/model/estimate.js';
import { calendarMonth } from '../../src/model/money.js';
import { projectionFromRun } from '../../src/model/projection.js';
import type { BusUsage, CostEstimate, Projection } from '../../src/model/types.js';
import { MODEL_VERSION } from '../../src/model/version.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { busUsage } from '../helpers/model.js';

const catalog = bundledCatalog();
const monthly: Projection = { basis: 'monthly counts', factor: '1' };
const thirtySeconds = projectionFromRun(30_000, 1); // factor 87,600

/**
 * The hand-worked examples leave the S3 PUT line of trail files out (trailFilesPerHour 0) so that each
 * isolates its own lines; the PUT line, at its default of 12 files an hour, has its own suite (and the first
 * example shows it in a whole bill).
 */
function estimate(
  buses: BusUsage[],
  projection = thirtySeconds,
  extra: Partial<Parameters<typeof estimateCost>[0]> = {},
) {
  return estimateCost({
    buses,
    projection,
    catalog,
    region: 'us-east-1',
    ...extra,
    assumptions: { trailFilesPerHour: 0, ...extra.assumptions },
  });
}
const only = (result: CostEstimate) => result.buses[0]!;

/** A run's trail: `records` records of `bytesEach` JSON bytes, files gzipped to an eighth. */
const trail = (records: number, bytesEach: number) => ({
  records,
  recordBytes: records * bytesEach,
  gzipRatio: 0.125,
});

describe('estimateCost: hand-worked examples (us-east-1, 30 s replay at real time, factor 87,600)', () => {
  it('full batches: 1,000 requests x 10 one-chunk entries, records of 2,048 B measured', () => {
    const result = estimate(
      [
        busUsage('orders', {
          counts: { requestsSucceeded: 1000, entriesSucceeded: 10_000, billableChunks: 10_000 },
          measuredTrail: trail(1000, 2048),
        }),
      ],
      thirtySeconds,
      { assumptions: { trailFilesPerHour: 12 } },
    );
    // chunks 10,000 x 87,600 = 876,000,000 x $0.000001 = $876.00
    // data events 1,000 x 87,600 = 87,600,000 x $0.000001 = $87.60
    // files 87,600,000 x 2,048 B x 0.125 / 2^30 = 20.885467... GB a month, kept 365 days = x 12
    //   = 250.625610... GB-months x $0.023 = $5.7644 -> $5.76
    // PUTs 12 files an hour x 730 h = 8,760 x $0.005 / 1,000 = $0.0438 -> $0.04
    expect(only(result).monthly).toEqual({
      customEvents: '876000000',
      dataEvents: '87600000',
      eventBridgeUsd: '876.00',
      loggingUsd: '93.40',
      totalUsd: '969.40',
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
      {
        component: 'S3 storage of trail files (gzip, kept 365 days)',
        quantity: '250.62561',
        unit: 'GB-month',
        unitPriceUsd: '0.023',
        monthlyUsd: '5.76',
        priceId: 's3.standard-storage',
      },
      {
        component: 'S3 PUT requests of trail files (12 files/hour per trail copy)',
        quantity: '8760',
        unit: 'PUT request',
        unitPriceUsd: '0.000005',
        monthlyUsd: '0.04',
        priceId: 's3.put-requests',
      },
    ]);
    expect(only(result).recordBytes).toEqual({ mean: '2048', basis: 'measured' });
    // 93.40 x 24 / 730 = 3.0706... -> $3.07 a day
    expect(only(result).loggingUsdPerDay).toBe('3.07');
    expect(result.totalMonthlyUsd).toBe('969.40');
    expect(result.modelVersion).toBe(MODEL_VERSION);
    expect(result.month).toEqual({ label: '730 h', hours: 730, basis: "AWS's pricing convention" });
    expect(result.catalog).toEqual({
      id: 'aws-2026-11-23',
      region: 'us-east-1',
      effectiveDate: '2026-11-23',
    });
    expect(result.projection).toBe(thirtySeconds);
    // Already full: filling batches saves nothing.
    expect(only(result).whatIfs?.fullBatches).toEqual({
      entriesPerRequest: '10',
      dataEvents: '87600000',
      loggingUsd: '93.40',
      savingUsd: '0.00',
    });
  });

  it('partial batches: the same 10,000 entries in 4,000 requests cost 4x the data events', () => {
    const result = estimate([
      busUsage('orders', {
        counts: { requestsSucceeded: 4000, entriesSucceeded: 10_000, billableChunks: 10_000 },
        measuredTrail: trail(4000, 1600),
      }),
    ]);
    // 4,000 x 87,600 = 350,400,000 data events = $350.40; EventBridge unchanged at $876.00.
    // files 350,400,000 x 1,600 x 0.125 / 2^30 x 12 = 783.205032 GB-months x $0.023 = $18.01
    expect(only(result).monthly.eventBridgeUsd).toBe('876.00');
    expect(only(result).monthly.dataEvents).toBe('350400000');
    expect(only(result).lineItems[2]).toMatchObject({ quantity: '783.205032', monthlyUsd: '18.01' });
    expect(only(result).monthly.loggingUsd).toBe('368.41');
    // What-if full batches: 876,000,000 entries / 10 = 87,600,000 requests ($87.60), whose records grow
    // by 174 B per added entry: 1,600 + 7.5 x 174 = 2,905 B -> 87.6M x 2,905 x 0.125 / 2^30 x 12 x $0.023 = $8.18.
    expect(only(result).whatIfs?.fullBatches).toEqual({
      entriesPerRequest: '10',
      dataEvents: '87600000',
      loggingUsd: '95.78',
      savingUsd: '272.63',
    });
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

  it('two trail copies bill twice: data events and files', () => {
    const result = estimate([
      busUsage('orders', {
        trailCopies: 2,
        counts: { requestsSucceeded: 1000, entriesSucceeded: 10_000 },
        measuredTrail: trail(1000, 2048),
      }),
    ]);
    // 2 x 87,600,000 = 175,200,000 data events = $175.20; files 2 x 250.62561 = 501.251221 GB-months = $11.53
    expect(only(result).monthly.dataEvents).toBe('175200000');
    expect(only(result).lineItems[1]?.component).toBe('CloudTrail data events (2 trail copies)');
    expect(only(result).lineItems[2]).toMatchObject({ quantity: '501.251221', monthlyUsd: '11.53' });
    expect(only(result).monthly.loggingUsd).toBe('186.73');
    // One copy fewer: $87.60 + $5.76.
    expect(only(result).whatIfs?.oneFewerTrailCopy).toEqual({
      trailCopies: 1,
      loggingUsd: '93.36',
      savingUsd: '93.37',
    });
  });

  it('logging off: no logging cost, but what a trail would cost is kept', () => {
    const result = estimate(
      [
        busUsage('telemetry', {
          classification: 'telemetry',
          loggingMode: 'off',
          counts: { requestsSucceeded: 3000, entriesSucceeded: 30_000, billableChunks: 30_000 },
          measuredTrail: trail(3000, 2048),
        }),
      ],
      thirtySeconds,
      { assumptions: { s3RetentionDays: 0 } },
    );
    const bus = only(result);
    expect(bus.monthly).toEqual({
      customEvents: '2628000000',
      dataEvents: '0',
      eventBridgeUsd: '2628.00',
      loggingUsd: '0.00',
      totalUsd: '2628.00',
    });
    expect(bus.lineItems).toHaveLength(1);
    // 3,000 x 87,600 = 262,800,000 data events = $262.80 (files kept 0 days: $0.00)
    expect(bus.ifEnabled).toEqual({ mode: 'trail', dataEvents: '262800000', loggingUsd: '262.80' });
    expect(bus.recommendation).toEqual({
      action: 'skip',
      reason:
        'telemetry bus: data events would add $262.80/month (10% of its EventBridge cost) for low audit value',
    });
  });

  it('failed requests are logged by default, and not when the assumption is off', () => {
    const bus = busUsage('orders', { counts: { requestsSucceeded: 900, requestsFailed: 100 } });
    const noFiles = { s3RetentionDays: 0 };
    const on = estimate([bus], thirtySeconds, { assumptions: noFiles });
    const off = estimate([bus], thirtySeconds, {
      assumptions: { ...noFiles, failedRequestsLogged: false },
    });
    expect(only(on).monthly.dataEvents).toBe('87600000');
    expect(only(on).monthly.loggingUsd).toBe('87.60');
    expect(only(off).monthly.dataEvents).toBe('78840000');
    expect(only(off).monthly.loggingUsd).toBe('78.84');
    const assumption = (result: CostEstimate) =>
      result.assumptions.find((a) => a.id === 'cloudtrail.failed-requests-logged');
    expect(assumption(on)?.value).toBe('true');
    expect(assumption(off)?.value).toBe('false');
    // The unconfirmed assumption moves the bill: its band, and the bus's.
    expect(assumption(on)?.band).toEqual({ lowUsd: '78.84', highUsd: '87.60', low: 'false', high: 'true' });
    expect(assumption(on)?.confirmed).toBe(false);
    // All assumptions low / high together: the S3 PUTs of trail files join at 12 files an hour (8,760 PUTs,
    // $0.04) and 60 (43,800 PUTs x $0.000005 = $0.219 -> $0.22).
    expect(only(on).band).toEqual({ lowUsd: '78.88', highUsd: '87.82' });
    expect(on.totalBandUsd).toEqual({ lowUsd: '78.88', highUsd: '87.82' });
    // 10% of requests failed: a delivery problem.
    expect(only(on).recommendation.action).toBe('pair-with-enhanced-logging');
  });

  it('failed entries are not billed by default; billing them is the high end of the band', () => {
    // 1,000 succeeded entries of 2 chunks and 100 failed ones, monthly counts.
    const bus = busUsage('orders', {
      loggingMode: 'off',
      counts: {
        requestsSucceeded: 110,
        entriesSucceeded: 1_000_000,
        entriesFailed: 100_000,
        billableChunks: 2_000_000,
      },
    });
    const result = estimate([bus], monthly);
    expect(only(result).monthly.eventBridgeUsd).toBe('2.00');
    // billed: 2,000,000 + 100,000 x 2 = 2,200,000 chunks = $2.20
    expect(result.assumptions.find((a) => a.id === 'eventbridge.failed-entries-billed')?.band).toEqual({
      lowUsd: '2.00',
      highUsd: '2.20',
      low: 'false',
      high: 'true',
    });
  });

  it('a 7 s replay at timeScale 720 samples the profile: factor 730 h / 7 s, priced through the exact ratio', () => {
    const result = estimate(
      [busUsage('orders', { counts: { requestsSucceeded: 7 } })],
      projectionFromRun(7_000, 720),
      { assumptions: { s3RetentionDays: 0 } },
    );
    // 7 x 2,628,000,000 / 7,000 = 2,628,000 data events = $2.628 -> $2.63
    expect(only(result).monthly.dataEvents).toBe('2628000');
    expect(only(result).monthly.loggingUsd).toBe('2.63');
  });
});

describe('estimateCost: scoping with exclusions (advanced event selectors)', () => {
  const callers = [
    { principalArn: 'arn:aws:sts::111122223333:assumed-role/checkout/busload', requests: 900_000 },
    { principalArn: 'arn:aws:sts::111122223333:assumed-role/canary/busload', requests: 100_000 },
  ];
  const base = {
    counts: { requestsSucceeded: 1_000_000, entriesSucceeded: 1_000_000, billableChunks: 1_000_000 },
    busArn: 'arn:aws:events:us-east-1:111122223333:event-bus/orders',
    principals: callers,
    measuredTrail: trail(1000, 2048),
  };

  it('an excluded principal costs nothing and is shown as excluded', () => {
    const result = estimate(
      [
        busUsage('orders', {
          ...base,
          scope: {
            exclusions: [
              {
                field: 'userIdentity.arn',
                operator: 'startsWith',
                values: ['arn:aws:sts::111122223333:assumed-role/canary/'],
              },
            ],
            insights: false,
            lakeQueryGbPerMonth: 0,
            window: null,
          },
        }),
      ],
      monthly,
      { assumptions: { s3RetentionDays: 0 } },
    );
    const bus = only(result);
    // 1,000,000 requests - the canary's 100,000 = 900,000 data events = $0.90
    expect(bus.monthly.dataEvents).toBe('900000');
    expect(bus.monthly.loggingUsd).toBe('0.90');
    expect(bus.lineItems.at(-1)).toEqual({
      component:
        'Excluded by selectors, not logged (userIdentity.arn startsWith arn:aws:sts::111122223333:assumed-role/canary/)',
      quantity: '100000',
      unit: 'data event',
      unitPriceUsd: '0',
      monthlyUsd: '0.00',
      priceId: 'cloudtrail.data-events',
    });
    expect(bus.excluded).toEqual({
      requests: '100000',
      wouldCostUsd: '0.10',
      exclusions: [
        {
          field: 'userIdentity.arn',
          operator: 'startsWith',
          values: ['arn:aws:sts::111122223333:assumed-role/canary/'],
          confirmedForEventBuses: false,
          matchedRequests: '100000',
        },
      ],
    });
    // userIdentity.arn is not confirmed for event buses: if AWS ignores it, all 1,000,000 are logged.
    const honoured = result.assumptions.find((a) => a.id === 'scope.unconfirmed-fields-honoured');
    expect(honoured?.confirmed).toBe(false);
    expect(honoured?.value).toMatch(/^true: orders: userIdentity.arn not confirmed/);
    expect(honoured?.band).toEqual({ lowUsd: '1.90', highUsd: '2.00', low: 'true', high: 'false' });
    // With every assumption high the PUT line adds 60 files an hour: 43,800 x $0.000005 = $0.22.
    expect(bus.band).toEqual({ lowUsd: '1.90', highUsd: '2.22' });
  });

  it('a confirmed field (resources.ARN) excluding the bus leaves nothing logged', () => {
    const result = estimate(
      [
        busUsage('orders', {
          ...base,
          scope: {
            exclusions: [{ field: 'resources.ARN', operator: 'endsWith', values: [':event-bus/orders'] }],
            insights: false,
            lakeQueryGbPerMonth: 0,
            window: null,
          },
        }),
      ],
      monthly,
    );
    expect(only(result).monthly.loggingUsd).toBe('0.00');
    expect(only(result).excluded?.exclusions[0]?.confirmedForEventBuses).toBe(true);
    expect(only(result).excluded?.requests).toBe('1000000');
    expect(result.assumptions.some((a) => a.id === 'scope.unconfirmed-fields-honoured')).toBe(false);
  });

  it('a principal exclusion without per-caller counts is not applied, and says so', () => {
    const result = estimate(
      [
        busUsage('orders', {
          ...base,
          principals: undefined,
          scope: {
            exclusions: [{ field: 'userIdentity.arn', operator: 'equals', values: ['x'] }],
            insights: false,
            lakeQueryGbPerMonth: 0,
            window: null,
          },
        }),
      ],
      monthly,
    );
    expect(only(result).monthly.dataEvents).toBe('1000000');
    expect(only(result).excluded?.exclusions[0]?.matchedRequests).toBeNull();
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
    // data events 1,048,576 x $0.000001 = $1.05; trail files 1 GB / 8.8 x 12 = 1.363636 GB-months x $0.023
    // = $0.03; ingest 1 GB x $0.50; storage 12 GB-months x $0.03 = $0.36
    expect(
      only(result)
        .lineItems.slice(1)
        .map((item) => item.monthlyUsd),
    ).toEqual(['1.05', '0.03', '0.50', '0.36']);
    expect(only(result).lineItems[2]?.quantity).toBe('1.363636');
    expect(only(result).monthly.loggingUsd).toBe('1.94');
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
      'eventbridge.failed-entries-billed',
      'eventbridge.request-size-limit',
      'cloudtrail.record-per-request',
      'cloudtrail.failed-requests-logged',
      'cloudtrail.trail-copies-billed',
      'cloudtrail.record-bytes',
      'cloudtrail.record-growth-bytes',
      's3.trail-files',
      's3.trail-file-puts',
      'gigabyte',
      'recommend.problem-share-threshold',
    ]);
    expect(home.assumptions.filter((a) => a.confirmed === false).map((a) => a.id)).toEqual([
      'eventbridge.failed-entries-billed',
      'eventbridge.request-size-limit',
      'cloudtrail.record-per-request',
      'cloudtrail.failed-requests-logged',
      'cloudtrail.record-bytes',
      'cloudtrail.record-growth-bytes',
      's3.trail-files',
      's3.trail-file-puts',
    ]);
    const away = estimate([busUsage('orders')], monthly, { region: 'eu-west-3' });
    const price = away.assumptions.find((a) => a.id === 'price.eventbridge.custom-events');
    expect(price?.value).toMatch(/^unconfirmed in eu-west-3: Confirmed for us-east-1 only/);
    expect(price?.source).toBe('https://aws.amazon.com/eventbridge/pricing/');
  });
});

describe('estimateCost: summary sentence (trail files kept 0 days, so the data events alone)', () => {
  const noFiles = { assumptions: { s3RetentionDays: 0 } };
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
      noFiles,
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
      noFiles,
    );
    expect(result.summary).toBe(
      'No bus has PutEvents data events planned; dev stays off: it would add $2.00/month for low audit value; ' +
        'orders is planned off but recommended on: enabling it would add $1.00/month.',
    );
  });
});

describe('estimateCost: Lake from measured record bytes, Insights, queries, what-ifs, windows, quota', () => {
  const scope = (extra: Partial<NonNullable<BusUsage['scope']>>): NonNullable<BusUsage['scope']> => ({
    exclusions: [],
    insights: false,
    lakeQueryGbPerMonth: 0,
    window: null,
    ...extra,
  });

  it('lake-1y from measured record bytes: 1,048,576 records of 1,536 B = 1.5 GB, plus stated queries', () => {
    const result = estimate(
      [
        busUsage('orders', {
          loggingMode: 'lake-1y',
          counts: { requestsSucceeded: 1_048_576, entriesSucceeded: 1_048_576 },
          measuredTrail: trail(1000, 1536),
          scope: scope({ lakeQueryGbPerMonth: 200 }),
        }),
      ],
      monthly,
    );
    const bus = only(result);
    expect(bus.recordBytes).toEqual({ mean: '1536', basis: 'measured' });
    // ingest 1.5 GB x $0.75 = $1.125 -> $1.13; retention 0; queries 200 GB x $0.005 = $1.00
    expect(bus.lineItems.slice(1).map((item) => [item.component, item.quantity, item.monthlyUsd])).toEqual([
      ['CloudTrail Lake ingest (1-year extendable)', '1.5', '1.13'],
      ['CloudTrail Lake retention past 366 days (kept 366 days)', '0', '0.00'],
      ['CloudTrail Lake queries (GB scanned, as stated)', '200', '1.00'],
    ]);
    expect(bus.monthly.loggingUsd).toBe('2.13');
    const ids = result.assumptions.map((a) => a.id);
    expect(ids).toContain('cloudtrail.record-bytes-measured');
    expect(ids).not.toContain('cloudtrail.record-bytes');
  });

  it('data-event Insights when asked: one analysis per logged request', () => {
    const result = estimate(
      [
        busUsage('orders', {
          counts: { requestsSucceeded: 10_000_000 },
          scope: scope({ insights: true }),
          measuredTrail: trail(1, 0),
        }),
      ],
      monthly,
    );
    // 10,000,000 x $0.03 / 100,000 = $3.00 (files of 0 bytes: $0.00)
    expect(only(result).lineItems.at(-1)).toMatchObject({
      component: 'CloudTrail Insights on data events (1 trail)',
      quantity: '10000000',
      monthlyUsd: '3.00',
      priceId: 'cloudtrail.data-insights',
    });
    expect(only(result).monthly.loggingUsd).toBe('13.00');
  });

  it('what-ifs: every mode for this bus, and the trail vs Lake crossover for its record size', () => {
    const result = estimate(
      [
        busUsage('orders', {
          counts: { requestsSucceeded: 1_048_576, entriesSucceeded: 1_048_576 },
          measuredTrail: trail(1000, 2048),
        }),
      ],
      monthly,
    );
    const whatIfs = only(result).whatIfs!;
    // trail $1.05 + files 0.25 GB x 12 x $0.023 = $0.07; lake-1y 2 GB x $0.75; lake-7y 2 GB x $2.50;
    // cloudwatch-logs = trail + 2 GB x $0.50 + 24 GB-months x $0.03
    expect(whatIfs.loggingUsdByMode).toEqual({
      trail: '1.12',
      'lake-1y': '1.50',
      'lake-7y': '5.00',
      'cloudwatch-logs': '2.84',
    });
    // b* = 0.000001 x 2^30 / (0.75 - 0.125 x 0.023 x 12) = 1,073.741824 / 0.7155 = 1,500.69 B < 2,048 B
    expect(whatIfs.trailVsLake).toEqual({
      recordBytes: '2048',
      crossoverRecordBytes: '1501',
      cheaper: 'trail',
    });
    expect(whatIfs.oneFewerTrailCopy).toBeUndefined();
  });

  it('logging for an incident window: enable-temporarily with the cost per day', () => {
    const result = estimate(
      [
        busUsage('identity', {
          classification: 'production',
          counts: {
            requestsSucceeded: 73_000_000,
            entriesSucceeded: 730_000_000,
            billableChunks: 730_000_000,
          },
          scope: scope({ window: 'incident' }),
        }),
      ],
      monthly,
      { assumptions: { s3RetentionDays: 0 } },
    );
    // $73.00 a month x 24 / 730 = $2.40 a day
    expect(only(result).recommendation).toEqual({
      action: 'enable-temporarily',
      reason:
        'logging planned for the incident only: $2.40/day while it lasts ($73.00/month if left on, 10% of its EventBridge cost); turn it off afterwards',
    });
    expect(only(result).loggingUsdPerDay).toBe('2.40');
  });

  it('quota headroom: the account peak against the region quota', () => {
    const result = estimate([busUsage('orders')], monthly, {
      quota: { quotaTps: 10_000, peakCallsPerSec: 515, basis: 'sum of producer peaks' },
    });
    expect(result.quotaHeadroom).toMatchObject({
      quotaTps: 10_000,
      peakCallsPerSec: '515',
      usedShare: '5.2%',
      headroomCallsPerSec: '9485',
      basis: 'sum of producer peaks',
    });
  });
});

/*
 * Issue 12's missing and unconfirmed lines, each a switchable assumption with its band: the S3 PUT requests
 * of trail-file delivery, CloudWatch Logs storage on compressed or raw bytes, a calendar month beside the
 * 730-hour convention, and the regional prices that differ from us-east-1. Hand-worked arithmetic in every
 * test (bundled catalog), on counts already per 730-hour month and with every line of the bill.
 */
/** Counts already per 730-hour month, through the exact ratio. */
const perMonth: Projection = {
  basis: 'monthly counts',
  factor: '1',
  ratio: { numerator: '1', denominator: '1' },
};
const lineOf = (result: CostEstimate, priceId: string) =>
  only(result).lineItems.find((item) => item.priceId === priceId);
const assumptionOf = (result: CostEstimate, id: string) => result.assumptions.find((a) => a.id === id);

/** The estimate of monthly counts with the model's own assumptions (the S3 PUT line included). */
function estimateMonthly(buses: BusUsage[], extra: Partial<Parameters<typeof estimateCost>[0]> = {}) {
  return estimateCost({ buses, projection: perMonth, catalog, region: 'us-east-1', ...extra });
}

/** 2^20 logged requests a month, records of 1,024 B measured, files gzipped to an eighth: 1 GB of records. */
const oneGb = (overrides: Partial<BusUsage> = {}) =>
  busUsage('orders', {
    counts: { requestsSucceeded: 1_048_576 },
    measuredTrail: { records: 1000, recordBytes: 1000 * 1024, gzipRatio: 0.125 },
    ...overrides,
  });

describe('S3 PUT requests of trail-file delivery (assumption trailFilesPerHour, default 12)', () => {
  const bus = busUsage('orders', { trailCopies: 2, counts: { requestsSucceeded: 1_000_000 } });
  const noFiles = { s3RetentionDays: 0 };

  it('prices files per hour x 730 h x trail copies at the S3 PUT price', () => {
    const result = estimateMonthly([bus], { assumptions: noFiles });
    // 12 files an hour x 730 h x 2 copies = 17,520 PUTs x $0.005 / 1,000 = $0.0876 -> $0.09
    expect(lineOf(result, 's3.put-requests')).toEqual({
      component: 'S3 PUT requests of trail files (12 files/hour per trail copy)',
      quantity: '17520',
      unit: 'PUT request',
      unitPriceUsd: '0.000005',
      monthlyUsd: '0.09',
      priceId: 's3.put-requests',
    });
    // data events 2 x 1,000,000 x $0.000001 = $2.00; files kept 0 days: $0.00; PUTs $0.09
    expect(only(result).monthly.loggingUsd).toBe('2.09');
    expect(assumptionOf(result, 's3.trail-file-puts')).toMatchObject({
      confirmed: false,
      // 60 files an hour: 60 x 730 x 2 = 87,600 PUTs x $0.000005 = $0.438 -> $0.44 -> $2.44
      band: { lowUsd: '2.09', highUsd: '2.44', low: '12', high: '60' },
    });
    expect(assumptionOf(result, 's3.trail-file-puts')?.value).toMatch(
      /^12 trail files delivered per hour per trail copy/,
    );
  });

  it('is switched off with trailFilesPerHour=0, and up with any other number', () => {
    const off = estimateMonthly([bus], { assumptions: { ...noFiles, trailFilesPerHour: 0 } });
    expect(lineOf(off, 's3.put-requests')).toBeUndefined();
    expect(only(off).monthly.loggingUsd).toBe('2.00');
    expect(assumptionOf(off, 's3.trail-file-puts')?.value).toMatch(
      /^0: S3 PUT requests of trail files left out/,
    );
    // 30 files an hour x 730 x 2 = 43,800 x $0.000005 = $0.219 -> $0.22
    const busy = estimateMonthly([bus], { assumptions: { ...noFiles, trailFilesPerHour: 30 } });
    expect(lineOf(busy, 's3.put-requests')).toMatchObject({ quantity: '43800', monthlyUsd: '0.22' });
  });

  it('never counts more files than records, and none when nothing is logged', () => {
    // 100 logged requests a month x 2 copies: at most one file per record -> 200 PUTs x $0.000005 = $0.001 -> $0.00
    const quiet = estimateMonthly([
      busUsage('orders', { trailCopies: 2, counts: { requestsSucceeded: 100 } }),
    ]);
    expect(lineOf(quiet, 's3.put-requests')).toMatchObject({ quantity: '200', monthlyUsd: '0.00' });
    const silent = estimateMonthly([busUsage('orders', { counts: { requestsSucceeded: 0 } })]);
    expect(lineOf(silent, 's3.put-requests')).toBeUndefined();
    expect(only(silent).monthly.loggingUsd).toBe('0.00');
  });

  it('is part of a trail, not of a Lake store', () => {
    const lake = estimateMonthly([
      busUsage('orders', { loggingMode: 'lake-1y', counts: { requestsSucceeded: 1 } }),
    ]);
    expect(lineOf(lake, 's3.put-requests')).toBeUndefined();
    expect(assumptionOf(lake, 's3.trail-file-puts')).toBeUndefined();
  });
});

describe('CloudWatch Logs storage on raw or compressed bytes (assumption logsStorageCompressed, default raw)', () => {
  const logs = oneGb({ loggingMode: 'cloudwatch-logs' });

  it('stores raw bytes by default and compressed at the gzip ratio when switched; the band spans both', () => {
    const raw = estimateMonthly([logs]);
    // 2^20 x 1,024 B = 1 GB a month, kept 365 days: 1 x 365 / (730 / 24) = 12 GB-months x $0.03 = $0.36
    expect(lineOf(raw, 'cloudwatch-logs.storage')).toMatchObject({
      component: 'CloudWatch Logs storage (raw bytes, kept 365 days)',
      quantity: '12',
      monthlyUsd: '0.36',
    });
    const compressed = estimateMonthly([logs], { assumptions: { logsStorageCompressed: true } });
    // 12 GB-months x 0.125 (the run's measured gzip ratio) = 1.5 GB-months x $0.03 = $0.045 -> $0.05
    expect(lineOf(compressed, 'cloudwatch-logs.storage')).toMatchObject({
      component: 'CloudWatch Logs storage (compressed bytes, kept 365 days)',
      quantity: '1.5',
      monthlyUsd: '0.05',
    });
    // Both: data events 1,048,576 x $0.000001 = $1.05; S3 1 GB x 0.125 x 12 = 1.5 GB-months x $0.023 = $0.03;
    // PUTs $0.04; ingest 1 GB x $0.50 = $0.50 -> raw $1.98, compressed $1.67.
    expect(only(raw).monthly.loggingUsd).toBe('1.98');
    expect(only(compressed).monthly.loggingUsd).toBe('1.67');
    expect(assumptionOf(raw, 'logs.storage-bytes')).toMatchObject({
      confirmed: false,
      band: { lowUsd: '1.67', highUsd: '1.98', low: 'compressed', high: 'raw' },
    });
    expect(assumptionOf(raw, 'logs.storage-bytes')?.value).toMatch(/^raw: stored GB = ingested GB/);
    expect(assumptionOf(compressed, 'logs.storage-bytes')?.value).toMatch(/^compressed: .*0\.125/);
  });

  it('prices the cloudwatch-logs what-if of a trail bus the same way', () => {
    const trail = oneGb();
    const raw = only(estimateMonthly([trail])).whatIfs?.loggingUsdByMode['cloudwatch-logs'];
    const compressed = only(estimateMonthly([trail], { assumptions: { logsStorageCompressed: true } }))
      .whatIfs?.loggingUsdByMode['cloudwatch-logs'];
    expect([raw, compressed]).toEqual(['1.98', '1.67']);
  });
});

describe('a calendar month beside the 730-hour convention', () => {
  it('February 2027 (672 h): volumes x 672 / 730, storage unchanged, PUTs x 672, cost per day / 28', () => {
    const bus = busUsage('orders', {
      counts: { requestsSucceeded: 730_000, entriesSucceeded: 7_300_000, billableChunks: 7_300_000 },
      measuredTrail: { records: 1000, recordBytes: 1000 * 2048, gzipRatio: 0.125 },
    });
    const convention = estimateMonthly([bus]);
    const february = estimateMonthly([bus], { month: calendarMonth('2027-02') });
    // chunks 7,300,000 x 672 / 730 = 6,720,000 x $0.000001 = $6.72; data events 672,000 = $0.672 -> $0.67
    expect(only(february).monthly).toMatchObject({
      customEvents: '6720000',
      dataEvents: '672000',
      eventBridgeUsd: '6.72',
    });
    expect(only(convention).monthly).toMatchObject({ customEvents: '7300000', dataEvents: '730000' });
    // S3 storage in GB-months is byte-hours / the month's hours: the same in both months.
    expect(lineOf(february, 's3.standard-storage')?.quantity).toBe(
      lineOf(convention, 's3.standard-storage')?.quantity,
    );
    // PUTs: 12 x 672 = 8,064 x $0.000005 = $0.04032 -> $0.04
    expect(lineOf(february, 's3.put-requests')).toMatchObject({ quantity: '8064', monthlyUsd: '0.04' });
    // cost per day: logging / 28 days
    const logging = Number(only(february).monthly.loggingUsd);
    expect(only(february).loggingUsdPerDay).toBe((Math.round((logging / 28) * 100) / 100).toFixed(2));
    expect(february.month).toEqual({ label: '2027-02', hours: 672, basis: 'calendar month' });
    expect(convention.month).toEqual({ label: '730 h', hours: 730, basis: "AWS's pricing convention" });
    expect(assumptionOf(february, 'month-hours')?.value).toMatch(
      /^672 \(calendar month 2027-02: 28 days x 24 h/,
    );
    expect(assumptionOf(convention, 'month-hours')?.value).toMatch(
      /^730 \(AWS's pricing convention, not a fact about any bill/,
    );
  });
});

describe('regional prices that differ from us-east-1', () => {
  it('ap-northeast-1: CloudWatch Logs $0.76/GB and $0.033/GB-month, S3 $0.025/GB-month (third-party, S37)', () => {
    const result = estimateMonthly([oneGb({ loggingMode: 'cloudwatch-logs' })], { region: 'ap-northeast-1' });
    // ingest 1 GB x $0.76; storage 12 GB-months x $0.033 = $0.396 -> $0.40; S3 1.5 GB-months x $0.025 = $0.0375 -> $0.04
    expect(lineOf(result, 'cloudwatch-logs.ingest')).toMatchObject({
      unitPriceUsd: '0.76',
      monthlyUsd: '0.76',
    });
    expect(lineOf(result, 'cloudwatch-logs.storage')).toMatchObject({
      unitPriceUsd: '0.033',
      monthlyUsd: '0.40',
    });
    expect(lineOf(result, 's3.standard-storage')).toMatchObject({
      unitPriceUsd: '0.025',
      monthlyUsd: '0.04',
    });
    // data events $1.05 + S3 $0.04 + PUTs $0.04 (us-east-1's price, unconfirmed here) + $0.76 + $0.40
    expect(only(result).monthly.loggingUsd).toBe('2.29');
    const ids = result.assumptions.map((a) => a.id);
    expect(ids).toContain('price.s3.put-requests');
    expect(ids).toContain('price.cloudwatch-logs.ingest');
    expect(assumptionOf(result, 'price.cloudwatch-logs.ingest')?.value).toMatch(
      /^third-party in ap-northeast-1/,
    );
  });

  it('il-central-1: S3 PUTs $0.0055 per 1,000 (third-party, S33)', () => {
    const bus = busUsage('orders', { counts: { requestsSucceeded: 1_000_000 } });
    const result = estimateMonthly([bus], { region: 'il-central-1' });
    // 12 x 730 = 8,760 PUTs x $0.0000055 = $0.04818 -> $0.05
    expect(lineOf(result, 's3.put-requests')).toMatchObject({
      unitPriceUsd: '0.0000055',
      monthlyUsd: '0.05',
    });
  });
});
