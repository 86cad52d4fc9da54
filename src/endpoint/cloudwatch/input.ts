/**
 * The inputs of CloudWatch operations, whatever protocol carried them: typed member readers that throw the
 * InvalidParameterValue / MissingParameter errors CloudWatch answers, the members several operations share
 * (dimensions and their filters, time ranges, periods, units) with their documented limits, and paging
 * tokens. Each operation's own limits live in its file. Pure: no I/O.
 */

import { fail, invalidNextToken, invalidValue, missing } from './errors.js';
import type { MetricDimension } from './metrics-store.js';

/** Dimensions per metric (CloudWatch's documented limit). */
export const MAX_DIMENSIONS = 30;
/** Dimension filters per ListMetrics request (CloudWatch's documented limit). */
export const MAX_DIMENSION_FILTERS = 10;

/** The units CloudWatch accepts (StandardUnit). */
export const STANDARD_UNITS: ReadonlySet<string> = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function optionalString(object: Json, key: string, path: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(invalidValue(`The parameter ${path} must be a string.`));
  return value;
}

export function requiredString(object: Json, key: string, path: string): string {
  const value = optionalString(object, key, path);
  if (value === undefined || value.length === 0) fail(missing(path));
  return value;
}

export function optionalNumber(object: Json, key: string, path: string): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  // JSON 1.0 sends NaN and infinities as strings; CloudWatch rejects them.
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(invalidValue(`The value ${String(value)} for parameter ${path} is invalid.`));
  }
  return value;
}

export function optionalList(object: Json, key: string, path: string): unknown[] | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(invalidValue(`The parameter ${path} must be a list.`));
  return value;
}

/**
 * A timestamp member: epoch seconds (number) as JSON 1.0 sends it, an ISO 8601 string (awsQuery), or a Date
 * (RPC v2 CBOR's tag 1, decoded).
 */
export function timestampMs(object: Json, key: string, path: string): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value * 1000
        : typeof value === 'string'
          ? Date.parse(value)
          : Number.NaN;
  if (!Number.isFinite(ms)) fail(invalidValue(`The parameter ${path} must be a timestamp.`));
  return ms;
}

export function parseDimensions(value: unknown[] | undefined, path: string): MetricDimension[] {
  if (value === undefined) return [];
  if (value.length > MAX_DIMENSIONS) {
    fail(invalidValue(`The collection ${path} must not have a size greater than ${MAX_DIMENSIONS}.`));
  }
  const seen = new Set<string>();
  return value.map((item, i) => {
    const at = `${path}.member.${i + 1}`;
    if (!isObject(item)) fail(invalidValue(`The parameter ${at} must be a structure.`));
    const name = requiredString(item, 'Name', `${at}.Name`);
    const dimensionValue = requiredString(item, 'Value', `${at}.Value`);
    if (name.length > 255) fail(invalidValue(`The parameter ${at}.Name must be at most 255 characters.`));
    if (dimensionValue.length > 1024) {
      fail(invalidValue(`The parameter ${at}.Value must be at most 1024 characters.`));
    }
    if (seen.has(name)) fail(invalidValue(`No metric may have duplicate dimension names: ${name}.`));
    seen.add(name);
    return { Name: name, Value: dimensionValue };
  });
}

/** A ListMetrics DimensionFilter: a dimension name, and optionally the value it must have. */
export interface DimensionFilter {
  name: string;
  /** undefined: any value of the dimension matches. */
  value: string | undefined;
}

/** ListMetrics' Dimensions: at most 10 filters, Name 1-255 characters, Value (optional) 1-1024. */
export function parseDimensionFilters(value: unknown[] | undefined, path: string): DimensionFilter[] {
  if (value === undefined) return [];
  if (value.length > MAX_DIMENSION_FILTERS) {
    fail(invalidValue(`The collection ${path} must not have a size greater than ${MAX_DIMENSION_FILTERS}.`));
  }
  return value.map((item, i) => {
    const at = `${path}.member.${i + 1}`;
    if (!isObject(item)) fail(invalidValue(`The parameter ${at} must be a structure.`));
    const name = requiredString(item, 'Name', `${at}.Name`);
    if (name.length > 255) fail(invalidValue(`The parameter ${at}.Name must be at most 255 characters.`));
    const filterValue = optionalString(item, 'Value', `${at}.Value`);
    if (filterValue !== undefined && (filterValue.length === 0 || filterValue.length > 1024)) {
      fail(invalidValue(`The parameter ${at}.Value must be 1 to 1024 characters.`));
    }
    return { name, value: filterValue };
  });
}

/**
 * Whether a metric passes every filter: it has a dimension of the filter's name and, when the filter gives a
 * value, of that value. Other dimensions of the metric do not matter; no filters match every metric.
 * Example: [{ name: 'Bus' }] matches {Bus=orders, Scenario=soak} but not {Scenario=soak}.
 */
export function matchesDimensionFilters(
  dimensions: readonly MetricDimension[],
  filters: DimensionFilter[],
): boolean {
  return filters.every((filter) =>
    dimensions.some(
      (dimension) =>
        dimension.Name === filter.name && (filter.value === undefined || dimension.Value === filter.value),
    ),
  );
}

/** StartTime and EndTime, both required, StartTime first. */
export function parseTimeRange(input: Json): { startMs: number; endMs: number } {
  const startMs = timestampMs(input, 'StartTime', 'StartTime');
  const endMs = timestampMs(input, 'EndTime', 'EndTime');
  if (startMs === undefined) fail(missing('StartTime'));
  if (endMs === undefined) fail(missing('EndTime'));
  if (!(startMs < endMs))
    fail(invalidValue('The parameter StartTime must be less than the parameter EndTime.'));
  return { startMs, endMs };
}

/** Sub-minute periods CloudWatch accepts (for high-resolution metrics; MetricStat API reference). */
export const SUB_MINUTE_PERIODS: ReadonlySet<number> = new Set([1, 5, 10, 20, 30]);

/**
 * A Period member: 1, 5, 10, 20, 30, or a multiple of 60 seconds
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html, read 2026-12-07).
 * Over 1-minute data a sub-minute period gives one point per minute.
 */
export function parsePeriod(object: Json, path: string): number {
  const periodSec = optionalNumber(object, 'Period', path);
  if (periodSec === undefined) fail(missing(path));
  if (
    !Number.isInteger(periodSec) ||
    (!SUB_MINUTE_PERIODS.has(periodSec) && (periodSec < 60 || periodSec % 60 !== 0))
  ) {
    fail(
      invalidValue(
        `The value ${periodSec} for parameter ${path} is invalid: the period must be 1, 5, 10, 20, 30, or a multiple of 60.`,
      ),
    );
  }
  return periodSec;
}

/** An opaque paging token holding an offset (base64url of `offset:<n>`). */
export function readOffsetToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('offset:')) invalidNextToken();
  const offset = Number(text.slice(7));
  if (!Number.isInteger(offset) || offset < 0) invalidNextToken();
  return offset;
}

export function offsetToken(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

export function parseUnit(object: Json, path: string): string | undefined {
  const unit = optionalString(object, 'Unit', path);
  if (unit !== undefined && !STANDARD_UNITS.has(unit)) {
    fail(invalidValue(`The value ${unit} for parameter ${path} is invalid.`));
  }
  return unit;
}
