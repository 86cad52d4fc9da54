import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../src/report/render-markdown.js';
import { renderMarkdown } from '../../../src/report/run/render-markdown.js';
import { renderSummary } from '../../../src/report/run/summary.js';
import { hostileReport, withoutDrops } from '../../helpers/report-builder.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('renderMarkdown', () => {
  it('escapes markup and table pipes in names and reasons', () => {
    const md = renderMarkdown(hostileReport());
    // No unescaped "<" that could open an HTML tag (autolinks of source URLs aside).
    const withoutAutolinks = md.replace(/<https?:\/\/[^\s<>]+>/g, '');
    expect(withoutAutolinks).not.toMatch(/(?<!\\)<[a-z/!?]/i);
    expect(md).toContain('\\<script>alert("x")\\</script>');
    expect(md).toContain('reason with \\<b>tags\\</b> \\& "quotes" \\| pipes');
  });

  it('turns URLs into autolinks and keeps sentence punctuation outside them', () => {
    expect(escapeMarkdown('see https://aws.amazon.com/cloudtrail/pricing/. Then a_b | c')).toBe(
      'see <https://aws.amazon.com/cloudtrail/pricing/>. Then a\\_b \\| c',
    );
    expect(escapeMarkdown('line one\n  line two')).toBe('line one line two');
  });

  it('shows a warning banner for a failed run and none for a completed one', () => {
    const report = loadQuickstartReport();
    report.status = 'failed';
    report.statusReason = 'worker 1 crashed';
    expect(renderMarkdown(report)).toContain(
      '# busload report: quickstart (failed)\n\n> **Warning:** Run failed: worker 1 crashed. The counts below are partial',
    );
    expect(renderMarkdown(withoutDrops(loadQuickstartReport()))).not.toContain('Warning');
    expect(renderMarkdown(withoutDrops(loadQuickstartReport()))).toContain(
      '- **Harness**: kept up (not saturated); 0 of 16,470 planned entries dropped',
    );
  });

  it('puts the partial banner right under the title of report.md and first in the terminal', () => {
    const md = renderMarkdown(loadQuickstartReport());
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# busload report: quickstart (partial)',
      '',
      '> **Warning:** Run partial: 30 of 16,500 planned entries (0.2%) were dropped because the generator fell behind its schedule. The counts and costs cover only what was sent; rerun with a lower --rate-scale or on a quieter machine before using them as evidence.',
    ]);
    const summary = renderSummary(loadQuickstartReport(), { color: false, details: ['! detail line'] });
    expect(summary.split('\n').slice(0, 3)).toEqual([
      'RUN PARTIAL: 30 of 16,500 planned entries were dropped: the generator fell behind its schedule, so the figures cover only what was sent',
      '! detail line',
      'quickstart · partial · 30.5 s on local (us-east-1, sdk, 2 workers)',
    ]);
  });

  it('says when there is no reconciliation and no error', () => {
    const report = loadQuickstartReport();
    report.reconciliation = null;
    for (const bus of [...report.buses, report.totals]) bus.errors = {};
    const md = renderMarkdown(report);
    expect(md).toContain('Not available: only runs against the embedded endpoint');
    expect(md).toContain('No errors: every request and entry succeeded.');
  });
});
