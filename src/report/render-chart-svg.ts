/**
 * Draws a ChartSpec as a static SVG string with echarts' server-side renderer (no DOM, no browser, no
 * script in the output), for report.html. Deterministic: animation is off, and echarts' per-instance ids
 * and hover classes are rewritten or removed, so the same spec always gives the same bytes (golden files).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec, LineChart as LineChartSpec, SeriesStyle, StackedBarChart } from './document.js';
import { formatCompact, formatDecimal } from './format.js';
import { normaliseSvg } from './normalise-svg.js';
import { spectrumLabel } from './spectrum.js';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, SVGRenderer]);

/** One colour per bus (or cost component); chosen to stay apart in print and for common colour blindness. */
export const PALETTE = [
  '#0b5cad',
  '#c2410c',
  '#15803d',
  '#7c3aed',
  '#be123c',
  '#0e7490',
  '#a16207',
  '#4b5563',
];

export interface SvgSize {
  widthPx: number;
  heightPx: number;
}

export const DEFAULT_SVG_SIZE: SvgSize = { widthPx: 1100, heightPx: 340 };

const TEXT = {
  color: '#1f2328',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  fontSize: 12,
};
const AXIS_LINE = { lineStyle: { color: '#8c959f' } };
const SPLIT_LINE = { lineStyle: { color: '#e5e8eb' } };

const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;
const lineType = (style: SeriesStyle) => style;

/** Rows the legend needs at this width (a rough estimate: about 7 px per character plus the swatch). */
function legendRows(names: readonly string[], widthPx: number): number {
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const width = name.length * 8 + 60;
    if (used + width > widthPx - 40 && used > 0) {
      rows++;
      used = 0;
    }
    used += width;
  }
  return rows;
}

/**
 * Height of the legend: echarts puts the legend's itemGap between its rows as well as between its items, so
 * each row after the first takes the item height (14 px) plus the gap.
 */
function legendHeightPx(names: readonly string[], widthPx: number, itemGapPx: number): number {
  const rows = legendRows(names, widthPx);
  return rows * 14 + (rows - 1) * itemGapPx + 8;
}

function lineOption(spec: LineChartSpec, size: SvgSize): Record<string, unknown> {
  const names = spec.series.map((series) => series.name);
  const legendHeight = legendHeightPx(names, size.widthPx, 28);
  const spectrum = spec.kind === 'spectrum';
  // A loop, not Math.max(...points): a huge series would overflow the call stack.
  let maxX = 1;
  for (const series of spec.series) for (const [x] of series.points) if (x > maxX) maxX = x;
  return {
    animation: false,
    textStyle: TEXT,
    legend: {
      type: 'plain',
      top: 4,
      left: 'center',
      itemWidth: 30,
      itemGap: 28,
      data: names,
      textStyle: TEXT,
    },
    grid: { left: 64, right: 32, top: legendHeight + 24, bottom: 48 },
    xAxis: spectrum
      ? {
          type: 'log',
          logBase: 10,
          min: 1,
          max: 10 ** Math.ceil(Math.log10(maxX) - 1e-9) || 10,
          name: 'percentile (x = 1/(1 - p), log scale)',
          nameLocation: 'middle',
          nameGap: 28,
          axisLabel: { formatter: (value: number) => spectrumLabel(value) },
          axisLine: AXIS_LINE,
          splitLine: { show: true, ...SPLIT_LINE },
        }
      : {
          type: 'value',
          min: 0,
          name: 'seconds since the start of the schedule',
          nameLocation: 'middle',
          nameGap: 28,
          axisLine: AXIS_LINE,
          splitLine: { show: false },
        },
    yAxis: {
      type: spectrum || spec.id === 'latency-over-time' ? 'log' : 'value',
      name: spec.yLabel,
      nameLocation: 'end',
      min: spectrum || spec.id === 'latency-over-time' ? undefined : 0,
      axisLine: { show: true, ...AXIS_LINE },
      splitLine: SPLIT_LINE,
    },
    series: spec.series.map((series) => ({
      type: 'line',
      name: series.name,
      data: series.points,
      symbol: series.points.length === 1 ? 'circle' : 'none',
      symbolSize: 5,
      color: colorOf(series.colorIndex),
      lineStyle: { type: lineType(series.style), width: series.style === 'solid' ? 2 : 1.6 },
      emphasis: { disabled: true },
    })),
  };
}

/**
 * A number in short form for a bar's label or an axis tick: 2.49 / 602 / 1.2K / 52.7M (busload's own
 * formatting, not Intl's compact notation, whose output may change with Node's ICU version).
 */
const shortNumber = (value: number) =>
  Math.abs(value) < 1000 ? formatDecimal(value, 2) : formatCompact(value);
/** Opacity of a faded series (the "before" side of a comparison). */
const FADED_OPACITY = 0.45;

function barOption(spec: StackedBarChart, size: SvgSize): Record<string, unknown> {
  const names = spec.series.map((series) => series.name);
  const grouped = spec.layout === 'grouped';
  // A grouped chart's legend (often two rows on a half-width chart) gets a smaller gap.
  const legendGap = grouped ? 20 : 28;
  const legendHeight = legendHeightPx(names, size.widthPx, legendGap);
  const usd = (spec.valueFormat ?? 'usd') === 'usd';
  const format = (value: number) =>
    usd
      ? `$${value.toLocaleString('en-US', { maximumFractionDigits: value >= 1000 ? 0 : 2 })}`
      : shortNumber(value);
  // A grouped bar's label sits on top of it; in a stack only the top segment's label would be readable.
  const labelled = (series: StackedBarChart['series'][number]) => grouped && series.stack === undefined;
  return {
    animation: false,
    textStyle: TEXT,
    legend: { type: 'plain', top: 4, left: 'center', itemGap: legendGap, data: names, textStyle: TEXT },
    // Grouped bars get room above the plot for the axis name and the labels on the tallest bars.
    grid: { left: 80, right: 32, top: legendHeight + (grouped ? 44 : 24), bottom: 36 },
    xAxis: { type: 'category', data: spec.categories, axisLine: AXIS_LINE },
    yAxis: {
      type: 'value',
      name: spec.yLabel,
      axisLine: { show: true, ...AXIS_LINE },
      splitLine: SPLIT_LINE,
      axisLabel: { formatter: usd ? (value: number) => `$${value.toLocaleString('en-US')}` : format },
    },
    series: spec.series.map((series) => ({
      type: 'bar',
      name: series.name,
      stack: grouped ? series.stack : 'cost',
      data: series.values.map((value) => (value === null ? '-' : value)),
      barMaxWidth: grouped ? 60 : 90,
      color: colorOf(series.colorIndex),
      ...(series.faded ? { itemStyle: { opacity: FADED_OPACITY } } : {}),
      ...(labelled(series)
        ? {
            label: {
              show: true,
              position: 'top',
              color: TEXT.color,
              fontSize: 11,
              formatter: (params: { value: number }) => format(params.value),
            },
          }
        : {}),
      emphasis: { disabled: true },
    })),
  };
}

/**
 * The chart as a static SVG element (no script, no external reference; only in-document `url(#id)` clip
 * paths), or null when the chart has nothing to draw (`spec.emptyReason` says why).
 * @param spec - from buildReportCharts
 * @param idPrefix - unique per page; prefixes the SVG's internal ids
 */
export function renderChartSvg(
  spec: ChartSpec,
  idPrefix: string,
  size: SvgSize = DEFAULT_SVG_SIZE,
): string | null {
  if (spec.emptyReason !== null || spec.series.length === 0) return null;
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.widthPx,
    height: size.heightPx,
  });
  try {
    chart.setOption(spec.kind === 'stacked-bar' ? barOption(spec, size) : lineOption(spec, size));
    return normaliseSvg(chart.renderToSVGString(), idPrefix);
  } finally {
    // Without dispose an SSR instance keeps the process alive.
    chart.dispose();
  }
}
