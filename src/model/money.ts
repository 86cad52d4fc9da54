/**
 * Decimal arithmetic for the model. Money and fractional counts are decimal.js values inside the model
 * and plain decimal strings (never exponent notation, never floats) at its boundary.
 *
 * Rounding rule: display money is rounded half-up to whole cents (0.005 -> 0.01, 0.0049 -> 0.00).
 * Each line item is rounded on its own and every total is the sum of the rounded items it covers, so the
 * figures a reviewer sees always add up (AWS bills round per line item, too). Unit prices stay exact.
 */
import { Decimal as DecimalJs } from 'decimal.js';

/** The model's decimal type: 40 significant digits, half-up rounding. */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
/** An instance of {@link Dec}. */
export type Dec = InstanceType<typeof Dec>;

/** Hours in the month AWS prices by. */
export const MONTH_HOURS = 730;
/** Seconds in a 730-hour month. */
export const MONTH_SECONDS = MONTH_HOURS * 3600;
/** Days in a 730-hour month (30.41666...), as an exact ratio: 730 / 24. */
export const MONTH_DAYS = new Dec(MONTH_HOURS).div(24);
/** Days in a month of `hours` hours, as an exact ratio: hours / 24 (730 h -> 30.41666..., 672 h -> 28). */
export function monthDaysOf(hours: number): Dec {
  return new Dec(hours).div(24);
}

/** A calendar month to price instead of the 730-hour convention. */
export interface CalendarMonth {
  /** "YYYY-MM", e.g. "2027-02". */
  label: string;
  /** Its hours: days x 24 (February 2027: 28 x 24 = 672). */
  hours: number;
}

/**
 * The calendar month "YYYY-MM" (years 1970-9999, proleptic Gregorian, no time zones or DST: AWS bills in UTC)
 * with its hours. Pure arithmetic, no clock.
 *
 * Worked example: "2027-02" -> 28 days x 24 = 672 h; "2028-02" (leap year) -> 696 h; "2027-01" -> 744 h.
 * @throws RangeError when `label` is not YYYY-MM with a month 01..12
 */
export function calendarMonth(label: string): CalendarMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  const year = match ? Number(match[1]) : Number.NaN;
  const month = match ? Number(match[2]) : Number.NaN;
  if (!match || year < 1970 || month < 1 || month > 12) {
    throw new RangeError(`expected a calendar month YYYY-MM (e.g. 2027-02), got "${label}"`);
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return { label, hours: days * 24 };
}

/** Bytes in a billing GB (AWS bills storage and ingest by 2^30-byte GB). */
export const GB_BYTES = 1_073_741_824;

/** Rounds half-up to whole cents: `toCents(new Dec('41.205'))` is "41.21". */
export function toCents(amountUsd: Dec): Dec {
  return amountUsd.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** Money as the report writes it: 2 decimals, half-up, e.g. "41.20". */
export function formatUsd(amountUsd: Dec): string {
  return toCents(amountUsd).toFixed(2);
}

/** A quantity as the report writes it: at most 6 decimals (half-up), no trailing zeros, no exponent. */
export function formatQuantity(quantity: Dec): string {
  return quantity.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed();
}

/** An exact decimal as a plain string (no exponent), e.g. a unit price "0.000001". */
export function formatExact(value: Dec): string {
  return value.toFixed();
}

/** Money for a sentence: "$1,234.50". */
export function formatUsdText(amountUsd: Dec): string {
  const [whole = '0', cents = '00'] = formatUsd(amountUsd).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A large count for a sentence: 41_200_000 -> "41.2M", 950 -> "950", 1_500 -> "1.5K". */
export function formatCountText(count: Dec): string {
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (count.gte(size)) return `${count.div(size).toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed()}${suffix}`;
  }
  return count.toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed();
}
