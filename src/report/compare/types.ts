/**
 * The shapes of a comparison of two report.json objects (`busload compare`): per-bus metric deltas, money
 * deltas, the latency verdicts, how the two scenarios relate; also the JSON output's schema id.
 */
import type { RunReport } from '../types.js';

/** Schema id of the JSON output of `busload compare --format json`. */
export const COMPARE_SCHEMA = 'busload-compare/1';

/** Significance level of the latency noise test. */
export const COMPARE_ALPHA = 0.05;

export type MetricKey =
  | 'calls'
  | 'entriesPerCall'
  | 'dataEventsPerMonth'
  | 'eventBridgeUsd'
  | 'loggingUsd'
  | 'totalUsd'
  | 'p50Ms'
  | 'p99Ms'
  | 'throttledAttempts'
  | 'failedEntries';

export type MetricUnit = 'count' | 'ratio' | 'usd' | 'ms';

/** Whether a latency change stands out from the run-to-run noise of the per-interval samples. */
export interface LatencyVerdict {
  verdict: 'significant' | 'within-noise' | 'no-samples';
  test: 'mann-whitney-u (two-sided, per-interval samples)';
  alpha: number;
  /**
   * Two-sided p-value in the direction of the whole-run change (twice the one-sided p for "after is larger"
   * when the whole-run value rose, for "after is smaller" when it fell); null when there are no samples.
   */
  pValue: number | null;
  intervalsBefore: number;
  intervalsAfter: number;
  /**
   * Set when the per-interval samples are hard to compare: a per-interval percentile depends on how many
   * calls the interval holds, so when the calls per interval differ more than 2x the test is biased.
   */
  caveat: string | null;
}

export interface MetricDelta {
  key: MetricKey;
  label: string;
  unit: MetricUnit;
  /** Decimal strings; null when the bus does not exist on that side. */
  before: string | null;
  after: string | null;
  delta: string | null;
  /** delta / before, rounded to 6 decimals; null when before is 0 or missing. */
  changeRatio: number | null;
  /** Latency metrics only. */
  latency?: LatencyVerdict;
}

export interface BusComparison {
  name: string;
  presence: 'both' | 'added' | 'removed';
  metrics: MetricDelta[];
}

export interface ReportRef {
  scenario: string;
  /** The scenario's family (null when it names none). */
  family: string | null;
  sha256: string;
  startedAt: string;
  status: RunReport['status'];
  durationMs: number;
  /** The run's --rate-scale (1 when it had none). */
  rateScale: number;
}

export interface MoneyDelta {
  before: string;
  after: string;
  delta: string;
  changeRatio: number | null;
}

/**
 * How the two reports' scenarios relate: the same scenario (same name), two variants of one family (different
 * names, same `family`), or different scenarios; and everything that differs between the two runs, one
 * phrase each ("seed 42 vs 7").
 */
export interface ScenarioRelation {
  kind: 'same-scenario' | 'same-family' | 'different';
  /** The shared family, when there is one. */
  family: string | null;
  differences: string[];
}

export interface Comparison {
  schema: typeof COMPARE_SCHEMA;
  before: ReportRef;
  after: ReportRef;
  relation: ScenarioRelation;
  /** Buses by name (union of both reports). */
  buses: BusComparison[];
  totals: { eventBridgeUsd: MoneyDelta; loggingUsd: MoneyDelta; totalMonthlyUsd: MoneyDelta };
  /** The sentence that summarises the change for a design review. */
  sentence: string;
  /** Things the reader must know (different scenarios or rate scales, runs that did not complete). */
  warnings: string[];
}
