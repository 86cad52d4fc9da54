/**
 * The counters of one bus as a worker keeps them and the main thread sums them, and what a worker hands back
 * per bus (counters plus compressed histograms and series). Structured-clone safe: they cross threads.
 */
import type { WorkerSeries } from './time-series.js';

/** Counters of one bus in one worker (and, summed, in the report). */
export interface BusCounters {
  /** PutEvents send() calls, including resends of failed entries. */
  calls: number;
  /** HTTP requests, including SDK retries. */
  attempts: number;
  /** Attempts answered HTTP 200. */
  attemptsSucceeded: number;
  /** Attempts answered ThrottlingException. */
  attemptsThrottled: number;
  /** Calls that ended in an error after all retries. */
  callsFailed: number;
  /** Entries the schedule planned (each counted once, however often it is resent). */
  entriesPlanned: number;
  /** Entries that got an EventId. */
  entriesSucceeded: number;
  /** Entries that ended failed (per-entry error after all resends, or the whole call failed). */
  entriesFailed: number;
  /** Entries never sent: dropped because the generator fell behind, or cut by an interruption. */
  entriesDropped: number;
  /** Entry sends beyond the first (resends of failed entries). */
  entriesResent: number;
  /** Sum of AWS entry-size-formula bytes over succeeded entries. */
  entryBytes: number;
  /** Sum of ceil(bytes / 65536) over succeeded entries. */
  billableChunks: number;
  /** Batches sent later than their intended time by more than 1 ms but within maxLagMs. */
  batchesLate: number;
  /** Batches dropped because they were more than maxLagMs behind. */
  batchesDropped: number;
  /** Sum of $metadata.totalRetryDelay. */
  retryDelayMs: number;
  /** Whole-request error names and per-entry error codes, counted (e.g. ThrottlingException, InternalFailure). */
  errors: Record<string, number>;
}

export interface WorkerBusResult {
  bus: string;
  counters: BusCounters;
  /** Intended send time -> response, microseconds, HdrHistogram compressed base64. */
  latencyHistogram: string;
  /** Actual send time -> response, microseconds, HdrHistogram compressed base64. */
  serviceLatencyHistogram: string;
  /** Per-interval counts and latencies of this bus in this worker (absent: none recorded). */
  timeSeries?: WorkerSeries;
}

/** Counters of a bus that saw nothing yet (all 0, no errors). */
export function emptyCounters(): BusCounters {
  return {
    calls: 0,
    attempts: 0,
    attemptsSucceeded: 0,
    attemptsThrottled: 0,
    callsFailed: 0,
    entriesPlanned: 0,
    entriesSucceeded: 0,
    entriesFailed: 0,
    entriesDropped: 0,
    entriesResent: 0,
    entryBytes: 0,
    billableChunks: 0,
    batchesLate: 0,
    batchesDropped: 0,
    retryDelayMs: 0,
    errors: {},
  };
}
