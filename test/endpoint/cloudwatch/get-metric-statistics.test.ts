import { describe, expect, it } from 'vitest';
import { getMetricStatistics } from '../../../src/endpoint/cloudwatch/get-metric-statistics.js';
import { MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import { refusalOf } from '../../helpers/cloudwatch-refusal.js';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const M = 60_000;
const identity = { namespace: 'App', metricName: 'Latency', dimensions: [{ Name: 'Bus', Value: 'orders' }] };
const base = {
  Namespace: 'App',
  MetricName: 'Latency',
  Dimensions: [{ Name: 'Bus', Value: 'orders' }],
  StartTime: T0 / 1000,
  EndTime: (T0 + 4 * M) / 1000,
  Period: 120,
};

/** 1..100 ms at minute 0, 200 ms at minute 1, 5 ms at minute 2; 7 Count at minute 3 (another unit). */
function store(): MetricStore {
  const metrics = new MetricStore();
  const ms = metrics.seriesFor(identity, 'Milliseconds')!;
  for (let v = 1; v <= 100; v++) ms.at(T0).record(v);
  ms.at(T0 + M).record(200);
  ms.at(T0 + 2 * M).record(5);
  metrics
    .seriesFor(identity, 'Count')!
    .at(T0 + 3 * M)
    .record(7);
  return metrics;
}

describe('getMetricStatistics over a MetricStore', () => {
  it('merges the minutes of each period and gives the statistics asked, oldest first', () => {
    expect(
      getMetricStatistics(store(), {
        ...base,
        Unit: 'Milliseconds',
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
      }),
    ).toEqual({
      Label: 'Latency',
      Datapoints: [
        {
          Timestamp: new Date(T0),
          SampleCount: 101,
          Sum: 5250,
          Average: 5250 / 101,
          Minimum: 1,
          Maximum: 200,
          Unit: 'Milliseconds',
        },
        {
          Timestamp: new Date(T0 + 2 * M),
          SampleCount: 1,
          Sum: 5,
          Average: 5,
          Minimum: 5,
          Maximum: 5,
          Unit: 'Milliseconds',
        },
      ],
    });
  });

  it('without Unit reads every unit together and writes None when the metric has several', () => {
    expect(getMetricStatistics(store(), { ...base, Statistics: ['Sum'] })).toEqual({
      Label: 'Latency',
      Datapoints: [
        { Timestamp: new Date(T0), Sum: 5250, Unit: 'None' },
        { Timestamp: new Date(T0 + 2 * M), Sum: 12, Unit: 'None' },
      ],
    });
  });

  it('puts percentiles in ExtendedStatistics (exact at the extremes)', () => {
    const output = getMetricStatistics(store(), {
      ...base,
      Period: 60,
      EndTime: (T0 + M) / 1000,
      ExtendedStatistics: ['p100', 'p1'],
    });
    expect(output).toEqual({
      Label: 'Latency',
      Datapoints: [
        // The metric holds two units, so without Unit the answer says None even for a period of one unit.
        { Timestamp: new Date(T0), ExtendedStatistics: { p100: 100, p1: 1 }, Unit: 'None' },
      ],
    });
  });

  it.each([
    [
      { Statistics: ['Sum'], ExtendedStatistics: ['p99'] },
      'InvalidParameterCombinationException',
      'The parameters Statistics and ExtendedStatistics are mutually exclusive.',
    ],
    [{}, 'MissingRequiredParameterException', 'The parameter Statistics or ExtendedStatistics is required.'],
    [
      { Statistics: ['Median'] },
      'InvalidParameterValueException',
      'The value Median for parameter Statistics.member.1 is invalid.',
    ],
    [
      { ExtendedStatistics: ['Sum'] },
      'InvalidParameterValueException',
      'The value Sum for parameter ExtendedStatistics.member.1 is invalid: expected a percentile such as p99.',
    ],
    [
      { Statistics: ['Sum', 'Sum', 'Sum', 'Sum', 'Sum', 'Sum'] },
      'InvalidParameterValueException',
      'The collection Statistics must not have a size greater than 5.',
    ],
    [
      { ExtendedStatistics: Array.from({ length: 11 }, (_, i) => `p${i + 1}`) },
      'InvalidParameterValueException',
      'The collection ExtendedStatistics must not have a size greater than 10.',
    ],
    [
      { Statistics: ['Sum'], Period: 60, EndTime: (T0 + 1441 * M) / 1000 },
      'InvalidParameterCombinationException',
      'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    ],
    [
      { Statistics: ['Sum'], Period: 90 },
      'InvalidParameterValueException',
      'The value 90 for parameter Period is invalid: the period must be 1, 5, 10, 20, 30, or a multiple of 60.',
    ],
    [
      { Statistics: ['Sum'], MetricName: undefined },
      'MissingRequiredParameterException',
      'The parameter MetricName is required.',
    ],
  ])('refuses %j with %s', (input, code, message) => {
    expect(refusalOf(() => getMetricStatistics(store(), { ...base, ...input }))).toMatchObject({
      httpStatus: 400,
      code,
      message,
    });
  });

  it('accepts exactly 1,440 datapoints', () => {
    expect(
      getMetricStatistics(store(), {
        ...base,
        Statistics: ['SampleCount'],
        Period: 60,
        EndTime: (T0 + 1440 * M) / 1000,
      })['Datapoints'],
    ).toHaveLength(4);
  });
});
