/**
 * The endpoint's CloudWatch metric store: 1-minute aggregates per metric (namespace, name, dimensions) and
 * unit, with a mergeable log-bucket histogram per minute so percentiles can be computed over any period.
 * Pure: callers pass timestamps in (the endpoint's injectable wall clock), nothing here reads a clock.
 */

/** One dimension of a metric, as CloudWatch names it. */
export interface MetricDimension {
  Name: string;
  Value: string;
}

/** A metric's identity: CloudWatch treats every distinct (namespace, name, dimension set) as its own metric. */
export interface MetricIdentity {
  namespace: string;
  metricName: string;
  /** Order does not matter; the store sorts them by name. */
  dimensions: readonly MetricDimension[];
}

/** One data point of a query: the period's start (epoch ms) and the statistic's value. */
export interface MetricPoint {
  timestampEpochMs: number;
  value: number;
}

/** A statistic CloudWatch computes: the five basic ones, or a percentile (`p99`, `p99.9`). */
export type MetricStatistic =
  | { kind: 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum' }
  | { kind: 'percentile'; percent: number };

/** Bucket growth factor of the percentile histogram: values within 1% share a bucket (~0.5% error). */
const BUCKET_GAMMA = 1.01;
const LOG_GAMMA = Math.log(BUCKET_GAMMA);
/** One minute in milliseconds: the store's resolution, as for AWS's standard-resolution metrics. */
export const MINUTE_MS = 60_000;
/** 1-minute data is kept for 15 days in CloudWatch; this store keeps at most that many minutes per metric. */
export const MAX_MINUTES_PER_SERIES = 15 * 24 * 60;
/** Distinct metrics kept at most (a fuzzer or a runaway publisher cannot grow memory without bound). */
export const MAX_SERIES = 50_000;

/**
 * A mergeable histogram with logarithmic buckets (relative width 1%): exact counts, approximate values.
 * Zero and negative values get their own buckets.
 */
export class LogHistogram {
  /** bucket index -> count, for values > 0 (index = ceil(log(v) / log(1.01))). */
  readonly positive = new Map<number, number>();
  /** The same for -v, values < 0. */
  readonly negative = new Map<number, number>();
  zeroCount = 0;
  count = 0;

  /** Adds `count` samples of `value`. */
  record(value: number, count = 1): void {
    this.count += count;
    if (value > 0) {
      const index = Math.ceil(Math.log(value) / LOG_GAMMA);
      this.positive.set(index, (this.positive.get(index) ?? 0) + count);
    } else if (value < 0) {
      const index = Math.ceil(Math.log(-value) / LOG_GAMMA);
      this.negative.set(index, (this.negative.get(index) ?? 0) + count);
    } else this.zeroCount += count;
  }

  /** Adds every sample of another histogram. */
  add(other: LogHistogram): void {
    this.count += other.count;
    this.zeroCount += other.zeroCount;
    for (const [index, count] of other.positive)
      this.positive.set(index, (this.positive.get(index) ?? 0) + count);
    for (const [index, count] of other.negative)
      this.negative.set(index, (this.negative.get(index) ?? 0) + count);
  }

  /**
   * The value at a percentile (nearest rank over the buckets, each represented by its geometric middle).
   * Example: 100 samples 1..100 give p50 ~ 50 and p99 ~ 99 (within 1%).
   * @param percent - 0 < percent <= 100
   * @returns null when empty
   */
  valueAtPercentile(percent: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.count));
    let seen = 0;
    const negatives = [...this.negative.keys()].sort((a, b) => b - a);
    for (const index of negatives) {
      seen += this.negative.get(index) ?? 0;
      if (seen >= rank) return -bucketMiddle(index);
    }
    seen += this.zeroCount;
    if (seen >= rank) return 0;
    const positives = [...this.positive.keys()].sort((a, b) => a - b);
    for (const index of positives) {
      seen += this.positive.get(index) ?? 0;
      if (seen >= rank) return bucketMiddle(index);
    }
    return positives.length > 0 ? bucketMiddle(positives[positives.length - 1]!) : 0;
  }
}

/** The geometric middle of bucket index: (gamma^(i-1), gamma^i]. */
function bucketMiddle(index: number): number {
  return BUCKET_GAMMA ** (index - 0.5);
}

/** One minute of one metric and unit: the basic statistics, and a histogram when every sample is known. */
export class MinuteAggregate {
  sampleCount = 0;
  sum = 0;
  minimum = Number.POSITIVE_INFINITY;
  maximum = Number.NEGATIVE_INFINITY;
  /** Samples recorded individually (values or value/count pairs); statistic sets only add to the totals. */
  readonly histogram = new LogHistogram();

  /** Adds `count` samples of `value`. */
  record(value: number, count = 1): void {
    this.sampleCount += count;
    this.sum += value * count;
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    this.histogram.record(value, count);
  }

  /**
   * Adds a published statistic set. Its distribution is known only when SampleCount is 1 or Minimum equals
   * Maximum (then percentiles stay available, as CloudWatch documents for GetMetricStatistics,
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html);
   * otherwise percentiles of this period become unavailable.
   */
  recordStatisticSet(sampleCount: number, sum: number, minimum: number, maximum: number): void {
    if (sampleCount === 1 || minimum === maximum) this.histogram.record(minimum, sampleCount);
    this.sampleCount += sampleCount;
    this.sum += sum;
    if (minimum < this.minimum) this.minimum = minimum;
    if (maximum > this.maximum) this.maximum = maximum;
  }

  /** Adds another aggregate (used to merge minutes into a period and units into one answer). */
  add(other: MinuteAggregate): void {
    this.sampleCount += other.sampleCount;
    this.sum += other.sum;
    if (other.minimum < this.minimum) this.minimum = other.minimum;
    if (other.maximum > this.maximum) this.maximum = other.maximum;
    this.histogram.add(other.histogram);
  }

  /** The statistic's value, or null when it cannot be computed (no samples; percentile of statistic sets). */
  statistic(statistic: MetricStatistic): number | null {
    if (this.sampleCount === 0) return null;
    switch (statistic.kind) {
      case 'SampleCount':
        return this.sampleCount;
      case 'Sum':
        return this.sum;
      case 'Average':
        return this.sum / this.sampleCount;
      case 'Minimum':
        return this.minimum;
      case 'Maximum':
        return this.maximum;
      case 'percentile': {
        // "Percentile statistics are not available for metrics when any of the metric values are negative
        // numbers" (GetMetricStatistics API reference).
        if (this.histogram.count !== this.sampleCount || this.minimum < 0) return null;
        // The extreme ranks are known exactly.
        const rank = Math.max(1, Math.ceil((statistic.percent / 100) * this.sampleCount));
        if (rank >= this.sampleCount) return this.maximum;
        if (rank === 1) return this.minimum;
        const value = this.histogram.valueAtPercentile(statistic.percent);
        // Never outside the observed range (a bucket's middle can be).
        return value === null ? null : Math.min(this.maximum, Math.max(this.minimum, value));
      }
    }
  }
}

/**
 * The minutes (or seconds, for high-resolution metrics) of one metric and unit. Keeps the last aggregate at
 * hand: the hot path records into it.
 */
export class MetricUnitSeries {
  /** Bucket start (epoch ms) -> aggregate; a bucket is resolutionMs long. */
  readonly minutes = new Map<number, MinuteAggregate>();
  /** 60,000 (standard resolution) or 1,000 (StorageResolution 1). */
  readonly resolutionMs: number;
  private lastMinuteMs = Number.NaN;
  private lastAggregate: MinuteAggregate | null = null;

  /** @param resolutionMs - the bucket length: MINUTE_MS (default) or 1,000 for high-resolution data */
  constructor(resolutionMs: number = MINUTE_MS) {
    this.resolutionMs = resolutionMs;
  }

  /** The aggregate of the bucket holding epochMs (created if absent; the oldest bucket is dropped past the cap). */
  at(epochMs: number): MinuteAggregate {
    const resolutionMs = this.resolutionMs;
    const minuteMs = epochMs - (((epochMs % resolutionMs) + resolutionMs) % resolutionMs);
    if (minuteMs === this.lastMinuteMs && this.lastAggregate !== null) return this.lastAggregate;
    let aggregate = this.minutes.get(minuteMs);
    if (aggregate === undefined) {
      aggregate = new MinuteAggregate();
      this.minutes.set(minuteMs, aggregate);
      if (this.minutes.size > MAX_MINUTES_PER_SERIES) {
        let oldest = Number.POSITIVE_INFINITY;
        for (const key of this.minutes.keys()) if (key < oldest) oldest = key;
        this.minutes.delete(oldest);
      }
    }
    this.lastMinuteMs = minuteMs;
    this.lastAggregate = aggregate;
    return aggregate;
  }
}

/** One metric: its identity and its minutes per unit ("None" when published without one). */
export interface MetricSeries {
  identity: MetricIdentity;
  byUnit: Map<string, MetricUnitSeries>;
}

/** A query over the store: one metric, a statistic, a period and a half-open time range. */
export interface MetricQuery {
  identity: MetricIdentity;
  statistic: MetricStatistic;
  /** 1, 5, 10, 20, 30 or a multiple of 60 (a sub-minute period over 1-minute data gives one point a minute). */
  periodSec: number;
  startEpochMs: number;
  endEpochMs: number;
  /** Only data published with this unit; undefined = every unit together. */
  unit?: string;
}

/** A stable key of a metric's identity (dimensions sorted by name). */
export function metricKey(identity: MetricIdentity): string {
  const dimensions = [...identity.dimensions].sort((a, b) =>
    a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0,
  );
  return JSON.stringify([identity.namespace, identity.metricName, dimensions.map((d) => [d.Name, d.Value])]);
}

/**
 * Parses a statistic name as GetMetricData takes it: SampleCount, Sum, Average, Minimum, Maximum, or pNN /
 * pNN.NN (0 < NN <= 100).
 * @returns null for anything else (trimmed means and other extended statistics are not computed here)
 */
export function parseStatistic(name: string): MetricStatistic | null {
  if (
    name === 'SampleCount' ||
    name === 'Sum' ||
    name === 'Average' ||
    name === 'Minimum' ||
    name === 'Maximum'
  ) {
    return { kind: name };
  }
  const match = /^p(\d{1,3}(?:\.\d{1,10})?)$/.exec(name);
  if (match === null) return null;
  const percent = Number(match[1]);
  return percent > 0 && percent <= 100 ? { kind: 'percentile', percent } : null;
}

/** Every metric the endpoint knows: its own AWS/Events metrics and what PutMetricData published. */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();

  /** Number of distinct metrics held. */
  get size(): number {
    return this.series.size;
  }

  /**
   * The minutes of a metric and unit, created on first use. Returns null when the store is full and the
   * metric is new (the caller reports it as a limit).
   */
  seriesFor(identity: MetricIdentity, unit = 'None', resolutionMs = MINUTE_MS): MetricUnitSeries | null {
    const key = metricKey(identity);
    let series = this.series.get(key);
    if (series === undefined) {
      if (this.series.size >= MAX_SERIES) return null;
      series = { identity: { ...identity, dimensions: [...identity.dimensions] }, byUnit: new Map() };
      this.series.set(key, series);
    }
    let unitSeries = series.byUnit.get(unit);
    if (unitSeries === undefined) {
      // Assumption (AWS does not say how it stores a metric published at both resolutions): the first
      // datum's StorageResolution decides the series' bucket length.
      unitSeries = new MetricUnitSeries(resolutionMs);
      series.byUnit.set(unit, unitSeries);
    }
    return unitSeries;
  }

  /** The identities of every metric held (ListMetrics-like; no order guaranteed). */
  identities(): MetricIdentity[] {
    return [...this.series.values()].map((series) => series.identity);
  }

  /**
   * The identities of the metrics that hold at least one data point, sorted by namespace, name, then
   * dimensions (a stable order for ListMetrics' pages). The endpoint creates its AWS/Events series at start;
   * CloudWatch lists a metric only once data was published for it.
   */
  identitiesWithData(): MetricIdentity[] {
    const found: Array<{ key: string; identity: MetricIdentity }> = [];
    for (const [key, series] of this.series) {
      for (const unitSeries of series.byUnit.values()) {
        if (unitSeries.minutes.size > 0) {
          found.push({ key, identity: series.identity });
          break;
        }
      }
    }
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return found.map((entry) => entry.identity);
  }

  /** The units a metric holds data in (for GetMetricStatistics' Unit when none was asked). */
  unitsOf(identity: MetricIdentity): string[] {
    const series = this.series.get(metricKey(identity));
    if (series === undefined) return [];
    return [...series.byUnit].filter(([, unitSeries]) => unitSeries.minutes.size > 0).map(([unit]) => unit);
  }

  /**
   * Data points of one query, oldest first. Periods start at the query's start rounded down to the minute,
   * then every periodSec; a period without samples has no point (as in CloudWatch).
   * Example: start 10:00:30, end 10:05, period 120 -> periods starting 10:00, 10:02, 10:04.
   */
  query(query: MetricQuery): MetricPoint[] {
    return this.queryAggregates(query).flatMap((period) => {
      const value = period.aggregate.statistic(query.statistic);
      return value === null ? [] : [{ timestampEpochMs: period.timestampEpochMs, value }];
    });
  }

  /**
   * The merged aggregate of every period of a query that holds samples, oldest first (query() computes one
   * statistic of each; GetMetricStatistics several).
   */
  queryAggregates(
    query: Omit<MetricQuery, 'statistic'>,
  ): Array<{ timestampEpochMs: number; aggregate: MinuteAggregate }> {
    const series = this.series.get(metricKey(query.identity));
    if (series === undefined) return [];
    const units =
      query.unit === undefined
        ? [...series.byUnit.values()]
        : [series.byUnit.get(query.unit)].filter((s): s is MetricUnitSeries => s !== undefined);
    const periodMs = query.periodSec * 1000;
    // Periods are aligned to the minute, or to the period itself when it is shorter (1, 5, 10, 20, 30 s).
    const alignMs = Math.min(periodMs, MINUTE_MS);
    const startMs = query.startEpochMs - (((query.startEpochMs % alignMs) + alignMs) % alignMs);
    const periods = new Map<number, MinuteAggregate>();
    for (const unitSeries of units) {
      for (const [minuteMs, aggregate] of unitSeries.minutes) {
        if (minuteMs < startMs || minuteMs >= query.endEpochMs) continue;
        const periodStartMs = startMs + Math.floor((minuteMs - startMs) / periodMs) * periodMs;
        let merged = periods.get(periodStartMs);
        if (merged === undefined) {
          merged = new MinuteAggregate();
          periods.set(periodStartMs, merged);
        }
        merged.add(aggregate);
      }
    }
    return [...periods.keys()]
      .filter((periodStartMs) => periods.get(periodStartMs)!.sampleCount > 0)
      .sort((a, b) => a - b)
      .map((periodStartMs) => ({ timestampEpochMs: periodStartMs, aggregate: periods.get(periodStartMs)! }));
  }
}
