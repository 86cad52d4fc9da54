/**
 * Bounded stopping: awaitWithStopDeadline on vitest's fake timers (the grace is measured exactly, whatever
 * the machine's load), and the ProgressLedger that stands in for the results of given-up workers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  recordLatencyUs,
} from '../../src/metrics/histogram.js';
import { awaitWithStopDeadline, ProgressLedger, STOP_GRACE_MS } from '../../src/run/stop-deadline.js';
import type { ProgressDelta, WorkerProgress } from '../../src/workers/protocol.js';

function delta(fields: Partial<ProgressDelta>): ProgressDelta {
  return {
    entriesPlanned: 0,
    calls: 0,
    attempts: 0,
    attemptsSucceeded: 0,
    billableChunks: 0,
    entriesSucceeded: 0,
    entriesFailed: 0,
    entriesDropped: 0,
    attemptsThrottled: 0,
    maxLatencyMs: 0,
    latencyHistogram: '',
    ...fields,
  };
}

const progress = (fields: Partial<ProgressDelta>): WorkerProgress => ({
  kind: 'progress',
  workerIndex: 0,
  atEpochMs: 0,
  buses: { orders: delta(fields) },
});

describe('ProgressLedger.resultsOf', () => {
  it('counts in-flight entries as dropped and is not changed by later progress', () => {
    const ledger = new ProgressLedger();
    ledger.add(progress({ entriesPlanned: 30, entriesSucceeded: 10, calls: 3 }));
    const [result] = ledger.resultsOf(1, 0, 1);
    const counters = result!.buses[0]!.counters;
    expect(counters).toMatchObject({ entriesPlanned: 30, entriesSucceeded: 10, entriesDropped: 20 });
    // the two calls in flight answer after the worker was given up
    ledger.add(progress({ entriesSucceeded: 20 }));
    expect(counters).toMatchObject({ entriesPlanned: 30, entriesSucceeded: 10, entriesDropped: 20 });
    expect(counters.entriesPlanned).toBe(
      counters.entriesSucceeded + counters.entriesFailed + counters.entriesDropped,
    );
  });

  it('sums every counting field per worker and bus, merges the latency histograms, and marks every result interrupted', () => {
    const ledger = new ProgressLedger();
    const latency = (...ms: number[]): string => {
      const histogram = createLatencyHistogram();
      for (const value of ms) recordLatencyUs(histogram, value * 1000);
      return encodeHistogram(histogram);
    };
    ledger.add(
      progress({
        entriesPlanned: 10,
        calls: 1,
        attempts: 2,
        attemptsSucceeded: 1,
        attemptsThrottled: 1,
        entriesSucceeded: 9,
        entriesFailed: 1,
        billableChunks: 9,
        maxLatencyMs: 12,
        latencyHistogram: latency(12),
      }),
    );
    ledger.add(
      progress({
        entriesPlanned: 5,
        calls: 1,
        attempts: 1,
        entriesDropped: 5,
        latencyHistogram: latency(3, 4),
      }),
    );
    ledger.add({
      kind: 'progress',
      workerIndex: 1,
      atEpochMs: 5,
      buses: { telemetry: delta({ entriesPlanned: 2 }) },
    });
    const results = ledger.resultsOf(3, 1_000, 2_500);
    expect(results.map((result) => result.workerIndex)).toEqual([0, 1, 2]);
    const [first, second, third] = results;
    expect(first!.buses.map((bus) => bus.bus)).toEqual(['orders']);
    expect(first!.buses[0]!.counters).toEqual({
      calls: 2,
      attempts: 3,
      attemptsSucceeded: 1,
      attemptsThrottled: 1,
      callsFailed: 0,
      entriesPlanned: 15,
      entriesSucceeded: 9,
      entriesFailed: 1,
      entriesDropped: 5,
      entriesResent: 0,
      entryBytes: 0,
      billableChunks: 9,
      batchesLate: 0,
      batchesDropped: 0,
      retryDelayMs: 0,
      errors: {},
    });
    const merged = decodeHistogram(first!.buses[0]!.latencyHistogram);
    expect(merged.totalCount).toBe(3);
    expect(decodeHistogram(first!.buses[0]!.serviceLatencyHistogram).totalCount).toBe(0);
    // worker 1 planned 2 and reported nothing else: both were in flight, so dropped
    expect(second!.buses[0]!.counters).toMatchObject({ entriesPlanned: 2, entriesDropped: 2 });
    // worker 2 never posted progress: no buses, still a result
    expect(third!.buses).toEqual([]);
    for (const result of results) {
      expect(result).toMatchObject({
        startedAtEpochMs: 1_000,
        endedAtEpochMs: 2_500,
        interrupted: true,
        maxLagMs: 0,
        eventLoopUtilization: 0,
        batchesBehind: 0,
      });
    }
  });
});

describe('awaitWithStopDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A promise and the functions that settle it. */
  function deferred<T>(): {
    promise: Promise<T>;
    resolve: (value: T) => void;
    reject: (error: unknown) => void;
  } {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  }

  /** Whether `promise` has settled, after the microtasks queued so far. */
  async function settledYet(promise: Promise<unknown>): Promise<boolean> {
    let settled = false;
    promise.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    await vi.advanceTimersByTimeAsync(0);
    return settled;
  }

  it('gives 1.2 s of grace by default', () => {
    expect(STOP_GRACE_MS).toBe(1_200);
  });

  it('resolves settled with the value, with or without a signal, and leaves no timer behind', async () => {
    await expect(awaitWithStopDeadline(Promise.resolve(7), undefined)).resolves.toEqual({
      kind: 'settled',
      value: 7,
    });
    const controller = new AbortController();
    await expect(awaitWithStopDeadline(Promise.resolve('done'), controller.signal)).resolves.toEqual({
      kind: 'settled',
      value: 'done',
    });
    // a stop after the work settled starts no grace timer
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a rejection through, before and during the grace', async () => {
    await expect(
      awaitWithStopDeadline(Promise.reject(new Error('worker 0 failed')), undefined),
    ).rejects.toThrow('worker 0 failed');
    const controller = new AbortController();
    const work = deferred<number>();
    const outcome = awaitWithStopDeadline(work.promise, controller.signal, 1_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(999);
    work.reject(new Error('late but in time'));
    await expect(outcome).rejects.toThrow('late but in time');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits for the work as long as it takes when no stop comes', async () => {
    const work = deferred<number>();
    const outcome = awaitWithStopDeadline(work.promise, new AbortController().signal, 1_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await settledYet(outcome)).toBe(false);
    work.resolve(3);
    await expect(outcome).resolves.toEqual({ kind: 'settled', value: 3 });
  });

  it('after a stop, settles if the work ends within the grace', async () => {
    const controller = new AbortController();
    const work = deferred<string>();
    const outcome = awaitWithStopDeadline(work.promise, controller.signal, 1_000);
    await vi.advanceTimersByTimeAsync(5_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(999);
    work.resolve('drained');
    await expect(outcome).resolves.toEqual({ kind: 'settled', value: 'drained' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('abandons the work exactly graceMs after the stop and swallows its later rejection', async () => {
    const controller = new AbortController();
    const work = deferred<string>();
    const outcome = awaitWithStopDeadline(work.promise, controller.signal, 1_000);
    controller.abort();
    // a second stop request does not restart the grace
    await vi.advanceTimersByTimeAsync(500);
    controller.signal.dispatchEvent(new Event('abort'));
    await vi.advanceTimersByTimeAsync(499);
    expect(await settledYet(outcome)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ kind: 'abandoned' });
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    work.reject(new Error('the given-up worker crashed later'));
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('starts the grace at once when the signal was already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = awaitWithStopDeadline(new Promise<never>(() => {}), controller.signal);
    await vi.advanceTimersByTimeAsync(STOP_GRACE_MS - 1);
    expect(await settledYet(outcome)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ kind: 'abandoned' });
  });
});
