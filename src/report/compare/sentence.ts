/**
 * The one plain-text sentence of a comparison, pasteable into a design review as it is: the two runs, the
 * cost change, what changed on each bus and the p99 latency verdicts; plus the delta formats it shares with
 * the comparison's tables.
 */
import { Decimal } from 'decimal.js';
import { formatFixedDecimals, formatMs, formatPercent, formatQuantity, formatUsd } from '../format.js';
import type { BusComparison, Comparison, MetricDelta, MetricKey, MoneyDelta, ReportRef } from './types.js';

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
export function buildSentence(
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
