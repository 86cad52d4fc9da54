import { describe, expect, it } from 'vitest';
import {
  LogHistogram,
  MetricStore,
  MinuteAggregate,
  parseStatistic,
} from '../../../src/endpoint/cloudwatch/metrics-store.js';

const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const identity = { namespace: 'N', metricName: 'M', dimensions: [] };

describe('LogHistogram', () => {
  it('finds percentiles within 1% of the exact nearest-rank value', () => {
    const histogram = new LogHistogram();
    for (let v = 1; v <= 1000; v++) histogram.record(v);
    for (const [percent, exact] of [
      [50, 500],
      [90, 900],
      [99, 990],
      [99.9, 999],
    ] as const) {
      const value = histogram.valueAtPercentile(percent)!;
      expect(Math.abs(value - exact) / exact, `p${percent}`).toBeLessThan(0.01);
    }
  });

  it('orders negative values, zero and positive values', () => {
    const histogram = new LogHistogram();
    histogram.record(-10, 2);
    histogram.record(0, 1);
    histogram.record(5, 1);
    expect(histogram.valueAtPercentile(50)).toBeCloseTo(-10, 0);
    expect(histogram.valueAtPercentile(75)).toBe(0);
    expect(histogram.valueAtPercentile(100)).toBeCloseTo(5, 0);
  });
});

describe('MinuteAggregate', () => {
  it('computes the basic statistics exactly and percentiles only with a distribution', () => {
    const aggregate = new MinuteAggregate();
    aggregate.record(2, 3);
    aggregate.record(8);
    expect(aggregate.statistic({ kind: 'Sum' })).toBe(14);
    expect(aggregate.statistic({ kind: 'SampleCount' })).toBe(4);
    expect(aggregate.statistic({ kind: 'Average' })).toBe(3.5);
    expect(aggregate.statistic({ kind: 'Minimum' })).toBe(2);
    expect(aggregate.statistic({ kind: 'Maximum' })).toBe(8);
    expect(aggregate.statistic({ kind: 'percentile', percent: 100 })).toBe(8);
    // A statistic set of one sample, or of equal Minimum and Maximum, keeps percentiles (AWS documents it).
    aggregate.recordStatisticSet(1, 1, 1, 1);
    expect(aggregate.statistic({ kind: 'percentile', percent: 1 })).toBe(1);
    aggregate.recordStatisticSet(3, 6, 2, 2);
    expect(aggregate.statistic({ kind: 'SampleCount' })).toBe(8);
    expect(aggregate.statistic({ kind: 'percentile', percent: 100 })).toBe(8);
    // Any other statistic set hides the distribution.
    aggregate.recordStatisticSet(2, 3, 1, 2);
    expect(aggregate.statistic({ kind: 'percentile', percent: 50 })).toBeNull();
    // Negative values: no percentiles (GetMetricStatistics API reference).
    const negative = new MinuteAggregate();
    negative.record(-1);
    negative.record(5);
    expect(negative.statistic({ kind: 'percentile', percent: 50 })).toBeNull();
    expect(negative.statistic({ kind: 'Sum' })).toBe(4);
    expect(new MinuteAggregate().statistic({ kind: 'Sum' })).toBeNull();
  });
});

describe('MetricStore.query', () => {
  it('aligns periods to the start rounded down to the minute and leaves empty periods out', () => {
    const store = new MetricStore();
    const series = store.seriesFor(identity)!;
    series.at(T0 + 5_000).record(1);
    series.at(T0 + 65_000).record(2);
    series.at(T0 + 4 * 60_000).record(4);
    const points = store.query({
      identity,
      statistic: { kind: 'Sum' },
      periodSec: 120,
      startEpochMs: T0 + 30_000,
      endEpochMs: T0 + 10 * 60_000,
    });
    expect(points).toEqual([
      { timestampEpochMs: T0, value: 3 },
      { timestampEpochMs: T0 + 4 * 60_000, value: 4 },
    ]);
  });

  it('treats dimension order as irrelevant and filters by unit', () => {
    const store = new MetricStore();
    const a = { Name: 'a', Value: '1' };
    const b = { Name: 'b', Value: '2' };
    store
      .seriesFor({ ...identity, dimensions: [a, b] }, 'Count')!
      .at(T0)
      .record(1);
    store
      .seriesFor({ ...identity, dimensions: [b, a] }, 'Bytes')!
      .at(T0)
      .record(10);
    const base = {
      identity: { ...identity, dimensions: [b, a] },
      periodSec: 60,
      startEpochMs: T0,
      endEpochMs: T0 + 60_000,
    };
    expect(store.query({ ...base, statistic: { kind: 'Sum' } })).toEqual([
      { timestampEpochMs: T0, value: 11 },
    ]);
    expect(store.query({ ...base, statistic: { kind: 'Sum' }, unit: 'Bytes' })).toEqual([
      { timestampEpochMs: T0, value: 10 },
    ]);
    expect(store.size).toBe(1);
  });
});

describe('parseStatistic', () => {
  it.each([
    ['Sum', { kind: 'Sum' }],
    ['p99', { kind: 'percentile', percent: 99 }],
    ['p99.9', { kind: 'percentile', percent: 99.9 }],
    ['p0', null],
    ['p101', null],
    ['tm99', null],
    ['sum', null],
  ])('%s -> %j', (name, expected) => {
    expect(parseStatistic(name)).toEqual(expected);
  });
});
