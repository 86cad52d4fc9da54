/**
 * The run report's charts as data, taken from report.json alone: traffic per bus, problems, latency over
 * time, the latency spectrum and the cost (see ../document.ts for the shapes). Pure: no I/O, no clock.
 * Charts that lack data (a report without time series, a bus without samples) carry the reason instead.
 */
import { decodeHistogram } from '../../metrics/histogram.js';
import type { ChartSeries, ChartSpec, SeriesStyle } from '../document.js';
import { formatDecimal, formatMs } from '../format.js';
import { resolvedPercentileMs, SPECTRUM_TABLE_PERCENTILES, spectrumPoints } from '../spectrum.js';
import type { BusResult, RunReport, TimeSeries, TimeSeriesPoint } from '../types.js';
import { costChart } from './cost-chart.js';

/** The report's charts, in reading order: traffic (one per bus), problems, latency over time, spectrum, cost. */
export interface ReportCharts {
  traffic: ChartSpec[];
  problems: ChartSpec;
  latencyOverTime: ChartSpec;
  spectrum: ChartSpec;
  cost: ChartSpec;
}

/** Text tables never get longer than this many time rows (intervals are merged into buckets). */
const MAX_TABLE_ROWS = 10;

const NO_TIME_SERIES =
  'This report has no per-interval samples (timeSeries): it was written before busload recorded them, so there is nothing to draw over time.';

const right = (label: string) => ({ label, align: 'right' as const });
const left = (label: string) => ({ label, align: 'left' as const });

/** Buses that have a non-empty time series, with their palette index (their position among all buses). */
function busesWithSeries(
  report: RunReport,
): Array<{ bus: BusResult; series: TimeSeries; colorIndex: number }> {
  return report.buses.flatMap((bus, colorIndex) =>
    bus.timeSeries && bus.timeSeries.points.length > 0 ? [{ bus, series: bus.timeSeries, colorIndex }] : [],
  );
}

/** Seconds (interval start) with up to 3 decimals. */
const seconds = (startMs: number) => Math.round(startMs) / 1000;
/** A rate rounded to 3 decimals, so the charts' numbers do not depend on float noise. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** A time chart of a report that has no per-interval samples: it says so instead of drawing. */
function noTimeSeriesChart(base: { id: string; title: string; caption: string }, yLabel: string): ChartSpec {
  return { ...base, kind: 'time', xLabel: 's', yLabel, series: [], emptyReason: NO_TIME_SERIES, table: null };
}

/** One line's points: (interval start in s, the selected value) for every interval. */
function timePoints(
  points: readonly TimeSeriesPoint[],
  select: (point: TimeSeriesPoint) => number,
): Array<[number, number]> {
  return points.map((point): [number, number] => [seconds(point.startMs), select(point)]);
}

/** Consecutive intervals merged into at most MAX_TABLE_ROWS buckets: [first index, last index] pairs. */
function buckets(count: number): Array<[number, number]> {
  const size = Math.max(1, Math.ceil(count / MAX_TABLE_ROWS));
  const result: Array<[number, number]> = [];
  for (let start = 0; start < count; start += size) result.push([start, Math.min(count, start + size) - 1]);
  return result;
}

function bucketLabel(
  points: readonly TimeSeriesPoint[],
  intervalMs: number,
  [first, last]: [number, number],
): string {
  const from = points[first]?.startMs ?? 0;
  const to = (points[last]?.startMs ?? 0) + intervalMs;
  return `${formatDecimal(from / 1000, 1)}-${formatDecimal(to / 1000, 1)} s`;
}

/** Sum of `select` over a bucket of points, per second of the bucket. */
function ratePerSec(
  points: readonly TimeSeriesPoint[],
  intervalMs: number,
  [first, last]: [number, number],
  select: (point: TimeSeriesPoint) => number,
): number {
  let sum = 0;
  for (let i = first; i <= last; i++) sum += select(points[i]!);
  return sum / (((last - first + 1) * intervalMs) / 1000);
}

/** Percentile (ms) of a bucket's merged per-interval histograms; null when the bucket has no samples. */
function bucketPercentileMs(
  points: readonly TimeSeriesPoint[],
  [first, last]: [number, number],
  percentile: number,
): number | null {
  let merged: ReturnType<typeof decodeHistogram> | null = null;
  for (let i = first; i <= last; i++) {
    const point = points[i]!;
    if (point.latencyMs.count === 0) continue;
    const histogram = decodeHistogram(point.latencyHistogram);
    if (merged === null) merged = histogram;
    else merged.add(histogram);
  }
  if (merged === null || merged.totalCount === 0) return null;
  return merged.getValueAtPercentile(percentile) / 1000;
}

const rateCell = (value: number) => formatDecimal(value, 1);
const msCell = (value: number | null) => (value === null ? '-' : formatMs(value));

function trafficChart(bus: BusResult, colorIndex: number): ChartSpec {
  const base = {
    id: `traffic-${bus.name}`,
    title: `Traffic over time: ${bus.name}`,
    caption: `Entries per second against the plan, and PutEvents calls per second, for ${bus.name}. A gap between the planned and the sent line is entries the generator or the bus did not deliver.`,
  };
  const series = bus.timeSeries;
  if (!series || series.points.length === 0) {
    return noTimeSeriesChart(base, 'per second');
  }
  const { points, intervalMs } = series;
  const perSec = (value: number) => round3(value / (intervalMs / 1000));
  const line = (
    name: string,
    style: SeriesStyle,
    select: (point: TimeSeriesPoint) => number,
  ): ChartSeries => ({
    name,
    style,
    colorIndex,
    points: timePoints(points, (point) => perSec(select(point))),
  });
  const rows = buckets(points.length).map((bucket) => [
    bucketLabel(points, intervalMs, bucket),
    rateCell(ratePerSec(points, intervalMs, bucket, (point) => point.entriesPlanned)),
    rateCell(ratePerSec(points, intervalMs, bucket, (point) => point.entriesSucceeded)),
    rateCell(ratePerSec(points, intervalMs, bucket, (point) => point.calls)),
  ]);
  return {
    ...base,
    kind: 'time',
    xLabel: 's',
    yLabel: 'per second',
    series: [
      line('planned entries/s', 'dashed', (point) => point.entriesPlanned),
      line('entries/s (succeeded)', 'solid', (point) => point.entriesSucceeded),
      line('calls/s', 'dotted', (point) => point.calls),
    ],
    emptyReason: null,
    table: {
      kind: 'table',
      id: `chart-traffic-${bus.name}`,
      columns: [left('time'), right('planned entries/s'), right('entries/s'), right('calls/s')],
      rows,
    },
  };
}

function problemsChart(report: RunReport): ChartSpec {
  const base = {
    id: 'problems',
    title: 'Throttles and failed entries over time',
    caption:
      'Throttled PutEvents attempts and failed entries per interval, per bus: when they happen tells a burst from a steady overload.',
  };
  const withSeries = busesWithSeries(report);
  if (withSeries.length === 0) {
    return noTimeSeriesChart(base, 'per interval');
  }
  const series: ChartSeries[] = withSeries.flatMap(({ bus, series: ts, colorIndex }) => [
    {
      name: `${bus.name} throttled attempts`,
      style: 'solid' as const,
      colorIndex,
      points: timePoints(ts.points, (point) => point.attemptsThrottled),
    },
    {
      name: `${bus.name} failed entries`,
      style: 'dashed' as const,
      colorIndex,
      points: timePoints(ts.points, (point) => point.entriesFailed),
    },
  ]);
  const reference = withSeries[0]!.series;
  const rows = buckets(reference.points.length).map((bucket) => [
    bucketLabel(reference.points, reference.intervalMs, bucket),
    ...withSeries.flatMap(({ series: ts }) => {
      let throttled = 0;
      let failed = 0;
      for (let i = bucket[0]; i <= bucket[1]; i++) {
        throttled += ts.points[i]?.attemptsThrottled ?? 0;
        failed += ts.points[i]?.entriesFailed ?? 0;
      }
      return [String(throttled), String(failed)];
    }),
  ]);
  const quiet = series.every((line) => line.points.every(([, y]) => y === 0));
  return {
    ...base,
    caption: quiet
      ? `${base.caption} No attempt was throttled and no entry failed in this run.`
      : base.caption,
    kind: 'time',
    xLabel: 's',
    yLabel: 'per interval',
    series,
    emptyReason: null,
    table: {
      kind: 'table',
      id: 'chart-problems',
      columns: [
        left('time'),
        ...withSeries.flatMap(({ bus }) => [
          right(`${bus.name} throttled`),
          right(`${bus.name} failed entries`),
        ]),
      ],
      rows,
    },
  };
}

function latencyOverTimeChart(report: RunReport): ChartSpec {
  const base = {
    id: 'latency-over-time',
    title: 'Latency percentiles over time',
    caption:
      'p99 and p50 latency of the calls answered in each interval, from the intended send time to the response (ms, log scale).',
  };
  const withSeries = busesWithSeries(report);
  if (withSeries.length === 0) {
    return noTimeSeriesChart(base, 'ms');
  }
  const answered = (points: readonly TimeSeriesPoint[]) =>
    points.filter((point) => point.latencyMs.count > 0);
  const series: ChartSeries[] = withSeries.flatMap(({ bus, series: ts, colorIndex }) => [
    {
      name: `${bus.name} p99`,
      style: 'solid' as const,
      colorIndex,
      points: timePoints(answered(ts.points), (point) => point.latencyMs.p99),
    },
    {
      name: `${bus.name} p50`,
      style: 'dashed' as const,
      colorIndex,
      points: timePoints(answered(ts.points), (point) => point.latencyMs.p50),
    },
  ]);
  const reference = withSeries[0]!.series;
  const rows = buckets(reference.points.length).map((bucket) => [
    bucketLabel(reference.points, reference.intervalMs, bucket),
    ...withSeries.flatMap(({ series: ts }) => [
      msCell(bucketPercentileMs(ts.points, bucket, 50)),
      msCell(bucketPercentileMs(ts.points, bucket, 99)),
    ]),
  ]);
  return {
    ...base,
    kind: 'time',
    xLabel: 's',
    yLabel: 'ms',
    series,
    emptyReason: null,
    table: {
      kind: 'table',
      id: 'chart-latency-over-time',
      columns: [
        left('time'),
        ...withSeries.flatMap(({ bus }) => [right(`${bus.name} p50 ms`), right(`${bus.name} p99 ms`)]),
      ],
      rows,
    },
  };
}

function spectrumChart(report: RunReport): ChartSpec {
  const base = {
    id: 'latency-spectrum',
    title: 'Latency percentile spectrum',
    caption:
      'Latency at each percentile of the whole run (HdrHistogram style): the x axis is 1/(1 - percentile) on a log scale, so the tail gets the room it deserves.',
  };
  const measured = report.buses
    .map((bus, colorIndex) => ({ bus, colorIndex }))
    .filter(({ bus }) => bus.latencyMs.count > 0 && bus.histograms.latencyMs !== '');
  if (measured.length === 0) {
    return {
      ...base,
      kind: 'spectrum',
      xLabel: 'percentile',
      yLabel: 'ms',
      series: [],
      emptyReason: 'No latency was measured: no call was answered.',
      table: null,
    };
  }
  const decoded = measured.map(({ bus, colorIndex }) => ({
    bus,
    colorIndex,
    histogram: decodeHistogram(bus.histograms.latencyMs),
  }));
  const series: ChartSeries[] = decoded.map(({ bus, colorIndex, histogram }) => ({
    name: bus.name,
    style: 'solid',
    colorIndex,
    points: spectrumPoints(histogram),
  }));
  const rows = SPECTRUM_TABLE_PERCENTILES.map((percentile) => [
    `p${formatDecimal(percentile, 2)}`,
    ...decoded.map(({ histogram }) => msCell(resolvedPercentileMs(histogram, percentile))),
  ]);
  rows.push(['max', ...decoded.map(({ histogram }) => formatMs(histogram.maxValue / 1000))]);
  return {
    ...base,
    kind: 'spectrum',
    xLabel: 'percentile',
    yLabel: 'ms',
    series,
    emptyReason: null,
    table: {
      kind: 'table',
      id: 'chart-latency-spectrum',
      columns: [left('percentile'), ...decoded.map(({ bus }) => right(`${bus.name} ms`))],
      rows,
    },
  };
}

/** Every chart of a run report, from report.json alone. */
export function buildReportCharts(report: RunReport): ReportCharts {
  return {
    traffic: report.buses.map((bus, colorIndex) => trafficChart(bus, colorIndex)),
    problems: problemsChart(report),
    latencyOverTime: latencyOverTimeChart(report),
    spectrum: spectrumChart(report),
    cost: costChart(report.cost),
  };
}
