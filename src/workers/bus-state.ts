/**
 * The accounting of one worker, per bus: the counters, the latency histograms and time series each batch
 * adds to, and the progress deltas the worker posts to the main thread (counts since the previous message,
 * the interval's largest latency and its latencies).
 */

import { type BusCounters, emptyCounters } from '../metrics/counters.js';
import {
  createLatencyHistogram,
  encodeHistogram,
  type Histogram,
  recordLatencyUs,
} from '../metrics/histogram.js';
import { type SeriesCounter, SeriesRecorder } from '../metrics/time-series.js';
import type { PlannedBatch } from '../schedule/plan.js';
import { PROGRESS_COUNT_FIELDS, type ProgressDelta } from './protocol.js';

/** One bus's running state in this worker. */
export interface BusState {
  counters: BusCounters;
  /**
   * Intended send -> arrival of the batch's final response (after its resends), microseconds: the latency
   * corrected for coordinated omission (a batch that waited for the generator counts its wait).
   */
  latency: Histogram;
  /**
   * Socket write of each call's last HTTP attempt -> arrival of its response, microseconds: what the endpoint
   * and the network took, without the generator's own waits and per-call work before the write (entry
   * building, serialisation, signing, SDK retry delays) or after the response arrived (its parse). Falls back
   * to the time send() was called, and send() resolved, when the sender cannot tell.
   */
  serviceLatency: Histogram;
  /** Per-interval counts and latencies. */
  series: SeriesRecorder;
  /** Latencies since the last progress message (reset by takeProgress). */
  progressLatency: Histogram;
}

type ProgressField = (typeof PROGRESS_COUNT_FIELDS)[number];

/** The buses of one worker: their state, and what of it was already reported as progress. */
export class WorkerBuses {
  /** Per bus name, in the order the buses were first named. */
  readonly states = new Map<string, BusState>();
  private readonly progressSent = new Map<string, Record<ProgressField, number>>();
  private readonly intervalMaxLatencyMs = new Map<string, number>();

  /**
   * @param seriesIntervalMs - interval of each bus's time series
   * @param durationMs - the schedule's length (the series' extent)
   */
  constructor(
    private readonly seriesIntervalMs: number,
    private readonly durationMs: number,
  ) {}

  /** The state of bus `name`, made empty on first use. */
  bus(name: string): BusState {
    let state = this.states.get(name);
    if (state === undefined) {
      state = {
        counters: emptyCounters(),
        latency: createLatencyHistogram(),
        serviceLatency: createLatencyHistogram(),
        series: new SeriesRecorder(this.seriesIntervalMs, this.durationMs),
        progressLatency: createLatencyHistogram(),
      };
      this.states.set(name, state);
      const sent = {} as Record<ProgressField, number>;
      for (const field of PROGRESS_COUNT_FIELDS) sent[field] = 0;
      this.progressSent.set(name, sent);
    }
    return state;
  }

  /**
   * Records a finished batch's latency (intended send -> final response) in the bus's histograms and series,
   * and in the interval's largest latency.
   * @param busName - the bus `state` belongs to
   * @param lastResponseMs - when the batch's last response came (runner clock)
   */
  recordBatchLatency(busName: string, state: BusState, lastResponseMs: number, latencyMs: number): void {
    recordLatencyUs(state.latency, latencyMs * 1000);
    recordLatencyUs(state.progressLatency, latencyMs * 1000);
    state.series.recordLatency(lastResponseMs, latencyMs * 1000);
    const previousMax = this.intervalMaxLatencyMs.get(busName) ?? 0;
    if (latencyMs > previousMax) this.intervalMaxLatencyMs.set(busName, latencyMs);
  }

  /**
   * Progress since the previous call, per bus (counts are deltas; maxLatencyMs is the interval's largest
   * batch latency; latencyHistogram the interval's latencies).
   */
  takeProgress(): Record<string, ProgressDelta> {
    const deltas: Record<string, ProgressDelta> = {};
    for (const [name, state] of this.states) {
      const previous = this.progressSent.get(name)!;
      const delta = { maxLatencyMs: this.intervalMaxLatencyMs.get(name) ?? 0 } as ProgressDelta;
      for (const field of PROGRESS_COUNT_FIELDS) {
        delta[field] = state.counters[field] - previous[field];
        previous[field] = state.counters[field];
      }
      delta.latencyHistogram =
        state.progressLatency.totalCount > 0 ? encodeHistogram(state.progressLatency) : '';
      state.progressLatency.reset();
      this.intervalMaxLatencyMs.set(name, 0);
      deltas[name] = delta;
    }
    return deltas;
  }
}

/** Counts a batch as planned: in the totals, and per entry by intended arrival in the series. */
export function countPlanned(state: BusState, batch: PlannedBatch): void {
  state.counters.entriesPlanned += batch.entries.length;
  for (const entry of batch.entries) state.series.add('entriesPlanned', entry.arrivalMs);
}

/** Adds `n` to a counter and to the series at `nowMs`. */
export function countAt(state: BusState, counter: SeriesCounter, nowMs: number, n = 1): void {
  state.counters[counter] += n;
  state.series.add(counter, nowMs, n);
}

/** Counts one occurrence of a whole-request error name or a per-entry error code. */
export function countError(counters: BusCounters, name: string): void {
  counters.errors[name] = (counters.errors[name] ?? 0) + 1;
}
