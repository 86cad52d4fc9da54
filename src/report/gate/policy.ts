/**
 * The nightly gate's policy: a list of rules over report paths (`*` after `buses.` or `cost.buses.` = every bus),
 * parsed from YAML or built in. See regress.ts for what the rules mean.
 * - relative, against the baseline: `<path> +5%`, `<path> -10%`; without `%` the limit is absolute (`+0.01`);
 * - absolute, on tonight's run alone: `<path> <op> <number>` (the scenario thresholds' syntax, thresholds.ts).
 * Every problem names the policy file, the field path and the expected form. No I/O.
 */
import { Decimal } from 'decimal.js';
import { parse as parseYaml } from 'yaml';
import { parseThreshold } from './thresholds.js';

/** Default significance level of latency rules (one-sided). */
const DEFAULT_ALPHA = 0.01;

/** The built-in policy, used when no --policy is given. */
const DEFAULT_POLICY_RULES: readonly string[] = [
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
function parseRule(source: string): PolicyRule | { error: string } {
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
