import { describe, expect, it } from 'vitest';
import { buildCompareCharts } from '../../../src/report/compare/charts.js';
import { compareReports } from '../../../src/report/compare/compare.js';
import { renderComparisonJson, renderComparisonMarkdown } from '../../../src/report/compare/render.js';
import { expectGolden } from '../../helpers/golden.js';
import { loadQuickstartAfterReport, loadQuickstartReport } from '../../helpers/report-fixture.js';

const loadAfter = loadQuickstartAfterReport;

describe('compare output', () => {
  const before = loadQuickstartReport();
  const after = loadAfter();
  const comparison = compareReports(before, after);
  const charts = buildCompareCharts(before, after);

  it("Markdown (golden): tables only, with each bus's latency percentiles before and after", () => {
    const md = renderComparisonMarkdown(comparison, charts);
    expectGolden('compare.md', md);
    expect(md).not.toContain('<svg');
    // The bar charts' data is in the tables already: Markdown leaves them out.
    expect(md).not.toContain('PutEvents calls per bus, before and after');
    expect(md).toContain('**Chart: Latency percentile spectrum of payments, before and after.**');
  });

  it('JSON (golden)', () => {
    expectGolden('compare.json', renderComparisonJson(comparison));
  });
});
