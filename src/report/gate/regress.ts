/**
 * `busload regress`: the nightly gate, as pure functions of a policy and two report.json objects (tonight's
 * run and the accepted baseline). No I/O.
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
import { parse as parseYaml } from 'yaml';
import { INTERVAL_LATENCY_STATS, type IntervalLatencyStat, mannWhitneyU } from '../stats.js';
import type { BusResult, RunReport } from '../types.js';
import { evaluateThresholds, parseThreshold } from './thresholds.js';

/** Default significance level of latency rules (one-sided). */
export const DEFAULT_ALPHA = 0.01;

/** The built-in policy, used when no --policy is given. */
export const DEFAULT_POLICY_RULES: readonly string[] = [
  'cost.totalMonthlyUsd +5%',
  'buses.*.monthly.totalUsd +5%',
  'buses.*.monthly.loggingUsd +5%',
  'buses.*.monthly.dataEvents +5%',
  'buses.*.latencyMs.p99 +20%',
  'buses.*.throttleRatio +0.01',
  'buses.*.failedEntryRatio +0.001',
];

export type PolicyRule =
  | { kind: 'absolute'; source: string; path: string }
  | {
      kind: 'relative';
      source: string;
      path: string;
      direction: 'increase' | 'decrease';
      /** The allowed change: a percentage of the baseline when `percent`, else an amount in the path's unit. */
      limit: string;
      percent: boolean;
    };

export interface Policy {
  /** The policy file, or "built-in policy". */
  source: string;
  rules: PolicyRule[];
  /** Significance level of latency rules. */
  alpha: number;
}

const RELATIVE_PATTERN = /^\s*([A-Za-z0-9_.*-]+)\s+([+-])\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$/;

const EXPECTED_RULE =
  'expected "<path> +N%" / "<path> -N%" (relative to the baseline), "<path> +N" (absolute change) or ' +
  '"<path> <op> <number>" with op one of < <= > >= == != (e.g. "cost.totalMonthlyUsd +5%", "buses.*.monthly.loggingUsd < 100")';

/** Parses one rule; returns the expected form on error. */
export function parseRule(source: string): PolicyRule | { error: string } {
  const relative = RELATIVE_PATTERN.exec(source);
  if (relative) {
    const [, path, sign, limit, percent] = relative as unknown as [string, string, string, string, string];
    return {
      kind: 'relative',
      source,
      path,
      direction: sign === '+' ? 'increase' : 'decrease',
      limit: new Decimal(limit).toFixed(),
      percent: percent === '%',
    };
  }
  const absolute = parseThreshold(source);
  if ('error' in absolute) return { error: EXPECTED_RULE };
  return { kind: 'absolute', source, path: absolute.path.join('.') };
}

/**
 * Parses a policy file's text (YAML): `rules:` (a non-empty list of rule strings) and optionally
 * `latency: { alpha: 0.01 }`. Unknown keys are errors. Every problem names the file, the field path and the
 * expected form.
 */
export function parsePolicy(text: string, file: string): { policy: Policy } | { errors: string[] } {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return { errors: [`${file}: not valid YAML (${(error as Error).message.split('\n')[0]})`] };
  }
  const errors: string[] = [];
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { errors: [`${file}: expected a mapping with "rules:" (a list of rule strings)`] };
  }
  const record = document as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'rules' && key !== 'latency') {
      errors.push(`${file}: ${key}: unknown key (expected "rules" and optionally "latency")`);
    }
  }
  let alpha = DEFAULT_ALPHA;
  if (record.latency !== undefined) {
    const latency = record.latency as Record<string, unknown> | null;
    if (latency === null || typeof latency !== 'object' || Array.isArray(latency)) {
      errors.push(`${file}: latency: expected a mapping { alpha: <number in (0, 0.5]> }`);
    } else {
      for (const key of Object.keys(latency)) {
        if (key !== 'alpha') errors.push(`${file}: latency.${key}: unknown key (expected "alpha")`);
      }
      if (latency.alpha !== undefined) {
        if (typeof latency.alpha !== 'number' || !(latency.alpha > 0 && latency.alpha <= 0.5)) {
          errors.push(
            `${file}: latency.alpha: expected a number in (0, 0.5], got ${JSON.stringify(latency.alpha)}`,
          );
        } else alpha = latency.alpha;
      }
    }
  }
  const rules: PolicyRule[] = [];
  if (!Array.isArray(record.rules) || record.rules.length === 0) {
    errors.push(
      `${file}: rules: expected a non-empty list of rule strings, e.g. - "cost.totalMonthlyUsd +5%"`,
    );
  } else {
    record.rules.forEach((rule, index) => {
      if (typeof rule !== 'string') {
        errors.push(`${file}: rules[${index}]: expected a rule string, got ${JSON.stringify(rule)}`);
        return;
      }
      const parsed = parseRule(rule);
      if ('error' in parsed) errors.push(`${file}: rules[${index}] "${rule}": ${parsed.error}`);
      else rules.push(parsed);
    });
  }
  return errors.length > 0 ? { errors } : { policy: { source: file, rules, alpha } };
}

/** The built-in policy. */
export function defaultPolicy(): Policy {
  const rules = DEFAULT_POLICY_RULES.map((source) => parseRule(source) as PolicyRule);
  return { source: 'built-in policy', rules, alpha: DEFAULT_ALPHA };
}

const RATIO_DECIMALS = 6;

function safeRatio(part: number, whole: number): string {
  return whole === 0
    ? '0'
    : new Decimal(part).div(whole).toDecimalPlaces(RATIO_DECIMALS, Decimal.ROUND_HALF_UP).toFixed();
}

/** The object policy paths are read from: the report, each bus with its cost and ratios added. */
export function policyView(report: RunReport): Record<string, unknown> {
  return {
    ...report,
    buses: report.buses.map((bus) => {
      const cost = report.cost.buses.find((candidate) => candidate.name === bus.name);
      return {
        ...bus,
        timeSeries: undefined,
        ...(cost ? { monthly: cost.monthly, loggingMode: cost.loggingMode } : {}),
        throttleRatio: safeRatio(bus.requests.throttled, bus.requests.attempts),
        failedEntryRatio: safeRatio(bus.entries.failed, bus.entries.planned),
      };
    }),
  };
}

/**
 * The numbers a path names in a view, by resolved path. Reuses the thresholds' resolver through
 * evaluateThresholds: the comparison is irrelevant, each check carries the path it resolved and its value.
 */
function resolveNumbers(view: unknown, path: string): { values: Map<string, string> } | { error: string } {
  const { results, errors } = evaluateThresholds(view, [`${path} >= 0`]);
  if (errors.length > 0)
    return { error: errors.map((error) => error.replace(/^threshold "[^"]*": /, '')).join('; ') };
  return { values: new Map((results[0]?.checks ?? []).map((check) => [check.path, check.actual])) };
}

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

/** The result as a plain-text table (one line per check), its notes (one line each) and a verdict line last. */
export function renderRegressTable(result: RegressResult): string {
  const head = ['rule', 'path', 'baseline', 'current', 'limit', 'result', 'note'];
  const rows: string[][] = [];
  for (const rule of result.rules) {
    rule.checks.forEach((check, index) => {
      rows.push([
        index === 0 ? rule.rule : '',
        check.path,
        check.baseline ?? '-',
        check.current,
        check.limit,
        check.passed ? 'pass' : 'FAIL',
        check.note ?? '',
      ]);
    });
  }
  const widths = head.map((label, column) =>
    Math.max(label.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const failed = result.rules.filter((rule) => !rule.passed).length;
  const verdict = result.passed
    ? `PASS: ${result.rules.length} rules of ${result.policy} hold for ${result.scenario}.`
    : `REGRESSION: ${failed} of ${result.rules.length} rules of ${result.policy} failed for ${result.scenario}.`;
  const notes = result.notes.map((note) => `note: ${note}`);
  return `${[line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...notes, verdict].join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function describeCheck(check: CheckResult): string {
  return (
    `${check.path}: current ${check.current}, baseline ${check.baseline ?? '-'}, limit ${check.limit}: ` +
    `${check.passed ? 'pass' : 'FAIL'}${check.note ? ` (${check.note})` : ''}`
  );
}

/**
 * JUnit XML: one testsuite, one testcase per rule; a failed rule has a <failure> listing its failed checks.
 * The result's notes are properties of the suite (`<property name="note" .../>`).
 */
export function renderJunit(result: RegressResult): string {
  const failures = result.rules.filter((rule) => !rule.passed).length;
  const suite = `busload regress: ${result.scenario}`;
  const cases = result.rules.map((rule) => {
    const open = `    <testcase classname="${escapeXml(`busload.regress.${result.scenario}`)}" name="${escapeXml(rule.rule)}">`;
    const output = `      <system-out>${escapeXml(rule.checks.map(describeCheck).join('\n'))}</system-out>`;
    if (rule.passed) return [open, output, '    </testcase>'].join('\n');
    const failed = rule.checks.filter((check) => !check.passed);
    const message = failed
      .map((check) => `${check.path} = ${check.current} (limit ${check.limit})`)
      .join('; ');
    return [
      open,
      `      <failure type="regression" message="${escapeXml(message)}">${escapeXml(failed.map(describeCheck).join('\n'))}</failure>`,
      output,
      '    </testcase>',
    ].join('\n');
  });
  return `${[
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="busload regress" tests="${result.rules.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${result.rules.length}" failures="${failures}" errors="0" skipped="0">`,
    `    <properties><property name="policy" value="${escapeXml(result.policy)}"/><property name="alpha" value="${result.alpha}"/>${result.notes.map((note) => `<property name="note" value="${escapeXml(note)}"/>`).join('')}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n')}\n`;
}

/** One benchmark value for CI charting actions ("customSmallerIsBetter": smaller is better for all of them). */
export interface BenchEntry {
  name: string;
  unit: string;
  value: number;
}

/** Per-bus figures a nightly chart tracks (all smaller-is-better), plus the total monthly cost. */
export function benchEntries(report: RunReport): BenchEntry[] {
  const entries: BenchEntry[] = [
    { name: 'total cost', unit: 'USD/month', value: Number(report.cost.totalMonthlyUsd) },
  ];
  for (const bus of report.buses) {
    const cost = report.cost.buses.find((candidate) => candidate.name === bus.name);
    entries.push({ name: `${bus.name} p99 latency`, unit: 'ms', value: bus.latencyMs.p99 });
    entries.push({
      name: `${bus.name} throttle ratio`,
      unit: 'ratio',
      value: Number(safeRatio(bus.requests.throttled, bus.requests.attempts)),
    });
    if (cost) {
      entries.push({
        name: `${bus.name} data events`,
        unit: 'data events/month',
        value: Number(cost.monthly.dataEvents),
      });
      entries.push({ name: `${bus.name} cost`, unit: 'USD/month', value: Number(cost.monthly.totalUsd) });
    }
  }
  return entries;
}

/** A CloudWatch datum, SDK-independent (src/aws/cloudwatch-publish.ts sends them). */
export interface MetricPoint {
  metricName: 'LatencyP99' | 'ThrottleRatio' | 'DataEventsPerMonth' | 'MonthlyCostUsd';
  unit: 'Milliseconds' | 'None' | 'Count';
  value: number;
  dimensions: { Scenario: string; Bus: string };
}

/** Per bus: p99 latency, throttle ratio, data events per month and $/month, dimensioned by scenario and bus. */
export function cloudWatchPoints(report: RunReport): MetricPoint[] {
  return report.buses.flatMap((bus): MetricPoint[] => {
    const dimensions = { Scenario: report.scenario.name, Bus: bus.name };
    const cost = report.cost.buses.find((candidate) => candidate.name === bus.name);
    return [
      { metricName: 'LatencyP99', unit: 'Milliseconds', value: bus.latencyMs.p99, dimensions },
      {
        metricName: 'ThrottleRatio',
        unit: 'None',
        value: Number(safeRatio(bus.requests.throttled, bus.requests.attempts)),
        dimensions,
      },
      {
        metricName: 'DataEventsPerMonth',
        unit: 'Count',
        value: Number(cost?.monthly.dataEvents ?? 0),
        dimensions,
      },
      { metricName: 'MonthlyCostUsd', unit: 'None', value: Number(cost?.monthly.totalUsd ?? 0), dimensions },
    ];
  });
}
