/**
 * Small pure formatters shared by the Markdown, HTML and terminal renderers.
 * Money and the model's decimal counts are decimal strings: they go through decimal.js, never through a float.
 * Output is locale-independent (comma thousands separators, dot decimals) so golden files are stable.
 */
import { Decimal } from 'decimal.js';

/** Inserts comma thousands separators into a string of digits: "1234567" -> "1,234,567". */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a Decimal already rounded to `decimals` places, with thousands separators. */
function formatFixed(value: Decimal, decimals: number): string {
  const fixed = value.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-');
  const unsigned = negative ? fixed.slice(1) : fixed;
  const [whole = '0', fraction] = unsigned.split('.');
  const body = fraction === undefined ? groupDigits(whole) : `${groupDigits(whole)}.${fraction}`;
  // "-0.00" after rounding a tiny negative value reads as a bug; show it as zero.
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Parses a decimal string (or number) strictly; throws on anything that is not a finite decimal. */
function toDecimal(value: string | number | Decimal): Decimal {
  const decimal = new Decimal(value);
  if (!decimal.isFinite()) throw new RangeError(`not a finite decimal: ${String(value)}`);
  return decimal;
}

/**
 * A money amount in dollars and cents, rounded half up.
 * @example formatUsd("1234.5") === "$1,234.50"; formatUsd("0.004") === "$0.00"; formatUsd("-3") === "-$3.00"
 */
export function formatUsd(amountUsd: string | Decimal): string {
  const text = formatFixed(toDecimal(amountUsd), 2);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/**
 * A unit price at full precision (at least 2 decimals, trailing zeros beyond them dropped), since unit
 * prices are often fractions of a cent.
 * @example formatUnitPriceUsd("0.000001") === "$0.000001"; formatUnitPriceUsd("0.50") === "$0.50"
 */
export function formatUnitPriceUsd(priceUsd: string | Decimal): string {
  const price = toDecimal(priceUsd);
  const decimals = Math.max(2, price.decimalPlaces());
  const text = formatFixed(price, decimals);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/**
 * An integer count with thousands separators; non-integers are rounded half up.
 * @example formatCount(1234567) === "1,234,567"
 */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return String(count);
  return formatFixed(new Decimal(Math.round(count)), 0);
}

/**
 * A count and its noun, singular for exactly 1.
 * @example plural(1, 'worker') === "1 worker"; plural(1234, 'entry', 'entries') === "1,234 entries"
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A decimal string (or number) with thousands separators and at most `maxDecimals` decimals, trailing
 * zeros dropped. Used for the model's monthly quantities and the projection factor.
 * @example formatDecimal("87600.000") === "87,600"; formatDecimal("1234.5678", 2) === "1,234.57"
 */
export function formatDecimal(value: string | number | Decimal, maxDecimals = 2): string {
  const rounded = toDecimal(value).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  return formatFixed(rounded, rounded.decimalPlaces());
}

/**
 * A projection's basis with its factor said once: a basis that already ends in its factor ("(x 87600)", as
 * the model writes it) has that replaced by the formatted factor; any other basis gets it appended.
 * @example formatProjection({ basis: "30 s of replay at real time -> 730 h month (x 87600)", factor: "87600" })
 *   === "30 s of replay at real time -> 730 h month (x 87,600)"
 */
export function formatProjection(projection: { basis: string; factor: string }): string {
  const basis = projection.basis.replace(/\s*\(x [\d.,]+\)\s*$/, '');
  return `${basis} (x ${formatDecimal(projection.factor, 4)})`;
}

/**
 * A number with exactly `decimals` decimals (rounded half up) and thousands separators.
 * @example formatFixedDecimals(10, 2) === "10.00"; formatFixedDecimals(2.4917, 2) === "2.49"
 */
export function formatFixedDecimals(value: string | number | Decimal, decimals: number): string {
  return formatFixed(toDecimal(value), decimals);
}

/**
 * A monthly quantity: whole numbers from 100 up, 2 decimals from 1 up, 4 significant digits below 1.
 * @example formatQuantity("52735200.4") === "52,735,200"; formatQuantity("0.012345") === "0.01235"
 */
export function formatQuantity(value: string | number | Decimal): string {
  const decimal = toDecimal(value);
  const magnitude = decimal.abs();
  if (magnitude.isZero()) return '0';
  if (magnitude.gte(100)) return formatDecimal(decimal, 0);
  if (magnitude.gte(1)) return formatDecimal(decimal, 2);
  return formatDecimal(decimal.toSignificantDigits(4, Decimal.ROUND_HALF_UP), 20);
}

/**
 * A latency in milliseconds, without the unit: 2 decimals below 10 ms, 1 below 100 ms, whole above.
 * @example formatMs(0.4213) === "0.42"; formatMs(58.93) === "58.9"; formatMs(1204.2) === "1,204"
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const magnitude = Math.abs(ms);
  const decimals = magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0;
  return formatFixed(new Decimal(ms), decimals);
}

/**
 * A wall-clock duration with its unit.
 * @example formatDurationMs(850) === "850 ms"; formatDurationMs(30486) === "30.5 s";
 *   formatDurationMs(125000) === "2 min 5 s"; formatDurationMs(3720000) === "1 h 2 min"
 */
export function formatDurationMs(durationMs: number): string {
  if (!Number.isFinite(durationMs)) return String(durationMs);
  if (durationMs < 1000) return `${formatCount(durationMs)} ms`;
  if (durationMs < 60_000) return `${formatFixed(new Decimal(durationMs).div(1000), 1)} s`;
  const totalSec = Math.round(durationMs / 1000);
  if (totalSec < 3600) {
    const min = Math.floor(totalSec / 60);
    const sec = totalSec % 60;
    return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
  }
  const totalMin = Math.round(totalSec / 60);
  const hours = Math.floor(totalMin / 60);
  const min = totalMin % 60;
  return min === 0 ? `${formatCount(hours)} h` : `${formatCount(hours)} h ${min} min`;
}

const COMPACT_UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/**
 * A large count in compact form with one decimal (trailing ".0" dropped); below 1,000 the whole number.
 * @example formatCompact(41_200_000) === "41.2M"; formatCompact("1048572000") === "1B"; formatCompact(950) === "950"
 */
export function formatCompact(value: string | number | Decimal): string {
  const decimal = toDecimal(value);
  const magnitude = decimal.abs();
  // The largest unit the value reaches; one unit up when rounding makes it 1000 (999,960 -> "1M", not "1000K").
  const index = COMPACT_UNITS.findIndex(([scale]) => magnitude.gte(scale));
  if (index >= 0) {
    const [scale, suffix] = COMPACT_UNITS[index]!;
    const scaled = decimal.div(scale).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
    const larger = COMPACT_UNITS[index - 1];
    if (scaled.abs().gte(1000) && larger !== undefined) {
      return `${formatDecimal(decimal.div(larger[0]), 1)}${larger[1]}`;
    }
    return `${formatDecimal(scaled, 1)}${suffix}`;
  }
  return formatDecimal(decimal, 0);
}

/**
 * A ratio as a percentage with at most one decimal.
 * @example formatPercent(0.2695) === "27%"; formatPercent(0.0042) === "0.4%"
 */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  const percent = ratio * 100;
  return `${formatDecimal(new Decimal(percent), Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** Sums decimal strings exactly and returns the sum as a plain decimal string. */
export function sumDecimals(values: readonly string[]): string {
  return values.reduce((sum, value) => sum.plus(toDecimal(value)), new Decimal(0)).toFixed();
}
