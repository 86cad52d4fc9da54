import { describe, expect, it } from 'vitest';
import { buildCompareCharts } from '../../../src/report/compare/charts.js';
import { compareReports } from '../../../src/report/compare/compare.js';
import { renderComparisonHtml } from '../../../src/report/compare/render-html.js';
import { loadQuickstartAfterReport, loadQuickstartReport } from '../../helpers/report-fixture.js';

const loadAfter = loadQuickstartAfterReport;

describe('compare output', () => {
  const before = loadQuickstartReport();
  const after = loadAfter();
  const charts = buildCompareCharts(before, after);

  it("charts carry the reports' numbers: bars per bus and side, spectra before (dashed) and after (solid)", () => {
    const calls = charts.bars[0]!;
    if (calls.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(calls.categories).toEqual(['orders', 'payments', 'telemetry']);
    expect(calls.series.map((series) => [series.name, series.values, series.faded === true])).toEqual([
      ['before', [602, 300, 1197], true],
      ['after', [150, 300, 1197], false],
    ]);
    const cost = charts.bars[3]!;
    if (cost.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(cost.series.map((series) => [series.name, series.stack, series.values])).toEqual([
      ['before: EventBridge', 'before', [131.4, 261.92, 1048.57]],
      ['before: CloudTrail logging', 'before', [55.71, 56.52, 0]],
      ['after: EventBridge', 'after', [131.4, 262.8, 1048.57]],
      ['after: CloudTrail logging', 'after', [13.91, 55.57, 0]],
    ]);
    const payments = charts.spectra.get('payments')!;
    if (payments.kind === 'stacked-bar') throw new Error('unexpected kind');
    expect(payments.series.map((series) => [series.name, series.style])).toEqual([
      ['payments before', 'dashed'],
      ['payments after', 'solid'],
    ]);
    // The p99 row of the table is the whole-run p99 of each report.
    const p99 = payments.table!.rows.find((row) => row[0] === 'p99')!;
    expect(p99).toEqual(['p99', '92.5', '34.7', '-57.9 ms']);
  });

  it('a bus on one side only gets its one spectrum and "-" bars on the other side', () => {
    const trimmed = loadAfter();
    trimmed.buses = trimmed.buses.filter((bus) => bus.name !== 'telemetry');
    trimmed.cost.buses = trimmed.cost.buses.filter((bus) => bus.name !== 'telemetry');
    const result = buildCompareCharts(loadQuickstartReport(), trimmed);
    const calls = result.bars[0]!;
    if (calls.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(calls.series[1]!.values).toEqual([150, 300, null]);
    expect(calls.table!.rows[2]).toEqual(['telemetry', '1,197', '-']);
    const telemetry = result.spectra.get('telemetry')!;
    if (telemetry.kind === 'stacked-bar') throw new Error('unexpected kind');
    expect(telemetry.series.map((series) => series.name)).toEqual(['telemetry before']);
    const html = renderComparisonHtml(compareReports(loadQuickstartReport(), trimmed), '0.1.0', result);
    expect(html.match(/<svg/g)).toHaveLength(7);
  });
});
