/**
 * GetMetricStatistics over the store: one metric's basic statistics or percentiles per period. Pure: the
 * store and the input come in.
 */
import { combination, fail, invalidValue, missing } from './errors.js';
import {
  type Json,
  optionalList,
  parseDimensions,
  parsePeriod,
  parseTimeRange,
  parseUnit,
  requiredString,
} from './input.js';
import { type MetricIdentity, type MetricStore, parseStatistic } from './metrics-store.js';

/** Data points one GetMetricStatistics call may return (API reference). */
export const MAX_STATISTICS_DATAPOINTS = 1_440;
/** The statistics GetMetricStatistics' Statistics member accepts. */
export const BASIC_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/**
 * GetMetricStatistics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html):
 * Statistics (1-5 of SampleCount, Average, Sum, Minimum, Maximum) or ExtendedStatistics (1-10 percentiles
 * such as p99), not both; at most 1,440 data points. Each datapoint carries the statistics asked for and
 * its Unit; percentiles go in ExtendedStatistics. Datapoints come oldest first (AWS documents no order).
 */
export function getMetricStatistics(store: MetricStore, input: Json): Json {
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
  const extended = (optionalList(input, 'ExtendedStatistics', 'ExtendedStatistics') ?? []).map((item, i) => {
    const statistic = typeof item === 'string' ? parseStatistic(item) : null;
    if (statistic === null || statistic.kind !== 'percentile') {
      fail(
        invalidValue(
          `The value ${String(item)} for parameter ExtendedStatistics.member.${i + 1} is invalid: expected a percentile such as p99.`,
        ),
      );
    }
    return { name: item as string, statistic };
  });
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
  const units = store.unitsOf(identity);
  const datapointUnit = unit ?? (units.length === 1 ? units[0]! : 'None');
  const datapoints: Json[] = [];
  for (const period of store.queryAggregates({
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
