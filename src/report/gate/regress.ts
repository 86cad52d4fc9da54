/**
 * `busload regress`: the nightly gate's evaluation, as pure functions of a policy (policy.ts) and two
 * report.json objects (tonight's run and the accepted baseline). No I/O. Its outputs are in outputs.ts.
 *
 * A policy is a list of rules over report paths (`*` after `buses.` or `cost.buses.` = every bus):
 * - relative, against the baseline: `<path> +5%` fails when the value rises more than 5% above the baseline,
 *   `<path> -10%` when it falls more than 10% below; without `%` the limit is absolute (`+0.01`, `+0`);
 * - absolute, on tonight's run alone: `<path> <op> <number>`, evaluated by the scenario thresholds
 *   (src/report/gate/thresholds.ts), e.g. `buses.*.monthly.loggingUsd < 100`.
 * Paths are read from a view of the report where each bus also carries its cost (`monthly`, `loggingMode`)
 * and two ratios (`throttleRatio` = throttled attempts / attempts, `failedEntryRatio` = failed / planned
 * entries), so `buses.orders.monthly.loggingUsd` works as well as `cost.buses.orders.monthly.loggingUsd`.
 *
 * Cost and count rules are decimal arithmetic on the estimates. A latency rule (`buses.<bus>.latencyMs.<stat>`)
 * fails only when the limit is exceeded AND the per-interval samples of that statistic moved significantly
 * in the rule's direction: one-sided Mann-Whitney U, baseline intervals vs tonight's intervals, at the
 * policy's alpha (default 0.01), so a noisy machine does not page anyone.
 */
import { Decimal } from 'decimal.js';
import { INTERVAL_LATENCY_STATS, type IntervalLatencyStat, mannWhitneyU } from '../stats.js';
import type { BusResult, RunReport } from '../types.js';
import type { Policy, PolicyRule } from './policy.js';
import { evaluateThresholds } from './thresholds.js';
import { policyView, resolveNumbers } from './view.js';

/**
 * Checks every rule against the reports before anything is evaluated: each path must name numbers in
 * tonight's report (and, for relative rules, in the baseline). Returns the problems, each naming the policy
 * file and the rule.
 */
export function validatePolicy(policy: Policy, current: RunReport, baseline: RunReport): string[] {
  const problems: string[] = [];
  const views = { current: policyView(current), baseline: policyView(baseline) };
  policy.rules.forEach((rule, index) => {
    const where = `${policy.source}: rules[${index}] "${rule.source}"`;
    const now = resolveNumbers(views.current, rule.path);
    if ('error' in now) problems.push(`${where}: ${now.error} (in the current report)`);
    if (rule.kind === 'relative') {
      const before = resolveNumbers(views.baseline, rule.path);
      // A bus only the current run has is reported as "no baseline", not as an invalid rule.
      if ('error' in before && !before.error.startsWith('no bus named')) {
        problems.push(`${where}: ${before.error} (in the baseline)`);
      }
    }
  });
  return problems;
}

export interface CheckResult {
  /** The resolved path, e.g. buses.orders.latencyMs.p99. */
  path: string;
  baseline: string | null;
  current: string;
  /** What passing means, e.g. "<= 1625.28 (baseline +5%)". */
  limit: string;
  passed: boolean;
  /** Why a check passed or failed beyond the arithmetic (latency significance, missing baseline). */
  note: string | null;
}

export interface RuleResult {
  rule: string;
  kind: PolicyRule['kind'];
  passed: boolean;
  checks: CheckResult[];
}

export interface RegressResult {
  policy: string;
  scenario: string;
  alpha: number;
  rules: RuleResult[];
  passed: boolean;
  /**
   * What the reader must know to judge the verdict, without changing it (e.g. the runs were at different
   * rate scales); empty when there is nothing to say.
   */
  notes: string[];
}

const LATENCY_PATH = /^buses\.([^.]+)\.latencyMs\.([a-z0-9]+)$/;

function isIntervalStat(stat: string): stat is IntervalLatencyStat {
  return (INTERVAL_LATENCY_STATS as readonly string[]).includes(stat);
}

function intervalValues(bus: BusResult | undefined, stat: IntervalLatencyStat): number[] {
  return (bus?.timeSeries?.points ?? [])
    .filter((point) => point.latencyMs.count > 0)
    .map((point) => point.latencyMs[stat]);
}

/** The latency significance note and whether a limit breach counts, for a resolved latency path. */
function latencySignificance(
  path: string,
  direction: 'increase' | 'decrease',
  current: RunReport,
  baseline: RunReport,
  alpha: number,
): { counts: boolean; note: string } | null {
  const match = LATENCY_PATH.exec(path);
  if (!match) return null;
  const [, busName, stat] = match as unknown as [string, string, string];
  if (!isIntervalStat(stat)) return null;
  const before = intervalValues(
    baseline.buses.find((bus) => bus.name === busName),
    stat,
  );
  const after = intervalValues(
    current.buses.find((bus) => bus.name === busName),
    stat,
  );
  if (before.length === 0 || after.length === 0) {
    return { counts: true, note: 'no per-interval samples to test: arithmetic only' };
  }
  const test = mannWhitneyU(before, after);
  const p = direction === 'increase' ? test.pGreater : test.pLess;
  const pText = Number(p.toPrecision(3));
  const significant = p < alpha;
  return {
    counts: significant,
    note: `Mann-Whitney U one-sided p = ${pText} over ${before.length} vs ${after.length} intervals: ${significant ? 'significant' : `within noise (alpha ${alpha})`}`,
  };
}

function relativeBound(
  rule: Extract<PolicyRule, { kind: 'relative' }>,
  baseline: Decimal,
): { bound: Decimal; text: string } {
  const limit = new Decimal(rule.limit);
  const change = rule.percent ? baseline.times(limit).div(100) : limit;
  const bound = rule.direction === 'increase' ? baseline.plus(change) : baseline.minus(change);
  const op = rule.direction === 'increase' ? '<=' : '>=';
  const sign = rule.direction === 'increase' ? '+' : '-';
  return {
    bound,
    text: `${op} ${bound.toDecimalPlaces(6).toFixed()} (baseline ${sign}${rule.limit}${rule.percent ? '%' : ''})`,
  };
}

function evaluateRelative(
  rule: Extract<PolicyRule, { kind: 'relative' }>,
  current: RunReport,
  baseline: RunReport,
  alpha: number,
): CheckResult[] {
  const now = resolveNumbers(policyView(current), rule.path);
  const before = resolveNumbers(policyView(baseline), rule.path);
  if ('error' in now) {
    return [{ path: rule.path, baseline: null, current: '-', limit: '-', passed: false, note: now.error }];
  }
  const baselineValues = 'error' in before ? new Map<string, string>() : before.values;
  return [...now.values].map(([path, value]): CheckResult => {
    const baseValue = baselineValues.get(path);
    if (baseValue === undefined) {
      return {
        path,
        baseline: null,
        current: value,
        limit: '-',
        passed: true,
        note: 'no baseline value (new bus): not compared',
      };
    }
    const { bound, text } = relativeBound(rule, new Decimal(baseValue));
    const actual = new Decimal(value);
    const exceeded = rule.direction === 'increase' ? actual.gt(bound) : actual.lt(bound);
    let passed = !exceeded;
    let note: string | null = null;
    const latency = latencySignificance(path, rule.direction, current, baseline, alpha);
    if (latency) {
      note = latency.note;
      if (exceeded && !latency.counts) passed = true;
    }
    return { path, baseline: baseValue, current: value, limit: text, passed, note };
  });
}

function evaluateAbsolute(
  rule: Extract<PolicyRule, { kind: 'absolute' }>,
  current: RunReport,
  baseline: RunReport,
): CheckResult[] {
  const { results, errors } = evaluateThresholds(policyView(current), [rule.source]);
  if (errors.length > 0 || results.length === 0) {
    return [
      { path: rule.path, baseline: null, current: '-', limit: '-', passed: false, note: errors.join('; ') },
    ];
  }
  const before = resolveNumbers(policyView(baseline), rule.path);
  const baselineValues = 'error' in before ? new Map<string, string>() : before.values;
  const limit = rule.source.slice(rule.source.indexOf(rule.path) + rule.path.length).trim();
  return results[0]!.checks.map((check) => ({
    path: check.path,
    baseline: baselineValues.get(check.path) ?? null,
    current: check.actual,
    limit,
    passed: check.passed,
    note: null,
  }));
}

/** Evaluates a validated policy: one result per rule, each with one check per resolved path. */
export function evaluatePolicy(policy: Policy, current: RunReport, baseline: RunReport): RegressResult {
  const rules = policy.rules.map((rule): RuleResult => {
    const checks =
      rule.kind === 'relative'
        ? evaluateRelative(rule, current, baseline, policy.alpha)
        : evaluateAbsolute(rule, current, baseline);
    return { rule: rule.source, kind: rule.kind, passed: checks.every((check) => check.passed), checks };
  });
  return {
    policy: policy.source,
    scenario: current.scenario.name,
    alpha: policy.alpha,
    rules,
    passed: rules.every((rule) => rule.passed),
    notes: verdictNotes(current, baseline),
  };
}

/** Differences between the runs that the rules do not judge but a reader of the verdict must know. */
function verdictNotes(current: RunReport, baseline: RunReport): string[] {
  const notes: string[] = [];
  if (current.run.rateScale !== baseline.run.rateScale) {
    notes.push(
      `tonight's run is at --rate-scale ${current.run.rateScale}, the baseline at --rate-scale ${baseline.run.rateScale}: producer rates differ by that factor, so traffic and cost are not like for like (the rules were applied as written)`,
    );
  }
  return notes;
}
