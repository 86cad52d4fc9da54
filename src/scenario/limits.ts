/**
 * Limits of what one run can hold that the scenario alone decides, each with its reason: the replay's length,
 * the number of producer instances, a replay series' length, and the sizes of the files the parser reads.
 * Checked by `validate` and by `run` (after the command-line overrides) before anything is started. The
 * limits on planned rates need each shape's peak and live one floor up, in src/schedule/limits.ts, whose
 * `checkRunLimits` runs these first.
 */
import type { Scenario } from './types.js';

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

/** One problem found by a run-limits check: a path of the scenario file and what is wrong. */
export interface LimitProblem {
  path: ReadonlyArray<string | number>;
  message: string;
}

/** A count for a message: 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);
}

/** The command-line flags that changed the scenario, for the messages (e.g. "--rate-scale 100"). */
export interface LimitFlags {
  rate?: string;
  duration?: string;
}

/** The words that name the flag behind a figure: "" or " (with --duration 2h)". */
export function byFlag(flag: string | undefined): string {
  return flag === undefined ? '' : ` (with ${flag})`;
}

/** A check of a normalised scenario against run limits (this file's, or src/schedule/limits.ts's all). */
export type RunLimitsCheck = (scenario: Scenario, flags?: LimitFlags) => LimitProblem[];

/**
 * Every limit of this file the (normalised, overridden) scenario breaks, with the figure and the reason:
 * the replay's length, the producer instances in all, each replay series' length.
 * @param scenario - the scenario as it will run
 * @param flags - names of the command-line flags that changed it, for the messages (e.g. "--duration 2h")
 */
export function checkScenarioLimits(scenario: Scenario, flags: LimitFlags = {}): LimitProblem[] {
  const problems: LimitProblem[] = [];
  if (!(scenario.durationMs <= MAX_DURATION_MS)) {
    problems.push({
      path: ['duration'],
      message: `${scenario.durationMs / 3_600_000} h${byFlag(flags.duration)} is longer than a run can hold; expected at most 168h (7 days of wall-clock replay)`,
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
  return problems;
}
