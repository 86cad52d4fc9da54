/**
 * The view of a report that policy paths are read from: each bus also carries its cost (`monthly`,
 * `loggingMode`) and two ratios (`throttleRatio`, `failedEntryRatio`), so `buses.orders.monthly.loggingUsd`
 * works as well as `cost.buses.orders.monthly.loggingUsd`. Pure.
 */
import { Decimal } from 'decimal.js';
import type { RunReport } from '../types.js';
import { evaluateThresholds } from './thresholds.js';

const RATIO_DECIMALS = 6;

/** part / whole as a decimal string rounded to 6 places; 0 when the whole is 0 (e.g. no attempts). */
export function safeRatio(part: number, whole: number): string {
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
export function resolveNumbers(
  view: unknown,
  path: string,
): { values: Map<string, string> } | { error: string } {
  const { results, errors } = evaluateThresholds(view, [`${path} >= 0`]);
  if (errors.length > 0)
    return { error: errors.map((error) => error.replace(/^threshold "[^"]*": /, '')).join('; ') };
  return { values: new Map((results[0]?.checks ?? []).map((check) => [check.path, check.actual])) };
}
