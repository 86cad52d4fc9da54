/**
 * Parsing of recorded series for the `replay` shape: entry counts per interval, from a CSV or JSON text
 * (for example what CloudWatch exports for `AWS/Events` PutEvents metrics). Pure: the loader reads the file.
 *
 * Accepted forms:
 * - CSV (`,`, `;` or tab separated): the LAST column of each row is the count; an optional header row (its
 *   last field is not a number); blank lines and `#` comments are skipped. When every row's first column is
 *   a date, the rows are sorted by it.
 * - JSON: an array of numbers; an array of objects with a count in `count`, `value`, `Value`, `sum` or
 *   `Sum` (and optionally `timestamp`/`Timestamp`, then sorted); CloudWatch GetMetricData output
 *   (`MetricDataResults[0].Timestamps` + `Values`, sorted ascending); or GetMetricStatistics output
 *   (`Datapoints[].Timestamp` + `Sum`).
 */

import { MAX_SERIES_POINTS } from './limits.js';

/** The outcome of parsing a series. */
export type SeriesResult = { ok: true; counts: number[] } | { ok: false; message: string };

const COUNT_KEYS = ['count', 'value', 'Value', 'sum', 'Sum'] as const;
const TIME_KEYS = ['timestamp', 'Timestamp', 'time'] as const;

/**
 * Parses a series text into counts per interval (in time order).
 * @param text - the file's content
 * @param name - the file name, for messages
 */
export function parseSeriesText(text: string, name: string): SeriesResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `${name} is empty; expected counts per interval` };
  const result =
    trimmed.startsWith('[') || trimmed.startsWith('{')
      ? parseJsonSeries(trimmed, name)
      : parseCsvSeries(text, name);
  if (!result.ok) return result;
  if (result.counts.length === 0) return { ok: false, message: `${name} holds no counts` };
  if (result.counts.length > MAX_SERIES_POINTS) {
    return tooManyCounts(name, result.counts.length.toLocaleString('en-US'));
  }
  return result;
}

function tooManyCounts(name: string, counts: string): SeriesResult {
  return {
    ok: false,
    message: `${name} holds ${counts} counts; expected at most ${MAX_SERIES_POINTS.toLocaleString('en-US')} (every worker holds and walks the whole series; use a longer interval)`,
  };
}

function checkCount(value: number, where: string): string | null {
  return Number.isFinite(value) && value >= 0 ? null : `${where}: expected a count >= 0, got ${value}`;
}

interface TimedCount {
  count: number;
  timeMs: number | null;
}

function ordered(rows: TimedCount[]): number[] {
  const timed = rows.every((row) => row.timeMs !== null);
  const sorted = timed ? [...rows].sort((a, b) => a.timeMs! - b.timeMs!) : rows;
  return sorted.map((row) => row.count);
}

function parseTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? ms : null;
}

function parseCsvSeries(text: string, name: string): SeriesResult {
  const rows: TimedCount[] = [];
  let sawData = false;
  // Line by line without splitting the whole text first, and stopping past the limit: a 16 MiB file of
  // millions of rows is refused without holding millions of strings.
  let start = 0;
  for (let i = 0; start <= text.length; i++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (rows.length > MAX_SERIES_POINTS) {
      return tooManyCounts(name, `more than ${MAX_SERIES_POINTS.toLocaleString('en-US')}`);
    }
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/[,;\t]/).map((field) => field.trim().replace(/^"(.*)"$/, '$1'));
    const last = fields[fields.length - 1] ?? '';
    const count = last === '' ? Number.NaN : Number(last);
    if (!sawData && Number.isNaN(count)) {
      sawData = true; // a header row
      continue;
    }
    sawData = true;
    const problem = checkCount(count, `${name} line ${i + 1}`);
    if (problem !== null) return { ok: false, message: problem };
    rows.push({ count, timeMs: fields.length > 1 ? parseTime(fields[0]) : null });
  }
  return { ok: true, counts: ordered(rows) };
}

function countOf(item: Record<string, unknown>): number | undefined {
  for (const key of COUNT_KEYS) if (typeof item[key] === 'number') return item[key];
  return undefined;
}

function parseJsonSeries(text: string, name: string): SeriesResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `${name} is not valid JSON: ${error instanceof Error ? error.message : error}`,
    };
  }
  const rows: TimedCount[] = [];
  const fromObjects = (items: unknown[], where: string): string | null => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'number') {
        const problem = checkCount(item, `${where}[${i}]`);
        if (problem !== null) return problem;
        rows.push({ count: item, timeMs: null });
        continue;
      }
      if (typeof item !== 'object' || item === null)
        return `${where}[${i}]: expected a number or an object with a count`;
      const record = item as Record<string, unknown>;
      const count = countOf(record);
      if (count === undefined) return `${where}[${i}]: expected one of ${COUNT_KEYS.join(', ')} as a number`;
      const problem = checkCount(count, `${where}[${i}]`);
      if (problem !== null) return problem;
      const timeKey = TIME_KEYS.find((key) => record[key] !== undefined);
      rows.push({ count, timeMs: timeKey === undefined ? null : parseTime(record[timeKey]) });
    }
    return null;
  };
  let problem: string | null = null;
  if (Array.isArray(data)) {
    problem = fromObjects(data, name);
  } else if (typeof data === 'object' && data !== null) {
    const record = data as Record<string, unknown>;
    const results = record['MetricDataResults'];
    const datapoints = record['Datapoints'];
    if (Array.isArray(results) && results.length > 0) {
      const first = results[0] as Record<string, unknown>;
      const values = first['Values'];
      const timestamps = first['Timestamps'];
      if (!Array.isArray(values))
        return { ok: false, message: `${name}: MetricDataResults[0].Values is missing` };
      for (let i = 0; i < values.length; i++) {
        const count = values[i];
        if (typeof count !== 'number') return { ok: false, message: `${name}: Values[${i}] is not a number` };
        const countProblem = checkCount(count, `${name} Values[${i}]`);
        if (countProblem !== null) return { ok: false, message: countProblem };
        rows.push({ count, timeMs: Array.isArray(timestamps) ? parseTime(timestamps[i]) : null });
      }
    } else if (Array.isArray(datapoints)) {
      problem = fromObjects(datapoints, `${name} Datapoints`);
    } else {
      problem = `${name}: expected an array of counts, CloudWatch MetricDataResults or Datapoints`;
    }
  } else {
    problem = `${name}: expected an array of counts, CloudWatch MetricDataResults or Datapoints`;
  }
  if (problem !== null) return { ok: false, message: problem };
  return { ok: true, counts: ordered(rows) };
}
