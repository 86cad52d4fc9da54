/**
 * A run's status, told truthfully (pure): `failed` when no call succeeded, `degraded` when the harness
 * limited the run (the generator or the embedded endpoint was saturated) or most calls failed; otherwise
 * what the replay itself said (completed or interrupted).
 */
import type { BusResult, RunStatus } from '../report/types.js';

/** The parts of a run the judgement reads. */
export interface StatusInput {
  /** What the replay said: completed, interrupted (a signal) or failed (a worker crashed). */
  status: RunStatus;
  statusReason: string | undefined;
  totals: BusResult;
  generatorSaturated: boolean;
  endpointSaturated: boolean;
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
    reasons.push("the generator was saturated (the numbers show this machine's limit)");
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
