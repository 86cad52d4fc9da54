/**
 * Scenario thresholds: `<path> <op> <number>` checked against the canonical report, e.g.
 * `buses.orders.latencyMs.p99 < 250`, `cost.totalMonthlyUsd < 5000`, `buses.*.entries.failed == 0`,
 * `cost.buses.payments.monthly.loggingUsd <= 40`. Pure: no I/O.
 *
 * Path segments after `buses` (and `cost.buses`) are bus names (`*` = every bus); other segments are object
 * keys. Values may be numbers or decimal strings (money); comparison is decimal, never float.
 */
import { Decimal } from 'decimal.js';

const OPERATORS = ['<=', '>=', '==', '!=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

export interface ParsedThreshold {
  source: string;
  path: string[];
  operator: Operator;
  limit: Decimal;
}

export interface ThresholdResult {
  source: string;
  /** One line per value checked (a `*` path checks several). */
  checks: { path: string; actual: string; passed: boolean }[];
  passed: boolean;
}

const THRESHOLD_PATTERN =
  /^\s*([A-Za-z0-9_.*-]+)\s*(<=|>=|==|!=|<|>)\s*\$?(-?[0-9][0-9_,]*(?:\.[0-9]+)?)\s*$/;

/** Parses one threshold; returns an error message (the expected form) instead of throwing. */
export function parseThreshold(source: string): ParsedThreshold | { error: string } {
  const match = THRESHOLD_PATTERN.exec(source);
  if (!match) {
    return {
      error: `"${source}" is not a threshold: expected "<path> <op> <number>" with op one of ${OPERATORS.join(' ')}, e.g. "buses.orders.latencyMs.p99 < 250"`,
    };
  }
  const [, path, operator, limit] = match as unknown as [string, string, Operator, string];
  return { source, path: path.split('.'), operator, limit: new Decimal(limit.replaceAll(/[_,]/g, '')) };
}

function compare(actual: Decimal, operator: Operator, limit: Decimal): boolean {
  switch (operator) {
    case '<':
      return actual.lt(limit);
    case '<=':
      return actual.lte(limit);
    case '>':
      return actual.gt(limit);
    case '>=':
      return actual.gte(limit);
    case '==':
      return actual.eq(limit);
    case '!=':
      return !actual.eq(limit);
  }
}

interface Named {
  name: string;
}

/** Resolves a path to the (path, value) pairs it names; unknown segments give an error message. */
function resolve(
  root: unknown,
  path: string[],
): { values: { path: string; value: unknown }[] } | { error: string } {
  let current: { path: string; value: unknown }[] = [{ path: '', value: root }];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const next: { path: string; value: unknown }[] = [];
    for (const { path: at, value } of current) {
      const here = at ? `${at}.${segment}` : segment;
      if (Array.isArray(value)) {
        const items = value as Named[];
        const matches = segment === '*' ? items : items.filter((item) => item?.name === segment);
        if (matches.length === 0) {
          const names = items.map((item) => item?.name).join(', ');
          return { error: `no bus named "${segment}" at ${at} (known: ${names})` };
        }
        for (const item of matches) next.push({ path: at ? `${at}.${item.name}` : item.name, value: item });
      } else if (value !== null && typeof value === 'object' && segment in value) {
        next.push({ path: here, value: (value as Record<string, unknown>)[segment] });
      } else {
        return { error: `${here} does not exist in the report` };
      }
    }
    current = next;
  }
  return { values: current };
}

/** Evaluates thresholds against a report-shaped object. Unknown paths and non-numbers are errors. */
export function evaluateThresholds(
  report: unknown,
  sources: string[],
): { results: ThresholdResult[]; errors: string[] } {
  const results: ThresholdResult[] = [];
  const errors: string[] = [];
  for (const source of sources) {
    const parsed = parseThreshold(source);
    if ('error' in parsed) {
      errors.push(parsed.error);
      continue;
    }
    const resolved = resolve(report, parsed.path);
    if ('error' in resolved) {
      errors.push(`threshold "${source}": ${resolved.error}`);
      continue;
    }
    const checks: ThresholdResult['checks'] = [];
    for (const { path, value } of resolved.values) {
      if (typeof value !== 'number' && !(typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value))) {
        errors.push(`threshold "${source}": ${path} is not a number`);
        continue;
      }
      const actual = new Decimal(value);
      checks.push({
        path,
        actual: actual.toString(),
        passed: compare(actual, parsed.operator, parsed.limit),
      });
    }
    results.push({ source, checks, passed: checks.every((check) => check.passed) });
  }
  return { results, errors };
}

/**
 * Problems of a scenario's thresholds, each as "<file>: thresholds[i]: ...": malformed expressions and bus
 * names the scenario does not declare. Checked by `validate` and before `run` generates any load.
 */
export function thresholdProblems(
  file: string,
  thresholds: readonly string[],
  busNames: readonly string[],
): string[] {
  const problems: string[] = [];
  thresholds.forEach((source, index) => {
    const parsed = parseThreshold(source);
    if ('error' in parsed) {
      problems.push(`${file}: thresholds[${index}]: ${parsed.error}`);
      return;
    }
    const busIndex =
      parsed.path[0] === 'buses' ? 1 : parsed.path[0] === 'cost' && parsed.path[1] === 'buses' ? 2 : -1;
    const bus = busIndex > 0 ? parsed.path[busIndex] : undefined;
    if (bus !== undefined && bus !== '*' && !busNames.includes(bus)) {
      problems.push(`${file}: thresholds[${index}]: no bus named "${bus}" (buses: ${busNames.join(', ')})`);
    }
  });
  return problems;
}
