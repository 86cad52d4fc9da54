/**
 * Latency histograms: HdrHistogram (hdr-histogram-js), microsecond values from 1 us to 120 s, 3 significant
 * digits. They cross threads as compressed base64 and are merged on the main thread only.
 *
 * The pure-JS implementation is used everywhere (workers and main thread): it needs no WebAssembly
 * initialisation per thread, and histograms of one kind add and decode without conversions.
 */
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';
import type { LatencySummaryMs } from './types.js';

/** hdr-histogram-js's Histogram interface (values in microseconds here). */
export type { Histogram } from 'hdr-histogram-js';

/** Smallest value told apart from 0 (1 us). */
const LOWEST_DISCERNIBLE_US = 1;
/** Largest trackable value (120 s); larger latencies are recorded as 120 s. */
export const HIGHEST_TRACKABLE_US = 120_000_000;
/** Value precision. */
const SIGNIFICANT_DIGITS = 3;

/** A new, empty latency histogram (microseconds, fixed range: no auto-resize, so memory stays bounded). */
export function createLatencyHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: LOWEST_DISCERNIBLE_US,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    bitBucketSize: 32,
    autoResize: false,
    useWebAssembly: false,
  });
}

/**
 * Records a latency, rounded to whole microseconds and clamped to [1 us, 120 s].
 * @param histogram - a histogram from createLatencyHistogram
 * @param latencyUs - the latency in microseconds
 */
export function recordLatencyUs(histogram: Histogram, latencyUs: number): void {
  const value = Number.isFinite(latencyUs) ? Math.round(latencyUs) : HIGHEST_TRACKABLE_US;
  histogram.recordValue(Math.min(HIGHEST_TRACKABLE_US, Math.max(LOWEST_DISCERNIBLE_US, value)));
}

/** The histogram as compressed base64 (HdrHistogram V2 compressed encoding). */
export function encodeHistogram(histogram: Histogram): string {
  return encodeIntoCompressedBase64(histogram);
}

/**
 * Decodes compressed base64 into a histogram with the standard range (so any two decoded histograms add).
 * @param encoded - output of encodeHistogram (or any HdrHistogram V2 compressed base64 within 120 s)
 */
export function decodeHistogram(encoded: string): Histogram {
  const decoded = decodeFromCompressedBase64(encoded, 32, false);
  const histogram = createLatencyHistogram();
  histogram.add(decoded);
  return histogram;
}

/**
 * Adds `source`'s counts into `target`.
 * @param target - changed in place
 * @param source - left unchanged
 */
export function addHistogram(target: Histogram, source: Histogram): void {
  target.add(source);
}

function roundMs3(valueUs: number): number {
  return Math.round(valueUs) / 1000;
}

/**
 * The report's summary of a microsecond histogram, in milliseconds with 3 decimals
 * (percentiles and max are HdrHistogram's: the highest value equivalent to the bucket; exact below 2,048 us,
 * within 0.1% above).
 * An empty histogram gives zeros.
 * @param histogram - a latency histogram (microseconds)
 */
export function summarizeMs(histogram: Histogram): LatencySummaryMs {
  const count = histogram.totalCount;
  if (count === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
  return {
    count,
    mean: roundMs3(histogram.mean),
    p50: roundMs3(histogram.getValueAtPercentile(50)),
    p90: roundMs3(histogram.getValueAtPercentile(90)),
    p99: roundMs3(histogram.getValueAtPercentile(99)),
    p999: roundMs3(histogram.getValueAtPercentile(99.9)),
    // The 100th percentile, not maxValue: a freshly recorded histogram keeps the exact max while a decoded
    // one only knows its bucket, and the summary must not depend on which one it is given.
    max: roundMs3(histogram.getValueAtPercentile(100)),
  };
}
