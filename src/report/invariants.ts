/**
 * The invariants every report.json must satisfy (interrupted and failed runs included): planned entries
 * accounted for, totals that are the sum of the buses, money as decimal strings that add up. Checked after
 * the schema (schema.ts) by every reader of a report and after every build or merge.
 */
import { Decimal } from 'decimal.js';
import type { BusResult, RunReport } from './types.js';

/** The report's schema version (README, section "report.json"). */
export const REPORT_SCHEMA_VERSION = 1;

/** A plain non-negative decimal string, as money must be serialised ("41.20", "0.000001"). */
const MONEY = /^\d+(\.\d+)?$/;

type CountPath = readonly [
  group: 'requests' | 'entries' | 'schedule' | 'latencyMs' | 'serviceLatencyMs',
  key: string,
];

/** Every count of a BusResult that must sum from the buses to the totals. */
const COUNT_PATHS: readonly CountPath[] = [
  ['requests', 'calls'],
  ['requests', 'attempts'],
  ['requests', 'succeeded'],
  ['requests', 'throttled'],
  ['requests', 'failed'],
  ['entries', 'planned'],
  ['entries', 'succeeded'],
  ['entries', 'failed'],
  ['entries', 'dropped'],
  ['entries', 'resent'],
  ['entries', 'bytes'],
  ['entries', 'billableChunks'],
  ['schedule', 'batchesLate'],
  ['schedule', 'batchesDropped'],
  ['latencyMs', 'count'],
  ['serviceLatencyMs', 'count'],
];

function readCount(bus: BusResult, [group, key]: CountPath): number {
  const record = bus[group] as unknown as Record<string, number | undefined>;
  return record[key] ?? Number.NaN;
}

/** Problems with one bus's (or the totals') own counts. */
function checkBusCounts(bus: BusResult, where: string): string[] {
  const problems: string[] = [];
  for (const path of COUNT_PATHS) {
    const value = readCount(bus, path);
    if (!Number.isSafeInteger(value) || value < 0) {
      problems.push(`${where}.${path.join('.')} must be a non-negative integer, got ${String(value)}`);
    }
  }
  for (const [code, count] of Object.entries(bus.errors)) {
    if (!Number.isSafeInteger(count) || count < 0) {
      problems.push(`${where}.errors.${code} must be a non-negative integer, got ${String(count)}`);
    }
  }
  const { planned, succeeded, failed, dropped } = bus.entries;
  if (planned !== succeeded + failed + dropped) {
    problems.push(
      `${where}.entries: planned (${planned}) != succeeded + failed + dropped ` +
        `(${succeeded} + ${failed} + ${dropped} = ${succeeded + failed + dropped})`,
    );
  }
  const { calls, attempts, throttled } = bus.requests;
  if (attempts < bus.requests.succeeded + throttled) {
    problems.push(
      `${where}.requests: attempts (${attempts}) < succeeded + throttled (${bus.requests.succeeded} + ${throttled})`,
    );
  }
  if (attempts < calls) problems.push(`${where}.requests: attempts (${attempts}) < calls (${calls})`);
  if (bus.requests.failed > calls) {
    problems.push(`${where}.requests: failed (${bus.requests.failed}) > calls (${calls})`);
  }
  if (bus.entries.billableChunks < succeeded) {
    problems.push(
      `${where}.entries: billableChunks (${bus.entries.billableChunks}) < succeeded (${succeeded})`,
    );
  }
  return problems;
}

/** Problems between the totals and the sum of the buses. */
function checkTotals(report: RunReport): string[] {
  const problems: string[] = [];
  const { buses, totals } = report;
  if (totals.name !== '*') problems.push(`totals.name must be "*", got "${totals.name}"`);
  for (const path of COUNT_PATHS) {
    const sum = buses.reduce((acc, bus) => acc + readCount(bus, path), 0);
    const total = readCount(totals, path);
    if (sum !== total) problems.push(`totals.${path.join('.')} (${total}) != sum over buses (${sum})`);
  }
  const errorSums = new Map<string, number>();
  for (const bus of buses) {
    for (const [code, count] of Object.entries(bus.errors))
      errorSums.set(code, (errorSums.get(code) ?? 0) + count);
  }
  const codes = new Set([...errorSums.keys(), ...Object.keys(totals.errors)]);
  for (const code of [...codes].sort()) {
    const sum = errorSums.get(code) ?? 0;
    const total = totals.errors[code] ?? 0;
    if (sum !== total) problems.push(`totals.errors.${code} (${total}) != sum over buses (${sum})`);
  }
  return problems;
}

function checkMoney(value: unknown, where: string, nullable: boolean): string[] {
  if (value === null && nullable) return [];
  if (typeof value === 'string' && MONEY.test(value)) return [];
  return [`${where} must be a non-negative decimal string, got ${JSON.stringify(value)}`];
}

/**
 * True when `total` is the sum of `parts` up to rounding: each part and the total may each be off by half a
 * cent when the model rounds them to cents separately.
 */
function sumsTo(total: string, parts: readonly string[]): boolean {
  const sum = parts.reduce((acc, part) => acc.plus(part), new Decimal(0));
  return sum
    .minus(total)
    .abs()
    .lte(new Decimal('0.005').times(parts.length + 1));
}

/** Problems in the cost block: decimal strings, buses matching the report, totals adding up. */
function checkCost(report: RunReport): string[] {
  const problems: string[] = [];
  const { cost } = report;
  problems.push(...checkMoney(cost.totalMonthlyUsd, 'cost.totalMonthlyUsd', false));
  problems.push(...checkMoney(cost.projection.factor, 'cost.projection.factor', false));
  const reportNames = report.buses.map((bus) => bus.name);
  const costNames = cost.buses.map((bus) => bus.name);
  const missing = reportNames.filter((name) => !costNames.includes(name));
  const extra = costNames.filter((name) => !reportNames.includes(name));
  if (missing.length > 0) problems.push(`cost.buses lacks report buses: ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`cost.buses has buses the report does not: ${extra.join(', ')}`);
  if (new Set(costNames).size !== costNames.length) problems.push('cost.buses names a bus more than once');
  if (new Set(reportNames).size !== reportNames.length) problems.push('buses names a bus more than once');

  const moneyOk = (values: string[]) => values.every((value) => MONEY.test(value));
  cost.buses.forEach((bus, index) => {
    const where = `cost.buses[${index}] (${bus.name})`;
    const { monthly } = bus;
    for (const key of ['customEvents', 'dataEvents', 'eventBridgeUsd', 'loggingUsd', 'totalUsd'] as const) {
      problems.push(...checkMoney(monthly[key], `${where}.monthly.${key}`, false));
    }
    bus.lineItems.forEach((item, itemIndex) => {
      const itemWhere = `${where}.lineItems[${itemIndex}]`;
      problems.push(...checkMoney(item.quantity, `${itemWhere}.quantity`, false));
      problems.push(...checkMoney(item.unitPriceUsd, `${itemWhere}.unitPriceUsd`, false));
      problems.push(...checkMoney(item.monthlyUsd, `${itemWhere}.monthlyUsd`, true));
    });
    const parts = [monthly.eventBridgeUsd, monthly.loggingUsd];
    if (moneyOk([monthly.totalUsd, ...parts]) && !sumsTo(monthly.totalUsd, parts)) {
      problems.push(`${where}.monthly.totalUsd (${monthly.totalUsd}) != eventBridgeUsd + loggingUsd`);
    }
  });
  const busTotals = cost.buses.map((bus) => bus.monthly.totalUsd);
  if (moneyOk([cost.totalMonthlyUsd, ...busTotals]) && !sumsTo(cost.totalMonthlyUsd, busTotals)) {
    problems.push(`cost.totalMonthlyUsd (${cost.totalMonthlyUsd}) != sum of the buses' totalUsd`);
  }
  if (report.pricingInputs) {
    const inputNames = report.pricingInputs.buses.map((bus) => bus.name);
    const same =
      inputNames.length === reportNames.length && reportNames.every((name) => inputNames.includes(name));
    if (!same) {
      problems.push(
        `pricingInputs.buses (${inputNames.join(', ')}) must name the report's buses (${reportNames.join(', ')})`,
      );
    }
  }
  return problems;
}

/**
 * Every way the report breaks the contract's invariants, as readable messages; empty when it is sound.
 * Checked: per bus and in totals, planned = succeeded + failed + dropped and counts are non-negative
 * integers; totals equal the sum over buses for every count and error code; the cost estimate prices
 * exactly the report's buses (and so do the recorded pricing inputs); money and decimal counts are decimal
 * strings that add up; run.rateScale is a number > 0.
 */
export function checkReportInvariants(report: RunReport): string[] {
  const problems: string[] = [];
  if (report.schemaVersion !== REPORT_SCHEMA_VERSION) {
    problems.push(`schemaVersion must be ${REPORT_SCHEMA_VERSION}, got ${String(report.schemaVersion)}`);
  }
  if (report.status !== 'completed' && !report.statusReason) {
    problems.push(`statusReason is required when status is "${report.status}"`);
  }
  const { rateScale } = report.run;
  if (!(typeof rateScale === 'number' && Number.isFinite(rateScale) && rateScale > 0)) {
    const shown =
      typeof rateScale === 'number' ? String(rateScale) : (JSON.stringify(rateScale) ?? 'nothing');
    problems.push(`run.rateScale must be a number > 0, got ${shown}`);
  }
  report.buses.forEach((bus, index) => {
    problems.push(...checkBusCounts(bus, `buses[${index}] (${bus.name})`));
  });
  problems.push(...checkBusCounts(report.totals, 'totals'));
  problems.push(...checkTotals(report));
  problems.push(...checkCost(report));
  return problems;
}
