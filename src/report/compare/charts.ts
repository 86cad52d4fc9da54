/**
 * The charts of `busload compare --format html`, as data taken from the two report.json objects: per-bus
 * before/after bars of calls, entries per call, data events per month and $/month (EventBridge and logging
 * stacked), and per bus the latency percentile spectra of both runs overlaid. Each chart carries its data as
 * a small table (the Markdown comparison shows the spectrum tables as text). Pure: no I/O, no clock.
 */
import { Decimal } from 'decimal.js';
import { decodeHistogram } from '../../metrics/histogram.js';
import type { BusCostEstimate } from '../../model/types.js';
import type { BarSeries, ChartSeries, ChartSpec, DocTable } from '../document.js';
import { formatDecimal, formatFixedDecimals, formatMs, formatQuantity, formatUsd } from '../format.js';
import { resolvedPercentileMs, SPECTRUM_TABLE_PERCENTILES, spectrumPoints } from '../spectrum.js';
import type { BusResult, RunReport } from '../types.js';

/** The comparison's charts: the bar charts of the overview, and one spectrum chart per bus (by name). */
export interface CompareCharts {
  bars: ChartSpec[];
  spectra: Map<string, ChartSpec>;
}

/** Palette index of a bar chart's single metric (both sides, "before" faded) and of the logging component. */
const BAR_COLOR = 0;
const LOGGING_COLOR = 1;

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });

interface Side {
  bus: BusResult | undefined;
  cost: BusCostEstimate | undefined;
}

interface BusPair {
  name: string;
  /** Palette index of the bus (its position among the union of both reports' buses). */
  colorIndex: number;
  before: Side;
  after: Side;
}

function pairs(before: RunReport, after: RunReport): BusPair[] {
  const names = [...new Set([...before.buses, ...after.buses].map((bus) => bus.name))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const side = (report: RunReport, name: string): Side => ({
    bus: report.buses.find((bus) => bus.name === name),
    cost: report.cost.buses.find((bus) => bus.name === name),
  });
  return names.map((name, colorIndex) => ({
    name,
    colorIndex,
    before: side(before, name),
    after: side(after, name),
  }));
}

interface BarMetric {
  id: string;
  title: string;
  caption: string;
  yLabel: string;
  select: (side: Side) => number | null;
  cell: (value: number) => string;
}

const BAR_METRICS: BarMetric[] = [
  {
    id: 'calls',
    title: 'PutEvents calls per bus, before and after',
    caption:
      'send() calls of each run (resends included): batching more entries per call means fewer calls, and fewer CloudTrail data events.',
    yLabel: 'calls in the run',
    select: (side) => side.bus?.requests.calls ?? null,
    cell: (value) => formatQuantity(value),
  },
  {
    id: 'entries-per-call',
    title: 'Entries per call per bus, before and after',
    caption: 'Average entries in one PutEvents call (at most 10): the batching factor.',
    yLabel: 'entries per call',
    select: (side) => side.bus?.entriesPerCall ?? null,
    cell: (value) => formatFixedDecimals(value, 2),
  },
  {
    id: 'data-events',
    title: 'CloudTrail data events per month per bus, before and after',
    caption:
      'Data events a month of this traffic would log (one per PutEvents call and trail copy; 0 where logging is off).',
    yLabel: 'data events/month',
    select: (side) => (side.cost ? Number(side.cost.monthly.dataEvents) : null),
    cell: (value) => formatQuantity(value),
  },
];

function barTable(id: string, metric: string, rows: BusPair[], cells: (pair: BusPair) => string[]): DocTable {
  return {
    kind: 'table',
    id: `chart-compare-${id}`,
    columns: [left('bus'), right(`before ${metric}`), right(`after ${metric}`)],
    rows: rows.map((pair) => [pair.name, ...cells(pair)]),
  };
}

function barChart(metric: BarMetric, buses: BusPair[]): ChartSpec {
  const before = buses.map((pair) => metric.select(pair.before));
  const after = buses.map((pair) => metric.select(pair.after));
  const series: BarSeries[] = [
    { name: 'before', values: before, colorIndex: BAR_COLOR, faded: true },
    { name: 'after', values: after, colorIndex: BAR_COLOR },
  ];
  const text = (value: number | null) => (value === null ? '-' : metric.cell(value));
  return {
    id: `compare-${metric.id}`,
    title: metric.title,
    caption: `${metric.caption} Light bars: before; dark bars: after.`,
    kind: 'stacked-bar',
    layout: 'grouped',
    valueFormat: 'number',
    categories: buses.map((pair) => pair.name),
    yLabel: metric.yLabel,
    series,
    emptyReason: null,
    table: barTable(metric.id, metric.yLabel, buses, (pair) => [
      text(metric.select(pair.before)),
      text(metric.select(pair.after)),
    ]),
  };
}

/** $/month per bus: EventBridge and CloudTrail logging stacked, the before bar beside the after bar. */
function costChart(buses: BusPair[]): ChartSpec {
  const amount = (side: Side, select: (cost: BusCostEstimate) => string) =>
    side.cost ? Number(select(side.cost)) : null;
  const eventBridge = (cost: BusCostEstimate) => cost.monthly.eventBridgeUsd;
  const logging = (cost: BusCostEstimate) => cost.monthly.loggingUsd;
  const series: BarSeries[] = [
    {
      name: 'before: EventBridge',
      values: buses.map((pair) => amount(pair.before, eventBridge)),
      colorIndex: BAR_COLOR,
      stack: 'before',
      faded: true,
    },
    {
      name: 'before: CloudTrail logging',
      values: buses.map((pair) => amount(pair.before, logging)),
      colorIndex: LOGGING_COLOR,
      stack: 'before',
      faded: true,
    },
    {
      name: 'after: EventBridge',
      values: buses.map((pair) => amount(pair.after, eventBridge)),
      colorIndex: BAR_COLOR,
      stack: 'after',
    },
    {
      name: 'after: CloudTrail logging',
      values: buses.map((pair) => amount(pair.after, logging)),
      colorIndex: LOGGING_COLOR,
      stack: 'after',
    },
  ];
  const usd = (side: Side, select: (cost: BusCostEstimate) => string) =>
    side.cost ? formatUsd(select(side.cost)) : '-';
  const total = (cost: BusCostEstimate) => cost.monthly.totalUsd;
  return {
    id: 'compare-cost',
    title: 'Monthly cost per bus, before and after',
    caption:
      'EventBridge and CloudTrail logging $/month of each bus, stacked; the light bar is before, the dark bar after.',
    kind: 'stacked-bar',
    layout: 'grouped',
    valueFormat: 'usd',
    categories: buses.map((pair) => pair.name),
    yLabel: '$/month',
    series,
    emptyReason: null,
    table: {
      kind: 'table',
      id: 'chart-compare-cost',
      columns: [
        left('bus'),
        right('before EventBridge $'),
        right('before logging $'),
        right('before total $'),
        right('after EventBridge $'),
        right('after logging $'),
        right('after total $'),
      ],
      rows: buses.map((pair) => [
        pair.name,
        usd(pair.before, eventBridge),
        usd(pair.before, logging),
        usd(pair.before, total),
        usd(pair.after, eventBridge),
        usd(pair.after, logging),
        usd(pair.after, total),
      ]),
    },
  };
}

type Histogram = ReturnType<typeof decodeHistogram>;

function histogramOf(bus: BusResult | undefined): Histogram | null {
  if (!bus || bus.latencyMs.count === 0 || bus.histograms.latencyMs === '') return null;
  return decodeHistogram(bus.histograms.latencyMs);
}

/** "+12.4 ms" / "-0.94 ms" / "0 ms". */
function msDelta(before: number, after: number): string {
  const delta = new Decimal(after).minus(before).toNumber();
  if (delta === 0) return '0 ms';
  return `${delta > 0 ? '+' : ''}${formatMs(delta)} ms`;
}

/** One bus's latency spectra, before (dashed) and after (solid), in the bus's colour. */
function spectrumChart(pair: BusPair): ChartSpec {
  const base = {
    id: `compare-spectrum-${pair.name}`,
    title: `Latency percentile spectrum of ${pair.name}, before and after`,
    caption:
      'Latency at each percentile of each whole run (x = 1/(1 - percentile), log scale, so the tail gets room): dashed before, solid after. A curve that moved down is faster at that percentile.',
    kind: 'spectrum' as const,
    xLabel: 'percentile',
    yLabel: 'ms',
  };
  const histograms = { before: histogramOf(pair.before.bus), after: histogramOf(pair.after.bus) };
  const sides = (['before', 'after'] as const).filter((side) => histograms[side] !== null);
  if (sides.length === 0) {
    return {
      ...base,
      series: [],
      emptyReason: 'No latency was measured on this bus in either run: no call was answered.',
      table: null,
    };
  }
  const series: ChartSeries[] = sides.map((side) => ({
    name: `${pair.name} ${side}`,
    style: side === 'before' ? 'dashed' : 'solid',
    colorIndex: pair.colorIndex,
    points: spectrumPoints(histograms[side]!),
  }));
  const ms = (value: number | null | undefined) =>
    value === null || value === undefined ? '-' : formatMs(value);
  const row = (label: string, at: (histogram: Histogram) => number | null): string[] => {
    const before = histograms.before ? at(histograms.before) : null;
    const after = histograms.after ? at(histograms.after) : null;
    return [label, ms(before), ms(after), before === null || after === null ? '-' : msDelta(before, after)];
  };
  const rows = SPECTRUM_TABLE_PERCENTILES.map((percentile) =>
    row(`p${formatDecimal(percentile, 2)}`, (histogram) => resolvedPercentileMs(histogram, percentile)),
  );
  rows.push(row('max', (histogram) => histogram.maxValue / 1000));
  return {
    ...base,
    series,
    emptyReason: null,
    table: {
      kind: 'table',
      id: `chart-compare-spectrum-${pair.name}`,
      columns: [left('percentile'), right('before ms'), right('after ms'), right('change')],
      rows,
    },
  };
}

/** Every chart of a comparison, from the two reports alone. */
export function buildCompareCharts(before: RunReport, after: RunReport): CompareCharts {
  const buses = pairs(before, after);
  return {
    bars: [...BAR_METRICS.map((metric) => barChart(metric, buses)), costChart(buses)],
    spectra: new Map(buses.map((pair) => [pair.name, spectrumChart(pair)])),
  };
}
