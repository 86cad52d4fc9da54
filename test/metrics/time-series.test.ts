/**
 * Per-interval series: interval choice, recording in a worker, and the exact merge on the main thread
 * (also through BusResult and back, as shard merges do).
 */
import { describe, expect, it } from 'vitest';
import { mergeWorkerResults, sumBusResults, toBusResult } from '../../src/metrics/aggregate.js';
import { emptyCounters } from '../../src/metrics/counters.js';
import {
  chooseSeriesIntervalMs,
  MAX_SERIES_POINTS,
  mergeSeries,
  SeriesRecorder,
} from '../../src/metrics/time-series.js';
import type { WorkerResult } from '../../src/workers/protocol.js';

describe('chooseSeriesIntervalMs', () => {
  it.each([
    [30_000, 1_000],
    [300_000, 1_000],
    [300_001, 2_000],
    [600_000, 2_000],
    [3_600_000, 15_000],
    [86_400_000, 300_000],
  ])('%i ms -> %i ms intervals', (durationMs, intervalMs) => {
    expect(chooseSeriesIntervalMs(durationMs)).toBe(intervalMs);
    expect(Math.ceil(durationMs / intervalMs)).toBeLessThanOrEqual(MAX_SERIES_POINTS);
  });
});

describe('SeriesRecorder', () => {
  it('counts per interval, clamps early and late events to the ends, and keeps one histogram per interval', () => {
    const recorder = new SeriesRecorder(1000, 3000);
    recorder.add('entriesPlanned', 0, 5);
    recorder.add('entriesPlanned', 999.9, 1);
    recorder.add('calls', 1000);
    recorder.add('entriesSucceeded', -5, 2); // before the start: first interval
    recorder.add('entriesFailed', 7_500, 3); // after the end: last interval
    recorder.recordLatency(10, 400);
    recorder.recordLatency(900, 600);
    recorder.recordLatency(2_100, 900);
    const series = recorder.finish();
    expect(series.intervalMs).toBe(1000);
    expect(series.points.map((p) => p.counts.entriesPlanned)).toEqual([6, 0, 0]);
    expect(series.points.map((p) => p.counts.calls)).toEqual([0, 1, 0]);
    expect(series.points.map((p) => p.counts.entriesSucceeded)).toEqual([2, 0, 0]);
    expect(series.points.map((p) => p.counts.entriesFailed)).toEqual([0, 0, 3]);
    expect(series.points.map((p) => p.latencyHistogram !== '')).toEqual([true, false, true]);
    const merged = mergeSeries([series])!;
    expect(merged.points.map((p) => p.latencyMs.count)).toEqual([2, 0, 1]);
    expect(merged.points[0]!.latencyMs).toMatchObject({ p50: 0.4, max: 0.6 });
    expect(merged.points[2]!.latencyMs).toMatchObject({ p50: 0.9, max: 0.9 });
    expect(merged.points.map((p) => p.startMs)).toEqual([0, 1000, 2000]);
  });

  it('merges workers exactly: counts summed, histograms added', () => {
    const a = new SeriesRecorder(1000, 2000);
    const b = new SeriesRecorder(1000, 2000);
    a.add('calls', 100, 2);
    b.add('calls', 1500, 3);
    b.add('calls', 200, 1);
    a.recordLatency(100, 1_000);
    b.recordLatency(300, 1_500);
    const merged = mergeSeries([a.finish(), b.finish()])!;
    expect(merged.points.map((p) => p.calls)).toEqual([3, 3]);
    expect(merged.points[0]!.latencyMs).toMatchObject({ count: 2, p50: 1, max: 1.5 });
  });

  it('refuses to merge series of different intervals (undefined, not a wrong merge)', () => {
    expect(
      mergeSeries([new SeriesRecorder(1000, 2000).finish(), new SeriesRecorder(2000, 2000).finish()]),
    ).toBe(undefined);
  });
});

const ONE_MS = 'HISTFAAAACJ4nJNpmSzMwMDAzMDAwAilGaBsBnZ1PgYY/zw/EwA70AJs';

describe('time series through the report', () => {
  const recorder = (planned: number[]): SeriesRecorder => {
    const r = new SeriesRecorder(1000, planned.length * 1000);
    planned.forEach((count, i) => {
      r.add('entriesPlanned', i * 1000, count);
    });
    r.recordLatency(10, 2_000);
    return r;
  };
  const worker = (index: number, planned: number[]): WorkerResult => ({
    workerIndex: index,
    buses: [
      {
        bus: 'orders',
        counters: { ...emptyCounters(), entriesPlanned: planned.reduce((a, b) => a + b, 0) },
        latencyHistogram: ONE_MS,
        serviceLatencyHistogram: ONE_MS,
        timeSeries: recorder(planned).finish(),
      },
    ],
    startedAtEpochMs: 0,
    endedAtEpochMs: 1,
    interrupted: false,
    maxLagMs: 0,
    eventLoopUtilization: 0.1,
    batchesBehind: 0,
  });

  it('a bus result carries the merged series, and summing results sums their series', () => {
    const merged = mergeWorkerResults([worker(0, [1, 2, 3]), worker(1, [10, 20, 30])]);
    const orders = toBusResult('orders', merged.get('orders'));
    expect(orders.timeSeries?.points.map((p) => p.entriesPlanned)).toEqual([11, 22, 33]);
    expect(orders.timeSeries?.points[0]?.latencyMs.count).toBe(2);
    const twice = sumBusResults([orders, orders]);
    expect(twice.timeSeries?.points.map((p) => p.entriesPlanned)).toEqual([22, 44, 66]);
    expect(twice.timeSeries?.points[0]?.latencyMs.count).toBe(4);
    expect(sumBusResults([orders], 'orders')).toEqual(orders);
  });
});
