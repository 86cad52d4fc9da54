/**
 * GetMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
 * 1 to 500 MetricDataQueries, each a MetricStat read from the store or an Expression (metric math,
 * math-parser.ts and math-evaluator.ts) over the other queries; results newest first unless ScanBy says
 * otherwise, paged MaxDatapoints data points at a time across all queries. Pure: the store and the input
 * come in.
 */
import { combination, fail, invalidValue, missing } from './errors.js';
import {
  isObject,
  type Json,
  offsetToken,
  optionalList,
  optionalNumber,
  optionalString,
  parseDimensions,
  parsePeriod,
  parseTimeRange,
  parseUnit,
  readOffsetToken,
  requiredString,
} from './input.js';
import { evaluateExpression, type MathSeries, type MathValue } from './math-evaluator.js';
import { type MathNode, MetricMathError, parseExpression } from './math-parser.js';
import { type MetricIdentity, type MetricQuery, type MetricStore, parseStatistic } from './metrics-store.js';

/** Queries per GetMetricData request (CloudWatch's documented limit). */
export const MAX_METRIC_DATA_QUERIES = 500;
/** GetMetricData's default MaxDatapoints. */
export const DEFAULT_MAX_DATAPOINTS = 100_800;
/** A query's Id: a lower-case letter, then letters, digits and underscores. */
export const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * GetMetricData's output: MetricDataResults (one per returned query, one per series of an array expression)
 * and the NextToken of the next page.
 * @throws CloudWatchRequestError for a refused input (InvalidParameterValue naming the member, ...)
 */
export function getMetricData(store: MetricStore, input: Json): Json {
  const queries = optionalList(input, 'MetricDataQueries', 'MetricDataQueries');
  if (queries === undefined) fail(missing('MetricDataQueries'));
  if (queries.length === 0 || queries.length > MAX_METRIC_DATA_QUERIES) {
    fail(invalidValue(`The collection MetricDataQueries must have 1 to ${MAX_METRIC_DATA_QUERIES} members.`));
  }
  const { startMs, endMs } = parseTimeRange(input);
  const scanBy = optionalString(input, 'ScanBy', 'ScanBy') ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    fail(invalidValue(`The value ${scanBy} for parameter ScanBy is invalid.`));
  }
  const maxDatapoints = optionalNumber(input, 'MaxDatapoints', 'MaxDatapoints') ?? DEFAULT_MAX_DATAPOINTS;
  if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) {
    fail(invalidValue(`The value ${maxDatapoints} for parameter MaxDatapoints is invalid.`));
  }
  const skipDatapoints = readOffsetToken(optionalString(input, 'NextToken', 'NextToken'));

  const parsed = queries.map((query, i) => parseDataQuery(query, i));
  const ids = new Set<string>();
  parsed.forEach((query, i) => {
    if (ids.has(query.id)) {
      fail(
        invalidValue(
          `The value ${query.id} for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`,
        ),
      );
    }
    ids.add(query.id);
  });
  const values = evaluateQueries(store, parsed, startMs, endMs);

  const computed: Array<{ id: string; label: string; timestamps: Date[]; values: number[] }> = [];
  for (const query of parsed) {
    if (!query.returnData) continue;
    const value = values.get(query.id)!;
    const seriesList =
      value.kind === 'array'
        ? value.series.map((series) => ({ ...series, label: `${query.label} ${series.label}` }))
        : value.kind === 'series'
          ? [{ ...value.series, label: query.label }]
          : [scalarSeries(value.value, query.label, [...values.values()])];
    for (const series of seriesList) {
      const timestamps = series.timestamps.map((t) => new Date(t));
      const points = series.values.slice();
      if (scanBy === 'TimestampDescending') {
        timestamps.reverse();
        points.reverse();
      }
      computed.push({ id: query.id, label: series.label, timestamps, values: points });
    }
  }

  // Pagination over the concatenated data points of all queries, MaxDatapoints per page.
  const pageEnd = skipDatapoints + maxDatapoints;
  const results: Json[] = [];
  let offset = 0;
  for (const result of computed) {
    const count = result.timestamps.length;
    const from = Math.min(count, Math.max(0, skipDatapoints - offset));
    const to = Math.min(count, Math.max(0, pageEnd - offset));
    const offsetBefore = offset;
    offset += count;
    const onThisPage = count === 0 ? offsetBefore >= skipDatapoints && offsetBefore < pageEnd : from < to;
    if (!onThisPage) continue;
    results.push({
      Id: result.id,
      Label: result.label,
      Timestamps: result.timestamps.slice(from, to),
      Values: result.values.slice(from, to),
      StatusCode: to < count ? 'PartialData' : 'Complete',
      Messages: [],
    });
  }
  const nextToken = offset > pageEnd ? offsetToken(pageEnd) : undefined;
  const output: Json = { MetricDataResults: results, Messages: [] };
  if (nextToken !== undefined) output['NextToken'] = nextToken;
  return output;
}

/** One MetricDataQuery: a MetricStat or an Expression (metric math, math-parser.ts, math-evaluator.ts). */
function parseDataQuery(query: unknown, i: number): DataQuery {
  const at = `MetricDataQueries.member.${i + 1}`;
  if (!isObject(query)) fail(invalidValue(`The parameter ${at} must be a structure.`));
  const id = requiredString(query, 'Id', `${at}.Id`);
  if (!QUERY_ID.test(id) || id.length > 255) {
    fail(
      invalidValue(`The value ${id} for parameter ${at}.Id is invalid: it must match ^[a-z][a-zA-Z0-9_]*$.`),
    );
  }
  const label = optionalString(query, 'Label', `${at}.Label`);
  const returnData = query['ReturnData'] !== false;
  const expression = optionalString(query, 'Expression', `${at}.Expression`);
  const metricStat = query['MetricStat'];
  if (expression !== undefined && metricStat !== undefined && metricStat !== null) {
    fail(combination(`The parameters ${at}.Expression and ${at}.MetricStat are mutually exclusive.`));
  }
  if (expression !== undefined) {
    if (expression.length === 0 || expression.length > 2048) {
      fail(invalidValue(`The parameter ${at}.Expression must be 1 to 2048 characters.`));
    }
    let node: MathNode;
    try {
      node = parseExpression(expression);
    } catch (error) {
      if (error instanceof MetricMathError) {
        fail(invalidValue(`Error in expression ${id}: ${error.message}.`));
      }
      throw error;
    }
    return { kind: 'expression', id, label: label ?? id, returnData, node };
  }
  if (!isObject(metricStat)) fail(missing(`${at}.MetricStat`));
  const metric = metricStat['Metric'];
  if (!isObject(metric)) fail(missing(`${at}.MetricStat.Metric`));
  const identity: MetricIdentity = {
    namespace: requiredString(metric, 'Namespace', `${at}.MetricStat.Metric.Namespace`),
    metricName: requiredString(metric, 'MetricName', `${at}.MetricStat.Metric.MetricName`),
    dimensions: parseDimensions(
      optionalList(metric, 'Dimensions', `${at}.MetricStat.Metric.Dimensions`),
      `${at}.MetricStat.Metric.Dimensions`,
    ),
  };
  const periodSec = parsePeriod(metricStat, `${at}.MetricStat.Period`);
  const statName = requiredString(metricStat, 'Stat', `${at}.MetricStat.Stat`);
  const statistic = parseStatistic(statName);
  if (statistic === null) {
    fail(
      invalidValue(
        `The value ${statName} for parameter ${at}.MetricStat.Stat is invalid: expected SampleCount, Sum, ` +
          'Average, Minimum, Maximum or a percentile such as p99.',
      ),
    );
  }
  const unit = parseUnit(metricStat, `${at}.MetricStat.Unit`);
  return {
    kind: 'stat',
    id,
    label: label ?? identity.metricName,
    returnData,
    query: { identity, statistic, periodSec, unit },
  };
}

/**
 * Every query's value: MetricStat queries from the store, then expressions over them and over each other
 * (a reference to an unknown id, or a cycle, is an InvalidParameterValue naming the expression).
 */
function evaluateQueries(
  store: MetricStore,
  queries: DataQuery[],
  startMs: number,
  endMs: number,
): Map<string, MathValue> {
  const values = new Map<string, MathValue>();
  const metricSeries: Array<{ id: string; series: MathSeries }> = [];
  for (const query of queries) {
    if (query.kind !== 'stat') continue;
    const points = store.query({ ...query.query, startEpochMs: startMs, endEpochMs: endMs });
    const series: MathSeries = {
      label: query.label,
      periodSec: query.query.periodSec,
      timestamps: points.map((point) => point.timestampEpochMs),
      values: points.map((point) => point.value),
    };
    values.set(query.id, { kind: 'series', series });
    metricSeries.push({ id: query.id, series });
  }
  const expressions = new Map(
    queries.flatMap((query) => (query.kind === 'expression' ? [[query.id, query] as const] : [])),
  );
  const evaluating = new Set<string>();
  const valueOfQuery = (id: string, from: string): MathValue => {
    const known = values.get(id);
    if (known !== undefined) return known;
    const expression = expressions.get(id);
    if (expression === undefined) {
      throw new MetricMathError(`${id} is not the Id of a query of this request`);
    }
    if (evaluating.has(id)) throw new MetricMathError(`${from} and ${id} refer to each other`);
    evaluating.add(id);
    const value = evaluateExpression(expression.node, {
      valueOf: (other) => valueOfQuery(other, id),
      metricSeries: () => metricSeries,
      startEpochMs: startMs,
      endEpochMs: endMs,
    });
    evaluating.delete(id);
    values.set(id, value);
    return value;
  };
  for (const id of expressions.keys()) {
    try {
      valueOfQuery(id, id);
    } catch (error) {
      if (error instanceof MetricMathError)
        fail(invalidValue(`Error in expression ${id}: ${error.message}.`));
      throw error;
    }
  }
  return values;
}

/** A parsed MetricDataQuery. */
type DataQuery = { id: string; label: string; returnData: boolean } & (
  | { kind: 'stat'; query: Omit<MetricQuery, 'startEpochMs' | 'endEpochMs'> }
  | { kind: 'expression'; node: MathNode }
);

/**
 * An expression whose value is one number: that number at every timestamp of the request's series
 * (assumption, docs/aws-behaviour.md §7.2).
 */
function scalarSeries(value: number, label: string, all: MathValue[]): MathSeries {
  const timestamps = new Set<number>();
  for (const other of all) {
    const list = other.kind === 'series' ? [other.series] : other.kind === 'array' ? other.series : [];
    for (const series of list) for (const t of series.timestamps) timestamps.add(t);
  }
  const sorted = [...timestamps].sort((a, b) => a - b);
  return { label, periodSec: 60, timestamps: sorted, values: sorted.map(() => value) };
}
