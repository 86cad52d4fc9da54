import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReportInvariants } from '../../src/report/invariants.js';
import { escapeHtml } from '../../src/report/render-html.js';
import { escapeMarkdown } from '../../src/report/render-markdown.js';
import { renderHtml } from '../../src/report/run/render-html.js';
import { renderMarkdown } from '../../src/report/run/render-markdown.js';
import { renderCostTable, renderSummary } from '../../src/report/run/summary.js';
import type { RunReport } from '../../src/report/types.js';
import { writeRunReports } from '../../src/report/write.js';
import { loadQuickstartReport } from './fixture.js';
import { externalReferences } from './no-network.js';

/** The quickstart fixture as if the generator had kept up: its 30 dropped entries were never planned. */
function withoutDrops(report: RunReport): RunReport {
  for (const bus of [...report.buses, report.totals]) {
    bus.entries.planned -= bus.entries.dropped;
    bus.entries.dropped = 0;
  }
  return report;
}

const HOSTILE = '<script>alert("x")</script>';

/** The fixture with the orders bus renamed everywhere to a hostile name. */
function hostileReport(): RunReport {
  const report = loadQuickstartReport();
  report.buses[0]!.name = HOSTILE;
  report.cost.buses[0]!.name = HOSTILE;
  report.cost.buses[0]!.recommendation.reason = 'reason with <b>tags</b> & "quotes" | pipes';
  report.reconciliation![0]!.bus = HOSTILE;
  report.scenario.buses![0]!.name = HOSTILE;
  report.buses[0]!.errors = { [HOSTILE]: 2 };
  report.totals.errors = { [HOSTILE]: 2, ThrottlingException: 5 };
  return report;
}

function interruptedReport(): RunReport {
  const report = loadQuickstartReport();
  report.status = 'interrupted';
  report.statusReason = 'SIGINT after 12.0 s';
  return report;
}

const ANSI = /\u001b\[/;

describe('renderHtml', () => {
  const html = renderHtml(loadQuickstartReport());

  it('loads nothing from elsewhere: only namespace URIs, in-page references and no active content', () => {
    expect(externalReferences(html)).toEqual([]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // The charts' SVG declares its namespaces: URIs that name, not fetch; the check tells them apart.
    expect(html).toContain('xmlns="http://www.w3.org/2000/svg"');
    // Source URLs are shown as text for the reader, not fetched.
    expect(html).toContain('<td>https://aws.amazon.com/eventbridge/pricing/ (64 KB chunks: official)</td>');
  });

  it('the no-network check catches every way a page could fetch something', () => {
    const page = (body: string) => `<html><body>${body}</body></html>`;
    expect(externalReferences(page('<img src="https://cdn.example/x.png">'))).toHaveLength(2);
    expect(externalReferences(page('<svg><image href="//cdn.example/x.png"></image></svg>'))).toHaveLength(2);
    expect(externalReferences(page('<p style="background:url(https://x.example/a.png)">a</p>'))).toHaveLength(
      1,
    );
    expect(externalReferences(page('<svg xmlns="https://evil.example/ns"></svg>'))).toHaveLength(1);
    expect(externalReferences(page('<a href="http://example.com">x</a>'))).toHaveLength(1);
    expect(externalReferences(page('<svg><g clip-path="url(#c0)"></g></svg>'))).toEqual([]);
    expect(externalReferences('<style>@import "x.css";</style>')).toHaveLength(1);
  });

  it('carries every section, the sentence and the total in the header card', () => {
    for (const id of [
      'run',
      'traffic',
      'latency',
      'cost',
      'line-items',
      'recommendations',
      'assumptions',
      'errors',
      'reconciliation',
      'generator',
    ]) {
      expect(html).toContain(`<section id="${id}">`);
    }
    expect(html).toContain(
      '<blockquote class="sentence">Enabling PutEvents data events on orders and payments adds $112.23/month',
    );
    expect(html).toContain('<div class="total"><dt>Total</dt><dd>$1,554.12/month</dd></div>');
    expect(html).toContain('<td class="num">$1,048.57</td>');
    expect(html).toContain('<tfoot><tr><td>total</td><td class="num">2,099</td>');
  });

  it('escapes a hostile bus name and reason everywhere', () => {
    const hostile = renderHtml(hostileReport());
    expect(hostile).not.toContain('<script');
    expect(hostile).not.toContain('<b>');
    expect(hostile).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(hostile).toContain('reason with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot; | pipes');
    expect(hostile).toContain('id="table-line-items-_script_alert__x____script_"');
  });

  it('shows a banner with the reason when the run did not complete', () => {
    const interrupted = renderHtml(interruptedReport());
    expect(interrupted).toContain('<span class="badge interrupted">interrupted</span>');
    expect(interrupted).toContain(
      '<p class="banner interrupted" role="alert">Run interrupted: SIGINT after 12.0 s.',
    );
    expect(renderHtml(withoutDrops(loadQuickstartReport()))).not.toContain('class="banner');
  });

  it('shows a partial banner at the top for a completed run that dropped entries', () => {
    // The fixture's generator fell behind: 30 of 16,500 planned entries were dropped.
    const header = html.slice(0, html.indexOf('</header>'));
    expect(header).toContain('<span class="badge partial">partial</span>');
    expect(header).toContain(
      '<p class="banner partial" role="alert">Run partial: 30 of 16,500 planned entries (0.2%) were dropped because the generator fell behind its schedule.',
    );
    expect(header).toContain(
      '<dt>Harness</dt><dd>fell behind (not saturated); 30 of 16,500 planned entries dropped</dd>',
    );
  });

  it('escapes all five HTML-significant characters', () => {
    expect(escapeHtml(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;');
  });
});

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

describe('renderSummary and renderCostTable', () => {
  it('emits ANSI colour only when asked', () => {
    const report = loadQuickstartReport();
    expect(renderSummary(report, { color: false })).not.toMatch(ANSI);
    expect(renderCostTable(report.cost, { color: false })).not.toMatch(ANSI);
    const colored = renderSummary(report, { color: true });
    expect(colored).toContain('\u001b[32menable\u001b[39m');
    expect(colored).toContain('\u001b[33mpair-with-enhanced-logging\u001b[39m');
  });

  it('aligns coloured and plain tables the same (colour codes take no width)', () => {
    const report = loadQuickstartReport();
    const strip = (text: string) => text.replace(/\u001b\[\d+m/g, '');
    expect(strip(renderSummary(report, { color: true }))).toBe(renderSummary(report, { color: false }));
  });

  it('prints approximation notes under the cost table, and none when there are none', () => {
    const { cost } = loadQuickstartReport();
    const withNote = renderCostTable(cost, {
      color: false,
      notes: ['payments: linger batching approximated'],
    });
    expect(withNote).toContain('\nnote: payments: linger batching approximated\n');
    expect(renderCostTable(cost, { color: false })).not.toContain('note:');
  });

  it('leads with the status when the run was interrupted', () => {
    const summary = renderSummary(interruptedReport(), { color: false });
    expect(summary.split('\n')[0]).toBe('RUN INTERRUPTED: SIGINT after 12.0 s');
  });

  it('draws an empty run without a stray rule', () => {
    const report = loadQuickstartReport();
    report.buses = [];
    report.cost.buses = [];
    const lines = renderSummary(report, { color: false }).split('\n');
    expect(lines.filter((line) => line.startsWith('├'))).toHaveLength(1);
  });
});

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

describe('writeRunReports', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory and writes the three files; report.json round-trips', async () => {
    dir = await mkdtemp(join(tmpdir(), 'busload-report-'));
    const runDir = join(dir, 'runs', 'quickstart', '20261124T091502Z');
    const report = loadQuickstartReport();
    const paths = await writeRunReports(runDir, report);
    expect(paths).toEqual({
      jsonPath: join(runDir, 'report.json'),
      mdPath: join(runDir, 'report.md'),
      htmlPath: join(runDir, 'report.html'),
    });
    const json = await readFile(paths.jsonPath, 'utf8');
    expect(json).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(json.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
    const reread = JSON.parse(json) as RunReport;
    expect(reread).toEqual(report);
    expect(checkReportInvariants(reread)).toEqual([]);
    expect(await readFile(paths.mdPath, 'utf8')).toBe(renderMarkdown(report));
    expect(await readFile(paths.htmlPath, 'utf8')).toBe(renderHtml(report));
  });
});

describe('escapeMarkdown and ">"', () => {
  it('keeps an arrow readable but escapes a leading ">" (block quote)', () => {
    expect(escapeMarkdown('1.00 -> 4.00')).toBe('1.00 -> 4.00');
    expect(escapeMarkdown('> quoted')).toBe('\\> quoted');
    expect(escapeMarkdown('<b>')).toBe('\\<b>');
  });
});

describe('the embedded endpoint thread in Generator health', () => {
  it('says when the endpoint was saturated, and nothing when the report has no endpoint figures', () => {
    const report = loadQuickstartReport();
    report.generator.endpoint = { eventLoopUtilization: 0.953, cpuUsPerRequest: 412, saturated: true };
    expect(renderMarkdown(report)).toContain(
      "The embedded endpoint's thread was busy 95% of the replay (412 us of CPU per request): it was saturated, so " +
        'latencies include queueing in the endpoint, not only the producers and the bus.',
    );
    delete report.generator.endpoint;
    expect(renderMarkdown(report)).not.toContain("embedded endpoint's thread");
  });
});
