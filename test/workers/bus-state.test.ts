/**
 * A worker's per-bus accounting: the state each bus starts with, what counting a batch or an outcome adds
 * to the counters and the time series, and progress deltas that add up to the totals.
 */
import { describe, expect, it } from 'vitest';
import { emptyCounters } from '../../src/metrics/counters.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import type { PlannedBatch } from '../../src/schedule/plan.js';
import { countAt, countError, countPlanned, WorkerBuses } from '../../src/workers/bus-state.js';

/** A batch of entries intended to arrive at `arrivalsMs`, sent at the last of them. */
function batch(arrivalsMs: number[], bytes = 100): PlannedBatch {
  return {
    intendedSendMs: arrivalsMs[arrivalsMs.length - 1]!,
    entries: arrivalsMs.map((arrivalMs, seq) => ({ arrivalMs, bytes, detailTypeIndex: 0, seq })),
    bytes: bytes * arrivalsMs.length,
    producerIndex: 0,
    instance: 0,
    stream: 0,
    batchIndex: 0,
  };
}

describe('WorkerBuses.bus', () => {
  it('makes an empty state once per bus, with a series over the whole schedule', () => {
    const buses = new WorkerBuses(1_000, 2_500);
    const orders = buses.bus('orders');
    expect(buses.bus('orders')).toBe(orders);
    buses.bus('telemetry');
    expect([...buses.states.keys()]).toEqual(['orders', 'telemetry']);
    expect(orders.counters).toEqual(emptyCounters());
    expect(orders.latency.totalCount).toBe(0);
    expect(orders.serviceLatency.totalCount).toBe(0);
    expect(orders.progressLatency.totalCount).toBe(0);
    const series = orders.series.finish();
    expect(series.intervalMs).toBe(1_000);
    expect(series.points.map((point) => point.index)).toEqual([0, 1, 2]);
  });
});

describe('counting', () => {
  it('countPlanned adds the entries to the total and each to the interval of its intended arrival', () => {
    const buses = new WorkerBuses(1_000, 3_000);
    const orders = buses.bus('orders');
    countPlanned(orders, batch([900, 999, 1_000]));
    countPlanned(orders, batch([2_500]));
    expect(orders.counters.entriesPlanned).toBe(4);
    expect(orders.series.finish().points.map((point) => point.counts.entriesPlanned)).toEqual([2, 1, 1]);
  });

  it('countAt adds to the counter and to the series at the given time; countError counts names', () => {
    const buses = new WorkerBuses(1_000, 2_000);
    const orders = buses.bus('orders');
    countAt(orders, 'calls', 10);
    countAt(orders, 'entriesFailed', 1_500, 7);
    countAt(orders, 'entriesFailed', 1_999);
    expect(orders.counters).toMatchObject({ calls: 1, entriesFailed: 8 });
    const points = orders.series.finish().points;
    expect(points.map((point) => point.counts.calls)).toEqual([1, 0]);
    expect(points.map((point) => point.counts.entriesFailed)).toEqual([0, 8]);
    countError(orders.counters, 'ThrottlingException');
    countError(orders.counters, 'ThrottlingException');
    countError(orders.counters, 'HarnessError:RangeError');
    expect(orders.counters.errors).toEqual({ ThrottlingException: 2, 'HarnessError:RangeError': 1 });
  });
});

describe('WorkerBuses progress', () => {
  it('reports deltas since the previous call, the interval largest latency and its latencies, per bus', () => {
    const buses = new WorkerBuses(1_000, 2_000);
    const orders = buses.bus('orders');
    buses.bus('telemetry');
    countPlanned(orders, batch([100, 200, 300]));
    countAt(orders, 'calls', 300);
    countAt(orders, 'attempts', 300, 2);
    countAt(orders, 'entriesSucceeded', 310, 3);
    orders.counters.attemptsSucceeded += 1;
    orders.counters.attemptsThrottled += 1;
    orders.counters.billableChunks += 3;
    buses.recordBatchLatency('orders', orders, 310, 10);
    buses.recordBatchLatency('orders', orders, 340, 40);
    buses.recordBatchLatency('orders', orders, 350, 25);

    const first = buses.takeProgress();
    expect(Object.keys(first)).toEqual(['orders', 'telemetry']);
    const { latencyHistogram, ...counts } = first['orders']!;
    expect(counts).toEqual({
      maxLatencyMs: 40,
      entriesPlanned: 3,
      calls: 1,
      attempts: 2,
      attemptsSucceeded: 1,
      attemptsThrottled: 1,
      entriesSucceeded: 3,
      entriesFailed: 0,
      entriesDropped: 0,
      billableChunks: 3,
    });
    expect(decodeHistogram(latencyHistogram).totalCount).toBe(3);
    expect(first['telemetry']).toMatchObject({ entriesPlanned: 0, maxLatencyMs: 0, latencyHistogram: '' });

    // the whole run's histograms and series keep every latency; the interval's start again
    expect(orders.latency.totalCount).toBe(3);
    expect(orders.progressLatency.totalCount).toBe(0);
    countAt(orders, 'entriesDropped', 1_200, 2);
    buses.recordBatchLatency('orders', orders, 1_200, 5);
    const second = buses.takeProgress()['orders']!;
    expect(second).toMatchObject({ entriesPlanned: 0, calls: 0, entriesSucceeded: 0, entriesDropped: 2 });
    expect(second.maxLatencyMs).toBe(5);
    expect(decodeHistogram(second.latencyHistogram).totalCount).toBe(1);
    expect(buses.takeProgress()['orders']).toMatchObject({
      entriesDropped: 0,
      maxLatencyMs: 0,
      latencyHistogram: '',
    });
    expect(orders.latency.totalCount).toBe(4);
    const points = orders.series.finish().points;
    expect(points.map((point) => decodeHistogram(point.latencyHistogram).totalCount)).toEqual([3, 1]);
  });
});
