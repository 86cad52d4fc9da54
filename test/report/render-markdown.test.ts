import { describe, expect, it } from 'vitest';
import { leftColumn, rightColumn } from '../../src/report/document.js';
import { escapeMarkdown, renderDocumentMarkdown } from '../../src/report/render-markdown.js';

describe('escapeMarkdown and ">"', () => {
  it('keeps an arrow readable but escapes a leading ">" (block quote)', () => {
    expect(escapeMarkdown('1.00 -> 4.00')).toBe('1.00 -> 4.00');
    expect(escapeMarkdown('> quoted')).toBe('\\> quoted');
    expect(escapeMarkdown('<b>')).toBe('\\<b>');
  });
});

describe('renderDocumentMarkdown', () => {
  it('renders the title, banner, sentence, figures and sections of any document', () => {
    const markdown = renderDocumentMarkdown({
      title: 'busload example | 1',
      status: 'interrupted',
      banner: 'stopped by SIGINT',
      sentence: 'Cost *falls*.',
      figures: [{ label: 'Total', value: '$1.00/month' }],
      sections: [
        {
          id: 'numbers',
          title: 'Numbers',
          blocks: [
            { kind: 'paragraph', text: 'See <https://example.com/a>.' },
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
    });
    expect(markdown).toBe(
      [
        '# busload example \\| 1',
        '',
        '> **Warning:** stopped by SIGINT',
        '',
        '> Cost \\*falls\\*.',
        '',
        '- **Total**: $1.00/month',
        '',
        '## Numbers',
        '',
        // The "<" before the URL is escaped; the URL itself becomes an autolink.
        'See \\<<https://example.com/a>>.',
        '',
        '| bus       |   calls |',
        '| --------- | ------: |',
        '| orders    |     602 |',
        '| **total** | **602** |',
        '',
      ].join('\n'),
    );
  });
});
