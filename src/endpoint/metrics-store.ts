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

  /** Adds a published statistic set (no distribution: percentiles of this minute become unavailable). */
  recordStatisticSet(sampleCount: number, sum: number, minimum: number, maximum: number): void {
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
        if (this.histogram.count !== this.sampleCount) return null;
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

/** The minutes of one metric and unit. Keeps the last aggregate at hand: the hot path records into it. */
export class MetricUnitSeries {
  readonly minutes = new Map<number, MinuteAggregate>();
  private lastMinuteMs = Number.NaN;
  private lastAggregate: MinuteAggregate | null = null;

  /** The aggregate of the minute holding epochMs (created if absent; the oldest minute is dropped past the cap). */
  at(epochMs: number): MinuteAggregate {
    const minuteMs = epochMs - (((epochMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
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
  /** A multiple of 60. */
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
  seriesFor(identity: MetricIdentity, unit = 'None'): MetricUnitSeries | null {
    const key = metricKey(identity);
    let series = this.series.get(key);
    if (series === undefined) {
      if (this.series.size >= MAX_SERIES) return null;
      series = { identity: { ...identity, dimensions: [...identity.dimensions] }, byUnit: new Map() };
      this.series.set(key, series);
    }
    let unitSeries = series.byUnit.get(unit);
    if (unitSeries === undefined) {
      unitSeries = new MetricUnitSeries();
      series.byUnit.set(unit, unitSeries);
    }
    return unitSeries;
  }

  /** The identities of every metric held (ListMetrics-like; no order guaranteed). */
  identities(): MetricIdentity[] {
    return [...this.series.values()].map((series) => series.identity);
  }

  /**
   * Data points of one query, oldest first. Periods start at the query's start rounded down to the minute,
   * then every periodSec; a period without samples has no point (as in CloudWatch).
   * Example: start 10:00:30, end 10:05, period 120 -> periods starting 10:00, 10:02, 10:04.
   */
  query(query: MetricQuery): MetricPoint[] {
    const series = this.series.get(metricKey(query.identity));
    if (series === undefined) return [];
    const units =
      query.unit === undefined
        ? [...series.byUnit.values()]
        : [series.byUnit.get(query.unit)].filter((s): s is MetricUnitSeries => s !== undefined);
    const startMs = query.startEpochMs - (((query.startEpochMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
    const periodMs = query.periodSec * 1000;
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
    const points: MetricPoint[] = [];
    for (const periodStartMs of [...periods.keys()].sort((a, b) => a - b)) {
      const value = periods.get(periodStartMs)!.statistic(query.statistic);
      if (value !== null) points.push({ timestampEpochMs: periodStartMs, value });
    }
    return points;
  }
}
