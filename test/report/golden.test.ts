import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/run/render-html.js';
import { renderCostMarkdown, renderMarkdown } from '../../src/report/run/render-markdown.js';
import { renderCostTable, renderSummary } from '../../src/report/run/summary.js';
import { expectGolden } from '../helpers/golden.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

describe('golden renderings of the quickstart report', () => {
  const report = loadQuickstartReport();

  it('report.md', () => {
    expectGolden('report.md', renderMarkdown(report));
  });

  it('report.html', () => {
    expectGolden('report.html', renderHtml(report));
  });

  it('terminal summary (no colour)', () => {
    expectGolden('summary.txt', renderSummary(report, { color: false }));
  });

  it('cost table of `busload cost` (no colour)', () => {
    expectGolden('cost-table.txt', renderCostTable(report.cost, { color: false }));
  });

  it('Markdown of `busload cost --format md`, with an approximation note', () => {
    const note = 'orders: linger batching, expected batch size approximated (a run measures the real ratio)';
    expectGolden('cost.md', renderCostMarkdown(report.cost, [note]));
  });

  it('renders the same string twice (pure, no clock)', () => {
    expect(renderMarkdown(report)).toBe(renderMarkdown(loadQuickstartReport()));
    expect(renderHtml(report)).toBe(renderHtml(loadQuickstartReport()));
  });
});
