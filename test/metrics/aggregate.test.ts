import { describe, expect, it } from 'vitest';
import { mergeWorkerResults, sumBusResults, toBusResult } from '../../src/metrics/aggregate.js';
import { type BusCounters, emptyCounters } from '../../src/metrics/counters.js';
import { createLatencyHistogram, encodeHistogram, recordLatencyUs } from '../../src/metrics/histogram.js';
import type { WorkerResult } from '../../src/workers/protocol.js';

const encoded = (valuesUs: number[]): string => {
  const histogram = createLatencyHistogram();
  for (const value of valuesUs) recordLatencyUs(histogram, value);
  return encodeHistogram(histogram);
};

const counters = (overrides: Partial<BusCounters>): BusCounters => ({ ...emptyCounters(), ...overrides });

const worker = (workerIndex: number, buses: WorkerResult['buses']): WorkerResult => ({
  workerIndex,
  buses,
  startedAtEpochMs: 0,
  endedAtEpochMs: 1,
  interrupted: false,
  maxLagMs: 0,
  eventLoopUtilization: 0.5,
  batchesBehind: 0,
});

const results: WorkerResult[] = [
  worker(0, [
    {
      bus: 'orders',
      counters: counters({
        calls: 10,
        attempts: 12,
        attemptsSucceeded: 10,
        attemptsThrottled: 2,
        entriesPlanned: 100,
        entriesSucceeded: 95,
        entriesFailed: 3,
        entriesDropped: 2,
        entriesResent: 4,
        entryBytes: 95 * 1000,
        billableChunks: 95,
        batchesLate: 1,
        batchesDropped: 1,
        retryDelayMs: 150,
        errors: { ThrottlingException: 2, InternalFailure: 1 },
      }),
      latencyHistogram: encoded([1000, 2000]),
      serviceLatencyHistogram: encoded([500]),
    },
    {
      bus: 'telemetry',
      counters: counters({
        calls: 1,
        attempts: 1,
        attemptsSucceeded: 1,
        entriesPlanned: 10,
        entriesSucceeded: 10,
      }),
      latencyHistogram: encoded([700]),
      serviceLatencyHistogram: encoded([600]),
    },
  ]),
  worker(1, [
    {
      bus: 'orders',
      counters: counters({
        calls: 5,
        attempts: 5,
        attemptsSucceeded: 4,
        callsFailed: 1,
        entriesPlanned: 50,
        entriesSucceeded: 40,
        entriesFailed: 10,
        entryBytes: 40 * 70_000,
        billableChunks: 80,
        errors: { InternalException: 1, InternalFailure: 2 },
      }),
      latencyHistogram: encoded([1500]),
      serviceLatencyHistogram: encoded([400, 800]),
    },
  ]),
];

describe('mergeWorkerResults', () => {
  it('sums counters, merges errors and adds histograms per bus', () => {
    const merged = mergeWorkerResults(results);
    expect([...merged.keys()]).toEqual(['orders', 'telemetry']);
    const orders = merged.get('orders')!;
    expect(orders.counters).toEqual({
      calls: 15,
      attempts: 17,
      attemptsSucceeded: 14,
      attemptsThrottled: 2,
      callsFailed: 1,
      entriesPlanned: 150,
      entriesSucceeded: 135,
      entriesFailed: 13,
      entriesDropped: 2,
      entriesResent: 4,
      entryBytes: 95_000 + 2_800_000,
      billableChunks: 175,
      batchesLate: 1,
      batchesDropped: 1,
      retryDelayMs: 150,
      errors: { ThrottlingException: 2, InternalFailure: 3, InternalException: 1 },
    });
    expect(orders.latency.totalCount).toBe(3);
    expect(orders.serviceLatency.totalCount).toBe(3);
  });
});

describe('toBusResult', () => {
  it('maps to the report shape with summaries, encoded histograms and entriesPerCall', () => {
    const result = toBusResult('orders', mergeWorkerResults(results).get('orders'));
    expect(result).toMatchObject({
      name: 'orders',
      requests: { calls: 15, attempts: 17, succeeded: 14, throttled: 2, failed: 1 },
      entries: {
        planned: 150,
        succeeded: 135,
        failed: 13,
        dropped: 2,
        resent: 4,
        bytes: 2_895_000,
        billableChunks: 175,
      },
      latencyMs: { count: 3, mean: 1.5, p50: 1.5, p90: 2, p99: 2, p999: 2, max: 2 },
      serviceLatencyMs: { count: 3, p50: 0.5, max: 0.8 },
      errors: { InternalException: 1, InternalFailure: 3, ThrottlingException: 2 },
      schedule: { batchesLate: 1, batchesDropped: 1 },
      entriesPerCall: 9.867, // (135 + 13) / 15
    });
    expect(Object.keys(result.errors)).toEqual([
      'InternalException',
      'InternalFailure',
      'ThrottlingException',
    ]);
    expect(typeof result.histograms.latencyMs).toBe('string');
  });

  it('a bus no worker reported is all zeros', () => {
    const result = toBusResult('idle', undefined);
    expect(result.requests).toEqual({ calls: 0, attempts: 0, succeeded: 0, throttled: 0, failed: 0 });
    expect(result.entriesPerCall).toBe(0);
    expect(result.latencyMs.count).toBe(0);
  });
});

describe('sumBusResults', () => {
  it('totals are the exact sum of the buses, named "*"', () => {
    const merged = mergeWorkerResults(results);
    const buses = [...merged].map(([name, bus]) => toBusResult(name, bus));
    const totals = sumBusResults(buses);
    expect(totals.name).toBe('*');
    expect(totals.requests).toEqual({ calls: 16, attempts: 18, succeeded: 15, throttled: 2, failed: 1 });
    expect(totals.entries).toEqual({
      planned: 160,
      succeeded: 145,
      failed: 13,
      dropped: 2,
      resent: 4,
      bytes: 2_895_000,
      billableChunks: 175,
    });
    expect(totals.entries.planned).toBe(
      totals.entries.succeeded + totals.entries.failed + totals.entries.dropped,
    );
    expect(totals.latencyMs).toMatchObject({ count: 4, p50: 1, max: 2 });
    expect(totals.serviceLatencyMs.count).toBe(4);
    expect(totals.entriesPerCall).toBe(9.875); // (145 + 13) / 16
  });

  it('summing one result gives it back (shard merge round trip)', () => {
    const bus = toBusResult('orders', mergeWorkerResults(results).get('orders'));
    expect(sumBusResults([bus], 'orders')).toEqual(bus);
  });
});
