/**
 * PutMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html):
 * custom metrics (never under `AWS/`), each datum a Value, Values with Counts, or a StatisticSet, at most
 * 1,000 data items, timestamps from two weeks back to two hours ahead. The request is all or nothing: every
 * datum is validated before any is stored. Pure: the store, the input and the clock's reading come in.
 */
import { combination, fail, invalidValue, missing } from './errors.js';
import {
  isObject,
  type Json,
  optionalList,
  optionalNumber,
  parseDimensions,
  parseUnit,
  requiredString,
  timestampMs,
} from './input.js';
import { type MetricIdentity, type MetricStore, metricKey } from './metrics-store.js';

/** Data items per PutMetricData request (CloudWatch's documented limit). */
export const MAX_METRIC_DATA_ITEMS = 1000;
/** Values (and Counts) per datum (CloudWatch's documented limit). */
export const MAX_VALUES_PER_DATUM = 150;
/** PutMetricData accepts data up to two weeks old and two hours ahead. */
export const MAX_PAST_MS = 14 * 24 * 3_600_000;
export const MAX_FUTURE_MS = 2 * 3_600_000;

/**
 * metricKey -> the endpoint's clock at the last PutMetricData that wrote the metric (for ListMetrics'
 * RecentlyActive). Bounded like the store: only metrics the store accepted are entered.
 */
export type PublishTimes = Map<string, number>;

/**
 * Stores every datum of the request (MetricData and EntityMetricData's MetricData) and notes, in published,
 * the time each metric was written.
 * @throws CloudWatchRequestError for a refused input, before anything is stored; LimitExceeded when the store
 *   holds its maximum number of metrics
 */
export function putMetricData(
  store: MetricStore,
  published: PublishTimes,
  input: Json,
  nowEpochMs: number,
): void {
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
    parseDatum(datum, `MetricData.member.${i + 1}`, namespace, nowEpochMs),
  );
  for (const datum of parsed) {
    const series = store.seriesFor(datum.identity, datum.unit ?? 'None', datum.resolutionMs);
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
      for (let k = 0; k < datum.values.length; k++) aggregate.record(datum.values[k]!, datum.counts[k] ?? 1);
    } else aggregate.recordStatisticSet(datum.sampleCount, datum.sum, datum.minimum, datum.maximum);
    published.set(metricKey(datum.identity), nowEpochMs);
  }
}

function parseDatum(datum: unknown, at: string, namespace: string, nowEpochMs: number): ParsedDatum {
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
  const given = [value !== undefined, isObject(statisticValues), values !== undefined].filter(Boolean).length;
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
