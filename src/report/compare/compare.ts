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
import { formatDecimal, formatDurationMs } from '../format.js';
import { mannWhitneyU } from '../stats.js';
import type { BusResult, RunReport } from '../types.js';
import { buildSentence } from './sentence.js';
import {
  type BusComparison,
  COMPARE_ALPHA,
  COMPARE_SCHEMA,
  type Comparison,
  type LatencyVerdict,
  type MetricDelta,
  type MetricKey,
  type MetricUnit,
  type MoneyDelta,
  type ReportRef,
  type ScenarioRelation,
} from './types.js';

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
function latencyVerdict(
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
