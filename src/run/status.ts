/**
 * A run's status, told truthfully (pure): `failed` when no call succeeded, `degraded` when the harness
 * limited the run (the generator or the embedded endpoint was saturated) or most calls failed; otherwise
 * what the replay itself said (completed or interrupted). Also the health of the generator's threads that
 * this judgement reads (how busy each was, and whether it was the limit).
 */
import type { BusResult, EndpointThreadHealth, RunReport, RunStatus } from '../report/types.js';
import type { WorkerResult } from '../workers/protocol.js';

/** The parts of a run the judgement reads. */
export interface StatusInput {
  /** What the replay said: completed, interrupted (a signal) or failed (a worker crashed). */
  status: RunStatus;
  statusReason: string | undefined;
  totals: BusResult;
  generatorSaturated: boolean;
  endpointSaturated: boolean;
  /** The one-sentence account of how the generator limited the run (describeGeneratorLimit), if it did. */
  generatorLimit?: string | null;
}

/**
 * One sentence, with the figures, when the harness rather than the endpoint limited the run: it was
 * saturated (see generatorHealth), or it dropped batches that fell too far behind. Null otherwise.
 * Example: "the generator, not the endpoint, limited this run: 812 batches went out more than 1 ms late and
 * 40 were dropped (200 entries), max lag 1,204 ms, with its worker threads 97%/95% busy".
 */
export function describeGeneratorLimit(
  totals: Pick<BusResult, 'schedule' | 'entries'>,
  generator: Pick<RunReport['generator'], 'maxLagMs' | 'workers' | 'saturated'>,
): string | null {
  const { batchesLate, batchesDropped } = totals.schedule;
  if (generator.saturated !== true && batchesDropped === 0) return null;
  const count = (n: number): string => n.toLocaleString('en-US');
  const busy = (generator.workers ?? []).map((w) => `${Math.round(w.eventLoopUtilization * 100)}%`).join('/');
  const dropped =
    batchesDropped > 0
      ? ` and ${count(batchesDropped)} were dropped (${count(totals.entries.dropped)} entries)`
      : ' and none was dropped';
  return (
    `the generator, not the endpoint, limited this run: ${count(batchesLate)} batches went out more than 1 ms late${dropped}, ` +
    `max lag ${count(Math.round(generator.maxLagMs))} ms, with its worker threads ${busy === '' ? '?' : busy} busy`
  );
}

/** The most frequent error codes of a result, as "ECONNREFUSED x 12, TimeoutError x 3". */
export function topErrors(errors: Record<string, number> | undefined, limit = 3): string {
  const sorted = Object.entries(errors ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return sorted
    .slice(0, limit)
    .map(([code, count]) => `${code} x ${count}`)
    .join(', ');
}

/**
 * Judges the status. Interrupted and failed stay as they are (the reason is the replay's).
 * Worked example: 120 calls, 0 answered 200, errors { ECONNREFUSED: 120 } -> failed, "no call succeeded:
 * 120 calls, 0 answered HTTP 200 (ECONNREFUSED x 120)".
 */
export function judgeStatus(input: StatusInput): { status: RunStatus; statusReason: string | undefined } {
  if (input.status !== 'completed') return { status: input.status, statusReason: input.statusReason };
  const { requests, entries } = input.totals;
  const errors = topErrors(input.totals.errors);
  if (entries.planned > 0 && requests.succeeded === 0) {
    return {
      status: 'failed',
      statusReason: `no call succeeded: ${requests.calls} calls, 0 answered HTTP 200${errors === '' ? '' : ` (${errors})`}`,
    };
  }
  const reasons: string[] = [];
  if (input.generatorSaturated)
    reasons.push(
      input.generatorLimit ?? "the generator was saturated (the numbers show this machine's limit)",
    );
  if (input.endpointSaturated)
    reasons.push('the embedded endpoint was saturated (latencies include its queueing)');
  if (requests.calls > 0 && requests.failed * 2 > requests.calls) {
    reasons.push(
      `most calls failed: ${requests.failed} of ${requests.calls}${errors === '' ? '' : ` (${errors})`}`,
    );
  }
  if (reasons.length > 0) return { status: 'degraded', statusReason: reasons.join('; ') };
  return { status: 'completed', statusReason: undefined };
}

/** Event-loop utilization at or above which a worker that fell behind, or the endpoint's thread, counts as saturated. */
const SATURATED_UTILIZATION = 0.9;

/**
 * The embedded endpoint's thread over the replay: utilization, CPU microseconds per request served, and
 * saturation (utilization >= 0.9). Utilization is wall time busy, so a thread that other threads keep off the
 * cores looks busier than its CPU time says: both are reported.
 * Example: (0.5, 2000 ms of CPU, 10000 requests) -> 200 us per request.
 * @param utilization - event-loop utilization of the thread over the replay (0..1)
 * @param cpuMs - the thread's CPU milliseconds over the replay, or null when unknown
 * @param requests - HTTP requests the endpoint answered or refused
 */
export function endpointThreadHealth(
  utilization: number,
  cpuMs: number | null,
  requests: number,
): EndpointThreadHealth {
  return {
    eventLoopUtilization: Math.round(utilization * 1000) / 1000,
    cpuUsPerRequest: cpuMs !== null && requests > 0 ? Math.round((cpuMs * 1000) / requests) : null,
    saturated: utilization >= SATURATED_UTILIZATION,
  };
}

/**
 * Per-worker load of the generator, and whether it was the limit: batches were sent late or dropped while a
 * worker's event loop was busy at least 90% of the schedule, or while the machine was: the workers and the
 * endpoint's thread together busy at least 90% of the cores (threads then wait for a core, so none of them
 * need reach 90% on its own).
 * Example: workers 0.84 and 0.87 and the endpoint 0.84 on 2 cores (2.55 >= 1.8) with batches behind: saturated.
 * @param endpointUtilization - the embedded endpoint thread's utilization (local target), else null
 * @param cores - the cores the run had (availableParallelism)
 */
export function generatorHealth(
  results: WorkerResult[],
  endpointUtilization: number | null,
  cores: number,
): Pick<RunReport['generator'], 'workers' | 'saturated'> {
  const workers = results.map((result) => ({
    index: result.workerIndex,
    eventLoopUtilization: result.eventLoopUtilization,
    batchesBehind: result.batchesBehind,
    maxLagMs: result.maxLagMs,
  }));
  const behind = workers.some((worker) => worker.batchesBehind > 0);
  const busyThreads =
    workers.reduce((sum, worker) => sum + worker.eventLoopUtilization, 0) + (endpointUtilization ?? 0);
  const saturated =
    workers.some(
      (worker) => worker.eventLoopUtilization >= SATURATED_UTILIZATION && worker.batchesBehind > 0,
    ) ||
    (behind && busyThreads >= SATURATED_UTILIZATION * cores);
  return { workers, saturated };
}
