/**
 * The charts of report.html / report.md: data taken from report.json, the text tables of report.md, echarts
 * SVG that is static and deterministic, and charts that say so when a report has no time series.
 */
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/report/render-chart-svg.js';
import { buildReportCharts } from '../../src/report/run/charts.js';
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

function withoutTimeSeries(): RunReport {
  const report = loadQuickstartReport();
  for (const bus of report.buses) delete bus.timeSeries;
  return report;
}

describe('renderChartSvg (echarts, server-side SVG)', () => {
  const charts = buildReportCharts(loadQuickstartReport());

  it('is deterministic: the same bytes on every call, whatever the echarts instance counter', () => {
    const first = renderChartSvg(charts.spectrum, 'x');
    const second = renderChartSvg(charts.spectrum, 'x');
    expect(first).not.toBeNull();
    expect(second).toBe(first);
    expect(first).toMatch(/^<svg /);
    expect(first).not.toMatch(/zr\d+-/);
    expect(first).not.toMatch(/<style|class="|ecmeta_/);
  });

  it('returns null for a chart without data', () => {
    expect(renderChartSvg(buildReportCharts(withoutTimeSeries()).problems, 'x')).toBeNull();
  });
});
