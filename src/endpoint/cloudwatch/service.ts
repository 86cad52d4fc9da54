/**
 * The CloudWatch API as @aws-sdk/client-cloudwatch >= 3.949 speaks it (docs/aws-behaviour.md §7): AWS JSON 1.0,
 * `X-Amz-Target: GraniteServiceVersion20100801.<Op>`, awsQueryCompatible errors (the `x-amzn-query-error`
 * header carries the query-protocol code, e.g. `InvalidParameterValue;Sender`). Operations: GetMetricData
 * (MetricStat queries; metric math is not evaluated), GetMetricStatistics, PutMetricData and ListMetrics, over
 * the endpoint's MetricStore. The same operations are served over awsQuery (cloudwatch-query.ts) and Smithy
 * RPC v2 CBOR (cloudwatch-cbor.ts): `execute` takes the decoded input whatever the protocol. No sockets here:
 * cloudwatch-http.ts reads the request and writes the answer.
 */

import { DEFAULT_ACCOUNT_ID } from '../../eventbridge/limits.js';
import { CloudWatchAlarms } from './alarms.js';
import {
  BASIC_STATISTICS,
  CloudWatchRequestError,
  combination,
  DEFAULT_MAX_DATAPOINTS,
  fail,
  invalidNextToken,
  invalidValue,
  isObject,
  type Json,
  LIST_METRICS_PAGE_SIZE,
  MAX_FUTURE_MS,
  MAX_METRIC_DATA_ITEMS,
  MAX_METRIC_DATA_QUERIES,
  MAX_PAST_MS,
  MAX_STATISTICS_DATAPOINTS,
  MAX_VALUES_PER_DATUM,
  matchesDimensionFilters,
  missing,
  offsetToken,
  optionalList,
  optionalNumber,
  optionalString,
  parseDimensionFilters,
  parseDimensions,
  parsePeriod,
  parseTimeRange,
  parseUnit,
  QUERY_ID,
  RECENTLY_ACTIVE_MS,
  readOffsetToken,
  requiredString,
  timestampMs,
} from './input.js';
import {
  evaluateExpression,
  type MathSeries,
  type MathValue,
  MetricMathError,
  parseExpression,
} from './math.js';
import {
  type MetricIdentity,
  type MetricQuery,
  type MetricStore,
  metricKey,
  parseStatistic,
} from './metrics-store.js';

/** The X-Amz-Target prefix of CloudWatch's JSON 1.0 protocol. */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';
/** The signing name of CloudWatch (the credential scope's service). */
export const CLOUDWATCH_SIGNING_SERVICE = 'monitoring';

/** A CloudWatch error: the JSON 1.0 shape name, its query-protocol code, status and message. */
export interface CloudWatchError {
  httpStatus: number;
  /** Shape name, e.g. InvalidParameterValueException (the SDK error's `name`). */
  code: string;
  /** awsQuery code, e.g. InvalidParameterValue (sent in `x-amzn-query-error`). */
  queryCode: string;
  message: string;
}

/** What to answer: status, JSON body, and the error when it is one. */
export interface CloudWatchAnswer {
  httpStatus: number;
  body: string;
  error: CloudWatchError | null;
}

/** An operation's output (timestamps as Dates), or its error. */
export type CloudWatchOutcome =
  | { output: Record<string, unknown>; error: null }
  | { output: null; error: CloudWatchError };

const DEFAULT_WHERE = { region: 'us-east-1', accountId: DEFAULT_ACCOUNT_ID };

/** The operations the endpoint serves, in every protocol. */
export const CLOUDWATCH_OPERATIONS = [
  'GetMetricData',
  'GetMetricStatistics',
  'ListMetrics',
  'PutMetricData',
  'PutMetricAlarm',
  'DescribeAlarms',
  'DeleteAlarms',
] as const;

/** Operations whose model output is empty (awsQuery writes no Result element, RPC v2 CBOR no body). */
export const CLOUDWATCH_OPERATIONS_WITHOUT_OUTPUT: ReadonlySet<string> = new Set([
  'PutMetricData',
  'PutMetricAlarm',
  'DeleteAlarms',
]);

/** A value with its Dates as JSON 1.0 writes timestamps: epoch seconds. */
export function datesToEpochSeconds(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(datesToEpochSeconds);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = datesToEpochSeconds(member);
    return out;
  }
  return value;
}

/** An outcome as AWS JSON 1.0 writes it (awsQueryCompatible: the error's shape name in __type). */
export function renderJsonAnswer(outcome: CloudWatchOutcome): CloudWatchAnswer {
  if (outcome.error !== null) {
    const error = outcome.error;
    return {
      httpStatus: error.httpStatus,
      body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message }),
      error,
    };
  }
  return { httpStatus: 200, body: JSON.stringify(datesToEpochSeconds(outcome.output)), error: null };
}

/** GetMetricData, PutMetricData and ListMetrics over a MetricStore. */
export class CloudWatchService {
  private readonly store: MetricStore;
  /**
   * metricKey -> the endpoint's clock at the last PutMetricData that wrote the metric (for ListMetrics'
   * RecentlyActive). Bounded like the store: only metrics the store accepted are entered.
   */
  private readonly publishedEpochMs = new Map<string, number>();

  /** Metric alarms on the same metrics (PutMetricAlarm, DescribeAlarms, DeleteAlarms). */
  private readonly alarms: CloudWatchAlarms;

  /**
   * @param store - the endpoint's metrics (AWS/Events and custom)
   * @param where - Region and account of the alarms' ARNs (default us-east-1, 111122223333)
   */
  constructor(store: MetricStore, where: { region: string; accountId: string } = DEFAULT_WHERE) {
    this.store = store;
    this.alarms = new CloudWatchAlarms(store, where.region, where.accountId);
  }

  /**
   * Runs one operation on a decoded input, whatever protocol carried it (JSON 1.0, awsQuery, RPC v2 CBOR).
   * Timestamps in the input may be epoch seconds, ISO 8601 strings or Dates; timestamps in the output are
   * Dates, which each protocol writes its own way.
   * @returns the output (an empty object for operations without output members), or the error
   */
  execute(operation: string, input: unknown, nowEpochMs: number): CloudWatchOutcome {
    if (!isObject(input)) {
      return {
        output: null,
        error: {
          httpStatus: 400,
          code: 'SerializationException',
          queryCode: 'SerializationException',
          message: 'The request body must be a structure.',
        },
      };
    }
    try {
      switch (operation) {
        case 'GetMetricData':
          return { output: this.getMetricData(input), error: null };
        case 'GetMetricStatistics':
          return { output: this.getMetricStatistics(input), error: null };
        case 'PutMetricData':
          this.putMetricData(input, nowEpochMs);
          return { output: {}, error: null };
        case 'ListMetrics':
          return { output: this.listMetrics(input, nowEpochMs), error: null };
        case 'PutMetricAlarm':
          this.alarms.put(input, nowEpochMs);
          return { output: {}, error: null };
        case 'DescribeAlarms':
          return { output: this.alarms.describe(input, nowEpochMs), error: null };
        case 'DeleteAlarms':
          this.alarms.remove(input);
          return { output: {}, error: null };
        default:
          return {
            output: null,
            error: {
              httpStatus: 400,
              code: 'UnknownOperationException',
              queryCode: 'InvalidAction',
              message: `The busload emulator does not implement CloudWatch ${operation || '(no operation)'}.`,
            },
          };
      }
    } catch (error) {
      if (error instanceof CloudWatchRequestError) return { output: null, error: error.error };
      throw error;
    }
  }

  private getMetricData(input: Json): Json {
    const queries = optionalList(input, 'MetricDataQueries', 'MetricDataQueries');
    if (queries === undefined) fail(missing('MetricDataQueries'));
    if (queries.length === 0 || queries.length > MAX_METRIC_DATA_QUERIES) {
      fail(
        invalidValue(`The collection MetricDataQueries must have 1 to ${MAX_METRIC_DATA_QUERIES} members.`),
      );
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

    const parsed = queries.map((query, i) => this.parseDataQuery(query, i));
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
    const values = this.evaluateQueries(parsed, startMs, endMs);

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

  /** One MetricDataQuery: a MetricStat or an Expression (metric math, cloudwatch-math.ts). */
  private parseDataQuery(query: unknown, i: number): DataQuery {
    const at = `MetricDataQueries.member.${i + 1}`;
    if (!isObject(query)) fail(invalidValue(`The parameter ${at} must be a structure.`));
    const id = requiredString(query, 'Id', `${at}.Id`);
    if (!QUERY_ID.test(id) || id.length > 255) {
      fail(
        invalidValue(
          `The value ${id} for parameter ${at}.Id is invalid: it must match ^[a-z][a-zA-Z0-9_]*$.`,
        ),
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
      let node: ReturnType<typeof parseExpression>;
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
  private evaluateQueries(queries: DataQuery[], startMs: number, endMs: number): Map<string, MathValue> {
    const values = new Map<string, MathValue>();
    const metricSeries: Array<{ id: string; series: MathSeries }> = [];
    for (const query of queries) {
      if (query.kind !== 'stat') continue;
      const points = this.store.query({ ...query.query, startEpochMs: startMs, endEpochMs: endMs });
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

  /**
   * GetMetricStatistics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html):
   * Statistics (1-5 of SampleCount, Average, Sum, Minimum, Maximum) or ExtendedStatistics (1-10 percentiles
   * such as p99), not both; at most 1,440 data points. Each datapoint carries the statistics asked for and
   * its Unit; percentiles go in ExtendedStatistics. Datapoints come oldest first (AWS documents no order).
   */
  private getMetricStatistics(input: Json): Json {
    const identity: MetricIdentity = {
      namespace: requiredString(input, 'Namespace', 'Namespace'),
      metricName: requiredString(input, 'MetricName', 'MetricName'),
      dimensions: parseDimensions(optionalList(input, 'Dimensions', 'Dimensions'), 'Dimensions'),
    };
    const { startMs, endMs } = parseTimeRange(input);
    const periodSec = parsePeriod(input, 'Period');
    const statistics = (optionalList(input, 'Statistics', 'Statistics') ?? []).map((item, i) => {
      if (typeof item !== 'string' || !(BASIC_STATISTICS as readonly string[]).includes(item)) {
        fail(invalidValue(`The value ${String(item)} for parameter Statistics.member.${i + 1} is invalid.`));
      }
      return item as (typeof BASIC_STATISTICS)[number];
    });
    const extended = (optionalList(input, 'ExtendedStatistics', 'ExtendedStatistics') ?? []).map(
      (item, i) => {
        const statistic = typeof item === 'string' ? parseStatistic(item) : null;
        if (statistic === null || statistic.kind !== 'percentile') {
          fail(
            invalidValue(
              `The value ${String(item)} for parameter ExtendedStatistics.member.${i + 1} is invalid: expected a percentile such as p99.`,
            ),
          );
        }
        return { name: item as string, statistic };
      },
    );
    if (statistics.length === 0 && extended.length === 0) {
      fail(missing('Statistics or ExtendedStatistics'));
    }
    if (statistics.length > 0 && extended.length > 0) {
      fail(combination('The parameters Statistics and ExtendedStatistics are mutually exclusive.'));
    }
    if (statistics.length > BASIC_STATISTICS.length) {
      fail(invalidValue('The collection Statistics must not have a size greater than 5.'));
    }
    if (extended.length > 10) {
      fail(invalidValue('The collection ExtendedStatistics must not have a size greater than 10.'));
    }
    const unit = parseUnit(input, 'Unit');
    const periodMs = periodSec * 1000;
    const requested = Math.ceil((endMs - startMs) / periodMs);
    if (requested > MAX_STATISTICS_DATAPOINTS) {
      // Assumption: the wording is the emulator's; AWS documents the limit and the error, not its text.
      fail(
        combination(
          `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of ` +
            `${MAX_STATISTICS_DATAPOINTS.toLocaleString('en-US')}. You may reduce the datapoints requested by ` +
            'increasing Period, or decreasing the time range.',
        ),
      );
    }
    const units = this.store.unitsOf(identity);
    const datapointUnit = unit ?? (units.length === 1 ? units[0]! : 'None');
    const datapoints: Json[] = [];
    for (const period of this.store.queryAggregates({
      identity,
      periodSec,
      startEpochMs: startMs,
      endEpochMs: endMs,
      unit,
    })) {
      const datapoint: Json = { Timestamp: new Date(period.timestampEpochMs) };
      for (const name of statistics) datapoint[name] = period.aggregate.statistic({ kind: name });
      if (extended.length > 0) {
        const values: Record<string, number> = {};
        for (const { name, statistic } of extended) {
          const value = period.aggregate.statistic(statistic);
          if (value !== null) values[name] = value;
        }
        datapoint['ExtendedStatistics'] = values;
      }
      datapoint['Unit'] = datapointUnit;
      datapoints.push(datapoint);
    }
    return { Label: identity.metricName, Datapoints: datapoints };
  }

  private putMetricData(input: Json, nowEpochMs: number): void {
    const namespace = requiredString(input, 'Namespace', 'Namespace');
    if (namespace.length > 255 || namespace.startsWith('AWS/')) {
      fail(invalidValue(`The value ${namespace} for parameter Namespace is invalid.`));
    }
    const data = [...(optionalList(input, 'MetricData', 'MetricData') ?? [])];
    const entityData = optionalList(input, 'EntityMetricData', 'EntityMetricData') ?? [];
    entityData.forEach((entity, i) => {
      if (!isObject(entity))
        fail(invalidValue(`The parameter EntityMetricData.member.${i + 1} must be a structure.`));
      data.push(...(optionalList(entity, 'MetricData', `EntityMetricData.member.${i + 1}.MetricData`) ?? []));
    });
    if (data.length === 0) fail(missing('MetricData'));
    if (data.length > MAX_METRIC_DATA_ITEMS) {
      fail(
        invalidValue(`The collection MetricData must not have a size greater than ${MAX_METRIC_DATA_ITEMS}.`),
      );
    }
    // Validate every datum before storing any (the request is all or nothing).
    const parsed = data.map((datum, i) =>
      this.parseDatum(datum, `MetricData.member.${i + 1}`, namespace, nowEpochMs),
    );
    for (const datum of parsed) {
      const series = this.store.seriesFor(datum.identity, datum.unit ?? 'None', datum.resolutionMs);
      if (series === null) {
        fail({
          httpStatus: 400,
          code: 'LimitExceededFault',
          queryCode: 'LimitExceeded',
          message: 'The busload emulator holds its maximum number of metrics.',
        });
      }
      const aggregate = series.at(datum.timestampMs);
      if (datum.kind === 'value') aggregate.record(datum.value);
      else if (datum.kind === 'values') {
        for (let k = 0; k < datum.values.length; k++)
          aggregate.record(datum.values[k]!, datum.counts[k] ?? 1);
      } else aggregate.recordStatisticSet(datum.sampleCount, datum.sum, datum.minimum, datum.maximum);
      this.publishedEpochMs.set(metricKey(datum.identity), nowEpochMs);
    }
  }

  private parseDatum(datum: unknown, at: string, namespace: string, nowEpochMs: number): ParsedDatum {
    if (!isObject(datum)) fail(invalidValue(`The parameter ${at} must be a structure.`));
    const metricName = requiredString(datum, 'MetricName', `${at}.MetricName`);
    if (metricName.length > 255)
      fail(invalidValue(`The parameter ${at}.MetricName must be at most 255 characters.`));
    const identity: MetricIdentity = {
      namespace,
      metricName,
      dimensions: parseDimensions(optionalList(datum, 'Dimensions', `${at}.Dimensions`), `${at}.Dimensions`),
    };
    const unit = parseUnit(datum, `${at}.Unit`);
    const resolution = optionalNumber(datum, 'StorageResolution', `${at}.StorageResolution`);
    if (resolution !== undefined && resolution !== 1 && resolution !== 60) {
      fail(invalidValue(`The value ${resolution} for parameter ${at}.StorageResolution is invalid.`));
    }
    const timestamp = timestampMs(datum, 'Timestamp', `${at}.Timestamp`) ?? nowEpochMs;
    if (timestamp < nowEpochMs - MAX_PAST_MS || timestamp > nowEpochMs + MAX_FUTURE_MS) {
      fail(
        invalidValue(
          `The parameter ${at}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.`,
        ),
      );
    }
    const value = optionalNumber(datum, 'Value', `${at}.Value`);
    const statisticValues = datum['StatisticValues'];
    const values = optionalList(datum, 'Values', `${at}.Values`);
    const given = [value !== undefined, isObject(statisticValues), values !== undefined].filter(
      Boolean,
    ).length;
    if (given > 1) {
      fail(
        combination(
          `The parameters ${at}.Value, ${at}.StatisticValues and ${at}.Values are mutually exclusive and you have specified more than one.`,
        ),
      );
    }
    const base = { identity, unit, timestampMs: timestamp, resolutionMs: resolution === 1 ? 1_000 : 60_000 };
    if (value !== undefined) return { ...base, kind: 'value', value };
    if (isObject(statisticValues)) {
      const read = (key: string): number => {
        const number = optionalNumber(statisticValues, key, `${at}.StatisticValues.${key}`);
        if (number === undefined) fail(missing(`${at}.StatisticValues.${key}`));
        return number;
      };
      const set = {
        sampleCount: read('SampleCount'),
        sum: read('Sum'),
        minimum: read('Minimum'),
        maximum: read('Maximum'),
      };
      if (!(set.sampleCount > 0) || set.minimum > set.maximum) {
        fail(
          invalidValue(
            `The parameter ${at}.StatisticValues is invalid: SampleCount must be > 0 and Minimum <= Maximum.`,
          ),
        );
      }
      return { ...base, kind: 'set', ...set };
    }
    if (values !== undefined) {
      if (values.length > MAX_VALUES_PER_DATUM) {
        fail(
          invalidValue(
            `The collection ${at}.Values must not have a size greater than ${MAX_VALUES_PER_DATUM}.`,
          ),
        );
      }
      const numbers = values.map((item, k) => {
        if (typeof item !== 'number' || !Number.isFinite(item)) {
          fail(
            invalidValue(`The value ${String(item)} for parameter ${at}.Values.member.${k + 1} is invalid.`),
          );
        }
        return item;
      });
      const countsList = optionalList(datum, 'Counts', `${at}.Counts`);
      const counts = (countsList ?? numbers.map(() => 1)).map((item, k) => {
        if (typeof item !== 'number' || !Number.isFinite(item) || item < 0) {
          fail(
            invalidValue(`The value ${String(item)} for parameter ${at}.Counts.member.${k + 1} is invalid.`),
          );
        }
        return item;
      });
      if (counts.length !== numbers.length) {
        fail(invalidValue(`The parameters ${at}.Values and ${at}.Counts must be arrays of the same size.`));
      }
      return { ...base, kind: 'values', values: numbers, counts };
    }
    fail(missing(`${at}.Value`));
  }

  /**
   * ListMetrics: the metrics that hold data and match Namespace, MetricName and every Dimensions filter (all
   * optional), 500 per page with a NextToken while more remain (API reference:
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html). RecentlyActive=PT3H keeps the metrics written in the last three hours (see isRecentlyActive).
   * IncludeLinkedAccounts and OwningAccount are validated and accepted without effect: the endpoint is a
   * single account, not a cross-account monitoring account, so there are no source accounts to include or
   * select, and the answer carries no OwningAccounts.
   */
  private listMetrics(input: Json, nowEpochMs: number): Json {
    const namespace = optionalString(input, 'Namespace', 'Namespace');
    const metricName = optionalString(input, 'MetricName', 'MetricName');
    const filters = parseDimensionFilters(optionalList(input, 'Dimensions', 'Dimensions'), 'Dimensions');
    const recentlyActive = optionalString(input, 'RecentlyActive', 'RecentlyActive');
    if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
      fail(
        invalidValue(`The value ${recentlyActive} for parameter RecentlyActive is invalid: expected PT3H.`),
      );
    }
    const includeLinked = input['IncludeLinkedAccounts'];
    if (includeLinked !== undefined && includeLinked !== null && typeof includeLinked !== 'boolean') {
      fail(invalidValue('The parameter IncludeLinkedAccounts must be a boolean.'));
    }
    const owningAccount = optionalString(input, 'OwningAccount', 'OwningAccount');
    if (owningAccount !== undefined && (owningAccount.length === 0 || owningAccount.length > 255)) {
      fail(invalidValue('The parameter OwningAccount must be 1 to 255 characters.'));
    }
    const offset = readOffsetToken(optionalString(input, 'NextToken', 'NextToken'));
    const activeSinceEpochMs = nowEpochMs - RECENTLY_ACTIVE_MS;
    const matching = this.store
      .identitiesWithData()
      .filter(
        (identity) =>
          (namespace === undefined || identity.namespace === namespace) &&
          (metricName === undefined || identity.metricName === metricName) &&
          matchesDimensionFilters(identity.dimensions, filters) &&
          (recentlyActive === undefined || this.isRecentlyActive(identity, activeSinceEpochMs)),
      );
    if (offset > matching.length) invalidNextToken();
    const metrics = matching.slice(offset, offset + LIST_METRICS_PAGE_SIZE).map((identity) => ({
      Namespace: identity.namespace,
      MetricName: identity.metricName,
      Dimensions: identity.dimensions,
    }));
    const output: Json = { Metrics: metrics };
    if (offset + LIST_METRICS_PAGE_SIZE < matching.length) {
      output['NextToken'] = offsetToken(offset + LIST_METRICS_PAGE_SIZE);
    }
    return output;
  }

  /**
   * Whether a metric was written at or after sinceEpochMs. CloudWatch documents RecentlyActive as "data points
   * published" in the window, so a custom metric counts from its last PutMetricData call (whatever the data
   * points' own timestamps, which may be two weeks old or two hours ahead). The endpoint's AWS/Events metrics
   * never go through PutMetricData: they are recorded at each request's arrival, so their data points' minutes
   * are their write times, and a minute that overlaps the window counts (CloudWatch's own answer is also
   * approximate, by up to 50 minutes).
   */
  private isRecentlyActive(identity: MetricIdentity, sinceEpochMs: number): boolean {
    const publishedEpochMs = this.publishedEpochMs.get(metricKey(identity));
    if (publishedEpochMs !== undefined) return publishedEpochMs >= sinceEpochMs;
    const points = this.store.query({
      identity,
      statistic: { kind: 'SampleCount' },
      periodSec: 60,
      startEpochMs: sinceEpochMs,
      endEpochMs: Number.POSITIVE_INFINITY,
    });
    return points.length > 0;
  }
}

/** A parsed MetricDataQuery. */
type DataQuery = { id: string; label: string; returnData: boolean } & (
  | { kind: 'stat'; query: Omit<MetricQuery, 'startEpochMs' | 'endEpochMs'> }
  | { kind: 'expression'; node: ReturnType<typeof parseExpression> }
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

type ParsedDatum = {
  identity: MetricIdentity;
  unit: string | undefined;
  timestampMs: number;
  resolutionMs: number;
} & (
  | { kind: 'value'; value: number }
  | { kind: 'values'; values: number[]; counts: number[] }
  | { kind: 'set'; sampleCount: number; sum: number; minimum: number; maximum: number }
);
