/**
 * Typed contracts between the main thread and the producer workers (piscina).
 * Everything here is structured-clone safe. The main thread is the only aggregator: workers send
 * progress deltas over a MessagePort and return one WorkerResult each.
 */
import type { MessagePort } from 'node:worker_threads';
import type { WorkerBusResult } from '../metrics/counters.js';
import type { Scenario } from '../scenario/types.js';

/**
 * How PutEvents is sent: `sdk` through @aws-sdk/client-eventbridge (what producers really run); `lean` signs
 * the same wire request with the SDK's SigV4 signer and sends it over node:http (see lean-sender.ts).
 */
export type Transport = 'sdk' | 'lean';

export interface ProducerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (a real AWS target's default chain, e.g. an assumed role) carry one. */
  sessionToken?: string;
}

export interface WorkerTask {
  workerIndex: number;
  workerCount: number;
  /**
   * This machine's shard of the whole plan (absent = the whole plan). The worker runs plan slice
   * `workerIndex * shard.count + shard.index` of `workerCount * shard.count`, so a shard's batches do not
   * depend on its worker count and the shards' union is the whole plan.
   */
  shard?: { index: number; count: number };
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
  /** The transport (default sdk). */
  transport?: Transport;
  /** Interval of the per-bus time series (default chooseSeriesIntervalMs(durationMs)). */
  seriesIntervalMs?: number;
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
  /**
   * Event-loop utilization of the worker thread over the schedule (0..1, performance.eventLoopUtilization):
   * near 1 means the generator itself, not the bus, was the limit.
   */
  eventLoopUtilization: number;
  /** Batches sent more than 1 ms late or dropped, over all buses (the schedule lag seen by this worker). */
  batchesBehind: number;
}

/** Worker -> main, every progressIntervalMs: counts since the previous message. */
export interface WorkerProgress {
  kind: 'progress';
  workerIndex: number;
  atEpochMs: number;
  buses: Record<string, ProgressDelta>;
}

export interface ProgressDelta {
  entriesPlanned: number;
  calls: number;
  attempts: number;
  attemptsSucceeded: number;
  billableChunks: number;
  entriesSucceeded: number;
  entriesFailed: number;
  entriesDropped: number;
  attemptsThrottled: number;
  /** Largest latency (intended -> response) seen in the interval, ms. */
  maxLatencyMs: number;
  /** The interval's latencies (intended -> response, us), compressed base64; '' when none. */
  latencyHistogram: string;
}

/** The counting fields of a ProgressDelta (summed by the runner and by the main thread's progress). */
export const PROGRESS_COUNT_FIELDS = [
  'entriesPlanned',
  'calls',
  'attempts',
  'attemptsSucceeded',
  'attemptsThrottled',
  'entriesSucceeded',
  'entriesFailed',
  'entriesDropped',
  'billableChunks',
] as const;

/** Main -> worker. */
export type WorkerControl = { kind: 'stop' };

/**
 * A worker's plan slice: worker w of W on shard s of n runs slice w*n + s of W*n. planBatches keeps batch k
 * of stream g in slice (g + k) mod (W*n), so a shard's workers together run exactly the batches with
 * (g + k) mod n = s, whatever W is, and the shards' union is the whole plan with no overlap.
 * @param task - the worker's index and count, and the shard (absent = the whole plan)
 */
export function workerSlice(task: Pick<WorkerTask, 'workerIndex' | 'workerCount' | 'shard'>): {
  index: number;
  count: number;
} {
  const shard = task.shard ?? { index: 0, count: 1 };
  return { index: task.workerIndex * shard.count + shard.index, count: task.workerCount * shard.count };
}
