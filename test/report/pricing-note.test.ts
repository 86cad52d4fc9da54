/** The pricing note of compare's outputs: a Markdown section, a JSON field, an HTML section. */
import { describe, expect, it } from 'vitest';
import { withPricingHtml, withPricingJson, withPricingMarkdown } from '../../src/report/pricing-note.js';
import type { PricingNote } from '../../src/report/reprice.js';

const NOTE: PricingNote = {
  mode: 'as-recorded',
  current: null,
  recorded: {
    before: {
      modelVersion: '2026-11',
      catalogId: 'aws-2026-11',
      catalogEffectiveDate: '2026-11-01',
      catalogSha256: null,
    },
  },
  text: 'Costs as recorded in the reports (<model> & "catalog").',
};

describe('withPricingMarkdown', () => {
  it('adds a Pricing section at the end, after one blank line', () => {
    expect(withPricingMarkdown('# compare\n\ntext\n\n', NOTE)).toBe(
      '# compare\n\ntext\n\n## Pricing\n\nCosts as recorded in the reports (<model> & "catalog").\n',
    );
  });
});

describe('withPricingJson', () => {
  it('adds a top-level pricing field with the whole note, keeping the other fields', () => {
    const json = withPricingJson('{"schema":"busload-compare/1","buses":[]}', NOTE);
    expect(JSON.parse(json)).toEqual({ schema: 'busload-compare/1', buses: [], pricing: NOTE });
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "schema": "busload-compare/1",');
  });
});

describe('withPricingHtml', () => {
  const section =
    '<section class="pricing"><h2>Pricing</h2><p>Costs as recorded in the reports (&lt;model&gt; &amp; &quot;catalog&quot;).</p></section>\n';

  it('puts an escaped section just before </body>', () => {
    expect(withPricingHtml('<html><body><main></main></body></html>', NOTE)).toBe(
      `<html><body><main></main>${section}</body></html>`,
    );
  });

  it('appends it to a fragment without </body>', () => {
    expect(withPricingHtml('<p>fragment</p>', NOTE)).toBe(`<p>fragment</p>${section}`);
  });
});
