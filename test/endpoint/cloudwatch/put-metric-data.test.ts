import {
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { MAX_SERIES, MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import { type PublishTimes, putMetricData } from '../../../src/endpoint/cloudwatch/put-metric-data.js';
import { MINUTE_MS, seriesOf, T0, useCloudWatchEndpoint } from '../../helpers/cloudwatch-endpoint.js';
import { refusalOf } from '../../helpers/cloudwatch-refusal.js';

const { start, cloudWatch } = useCloudWatchEndpoint();

describe('CloudWatch PutMetricData', () => {
  it('stores custom metrics with dimensions that GetMetricData returns', async () => {
    const running = await start();
    const client = cloudWatch(running.url);
    const dimensions = [
      { Name: 'Scenario', Value: 'quickstart' },
      { Name: 'Bus', Value: 'orders' },
    ];
    await client.send(
      new PutMetricDataCommand({
        Namespace: 'Busload/Regress',
        MetricData: [
          {
            MetricName: 'LatencyP99Ms',
            Dimensions: dimensions,
            Value: 40,
            Unit: 'Milliseconds',
            Timestamp: new Date(T0),
          },
          {
            MetricName: 'LatencyP99Ms',
            Dimensions: dimensions,
            Value: 60,
            Unit: 'Milliseconds',
            Timestamp: new Date(T0 + 5_000),
          },
          {
            MetricName: 'LatencyP99Ms',
            Dimensions: [{ Name: 'Scenario', Value: 'other' }],
            Value: 999,
            Timestamp: new Date(T0),
          },
          {
            MetricName: 'Spread',
            Values: [1, 2, 3, 100],
            Counts: [50, 30, 19, 1],
            Timestamp: new Date(T0 + MINUTE_MS),
          },
          {
            MetricName: 'Summary',
            StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 },
            Timestamp: new Date(T0 + MINUTE_MS),
          },
        ],
      }),
    );
    // Dimension order does not matter for identity.
    const reversed = [...dimensions].reverse();
    const get = (
      id: string,
      metricName: string,
      stat: string,
      dims = reversed,
      unit?: 'Milliseconds' | 'Count',
    ) =>
      ({
        Id: id,
        MetricStat: {
          Metric: { Namespace: 'Busload/Regress', MetricName: metricName, Dimensions: dims },
          Period: 60,
          Stat: stat,
          Unit: unit,
        },
      }) satisfies MetricDataQuery;
    const output = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 2 * MINUTE_MS),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          get('avg', 'LatencyP99Ms', 'Average'),
          get('max', 'LatencyP99Ms', 'Maximum'),
          get('wrongUnit', 'LatencyP99Ms', 'Average', reversed, 'Count'),
          get('other', 'LatencyP99Ms', 'Sum', [{ Name: 'Scenario', Value: 'other' }]),
          get('spreadCount', 'Spread', 'SampleCount', []),
          get('spreadP50', 'Spread', 'p50', []),
          get('spreadP99', 'Spread', 'p99', []),
          get('spreadP100', 'Spread', 'p100', []),
          get('summaryAvg', 'Summary', 'Average', []),
          get('summaryP50', 'Summary', 'p50', []),
        ],
      }),
    );
    expect(seriesOf(output, 'avg')).toEqual([[T0, 50]]);
    expect(seriesOf(output, 'max')).toEqual([[T0, 60]]);
    expect(seriesOf(output, 'wrongUnit')).toEqual([]);
    expect(seriesOf(output, 'other')).toEqual([[T0, 999]]);
    expect(seriesOf(output, 'spreadCount')).toEqual([[T0 + MINUTE_MS, 100]]);
    expect(seriesOf(output, 'spreadP50')[0]?.[1]).toBeCloseTo(1, 1);
    expect(seriesOf(output, 'spreadP99')[0]?.[1]).toBeCloseTo(3, 1);
    expect(seriesOf(output, 'spreadP100')).toEqual([[T0 + MINUTE_MS, 100]]);
    expect(seriesOf(output, 'summaryAvg')).toEqual([[T0 + MINUTE_MS, 2.5]]);
    // A statistic set has no distribution: no percentile, as in CloudWatch.
    expect(seriesOf(output, 'summaryP50')).toEqual([]);

    const listed = await client.send(new ListMetricsCommand({ Namespace: 'Busload/Regress' }));
    expect(listed.Metrics?.map((m) => m.MetricName).sort()).toEqual([
      'LatencyP99Ms',
      'LatencyP99Ms',
      'Spread',
      'Summary',
    ]);
  });
});

describe('putMetricData over a MetricStore', () => {
  const NOW = T0 + 30 * MINUTE_MS;
  const identity = { namespace: 'App', metricName: 'Latency', dimensions: [] };
  const sumAt = (metrics: MetricStore, minute: number, unit?: string) =>
    metrics.query({
      identity,
      statistic: { kind: 'Sum' },
      periodSec: 60,
      startEpochMs: T0 + minute * MINUTE_MS,
      endEpochMs: T0 + (minute + 1) * MINUTE_MS,
      unit,
    });

  it('stores each datum at its timestamp (now when absent), its unit and resolution, and notes when it was published', () => {
    const metrics = new MetricStore();
    const published: PublishTimes = new Map();
    putMetricData(
      metrics,
      published,
      {
        Namespace: 'App',
        MetricData: [
          { MetricName: 'Latency', Value: 4, Unit: 'Milliseconds', Timestamp: (T0 + 5_000) / 1000 },
          {
            MetricName: 'Latency',
            Values: [1, 2],
            Counts: [3, 1],
            Unit: 'Milliseconds',
            Timestamp: T0 / 1000,
          },
          { MetricName: 'Latency', Value: 7 },
          { MetricName: 'Fast', Value: 1, StorageResolution: 1, Timestamp: (T0 + 1_500) / 1000 },
        ],
        EntityMetricData: [{ MetricData: [{ MetricName: 'Latency', Value: 100, Timestamp: new Date(T0) }] }],
      },
      NOW,
    );
    // 4 + 1 x 3 + 2 x 1 in Milliseconds at minute 0, 100 without a unit; 7 at now (minute 30).
    expect(sumAt(metrics, 0, 'Milliseconds')).toEqual([{ timestampEpochMs: T0, value: 9 }]);
    expect(sumAt(metrics, 0)).toEqual([{ timestampEpochMs: T0, value: 109 }]);
    expect(sumAt(metrics, 30)).toEqual([{ timestampEpochMs: NOW, value: 7 }]);
    expect(metrics.seriesFor({ ...identity, metricName: 'Fast' })!.resolutionMs).toBe(1_000);
    expect([...published.values()]).toEqual([NOW, NOW]);
  });

  it('stores nothing when one datum is refused (all or nothing)', () => {
    const metrics = new MetricStore();
    const published: PublishTimes = new Map();
    const error = refusalOf(() =>
      putMetricData(
        metrics,
        published,
        { Namespace: 'App', MetricData: [{ MetricName: 'Latency', Value: 1 }, { MetricName: 'Latency' }] },
        NOW,
      ),
    );
    expect(error).toEqual({
      httpStatus: 400,
      code: 'MissingRequiredParameterException',
      queryCode: 'MissingParameter',
      message: 'The parameter MetricData.member.2.Value is required.',
    });
    expect(metrics.size).toBe(0);
    expect(published.size).toBe(0);
  });

  it('answers LimitExceeded when the store holds its maximum number of metrics', () => {
    const metrics = new MetricStore();
    for (let i = 0; i < MAX_SERIES; i++)
      metrics.seriesFor({ namespace: 'Full', metricName: `m${i}`, dimensions: [] });
    const error = refusalOf(() =>
      putMetricData(
        metrics,
        new Map(),
        { Namespace: 'App', MetricData: [{ MetricName: 'New', Value: 1 }] },
        NOW,
      ),
    );
    expect(error).toEqual({
      httpStatus: 400,
      code: 'LimitExceededFault',
      queryCode: 'LimitExceeded',
      message: 'The busload emulator holds its maximum number of metrics.',
    });
  });

  const datum = (extra: Record<string, unknown>) => ({
    Namespace: 'App',
    MetricData: [{ MetricName: 'm', ...extra }],
  });
  it.each([
    [{ Namespace: 'App' }, 'MissingRequiredParameterException', 'The parameter MetricData is required.'],
    [
      { Namespace: 'App', MetricData: Array.from({ length: 1001 }, () => ({ MetricName: 'm', Value: 1 })) },
      'InvalidParameterValueException',
      'The collection MetricData must not have a size greater than 1000.',
    ],
    [
      { Namespace: 'AWS/Events', MetricData: [{ MetricName: 'm', Value: 1 }] },
      'InvalidParameterValueException',
      'The value AWS/Events for parameter Namespace is invalid.',
    ],
    [
      datum({ Value: 1, StorageResolution: 10 }),
      'InvalidParameterValueException',
      'The value 10 for parameter MetricData.member.1.StorageResolution is invalid.',
    ],
    [
      datum({ Value: 1, Timestamp: (NOW - 15 * 24 * 3_600_000) / 1000 }),
      'InvalidParameterValueException',
      'The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.',
    ],
    [
      datum({ Value: 1, Timestamp: (NOW + 2 * 3_600_000 + 1_000) / 1000 }),
      'InvalidParameterValueException',
      'The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.',
    ],
    [
      datum({ Value: 1, Values: [1] }),
      'InvalidParameterCombinationException',
      'The parameters MetricData.member.1.Value, MetricData.member.1.StatisticValues and MetricData.member.1.Values are mutually exclusive and you have specified more than one.',
    ],
    [
      datum({ StatisticValues: { SampleCount: 2, Sum: 3, Minimum: 2, Maximum: 1 } }),
      'InvalidParameterValueException',
      'The parameter MetricData.member.1.StatisticValues is invalid: SampleCount must be > 0 and Minimum <= Maximum.',
    ],
    [
      datum({ StatisticValues: { SampleCount: 2, Sum: 3, Minimum: 1 } }),
      'MissingRequiredParameterException',
      'The parameter MetricData.member.1.StatisticValues.Maximum is required.',
    ],
    [
      datum({ Values: Array.from({ length: 151 }, () => 1) }),
      'InvalidParameterValueException',
      'The collection MetricData.member.1.Values must not have a size greater than 150.',
    ],
    [
      datum({ Values: [1, 2], Counts: [1] }),
      'InvalidParameterValueException',
      'The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be arrays of the same size.',
    ],
    [
      datum({ Values: [1], Counts: [-1] }),
      'InvalidParameterValueException',
      'The value -1 for parameter MetricData.member.1.Counts.member.1 is invalid.',
    ],
    [
      datum({ Values: ['x'] }),
      'InvalidParameterValueException',
      'The value x for parameter MetricData.member.1.Values.member.1 is invalid.',
    ],
    [
      { Namespace: 'App', MetricData: [{ MetricName: 'n'.repeat(256), Value: 1 }] },
      'InvalidParameterValueException',
      'The parameter MetricData.member.1.MetricName must be at most 255 characters.',
    ],
  ])('refuses %j with %s', (input, code, message) => {
    const metrics = new MetricStore();
    expect(refusalOf(() => putMetricData(metrics, new Map(), input, NOW))).toMatchObject({ code, message });
    expect(metrics.size).toBe(0);
  });
});
