import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/run/render-html.js';
import { externalReferences } from '../../helpers/no-network.js';
import { hostileReport, interruptedReport, withoutDrops } from '../../helpers/report-builder.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

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
});
