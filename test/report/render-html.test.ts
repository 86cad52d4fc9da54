import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/render-html.js';

describe('renderHtml', () => {
  it('escapes all five HTML-significant characters', () => {
    expect(escapeHtml(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;');
  });
});
