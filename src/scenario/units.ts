/**
 * Unit parsing for scenario files: durations, rates and sizes, as written by people.
 *
 * Pure functions. Each returns a {@link UnitResult}: the value in the canonical unit (ms, entries per
 * second, bytes), or a message that says what is wrong and which forms are expected. Nothing throws.
 */

/** The outcome of parsing one value with a unit. */
export type UnitResult = { ok: true; value: number } | { ok: false; message: string };

/** A decimal number without sign or exponent, as accepted in front of a unit (`1.5`, `30`, `0.25`). */
const NUMBER_SOURCE = '\\d+(?:\\.\\d+)?';

/** Duration suffixes and the milliseconds each stands for. A bare number is seconds. */
const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

/** Rate suffixes (after `/`) and the seconds each stands for. A bare number is per second. */
const RATE_UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, min: 60, h: 3600 };

/** Size suffixes (case-insensitive) and the bytes each stands for. KB = 1,024 B, MB = 1,048,576 B. */
const SIZE_UNIT_BYTES: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1_048_576,
  mib: 1_048_576,
};

/** JSON Schema pattern of a duration string (mirrors {@link parseDurationMs}). */
export const DURATION_PATTERN = `^\\s*${NUMBER_SOURCE}\\s*(ms|s|m|min|h)?\\s*$`;
/** JSON Schema pattern of a rate string (mirrors {@link parseRatePerSec}). */
export const RATE_PATTERN = `^\\s*${NUMBER_SOURCE}\\s*(/\\s*(s|min|h))?\\s*$`;
/** JSON Schema pattern of a size string (mirrors {@link parseBytes}). */
export const SIZE_PATTERN = `^\\s*${NUMBER_SOURCE}\\s*([bB]|[kKmM][iI]?[bB])?\\s*$`;

/** The forms a duration may take, for messages. */
export const DURATION_FORMS = 'a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds';
/** The forms a rate may take, for messages. */
export const RATE_FORMS = 'a rate such as "50/s", "3000/min", "100/h" or a number of entries per second';
/** The forms a size may take, for messages. */
export const SIZE_FORMS = 'a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB"';

const SIGNED_NUMBER = `([+-]?${NUMBER_SOURCE})`;
const DURATION_RE = new RegExp(`^\\s*${SIGNED_NUMBER}\\s*([a-z]*)\\s*$`);
const RATE_RE = new RegExp(`^\\s*${SIGNED_NUMBER}\\s*(?:/\\s*([a-z]+))?\\s*$`);
const SIZE_RE = new RegExp(`^\\s*${SIGNED_NUMBER}\\s*([a-zA-Z]*)\\s*$`);

/**
 * Parses a duration into milliseconds, rounded to a whole millisecond.
 * @param input - `"500ms"`, `"30s"`, `"2m"` (or `"2min"`), `"1h"`, `"1.5h"`; a plain number is seconds.
 * @example parseDurationMs('1.5h') // { ok: true, value: 5_400_000 }
 */
export function parseDurationMs(input: string | number): UnitResult {
  const parsed = splitAmountAndUnit(input, DURATION_RE, DURATION_FORMS);
  if (!parsed.ok) return parsed;
  const msPerUnit = parsed.unit === '' ? 1000 : DURATION_UNIT_MS[parsed.unit];
  if (msPerUnit === undefined) return unknownUnit(input, DURATION_FORMS);
  return { ok: true, value: Math.round(parsed.amount * msPerUnit) };
}

/**
 * Parses a rate into entries per second (not rounded: `"100/h"` is 100/3600).
 * @param input - `"50/s"`, `"3000/min"`, `"100/h"`; a plain number is per second.
 * @example parseRatePerSec('3000/min') // { ok: true, value: 50 }
 */
export function parseRatePerSec(input: string | number): UnitResult {
  const parsed = splitAmountAndUnit(input, RATE_RE, RATE_FORMS);
  if (!parsed.ok) return parsed;
  const secondsPerUnit = parsed.unit === '' ? 1 : RATE_UNIT_SECONDS[parsed.unit];
  if (secondsPerUnit === undefined) return unknownUnit(input, RATE_FORMS);
  return { ok: true, value: parsed.amount / secondsPerUnit };
}

/**
 * Parses a size into bytes, rounded to a whole byte.
 * @param input - `512`, `"512B"`, `"1.2KB"` (KB = 1,024 B), `"2MB"` (MB = 1,048,576 B); KiB/MiB are aliases.
 * @example parseBytes('1.2KB') // { ok: true, value: 1229 }
 */
export function parseBytes(input: string | number): UnitResult {
  const parsed = splitAmountAndUnit(input, SIZE_RE, SIZE_FORMS);
  if (!parsed.ok) return parsed;
  const bytesPerUnit = parsed.unit === '' ? 1 : SIZE_UNIT_BYTES[parsed.unit.toLowerCase()];
  if (bytesPerUnit === undefined) return unknownUnit(input, SIZE_FORMS);
  return { ok: true, value: Math.round(parsed.amount * bytesPerUnit) };
}

type SplitResult = { ok: true; amount: number; unit: string } | { ok: false; message: string };

/**
 * Splits a number or a string into a non-negative finite amount and its unit text ('' when absent).
 * @param pattern - captures the signed amount (group 1) and the unit (group 2, optional).
 */
function splitAmountAndUnit(input: unknown, pattern: RegExp, forms: string): SplitResult {
  let amount: number;
  let unit = '';
  if (typeof input === 'number') {
    amount = input;
  } else if (typeof input === 'string') {
    const match = pattern.exec(input);
    if (match === null) return { ok: false, message: `expected ${forms}; got ${describeValue(input)}` };
    amount = Number(match[1]);
    unit = match[2] ?? '';
  } else {
    return { ok: false, message: `expected ${forms}; got ${describeValue(input)}` };
  }
  if (!Number.isFinite(amount)) {
    return {
      ok: false,
      message: `expected a finite number; got ${describeValue(input)} (expected ${forms})`,
    };
  }
  if (amount < 0) {
    return { ok: false, message: `must not be negative; got ${describeValue(input)} (expected ${forms})` };
  }
  return { ok: true, amount, unit };
}

function unknownUnit(input: unknown, forms: string): UnitResult {
  return { ok: false, message: `unknown unit in ${describeValue(input)}; expected ${forms}` };
}

/** Renders any parsed YAML/JSON value for a message: strings quoted, objects as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}
