/**
 * The latency spectrum's axis (HdrHistogram style), shared by the run report's and the comparison's spectrum
 * charts: positions at 1/(1 - percentile) on a log scale, their labels, and the percentiles a histogram
 * resolves. Pure.
 */
import type { decodeHistogram } from '../metrics/histogram.js';
import { formatDecimal } from './format.js';

/** Percentiles of the spectrum's table. */
export const SPECTRUM_TABLE_PERCENTILES = [50, 90, 99, 99.9, 99.99] as const;

/** A position rounded to 3 decimals, so the axis does not depend on float noise. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The x positions of the spectrum: 1/(1 - p) at 10 points per decade from 1 (p = 0) up to the sample count
 * (beyond it a percentile is not resolved by the samples), and at most 10^5 (p = 99.999%).
 */
function spectrumPositions(sampleCount: number): number[] {
  const top = Math.min(1e5, Math.max(1, sampleCount));
  const positions: number[] = [];
  for (let step = 0; ; step++) {
    const x = round3(10 ** (step / 10));
    if (x > top) break;
    positions.push(x);
  }
  return positions;
}

/** A percentile label of a spectrum position: 1 -> "0%", 10 -> "90%", 1000 -> "99.9%". */
export function spectrumLabel(position: number): string {
  const percentile = 100 - 100 / position;
  return `${formatDecimal(percentile, 4)}%`;
}

type Histogram = ReturnType<typeof decodeHistogram>;

/** The spectrum line of a whole-run histogram: (1/(1 - p), latency ms at p) at every spectrum position. */
export function spectrumPoints(histogram: Histogram): Array<[number, number]> {
  return spectrumPositions(histogram.totalCount).map((x): [number, number] => [
    x,
    histogram.getValueAtPercentile(100 - 100 / x) / 1000,
  ]);
}

/** The latency (ms) at `percentile`, or null when it is finer than 1/count (not resolved by the samples). */
export function resolvedPercentileMs(histogram: Histogram, percentile: number): number | null {
  return 100 / (100 - percentile) > Math.max(histogram.totalCount, 1)
    ? null
    : histogram.getValueAtPercentile(percentile) / 1000;
}
