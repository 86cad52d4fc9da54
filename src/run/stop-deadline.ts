/**
 * Bounded stopping: after a stop request (SIGINT/SIGTERM) the workers get a short grace to drain and
 * return their results. A worker that does not answer in time (stuck starting up, or busy) is given up,
 * and its counts come from the progress deltas it posted, so the run still ends within about two seconds
 * with an honest, interrupted report.
 */

import { type BusCounters, emptyCounters } from '../metrics/counters.js';
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  type Histogram,
} from '../metrics/histogram.js';
import { PROGRESS_COUNT_FIELDS, type WorkerProgress, type WorkerResult } from '../workers/protocol.js';

/** How long after a stop request the workers may take to return their results. */
export const STOP_GRACE_MS = 1_200;

/** What {@link awaitWithStopDeadline} resolves to. */
export type DeadlineOutcome<T> = { kind: 'settled'; value: T } | { kind: 'abandoned' };

/**
 * Waits for `work`; once `signal` aborts, waits at most `graceMs` more, then resolves `abandoned` (the
 * work keeps running and its later rejection is swallowed). Rejections before the deadline pass through.
 */
export function awaitWithStopDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  graceMs: number = STOP_GRACE_MS,
): Promise<DeadlineOutcome<T>> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (): void => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      if (done || timer !== undefined) return;
      timer = setTimeout(() => {
        if (done) return;
        finish();
        resolve({ kind: 'abandoned' });
      }, graceMs);
    };
    work.then(
      (value) => {
        if (done) return;
        finish();
        resolve({ kind: 'settled', value });
      },
      (error: unknown) => {
        if (done) return;
        finish();
        reject(error);
      },
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sums the progress deltas of every worker, per bus, to stand in for results that never came. */
export class ProgressLedger {
  private readonly byWorker = new Map<number, Map<string, { counters: BusCounters; latency: Histogram }>>();

  /** Adds one progress message. */
  add(progress: WorkerProgress): void {
    let buses = this.byWorker.get(progress.workerIndex);
    if (buses === undefined) {
      buses = new Map();
      this.byWorker.set(progress.workerIndex, buses);
    }
    for (const [bus, delta] of Object.entries(progress.buses)) {
      let state = buses.get(bus);
      if (state === undefined) {
        state = { counters: emptyCounters(), latency: createLatencyHistogram() };
        buses.set(bus, state);
      }
      for (const field of PROGRESS_COUNT_FIELDS) state.counters[field] += delta[field];
      if (delta.latencyHistogram !== '') addHistogram(state.latency, decodeHistogram(delta.latencyHistogram));
    }
  }

  /**
   * A WorkerResult for each of `workerCount` workers from its progress: entries planned but neither
   * succeeded, failed nor dropped were in flight when the worker was given up, and count as dropped (cut by
   * the interruption), so planned = succeeded + failed + dropped holds. The results are a snapshot: progress
   * that arrives later (the given-up workers still finish their calls) does not change them.
   */
  resultsOf(workerCount: number, startedAtEpochMs: number, endedAtEpochMs: number): WorkerResult[] {
    return Array.from({ length: workerCount }, (_, workerIndex) => {
      const buses = [...(this.byWorker.get(workerIndex) ?? new Map())].map(([bus, state]) => {
        const counters = { ...state.counters, errors: { ...state.counters.errors } };
        const unresolved =
          counters.entriesPlanned -
          counters.entriesSucceeded -
          counters.entriesFailed -
          counters.entriesDropped;
        if (unresolved > 0) counters.entriesDropped += unresolved;
        return {
          bus,
          counters,
          latencyHistogram: encodeHistogram(state.latency),
          serviceLatencyHistogram: encodeHistogram(createLatencyHistogram()),
        };
      });
      return {
        workerIndex,
        buses,
        startedAtEpochMs,
        endedAtEpochMs,
        interrupted: true,
        maxLagMs: 0,
        eventLoopUtilization: 0,
        batchesBehind: 0,
      };
    });
  }
}
