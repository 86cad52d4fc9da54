/**
 * Charts as data, shared by the run report and the comparison: what each chart plots plus the same data as a
 * small text table (Markdown shows the table; HTML draws the chart and keeps the table under it), and the
 * latency spectrum's axis. Pure: no I/O, no clock. A chart that lacks data carries the reason instead of
 * series, so a renderer says so instead of breaking.
 */
import type { decodeHistogram } from '../metrics/histogram.js';
import type { DocTable } from './document.js';
import { formatDecimal } from './format.js';

/** How a series is drawn: the line style tells apart the metrics of one bus, the colour the bus. */
export type SeriesStyle = 'solid' | 'dashed' | 'dotted';

export interface ChartSeries {
  name: string;
  /** [x, y] pairs: x in seconds since the schedule start (time charts) or 1/(1 - percentile) (spectrum). */
  points: Array<[number, number]>;
  style: SeriesStyle;
  /** Index into the palette (one colour per bus, or per component in the cost chart). */
  colorIndex: number;
}

/** A bar series: one value per category (null: no bar, e.g. a bus missing on one side of a comparison). */
export interface BarSeries {
  name: string;
  /** One value per category. */
  values: Array<number | null>;
  colorIndex: number;
  /** In a grouped chart, series with the same stack id are stacked on one bar. */
  stack?: string;
  /** Drawn lighter (the "before" side of a comparison). */
  faded?: boolean;
}

interface ChartBase {
  /** Stable id (HTML id, test hook). */
  id: string;
  title: string;
  /** One sentence on how to read the chart. */
  caption: string;
  /** Why there is nothing to draw; null when there is. */
  emptyReason: string | null;
  /** The chart's data as a small text table (null when empty). */
  table: DocTable | null;
}

export interface LineChart extends ChartBase {
  kind: 'time' | 'spectrum';
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
}

/**
 * A bar chart, one group per category. Stacked (the default): every series on one bar (the cost chart).
 * Grouped: the series side by side (stacking only those that share a `stack` id), values written on the bars.
 */
export interface StackedBarChart extends ChartBase {
  kind: 'stacked-bar';
  layout?: 'stacked' | 'grouped';
  categories: string[];
  yLabel: string;
  series: BarSeries[];
  /** How values read on the axis and the bars: dollars (default) or plain numbers. */
  valueFormat?: 'usd' | 'number';
}

export type ChartSpec = LineChart | StackedBarChart;

/** Percentiles of the spectrum's table. */
export const SPECTRUM_TABLE_PERCENTILES = [50, 90, 99, 99.9, 99.99] as const;

/** A position rounded to 3 decimals, so the axis does not depend on float noise. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The x positions of the spectrum: 1/(1 - p) at 10 points per decade from 1 (p = 0) up to the sample count
 * (beyond it a percentile is not resolved by the samples), and at most 10^5 (p = 99.999%).
 */
export function spectrumPositions(sampleCount: number): number[] {
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
