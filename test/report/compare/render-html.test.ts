import { describe, expect, it } from 'vitest';
import { buildCompareCharts } from '../../../src/report/compare/charts.js';
import { compareReports } from '../../../src/report/compare/compare.js';
import { renderComparisonHtml } from '../../../src/report/compare/render-html.js';
import { escapeHtml } from '../../../src/report/render-html.js';
import { expectGolden } from '../../helpers/golden.js';
import { scanHtml } from '../../helpers/html-scan.js';
import { externalReferences } from '../../helpers/no-network.js';
import { loadQuickstartAfterReport, loadQuickstartReport } from '../../helpers/report-fixture.js';

const loadAfter = loadQuickstartAfterReport;

describe('compare output', () => {
  const before = loadQuickstartReport();
  const after = loadAfter();
  const comparison = compareReports(before, after);
  const charts = buildCompareCharts(before, after);

  it('HTML (golden)', () => {
    expectGolden('compare.html', renderComparisonHtml(comparison, '0.1.0', charts));
  });

  it('HTML: self-contained, one table per bus plus the overview, and the before/after charts', () => {
    const html = renderComparisonHtml(comparison, '0.1.0', charts);
    expect(externalReferences(html)).toEqual([]);
    const tags = scanHtml(html);
    const ids = tags.map((tag) => tag.attributes.get('id'));
    for (const id of [
      'table-compare-overview',
      'table-compare-orders',
      'table-compare-payments',
      'table-compare-telemetry',
      'chart-compare-calls',
      'chart-compare-entries-per-call',
      'chart-compare-data-events',
      'chart-compare-cost',
      'chart-compare-spectrum-orders',
      'chart-compare-spectrum-payments',
      'chart-compare-spectrum-telemetry',
    ]) {
      expect(ids).toContain(id);
    }
    // 4 bar charts and 3 spectra, each an SVG with drawn paths.
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(7);
    for (const svg of svgs) expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(5);
    expect(html).toContain(`<blockquote class="sentence">${escapeHtml(comparison.sentence)}</blockquote>`);
  });
});
