/**
 * Golden files: the renderers' output for test/fixtures/reports/quickstart-report.json, compared byte for byte.
 *
 * After an intended change of output, regenerate them and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/run/render-html.js';
import { renderCostMarkdown, renderMarkdown } from '../../src/report/run/render-markdown.js';
import { renderCostTable, renderSummary } from '../../src/report/run/summary.js';
import { loadQuickstartReport } from './fixture.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function goldenPath(name: string): string {
  return fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
}

/** Compares `actual` with the golden file, or rewrites the file when UPDATE_GOLDEN=1. */
function expectGolden(name: string, actual: string): void {
  const path = goldenPath(name);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual, 'utf8');
    return;
  }
  if (!existsSync(path)) {
    throw new Error(
      `golden file ${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`,
    );
  }
  // Plain string equality: a byte-level difference (even whitespace) fails, with vitest's line diff.
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

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
