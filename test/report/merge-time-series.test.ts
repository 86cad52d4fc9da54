import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  recordLatencyUs,
} from '../../src/metrics/histogram.js';
import { mergeTimeSeries } from '../../src/report/merge-time-series.js';
import type { TimeSeries, TimeSeriesPoint } from '../../src/report/types.js';

function point(startMs: number, calls: number, latenciesUs: number[]): TimeSeriesPoint {
  const histogram = createLatencyHistogram();
  for (const value of latenciesUs) recordLatencyUs(histogram, value);
  return {
    startMs,
    entriesPlanned: calls * 10,
    calls,
    attempts: calls + 1,
    attemptsThrottled: 1,
    entriesSucceeded: calls * 10 - 1,
    entriesFailed: 1,
    entriesDropped: 0,
    latencyMs: { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 },
    latencyHistogram: encodeHistogram(histogram),
  };
}

describe('mergeTimeSeries', () => {
  it('aligns intervals by start and adds counts and histograms', () => {
    const a: TimeSeries = { intervalMs: 1000, points: [point(0, 2, [1000, 2000]), point(1000, 1, [5000])] };
    const b: TimeSeries = {
      intervalMs: 1000,
      points: [point(1000, 3, [3000, 3000, 9000]), point(2000, 1, [100])],
    };
    const merged = mergeTimeSeries([a, b], 'buses (orders)')!;
    expect(merged.intervalMs).toBe(1000);
    expect(
      merged.points.map((p) => [p.startMs, p.calls, p.attempts, p.entriesPlanned, p.entriesFailed]),
    ).toEqual([
      [0, 2, 3, 20, 1],
      [1000, 4, 6, 40, 2],
      [2000, 1, 2, 10, 1],
    ]);
    const second = merged.points[1]!;
    expect(decodeHistogram(second.latencyHistogram).totalCount).toBe(4);
    // HdrHistogram reports the highest value of a bucket (3 significant digits): 9,000 us -> 9.007 ms.
    expect(second.latencyMs).toEqual({
      count: 4,
      mean: 5.002,
      p50: 3.001,
      p90: 9.007,
      p99: 9.007,
      p999: 9.007,
      max: 9.007,
    });
  });

  it('is absent when a shard has no time series, and refuses different intervals', () => {
    const a: TimeSeries = { intervalMs: 1000, points: [point(0, 1, [1000])] };
    expect(mergeTimeSeries([a, undefined], 'x')).toBeUndefined();
    expect(() => mergeTimeSeries([a, { intervalMs: 5000, points: [] }], 'buses (orders)')).toThrow(
      InputError,
    );
    expect(() => mergeTimeSeries([a, { intervalMs: 5000, points: [] }], 'buses (orders)')).toThrow(
      /buses \(orders\)\.timeSeries\.intervalMs: the shards sampled different intervals \(1000, 5000 ms\)/,
    );
  });
});
