/**
 * Exact merge of shards' time series: intervals aligned by their start, counts added, latency histograms
 * added (never percentiles averaged). Used by merge.ts for each bus.
 */
import { InputError } from '../errors.js';
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  summarizeMs,
} from '../metrics/histogram.js';
import type { TimeSeries, TimeSeriesPoint } from './types.js';

/**
 * Adds time series interval by interval (aligned by startMs). Undefined when a shard has none; throws
 * when the intervals differ.
 */
export function mergeTimeSeries(
  series: ReadonlyArray<TimeSeries | undefined>,
  where: string,
): TimeSeries | undefined {
  if (series.length === 0 || series.some((one) => one === undefined)) return undefined;
  const all = series as readonly TimeSeries[];
  const intervalMs = all[0]!.intervalMs;
  if (all.some((one) => one.intervalMs !== intervalMs)) {
    throw new InputError(
      `${where}.timeSeries.intervalMs: the shards sampled different intervals (${all.map((one) => one.intervalMs).join(', ')} ms)`,
    );
  }
  const byStart = new Map<number, TimeSeriesPoint[]>();
  for (const one of all) {
    for (const point of one.points)
      byStart.set(point.startMs, [...(byStart.get(point.startMs) ?? []), point]);
  }
  const points = [...byStart.keys()]
    .sort((a, b) => a - b)
    .map((startMs): TimeSeriesPoint => {
      const group = byStart.get(startMs)!;
      const sum = (key: keyof Omit<TimeSeriesPoint, 'latencyMs' | 'latencyHistogram' | 'startMs'>): number =>
        group.reduce((acc, point) => acc + point[key], 0);
      const histogram = createLatencyHistogram();
      for (const point of group) addHistogram(histogram, decodeHistogram(point.latencyHistogram));
      return {
        startMs,
        entriesPlanned: sum('entriesPlanned'),
        calls: sum('calls'),
        attempts: sum('attempts'),
        attemptsThrottled: sum('attemptsThrottled'),
        entriesSucceeded: sum('entriesSucceeded'),
        entriesFailed: sum('entriesFailed'),
        entriesDropped: sum('entriesDropped'),
        latencyMs: summarizeMs(histogram),
        latencyHistogram: encodeHistogram(histogram),
      };
    });
  return { intervalMs, points };
}
