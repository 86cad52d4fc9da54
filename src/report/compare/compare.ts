/**
 * `busload compare`: before/after evidence for a design review, as a pure function of two report.json
 * objects. Per bus: calls, entries per call, data events, EventBridge $, logging $, p50/p99 latency,
 * throttled attempts and failed entries, each with its delta; latency changes are tested against the noise
 * of the per-interval samples (two-sided Mann-Whitney U on the per-interval p50s and p99s, alpha 0.05);
 * one plain-text sentence summarises the change. How the two scenarios relate (the same, variants of one
 * `family`, or different) and everything that differs between the runs is stated, and warned about where it
 * matters. Money and counts are decimal strings; no I/O, no clock.
 */
import { Decimal } from 'decimal.js';
import type { BusCostEstimate } from '../../model/types.js';
import type { DocBlock, DocSection, DocTable, ReportDocument } from '../document.js';
import {
  formatDecimal,
  formatDurationMs,
  formatFixedDecimals,
  formatMs,
  formatPercent,
  formatQuantity,
  formatUsd,
} from '../format.js';
import { mannWhitneyU } from '../stats.js';
import type { BusResult, RunReport } from '../types.js';
import type { CompareCharts } from './charts.js';

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

const LABELS: Record<MetricKey, { label: string; unit: MetricUnit }> = {
  calls: { label: 'calls', unit: 'count' },
  entriesPerCall: { label: 'entries per call', unit: 'ratio' },
  dataEventsPerMonth: { label: 'data events/month', unit: 'count' },
  eventBridgeUsd: { label: 'EventBridge $/month', unit: 'usd' },
  loggingUsd: { label: 'logging $/month', unit: 'usd' },
  totalUsd: { label: 'total $/month', unit: 'usd' },
  p50Ms: { label: 'p50 latency ms', unit: 'ms' },
  p99Ms: { label: 'p99 latency ms', unit: 'ms' },
  throttledAttempts: { label: 'throttled attempts', unit: 'count' },
  failedEntries: { label: 'failed entries', unit: 'count' },
};

function ratio(before: Decimal, delta: Decimal): number | null {
  return before.isZero() ? null : delta.div(before).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toNumber();
}

function metric(key: MetricKey, before: string | null, after: string | null): MetricDelta {
  const delta = before !== null && after !== null ? new Decimal(after).minus(before) : null;
  return {
    key,
    ...LABELS[key],
    before,
    after,
    delta: delta === null ? null : delta.toFixed(),
    changeRatio: delta === null || before === null ? null : ratio(new Decimal(before), delta),
  };
}

/** Per-interval samples of one latency statistic (intervals with answered calls only). */
function intervalSamples(bus: BusResult | undefined, stat: 'p50' | 'p99'): number[] {
  return (bus?.timeSeries?.points ?? [])
    .filter((point) => point.latencyMs.count > 0)
    .map((point) => point.latencyMs[stat]);
}

/** Mean answered calls per interval with samples (0 without). */
function callsPerInterval(bus: BusResult | undefined): number {
  const points = (bus?.timeSeries?.points ?? []).filter((point) => point.latencyMs.count > 0);
  return points.length === 0
    ? 0
    : points.reduce((sum, point) => sum + point.latencyMs.count, 0) / points.length;
}

/**
 * Is the change of a latency statistic beyond the noise? Mann-Whitney U on the per-interval values of that
 * statistic (each interval of each run is one sample), two-sided at `alpha`, in the direction of the
 * whole-run change: per-interval samples that moved the other way (or not at all) make it noise.
 */
export function latencyVerdict(
  before: BusResult | undefined,
  after: BusResult | undefined,
  stat: 'p50' | 'p99',
  alpha = COMPARE_ALPHA,
): LatencyVerdict {
  const a = intervalSamples(before, stat);
  const b = intervalSamples(after, stat);
  const perIntervalBefore = callsPerInterval(before);
  const perIntervalAfter = callsPerInterval(after);
  const spread =
    perIntervalBefore > 0 && perIntervalAfter > 0
      ? Math.max(perIntervalBefore, perIntervalAfter) / Math.min(perIntervalBefore, perIntervalAfter)
      : 1;
  const base = {
    test: 'mann-whitney-u (two-sided, per-interval samples)' as const,
    alpha,
    intervalsBefore: a.length,
    intervalsAfter: b.length,
    caveat:
      spread > 2
        ? `calls per interval differ ${formatDecimal(spread, 1)}x (${formatDecimal(perIntervalBefore, 1)} vs ${formatDecimal(perIntervalAfter, 1)}): per-interval ${stat}s are not like for like`
        : null,
  };
  if (a.length === 0 || b.length === 0 || !before || !after)
    return { ...base, verdict: 'no-samples', pValue: null };
  const test = mannWhitneyU(a, b);
  const wholeRunDelta = after.latencyMs[stat] - before.latencyMs[stat];
  const p =
    wholeRunDelta > 0
      ? Math.min(1, 2 * test.pGreater)
      : wholeRunDelta < 0
        ? Math.min(1, 2 * test.pLess)
        : test.pTwoSided;
  const pValue = Number(p.toPrecision(4));
  return { ...base, verdict: p < alpha ? 'significant' : 'within-noise', pValue };
}

const num = (value: number) => new Decimal(value).toFixed();

function busMetrics(
  bus: BusResult | undefined,
  cost: BusCostEstimate | undefined,
): Record<MetricKey, string | null> {
  return {
    calls: bus ? num(bus.requests.calls) : null,
    entriesPerCall: bus ? num(bus.entriesPerCall) : null,
    dataEventsPerMonth: cost ? cost.monthly.dataEvents : null,
    eventBridgeUsd: cost ? cost.monthly.eventBridgeUsd : null,
    loggingUsd: cost ? cost.monthly.loggingUsd : null,
    totalUsd: cost ? cost.monthly.totalUsd : null,
    p50Ms: bus ? num(bus.latencyMs.p50) : null,
    p99Ms: bus ? num(bus.latencyMs.p99) : null,
    throttledAttempts: bus ? num(bus.requests.throttled) : null,
    failedEntries: bus ? num(bus.entries.failed) : null,
  };
}

function moneyDelta(before: string, after: string): MoneyDelta {
  const delta = new Decimal(after).minus(before);
  return { before, after, delta: delta.toFixed(), changeRatio: ratio(new Decimal(before), delta) };
}

const sumMoney = (buses: readonly BusCostEstimate[], select: (bus: BusCostEstimate) => string) =>
  buses.reduce((sum, bus) => sum.plus(select(bus)), new Decimal(0)).toFixed(2);

function ref(report: RunReport): ReportRef {
  return {
    scenario: report.scenario.name,
    family: report.scenario.family ?? null,
    sha256: report.scenario.sha256,
    startedAt: report.run.startedAt,
    status: report.status,
    durationMs: report.run.durationMs,
    rateScale: report.run.rateScale,
  };
}

/** "+$1.20" / "-$40.30" / "$0.00". */
export function formatUsdDelta(delta: string): string {
  const value = new Decimal(delta);
  if (value.toDecimalPlaces(2).isZero()) return '$0.00';
  return value.isNegative() ? formatUsd(value) : `+${formatUsd(value)}`;
}

/** "+4.5%" / "-75%" / "0%" / "n/a" (from nothing). */
export function formatChange(changeRatio: number | null): string {
  if (changeRatio === null) return 'n/a';
  if (changeRatio === 0) return '0%';
  return changeRatio > 0 ? `+${formatPercent(changeRatio)}` : formatPercent(changeRatio);
}

/** "falls" / "rises" / "stays" ("fall" / "rise" / "stay" for a plural subject). */
function verb(delta: Decimal, plural = false): string {
  const word = delta.isZero() ? 'stay' : delta.isNegative() ? 'fall' : 'rise';
  return plural ? word : `${word}s`;
}

/** "$1,547.89 to $1,508.47 per month (-$39.42, -2.5%)". */
function moneyChange(money: MoneyDelta): string {
  return `from ${formatUsd(money.before)} to ${formatUsd(money.after)} per month (${formatUsdDelta(money.delta)}, ${formatChange(money.changeRatio)})`;
}

/** "a", "a and b", "a, b and c". */
function joinAnd(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const metricOf = (bus: BusComparison, key: MetricKey) => bus.metrics.find((item) => item.key === key)!;

/** A change of at least 5% (or from or to 0) is worth a clause of the sentence. */
function notable(m: MetricDelta): boolean {
  if (m.before === null || m.after === null || m.delta === null) return false;
  if (new Decimal(m.delta).isZero()) return false;
  return m.changeRatio === null || Math.abs(m.changeRatio) >= 0.05;
}

/** "PutEvents calls fall 75% (602 to 150)" / "failed entries fall from 10 to 0". */
function countClause(m: MetricDelta, what: string, unit = ''): string {
  const direction = verb(new Decimal(m.delta!), true);
  const range = `${formatQuantity(m.before!)} to ${formatQuantity(m.after!)}${unit}`;
  return m.changeRatio === null || new Decimal(m.before!).isZero() || new Decimal(m.after!).isZero()
    ? `${what} ${direction} from ${range}`
    : `${what} ${direction} ${formatChange(m.changeRatio).replace(/^[+-]/, '')} (${range})`;
}

/** What changed on one bus that is in both reports, as clauses; empty when nothing notable did. */
function busClauses(bus: BusComparison): string[] {
  const clauses: string[] = [];
  const batching = metricOf(bus, 'entriesPerCall');
  if (notable(batching)) {
    clauses.push(
      `entries per call ${verb(new Decimal(batching.delta!), true)} from ${formatFixedDecimals(batching.before!, 2)} to ${formatFixedDecimals(batching.after!, 2)}`,
    );
  }
  const calls = metricOf(bus, 'calls');
  if (notable(calls)) clauses.push(countClause(calls, 'PutEvents calls'));
  const dataEvents = metricOf(bus, 'dataEventsPerMonth');
  if (notable(dataEvents)) clauses.push(countClause(dataEvents, 'CloudTrail data events', ' per month'));
  const throttled = metricOf(bus, 'throttledAttempts');
  if (notable(throttled)) clauses.push(countClause(throttled, 'throttled attempts'));
  const failed = metricOf(bus, 'failedEntries');
  if (notable(failed)) clauses.push(countClause(failed, 'failed entries'));
  return clauses;
}

/** "92.5 ms to 34.7 ms". */
function msRange(m: MetricDelta): string {
  return `${formatMs(Number(m.before))} ms to ${formatMs(Number(m.after))} ms`;
}

/** "2026-11-24 09:15 UTC". */
function minuteOf(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** What the comparison is of: "From batching-before to batching-after" or the two runs' start times. */
function subject(before: ReportRef, after: ReportRef): string {
  return before.scenario === after.scenario
    ? `From the run of ${before.scenario} at ${minuteOf(before.startedAt)} to the run at ${minuteOf(after.startedAt)}`
    : `From ${before.scenario} to ${after.scenario}`;
}

/**
 * The sentence for a design review, pasteable as it is: plain text (no markup), every number with its unit,
 * naming the two runs, the cost change, what changed on each bus, and the p99 latency verdicts.
 */
function buildSentence(
  buses: BusComparison[],
  totals: Comparison['totals'],
  before: ReportRef,
  after: ReportRef,
): string {
  const parts: string[] = [];
  const total = totals.totalMonthlyUsd;
  let cost = `${subject(before, after)}, the monthly cost ${
    new Decimal(total.delta).toDecimalPlaces(2).isZero()
      ? `stays at ${formatUsd(total.after)} per month`
      : `${verb(new Decimal(total.delta))} ${moneyChange(total)}`
  }`;
  if (!new Decimal(totals.loggingUsd.delta).toDecimalPlaces(2).isZero()) {
    cost += `; CloudTrail logging ${verb(new Decimal(totals.loggingUsd.delta))} ${moneyChange(totals.loggingUsd)}`;
  }
  parts.push(`${cost}.`);

  const changed = buses
    .filter((bus) => bus.presence === 'both')
    .map((bus) => ({ bus, clauses: busClauses(bus) }))
    .filter(({ clauses }) => clauses.length > 0)
    .map(({ bus, clauses }) => `on ${bus.name}, ${joinAnd(clauses)}`);
  if (changed.length > 0) parts.push(`${changed.join('; ')}.`.replace(/^o/, 'O'));

  const significant: string[] = [];
  const noisy: string[] = [];
  let untested = 0;
  for (const bus of buses.filter((item) => item.presence === 'both')) {
    const p99 = metricOf(bus, 'p99Ms');
    const verdict = p99.latency?.verdict;
    if (verdict === 'significant') {
      const delta = new Decimal(p99.delta!);
      significant.push(
        `${bus.name} ${verb(delta)} from ${msRange(p99)} (${delta.isNegative() ? '' : '+'}${formatMs(delta.toNumber())} ms, ${formatChange(p99.changeRatio)}, significant)`,
      );
    } else if (verdict === 'within-noise') noisy.push(`${bus.name} (${msRange(p99)})`);
    else untested++;
  }
  const latency: string[] = [];
  if (significant.length > 0) latency.push(`The p99 latency of ${joinAnd(significant)}`);
  if (noisy.length > 0) {
    latency.push(
      significant.length > 0
        ? `on ${joinAnd(noisy)} the p99 change is within the noise of the per-interval samples`
        : `The p99 latency changes on ${joinAnd(noisy)} are within the noise of the per-interval samples`,
    );
  }
  if (untested > 0) {
    const text = `${untested} bus${untested === 1 ? '' : 'es'} without per-interval samples to test`;
    latency.push(latency.length === 0 ? `There ${untested === 1 ? 'is' : 'are'} ${text}` : text);
  }
  if (latency.length > 0) parts.push(`${latency.join('; ')}.`);

  const added = buses.filter((bus) => bus.presence === 'added').map((bus) => bus.name);
  const removed = buses.filter((bus) => bus.presence === 'removed').map((bus) => bus.name);
  if (added.length > 0) parts.push(`New bus${added.length > 1 ? 'es' : ''}: ${joinAnd(added)}.`);
  if (removed.length > 0) parts.push(`Removed bus${removed.length > 1 ? 'es' : ''}: ${joinAnd(removed)}.`);
  // A pasted sentence travels without the warnings: it carries the caveat itself.
  const sides = [
    ['before', before],
    ['after', after],
  ] as const;
  const unclean = sides.flatMap(([side, ref]) =>
    ref.status === 'completed' ? [] : [`the ${side} run ended ${ref.status}`],
  );
  if (unclean.length > 0) {
    parts.push(`Caution: ${joinAnd(unclean)}, so this comparison is not clean evidence.`);
  }
  return parts.join(' ');
}

/** "a vs b" when the two differ, else null. */
function differs(what: string, before: string, after: string): string | null {
  return before === after ? null : `${what} ${before} vs ${after}`;
}

const busNames = (report: RunReport) =>
  report.buses
    .map((bus) => bus.name)
    .sort()
    .join(', ') || 'none';

/** What differs in the scenarios themselves: name, family, buses. */
function scenarioDifferences(before: RunReport, after: RunReport): string[] {
  return [
    differs('scenario', before.scenario.name, after.scenario.name),
    differs('family', before.scenario.family ?? 'none', after.scenario.family ?? 'none'),
    differs('buses', busNames(before), busNames(after)),
  ].filter((item): item is string => item !== null);
}

/** What differs in how the two runs were made (rate scale and catalog have warnings of their own). */
function settingDifferences(before: RunReport, after: RunReport): string[] {
  const shard = (report: RunReport) =>
    report.run.shard.count === 1 ? 'whole plan' : `${report.run.shard.index}/${report.run.shard.count}`;
  return [
    differs('seed', String(before.run.seed), String(after.run.seed)),
    differs(
      'planned duration',
      formatDurationMs(before.run.plannedDurationMs),
      formatDurationMs(after.run.plannedDurationMs),
    ),
    differs('time scale', String(before.run.timeScale), String(after.run.timeScale)),
    differs('region', before.run.region, after.run.region),
    differs('target', before.run.target, after.run.target),
    differs('transport', before.run.transport, after.run.transport),
    differs('shard', shard(before), shard(after)),
  ].filter((item): item is string => item !== null);
}

/** How the two reports' scenarios relate, and everything that differs between the runs. */
export function scenarioRelation(before: RunReport, after: RunReport): ScenarioRelation {
  const familyBefore = before.scenario.family ?? null;
  const familyAfter = after.scenario.family ?? null;
  const kind =
    before.scenario.name === after.scenario.name && familyBefore === familyAfter
      ? 'same-scenario'
      : familyBefore !== null && familyBefore === familyAfter
        ? 'same-family'
        : 'different';
  const differences = [
    ...scenarioDifferences(before, after),
    ...settingDifferences(before, after),
    differs('rate scale', String(before.run.rateScale), String(after.run.rateScale)),
    differs('price catalog', before.cost.catalog.id, after.cost.catalog.id),
  ].filter((item): item is string => item !== null);
  return { kind, family: kind === 'different' ? null : familyBefore, differences };
}

/** Options of {@link compareReports}. */
export interface CompareReportsOptions {
  /** Significance level of the latency test. */
  alpha?: number;
  /** The user asked to compare different scenarios (`--allow-different`): the warning says so. */
  allowDifferent?: boolean;
}

/** Compares two reports: every bus of either report, by name, with its deltas; the totals; the sentence. */
export function compareReports(
  before: RunReport,
  after: RunReport,
  options: CompareReportsOptions = {},
): Comparison {
  const alpha = options.alpha ?? COMPARE_ALPHA;
  const names = [...new Set([...before.buses, ...after.buses].map((bus) => bus.name))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const buses: BusComparison[] = names.map((name) => {
    const busBefore = before.buses.find((bus) => bus.name === name);
    const busAfter = after.buses.find((bus) => bus.name === name);
    const costBefore = before.cost.buses.find((bus) => bus.name === name);
    const costAfter = after.cost.buses.find((bus) => bus.name === name);
    const valuesBefore = busMetrics(busBefore, costBefore);
    const valuesAfter = busMetrics(busAfter, costAfter);
    const metrics = (Object.keys(LABELS) as MetricKey[]).map((key) => {
      const delta = metric(key, valuesBefore[key], valuesAfter[key]);
      if ((key === 'p50Ms' || key === 'p99Ms') && busBefore && busAfter) {
        delta.latency = latencyVerdict(busBefore, busAfter, key === 'p50Ms' ? 'p50' : 'p99', alpha);
      }
      return delta;
    });
    return { name, presence: busBefore && busAfter ? 'both' : busAfter ? 'added' : 'removed', metrics };
  });
  const totals = {
    eventBridgeUsd: moneyDelta(
      sumMoney(before.cost.buses, (bus) => bus.monthly.eventBridgeUsd),
      sumMoney(after.cost.buses, (bus) => bus.monthly.eventBridgeUsd),
    ),
    loggingUsd: moneyDelta(
      sumMoney(before.cost.buses, (bus) => bus.monthly.loggingUsd),
      sumMoney(after.cost.buses, (bus) => bus.monthly.loggingUsd),
    ),
    totalMonthlyUsd: moneyDelta(before.cost.totalMonthlyUsd, after.cost.totalMonthlyUsd),
  };
  const relation = scenarioRelation(before, after);
  const warnings: string[] = [];
  const settings = settingDifferences(before, after);
  if (relation.kind === 'different') {
    const what = [...scenarioDifferences(before, after), ...settings].join('; ');
    warnings.push(
      `The reports are of different scenarios${options.allowDifferent ? ', compared as asked (--allow-different)' : ''}: ${what}. ` +
        'Part of every change below is the difference between the scenarios, not the design change alone. Variants of one design should share a family (the family field of their scenario files).',
    );
  } else if (settings.length > 0) {
    warnings.push(
      `The runs were made with different settings: ${settings.join('; ')}. Part of the change may come from them, not from the ${relation.kind === 'same-family' ? 'scenario change' : 'design'}.`,
    );
  }
  if (before.run.rateScale !== after.run.rateScale) {
    warnings.push(
      `The runs are at different rate scales (before --rate-scale ${before.run.rateScale}, after --rate-scale ${after.run.rateScale}): producer rates differ by that factor, so part of the change in traffic and cost is the scale, not the design.`,
    );
  }
  for (const [side, report] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (report.status !== 'completed') {
      warnings.push(`The ${side} run is ${report.status}: ${report.statusReason ?? 'no reason recorded'}.`);
    }
  }
  if (before.cost.catalog.id !== after.cost.catalog.id) {
    warnings.push(
      `The reports are priced from different catalogs (${before.cost.catalog.id} vs ${after.cost.catalog.id}): part of the cost change is prices, not traffic.`,
    );
  }
  return {
    schema: COMPARE_SCHEMA,
    before: ref(before),
    after: ref(after),
    relation,
    buses,
    totals,
    sentence:
      buildSentence(buses, totals, ref(before), ref(after)) +
      (relation.kind === 'different'
        ? ' Caution: the two reports are of different scenarios, not variants of one design.'
        : ''),
    warnings,
  };
}

function formatValue(unit: MetricUnit, value: string | null): string {
  if (value === null) return '-';
  switch (unit) {
    case 'usd':
      return formatUsd(value);
    case 'ms':
      return formatMs(Number(value));
    case 'ratio':
      return formatFixedDecimals(value, 2);
    case 'count':
      return formatQuantity(value);
  }
}

function formatDelta(unit: MetricUnit, delta: string | null): string {
  if (delta === null) return '-';
  if (unit === 'usd') return formatUsdDelta(delta);
  const value = new Decimal(delta);
  const text =
    unit === 'ms'
      ? formatMs(value.toNumber())
      : unit === 'ratio'
        ? formatFixedDecimals(value, 2)
        : formatDecimal(value, 2);
  return value.gt(0) ? `+${text}` : text;
}

function verdictText(latency: LatencyVerdict | undefined): string {
  if (!latency) return '';
  const samples = `${latency.intervalsBefore} vs ${latency.intervalsAfter} intervals${latency.caveat ? `; ${latency.caveat}` : ''}`;
  switch (latency.verdict) {
    case 'significant':
      return `significant (Mann-Whitney p = ${latency.pValue}, ${samples})`;
    case 'within-noise':
      return `within noise (Mann-Whitney p = ${latency.pValue}, ${samples})`;
    case 'no-samples':
      return 'not tested: no per-interval samples';
  }
}

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });

function busTable(bus: BusComparison): DocTable {
  return {
    kind: 'table',
    id: `compare-${bus.name}`,
    columns: [left('metric'), right('before'), right('after'), right('delta'), right('change'), left('note')],
    rows: bus.metrics.map((m) => [
      m.label,
      formatValue(m.unit, m.before),
      formatValue(m.unit, m.after),
      formatDelta(m.unit, m.delta),
      m.delta === null ? '-' : formatChange(m.changeRatio),
      verdictText(m.latency),
    ]),
  };
}

function overviewTable(comparison: Comparison): DocTable {
  const cell = (bus: BusComparison, key: MetricKey) => {
    const m = bus.metrics.find((item) => item.key === key)!;
    return `${formatValue(m.unit, m.before)} -> ${formatValue(m.unit, m.after)}`;
  };
  const delta = (bus: BusComparison, key: MetricKey) => {
    const m = bus.metrics.find((item) => item.key === key)!;
    return formatDelta(m.unit, m.delta);
  };
  const p99 = (bus: BusComparison) => {
    const m = bus.metrics.find((item) => item.key === 'p99Ms')!;
    const verdict = m.latency?.verdict;
    return `${cell(bus, 'p99Ms')}${verdict === 'within-noise' ? ' (noise)' : verdict === 'significant' ? ' (significant)' : ''}`;
  };
  const { totals } = comparison;
  return {
    kind: 'table',
    id: 'compare-overview',
    columns: [
      left('bus'),
      left('entries/call'),
      right('data events/month'),
      right('EventBridge $'),
      right('logging $'),
      right('total $'),
      left('p99 ms'),
    ],
    rows: comparison.buses.map((bus) => [
      bus.presence === 'both' ? bus.name : `${bus.name} (${bus.presence})`,
      cell(bus, 'entriesPerCall'),
      delta(bus, 'dataEventsPerMonth'),
      delta(bus, 'eventBridgeUsd'),
      delta(bus, 'loggingUsd'),
      delta(bus, 'totalUsd'),
      p99(bus),
    ]),
    totalRow: [
      'total',
      '',
      '',
      formatUsdDelta(totals.eventBridgeUsd.delta),
      formatUsdDelta(totals.loggingUsd.delta),
      formatUsdDelta(totals.totalMonthlyUsd.delta),
      '',
    ],
  };
}

/**
 * The comparison as a document (the Markdown and HTML renderers of report.md/html draw it). With `charts`
 * (from the two reports), the overview gets the before/after bar charts (drawn in HTML only: their data is
 * in the tables) and every bus its latency spectra (in Markdown as a table of percentiles).
 */
export function buildComparisonDocument(comparison: Comparison, charts?: CompareCharts): ReportDocument {
  const { before, after, totals } = comparison;
  const barCharts: DocBlock[] = (charts?.bars ?? []).map((chart) => ({
    kind: 'chart',
    chart,
    text: 'omit',
    half: true,
  }));
  const spectrum = (name: string): DocBlock[] => {
    const chart = charts?.spectra.get(name);
    return chart ? [{ kind: 'chart', chart }] : [];
  };
  const sections: DocSection[] = [
    {
      id: 'overview',
      title: 'Overview (deltas, after minus before)',
      blocks: [
        overviewTable(comparison),
        {
          kind: 'paragraph',
          text: 'Money is per month, projected from each run; "(noise)" marks a p99 change within the noise of the per-interval samples.',
        },
        ...barCharts,
      ],
    },
    {
      id: 'buses',
      title: 'Per bus',
      blocks: comparison.buses.flatMap((bus): DocBlock[] => [
        {
          kind: 'subheading',
          text:
            bus.presence === 'both'
              ? bus.name
              : `${bus.name} (${bus.presence === 'added' ? 'only after' : 'only before'})`,
        },
        busTable(bus),
        ...spectrum(bus.name),
      ]),
    },
    {
      id: 'runs',
      title: 'Runs compared',
      blocks: [
        {
          kind: 'table',
          id: 'compare-runs',
          columns: [left('item'), left('before'), left('after')],
          rows: [
            ['scenario', before.scenario, after.scenario],
            // Only when a scenario names its family.
            ...(before.family === null && after.family === null
              ? []
              : [['family', before.family ?? 'none', after.family ?? 'none']]),
            ['scenario sha256', before.sha256, after.sha256],
            ['started', before.startedAt, after.startedAt],
            ['status', before.status, after.status],
            [
              'duration',
              `${formatDecimal(before.durationMs / 1000, 1)} s`,
              `${formatDecimal(after.durationMs / 1000, 1)} s`,
            ],
            // Only when a run changed the scenario's rates (report.md shows it on the same condition).
            ...(before.rateScale === 1 && after.rateScale === 1
              ? []
              : [['rate scale', String(before.rateScale), String(after.rateScale)]]),
          ],
        },
        {
          kind: 'paragraph',
          text:
            'Latency test: for each bus, the p50 (and p99) of every interval of the before run is one sample and of the after run another; ' +
            `a two-sided Mann-Whitney U test at alpha ${COMPARE_ALPHA} decides whether the change stands out from the interval-to-interval noise ` +
            '(exact distribution without ties up to 50 intervals, normal approximation with tie correction otherwise).',
        },
      ],
    },
  ];
  if (comparison.warnings.length > 0) {
    sections.unshift({
      id: 'warnings',
      title: 'Read this first',
      blocks: [{ kind: 'list', items: comparison.warnings.map((text) => ({ label: 'warning', text })) }],
    });
  }
  return {
    title: `busload compare: ${before.scenario} (${before.startedAt}) -> ${after.scenario} (${after.startedAt})`,
    status: 'completed',
    banner: null,
    sentence: comparison.sentence,
    figures: [
      {
        label: 'Total',
        value: `${formatUsd(totals.totalMonthlyUsd.after)}/month (${formatUsdDelta(totals.totalMonthlyUsd.delta)})`,
      },
      {
        label: 'EventBridge',
        value: `${formatUsd(totals.eventBridgeUsd.after)}/month (${formatUsdDelta(totals.eventBridgeUsd.delta)})`,
      },
      {
        label: 'CloudTrail logging',
        value: `${formatUsd(totals.loggingUsd.after)}/month (${formatUsdDelta(totals.loggingUsd.delta)})`,
      },
    ],
    sections,
  };
}
