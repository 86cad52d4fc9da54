import { describe, expect, it } from 'vitest';
import { leftColumn, rightColumn } from '../../src/report/document.js';
import { escapeHtml, renderDocumentHtml } from '../../src/report/render-html.js';

describe('escapeHtml', () => {
  it('escapes all five HTML-significant characters', () => {
    expect(escapeHtml(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;');
  });
});

describe('renderDocumentHtml', () => {
  const html = renderDocumentHtml(
    {
      title: 'busload <example>',
      status: 'interrupted',
      banner: 'stopped by SIGINT',
      sentence: 'Cost "falls".',
      figures: [
        { label: 'Total', value: '$1.00/month' },
        { label: 'Calls', value: '602' },
      ],
      sections: [
        {
          id: 'bus a/b',
          title: 'Numbers & more',
          blocks: [
            { kind: 'paragraph', text: 'a < b' },
            {
              kind: 'table',
              id: 'numbers',
              columns: [leftColumn('bus'), rightColumn('calls')],
              rows: [['orders', '602']],
              totalRow: ['total', '602'],
            },
          ],
        },
      ],
    },
    {
      heading: 'busload report: example',
      badge: 'interrupted',
      meta: 'local · us-east-1',
      footer: 'busload 0.1.0',
      extraStyle: '.extra{}',
    },
  );

  it('makes a self-contained page: no script or remote resource allowed, the escaped title', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).toContain('<title>busload &lt;example&gt;</title>');
  });

  it('renders the header card, the sections (safe ids, escaped text, aligned cells) and the footer', () => {
    expect(html.slice(html.indexOf('.extra{}</style>'))).toBe(
      [
        '.extra{}</style>',
        '</head>',
        '<body>',
        '<main>',
        '<header class="card">',
        '<h1>busload report: example <span class="badge interrupted">interrupted</span></h1>',
        '<p class="muted">local · us-east-1</p>',
        '<p class="banner interrupted" role="alert">stopped by SIGINT</p>',
        '<blockquote class="sentence">Cost &quot;falls&quot;.</blockquote>',
        '<dl class="figures"><div class="total"><dt>Total</dt><dd>$1.00/month</dd></div><div><dt>Calls</dt><dd>602</dd></div></dl>',
        '<nav class="toc"><a href="#bus_a_b">Numbers &amp; more</a></nav>',
        '</header>',
        '<section id="bus_a_b">',
        '<h2>Numbers &amp; more</h2>',
        '<p class="note">a &lt; b</p>',
        '<div class="scroll"><table id="table-numbers">',
        '<thead><tr><th>bus</th><th class="num">calls</th></tr></thead>',
        '<tbody>',
        '<tr><td>orders</td><td class="num">602</td></tr>',
        '</tbody>',
        '<tfoot><tr><td>total</td><td class="num">602</td></tr></tfoot>',
        '</table></div>',
        '</section>',
        '<footer>busload 0.1.0</footer>',
        '</main>',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  });
});
