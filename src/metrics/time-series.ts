/**
 * Per-interval time series of one bus: counts and a latency histogram per fixed interval, aligned to the
 * schedule's start. Workers record (bounded memory: dense counts, and one open histogram per bus whose
 * interval is encoded as soon as time moves past it); the main thread merges the workers' series exactly
 * (counts summed, histograms added) into the report's TimeSeries.
 */
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  type Histogram,
  recordLatencyUs,
  summarizeMs,
} from './histogram.js';
import type { TimeSeries, TimeSeriesPoint } from './types.js';

/** Interval lengths the series may use (ms): 1 s on short runs, longer on long ones. */
const SERIES_INTERVALS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000,
] as const;

/** Most points a series holds (the interval grows with the run so memory and report size stay bounded). */
export const MAX_SERIES_POINTS = 300;

/**
 * The interval of a run's series: the shortest of SERIES_INTERVALS_MS giving at most MAX_SERIES_POINTS
 * points. Worked example: 30 s -> 1 s (30 points); 10 min -> 2 s (300 points); 1 h -> 15 s (240 points).
 * @param durationMs - the replay length
 */
export function chooseSeriesIntervalMs(durationMs: number): number {
  for (const intervalMs of SERIES_INTERVALS_MS) {
    if (Math.ceil(durationMs / intervalMs) <= MAX_SERIES_POINTS) return intervalMs;
  }
  return SERIES_INTERVALS_MS[SERIES_INTERVALS_MS.length - 1]!;
}

/** The counters a series point carries (same meaning as BusCounters, restricted to one interval). */
export const SERIES_COUNTERS = [
  'entriesPlanned',
  'calls',
  'attempts',
  'attemptsThrottled',
  'entriesSucceeded',
  'entriesFailed',
  'entriesDropped',
] as const;
export type SeriesCounter = (typeof SERIES_COUNTERS)[number];

/** One interval as a worker reports it (structured-clone safe). */
export interface WorkerSeriesPoint {
  /** Interval number: it covers [index x intervalMs, (index + 1) x intervalMs) after the schedule start. */
  index: number;
  counts: Record<SeriesCounter, number>;
  /** Latencies (intended send -> response, us) answered in the interval; compressed base64, '' = none. */
  latencyHistogram: string;
}

/** A worker's series of one bus. */
export interface WorkerSeries {
  intervalMs: number;
  points: WorkerSeriesPoint[];
}

function zeroCounts(): Record<SeriesCounter, number> {
  return {
    entriesPlanned: 0,
    calls: 0,
    attempts: 0,
    attemptsThrottled: 0,
    entriesSucceeded: 0,
    entriesFailed: 0,
    entriesDropped: 0,
  };
}

/**
 * Records one bus's series in a worker. Times are ms after the schedule start; events before 0 count in
 * the first interval and events after the last (responses that arrive after the replay's end) in the last.
 */
export class SeriesRecorder {
  private readonly counts: Array<Record<SeriesCounter, number>>;
  private readonly encoded: string[];
  private openIndex = -1;
  private readonly open: Histogram = createLatencyHistogram();

  /**
   * @param intervalMs - the interval (chooseSeriesIntervalMs)
   * @param durationMs - the replay length (sets the number of intervals)
   */
  constructor(
    readonly intervalMs: number,
    durationMs: number,
  ) {
    const points = Math.max(1, Math.ceil(durationMs / intervalMs));
    this.counts = Array.from({ length: points }, zeroCounts);
    this.encoded = Array.from({ length: points }, () => '');
  }

  private indexAt(atMs: number): number {
    const index = Math.floor(atMs / this.intervalMs);
    return Math.min(this.counts.length - 1, Math.max(0, Number.isFinite(index) ? index : 0));
  }

  /** Adds `n` to a counter of the interval holding `atMs`. */
  add(counter: SeriesCounter, atMs: number, n = 1): void {
    this.counts[this.indexAt(atMs)]![counter] += n;
  }

  /**
   * Records a latency answered at `atMs`. Answers arrive in time order, so only one interval's histogram is
   * open; moving to a later interval encodes the open one (an earlier answer, which cannot happen with a
   * monotonic clock, would be added to the open interval).
   */
  recordLatency(atMs: number, latencyUs: number): void {
    const index = this.indexAt(atMs);
    if (index > this.openIndex) {
      this.closeOpen();
      this.openIndex = index;
    }
    recordLatencyUs(this.open, latencyUs);
  }

  private closeOpen(): void {
    if (this.openIndex >= 0 && this.open.totalCount > 0) {
      this.encoded[this.openIndex] = encodeHistogram(this.open);
    }
    this.open.reset();
  }

  /** The series so far (closes the open interval; recording afterwards starts a new one). */
  finish(): WorkerSeries {
    this.closeOpen();
    this.openIndex = -1;
    return {
      intervalMs: this.intervalMs,
      points: this.counts.map((counts, index) => ({
        index,
        counts: { ...counts },
        latencyHistogram: this.encoded[index]!,
      })),
    };
  }
}

/**
 * The exact merge of workers' series of one bus into the report's TimeSeries (counts summed, histograms
 * added; points in interval order). Series with different intervals cannot be merged exactly: undefined.
 * @param series - one per worker (any order)
 */
export function mergeSeries(series: WorkerSeries[]): TimeSeries | undefined {
  if (series.length === 0) return undefined;
  const intervalMs = series[0]!.intervalMs;
  const merged = new Map<number, { counts: Record<SeriesCounter, number>; latency: Histogram | null }>();
  for (const one of series) {
    if (one.intervalMs !== intervalMs) return undefined;
    for (const point of one.points) {
      let target = merged.get(point.index);
      if (target === undefined) {
        target = { counts: zeroCounts(), latency: null };
        merged.set(point.index, target);
      }
      for (const counter of SERIES_COUNTERS) target.counts[counter] += point.counts[counter];
      if (point.latencyHistogram !== '') {
        target.latency ??= createLatencyHistogram();
        addHistogram(target.latency, decodeHistogram(point.latencyHistogram));
      }
    }
  }
  const points: TimeSeriesPoint[] = [...merged.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const { counts, latency } = merged.get(index)!;
      const histogram = latency ?? createLatencyHistogram();
      return {
        startMs: index * intervalMs,
        ...counts,
        latencyMs: summarizeMs(histogram),
        latencyHistogram: encodeHistogram(histogram),
      };
    });
  return { intervalMs, points };
}
