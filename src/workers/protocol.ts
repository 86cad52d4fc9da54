/**
 * Typed contracts between the main thread and the producer workers (piscina).
 * Everything here is structured-clone safe. The main thread is the only aggregator: workers send
 * progress deltas over a MessagePort and return one WorkerResult each.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Scenario } from '../scenario/types.js';

export interface ProducerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface WorkerTask {
  workerIndex: number;
  workerCount: number;
  scenario: Scenario;
  /** Where PutEvents goes (the embedded endpoint's URL for the local target). */
  endpointUrl: string;
  region: string;
  /** Per producer name: the credentials that producer signs with (secrets never leave the run). */
  credentials: Record<string, ProducerCredentials>;
  /** Common start of the schedule on the wall clock (all workers share it). */
  startAtEpochMs: number;
  /** Replay length; the schedule ends here even if the scenario says longer. */
  durationMs: number;
  /** Seed for every random choice (entry sizes, detail types). */
  seed: number;
  /** A batch whose send is later than this behind its intended time is dropped and counted. */
  maxLagMs: number;
  /** Upper bound on requests in flight per worker (and the HTTP agent's maxSockets). */
  maxInFlight: number;
  /** How often progress deltas are posted. */
  progressIntervalMs: number;
  /** Progress out (WorkerProgress), control in (WorkerControl). */
  progressPort: MessagePort;
}

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
}

export interface WorkerResult {
  workerIndex: number;
  buses: WorkerBusResult[];
  startedAtEpochMs: number;
  endedAtEpochMs: number;
  /** True when a stop request cut the schedule short. */
  interrupted: boolean;
  /** Largest observed lag of a send behind its intended time. */
  maxLagMs: number;
}

/** Worker -> main, every progressIntervalMs: counts since the previous message. */
export interface WorkerProgress {
  kind: 'progress';
  workerIndex: number;
  atEpochMs: number;
  buses: Record<string, ProgressDelta>;
}

export interface ProgressDelta {
  calls: number;
  entriesSucceeded: number;
  entriesFailed: number;
  entriesDropped: number;
  attemptsThrottled: number;
  /** Largest latency (intended -> response) seen in the interval, ms. */
  maxLatencyMs: number;
}

/** Main -> worker. */
export type WorkerControl = { kind: 'stop' };

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
