/**
 * Limits of what one run can hold, each with its reason, checked by `validate` and by `run` (after the
 * command-line overrides) before anything is started. Without them a scenario can ask for more than the
 * planner can walk in real time (the workers then never yield and ignore stop requests), for a replay so
 * long that its time series no longer fit, or for a file the parser needs gigabytes to read.
 */

import { MAX_ENTRIES_PER_REQUEST } from '../eventbridge/limits.js';
import { defaultPutEventsQuotaTps } from '../eventbridge/quotas.js';
import { peakRatePerSec } from '../model/projection.js';
import type { Scenario } from './types.js';

/**
 * How far over what the account can accept a scenario may plan: 10 x (quota x 10 entries per request).
 * Overload tests need rates above the quota; far beyond it the run measures nothing but throttling.
 */
export const QUOTA_MARGIN = 10;

/**
 * Planned entries per second (all producers at their peaks) the planner can hold. Every worker walks the
 * whole plan to keep its own batches; measured at 3-4 million entries/s per thread on a 2-core machine
 * (2026-12-03), so a worker at this rate spends about a third of its time planning.
 */
export const MAX_PLANNED_ENTRIES_PER_SEC = 1_000_000;

/** Longest replay: 7 days of wall-clock time (time series stay within 300 points of at most 1 h, bounded memory). */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/** Largest scenario file: 1 MiB (the YAML parser needs ~100x the file size in memory). */
export const MAX_SCENARIO_FILE_BYTES = 1_048_576;

/** Largest replay series file (CSV or JSON): 16 MiB. */
export const MAX_SERIES_FILE_BYTES = 16 * 1_048_576;

/**
 * Counts in one replay series (file or inline): 100,000, 69 days of 1-minute CloudWatch periods (a week is
 * 10,080). Every worker holds and walks the whole series; 4 million counts took 1.3 GB and saturated both
 * workers of a 2-second run (2026-12-07).
 */
export const MAX_SERIES_POINTS = 100_000;

/** Producer instances in all (each is a stream every worker walks): 10,000. */
export const MAX_STREAMS = 10_000;

/** One problem found by {@link checkRunLimits}: a path of the scenario file and what is wrong. */
export interface LimitProblem {
  path: ReadonlyArray<string | number>;
  message: string;
}

function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);
}

/**
 * Every limit the (normalised, overridden) scenario breaks, with the figure and the reason.
 * @param scenario - the scenario as it will run
 * @param flags - names of the command-line flags that changed it, for the messages (e.g. "--rate-scale 100")
 */
export function checkRunLimits(
  scenario: Scenario,
  flags: { rate?: string; duration?: string } = {},
): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const by = (flag: string | undefined): string => (flag === undefined ? '' : ` (with ${flag})`);
  if (!(scenario.durationMs <= MAX_DURATION_MS)) {
    problems.push({
      path: ['duration'],
      message: `${scenario.durationMs / 3_600_000} h${by(flags.duration)} is longer than a run can hold; expected at most 168h (7 days of wall-clock replay)`,
    });
  }
  const streams = scenario.producers.reduce((sum, producer) => sum + producer.instances, 0);
  if (streams > MAX_STREAMS) {
    problems.push({
      path: ['producers'],
      message: `${formatCount(streams)} producer instances in all; expected at most ${formatCount(MAX_STREAMS)} (every worker walks every instance's schedule)`,
    });
  }
  scenario.producers.forEach((producer, index) => {
    if (producer.shape.kind === 'replay' && producer.shape.counts.length > MAX_SERIES_POINTS) {
      problems.push({
        path: ['producers', index, 'shape'],
        message: `the replay series holds ${formatCount(producer.shape.counts.length)} counts; expected at most ${formatCount(MAX_SERIES_POINTS)} (every worker holds and walks the whole series; use a longer interval)`,
      });
    }
  });
  const quotaTps = scenario.endpoint.quotaTps ?? defaultPutEventsQuotaTps(scenario.region);
  const quotaLimit = quotaTps * MAX_ENTRIES_PER_REQUEST * QUOTA_MARGIN;
  const limit = Math.min(quotaLimit, MAX_PLANNED_ENTRIES_PER_SEC);
  const reason =
    quotaLimit <= MAX_PLANNED_ENTRIES_PER_SEC
      ? `${QUOTA_MARGIN} x what the account accepts: the PutEvents quota of ${formatCount(quotaTps)} requests/s${scenario.endpoint.quotaTps === null ? ` in ${scenario.region}` : ' (endpoint.quotaTps)'} x ${MAX_ENTRIES_PER_REQUEST} entries per request`
      : `what the planner can walk in real time on every worker`;
  let total = 0;
  scenario.producers.forEach((producer, index) => {
    const peak = peakRatePerSec(producer.shape);
    total += Number.isFinite(peak) ? peak : Number.POSITIVE_INFINITY;
    if (!(peak <= limit)) {
      problems.push({
        path: [
          'producers',
          index,
          producer.shape.kind === 'constant' ||
          producer.shape.kind === 'diurnal' ||
          producer.shape.kind === 'bursts'
            ? 'rate'
            : 'shape',
        ],
        message: `peak rate ${formatCount(peak)} entries/s${by(flags.rate)} is over the limit of ${formatCount(limit)} entries/s (${reason})`,
      });
    }
  });
  if (
    problems.every((problem) => problem.path[0] !== 'producers' || problem.path.length === 1) &&
    !(total <= limit)
  ) {
    problems.push({
      path: ['producers'],
      message: `the producers' peak rates add up to ${formatCount(total)} entries/s${by(flags.rate)}, over the limit of ${formatCount(limit)} entries/s (${reason})`,
    });
  }
  return problems;
}
