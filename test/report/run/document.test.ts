import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/run/render-html.js';
import { renderMarkdown } from '../../../src/report/run/render-markdown.js';
import { renderSummary } from '../../../src/report/run/summary.js';
import { withoutDrops } from '../../helpers/report-builder.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('the rate scale in report.md, report.html and the summary', () => {
  /** The cells of the Markdown table row whose first cell is `label`, or undefined. */
  const markdownRow = (md: string, label: string): string[] | undefined =>
    md
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .find((cells) => cells[1] === label)
      ?.slice(1, -1);

  it('shows a rate scale other than 1 next to the run parameters', () => {
    const report = withoutDrops(loadQuickstartReport());
    report.run.rateScale = 2;
    const md = renderMarkdown(report);
    expect(markdownRow(md, 'Rate scale')).toEqual([
      'Rate scale',
      "2 (--rate-scale: every producer's rate x 2)",
    ]);
    // Right after the time scale, in the Run table.
    const lines = md.split('\n');
    const timeScale = lines.findIndex((line) => line.startsWith('| Time scale '));
    expect(lines[timeScale + 1]!.startsWith('| Rate scale ')).toBe(true);
    expect(renderHtml(report)).toContain(
      '<tr><td>Rate scale</td><td>2 (--rate-scale: every producer&#39;s rate x 2)</td></tr>',
    );
    expect(renderSummary(report, { color: false }).split('\n')[0]).toBe(
      'quickstart · completed · 30.5 s on local (us-east-1, sdk, 2 workers, rate scale 2)',
    );
    report.run.rateScale = 0.25;
    expect(markdownRow(renderMarkdown(report), 'Rate scale')).toEqual([
      'Rate scale',
      "0.25 (--rate-scale: every producer's rate x 0.25)",
    ]);
  });

  it("says nothing of the rate scale at 1 (the scenario's own rates)", () => {
    const report = loadQuickstartReport();
    expect(report.run.rateScale).toBe(1);
    expect(markdownRow(renderMarkdown(report), 'Rate scale')).toBeUndefined();
    expect(renderHtml(report)).not.toContain('Rate scale');
    expect(renderSummary(report, { color: false })).not.toContain('rate scale');
  });
});
