/**
 * The charts of report.html / report.md: data taken from report.json, the text tables of report.md, echarts
 * SVG that is static and deterministic, and charts that say so when a report has no time series.
 */
import { describe, expect, it } from 'vitest';
import { createLatencyHistogram } from '../../../src/metrics/histogram.js';
import { buildReportCharts } from '../../../src/report/run/charts.js';
import { renderHtml } from '../../../src/report/run/render-html.js';
import { renderMarkdown } from '../../../src/report/run/render-markdown.js';
import { spectrumLabel, spectrumPoints } from '../../../src/report/spectrum.js';
import type { RunReport } from '../../../src/report/types.js';
import { scanHtml } from '../../helpers/html-scan.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

function withoutTimeSeries(): RunReport {
  const report = loadQuickstartReport();
  for (const bus of report.buses) delete bus.timeSeries;
  return report;
}

const CHART_IDS = [
  'chart-traffic-orders',
  'chart-traffic-payments',
  'chart-traffic-telemetry',
  'chart-problems',
  'chart-latency-over-time',
  'chart-latency-spectrum',
  'chart-cost-stacked',
];

/** The spectrum's x positions for a histogram of `count` samples (spectrumPositions through spectrumPoints). */
function spectrumXs(count: number): number[] {
  const histogram = createLatencyHistogram();
  histogram.recordValueWithCount(1000, count);
  return spectrumPoints(histogram).map(([x]) => x);
}

describe('the fixture time series', () => {
  it('adds up to every bus total, interval by interval', () => {
    for (const bus of loadQuickstartReport().buses) {
      const points = bus.timeSeries!.points;
      const sum = (select: (point: (typeof points)[number]) => number) =>
        points.reduce((acc, p) => acc + select(p), 0);
      expect(
        sum((p) => p.calls),
        `${bus.name} calls`,
      ).toBe(bus.requests.calls);
      expect(
        sum((p) => p.attempts),
        `${bus.name} attempts`,
      ).toBe(bus.requests.attempts);
      expect(
        sum((p) => p.attemptsThrottled),
        `${bus.name} throttled`,
      ).toBe(bus.requests.throttled);
      expect(
        sum((p) => p.entriesPlanned),
        `${bus.name} planned`,
      ).toBe(bus.entries.planned);
      expect(
        sum((p) => p.entriesFailed),
        `${bus.name} failed`,
      ).toBe(bus.entries.failed);
      expect(
        sum((p) => p.latencyMs.count),
        `${bus.name} latency samples`,
      ).toBe(bus.latencyMs.count);
    }
  });
});

describe('buildReportCharts', () => {
  const charts = buildReportCharts(loadQuickstartReport());

  it('plots entries/s against the plan and calls/s per bus, per second of the schedule', () => {
    const orders = charts.traffic[0]!;
    expect(orders.kind).toBe('time');
    if (orders.kind === 'stacked-bar') throw new Error('unexpected kind');
    expect(orders.series.map((series) => series.name)).toEqual([
      'planned entries/s',
      'entries/s (succeeded)',
      'calls/s',
    ]);
    const planned = orders.series[0]!.points;
    expect(planned).toHaveLength(30);
    expect(
      planned.reduce((sum, [, y]) => sum + y, 0),
      'planned entries over 30 x 1 s',
    ).toBe(1500);
    expect(
      orders.series[2]!.points.reduce((sum, [, y]) => sum + y, 0),
      'calls',
    ).toBe(602);
    // The text table merges the 30 intervals into 10 rows of 3 s.
    expect(orders.table!.rows).toHaveLength(10);
    expect(orders.table!.rows[0]![0]).toBe('0-3 s');
    expect(orders.table!.rows[9]![0]).toBe('27-30 s');
  });

  it('puts the payments throttles and failed entries where they happened', () => {
    const problems = charts.problems;
    if (problems.kind === 'stacked-bar') throw new Error('unexpected kind');
    const throttled = problems.series.find((series) => series.name === 'payments throttled attempts')!;
    expect(throttled.points.filter(([, y]) => y > 0)).toEqual([
      [12, 3],
      [13, 2],
    ]);
    // Bucket 12-15 s of the table holds all 5 throttles and the 10 failed entries.
    const row = problems.table!.rows.find((cells) => cells[0] === '12-15 s')!;
    expect(row.slice(3, 5)).toEqual(['5', '10']);
  });

  it('stacks the monthly cost by component (EventBridge, CloudTrail, S3) per bus', () => {
    const cost = charts.cost;
    if (cost.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(cost.categories).toEqual(['orders', 'payments', 'telemetry']);
    // S3 storage: orders 602 records x 87,600 x 1,900 B / 8.8 / 2^30 x 12 = 127.2486 GB-months x $0.023 = $2.93;
    // payments 304 x 87,600 x 2 copies x 2,040 B / 8.8 / 2^30 x 12 = 137.9865 GB-months = $3.17.
    // S3 PUTs: 12 files an hour x 730 h per trail copy = 8,760 ($0.04) and 17,520 ($0.09).
    expect(cost.series.map((series) => [series.name, series.values])).toEqual([
      ['EventBridge custom events', [131.4, 261.92, 1048.57]],
      ['CloudTrail data events', [52.74, 53.26, 0]],
      ['S3 storage of trail files', [2.93, 3.17, 0]],
      ['S3 PUT requests of trail files', [0.04, 0.09, 0]],
    ]);
    expect(cost.table!.rows[1]).toEqual(['payments', '$261.92', '$53.26', '$3.17', '$0.09', '$318.44']);
  });

  it('draws the spectrum at 1/(1 - p) on a log scale, up to the resolution of the samples', () => {
    expect(spectrumXs(1)).toEqual([1]);
    expect(spectrumXs(10)).toEqual([1, 1.259, 1.585, 1.995, 2.512, 3.162, 3.981, 5.012, 6.31, 7.943, 10]);
    expect(spectrumXs(1e9).at(-1)).toBe(1e5);
    expect([1, 2, 10, 1000, 1e5].map(spectrumLabel)).toEqual(['0%', '50%', '90%', '99.9%', '99.999%']);
    const spectrum = charts.spectrum;
    if (spectrum.kind === 'stacked-bar') throw new Error('unexpected kind');
    const payments = spectrum.series.find((series) => series.name === 'payments')!;
    // 300 samples resolve up to x = 10^2.4 = 251.189; the tail holds the three slow retries.
    expect(payments.points.at(-1)![0]).toBe(251.189);
    expect(spectrum.table!.rows.map((row) => row[0])).toEqual([
      'p50',
      'p90',
      'p99',
      'p99.9',
      'p99.99',
      'max',
    ]);
    // p99.99 needs 10,000 samples: not resolved by any bus here.
    expect(spectrum.table!.rows[4]!.slice(1)).toEqual(['-', '-', '-']);
  });

  it('says why when a report has no time series, and still draws what it can', () => {
    const empty = buildReportCharts(withoutTimeSeries());
    expect(empty.traffic[0]!.emptyReason).toMatch(/no per-interval samples/);
    expect(empty.problems.emptyReason).toMatch(/no per-interval samples/);
    expect(empty.latencyOverTime.emptyReason).toMatch(/no per-interval samples/);
    expect(empty.spectrum.emptyReason).toBeNull();
    expect(empty.cost.emptyReason).toBeNull();
  });
});

describe('report.html carries every chart and table', () => {
  it('has each chart as a figure with an SVG and its data table, and every report table', () => {
    const tags = scanHtml(renderHtml(loadQuickstartReport()));
    const ids = new Set(tags.map((tag) => tag.attributes.get('id')).filter((id) => id !== undefined));
    for (const id of CHART_IDS) {
      expect(ids, id).toContain(id);
      const inside = tags.filter((tag) => tag.path.includes('figure') && tag.name === 'svg');
      expect(inside.length).toBeGreaterThanOrEqual(CHART_IDS.length);
      expect(ids, `${id} table`).toContain(`table-${id}`);
    }
    for (const table of [
      'run-facts',
      'traffic',
      'latency',
      'cost',
      'line-items-orders',
      'line-items-payments',
      'line-items-telemetry',
      'assumptions',
      'errors',
      'reconciliation',
      'generator',
    ]) {
      expect(ids, table).toContain(`table-${table}`);
    }
    const figures = tags.filter((tag) => tag.name === 'figure');
    expect(figures.map((tag) => tag.attributes.get('id'))).toEqual(CHART_IDS);
    // Each figure holds exactly one SVG (drawn at report time, no script anywhere).
    const svgParents = tags.filter((tag) => tag.name === 'svg').map((tag) => tag.path.at(-1));
    expect(svgParents).toEqual(CHART_IDS.map(() => 'figure'));
    expect(tags.some((tag) => tag.name === 'script')).toBe(false);
    // Recommendations with reasons and the design-review sentence.
    expect(tags.filter((tag) => tag.name === 'li' && tag.path.includes('section'))).toHaveLength(3);
    expect(tags.some((tag) => tag.name === 'blockquote' && tag.attributes.get('class') === 'sentence')).toBe(
      true,
    );
  });

  it('replaces the time charts of a report without time series with a sentence, not a broken chart', () => {
    const html = renderHtml(withoutTimeSeries());
    const tags = scanHtml(html);
    const empty = tags.filter(
      (tag) => tag.name === 'figure' && tag.attributes.get('class') === 'chart empty',
    );
    expect(empty.map((tag) => tag.attributes.get('id'))).toEqual(CHART_IDS.slice(0, 5));
    expect(tags.filter((tag) => tag.name === 'svg')).toHaveLength(2);
    expect(html).toContain('<p class="no-data">This report has no per-interval samples (timeSeries)');
  });

  it('report.md shows each chart as a small table, or the reason it has none', () => {
    const md = renderMarkdown(loadQuickstartReport());
    expect(md).toContain('**Chart: Traffic over time: orders.**');
    expect(md).toContain('| 12-15 s |');
    const bare = renderMarkdown(withoutTimeSeries());
    expect(bare.match(/_This report has no per-interval samples/g)).toHaveLength(5);
  });
});
