/**
 * Says in every output of `compare` and `regress` how the reports' costs were priced: re-priced with the
 * current model and catalog (the default) or as recorded (`--as-recorded`). For `compare` it is added to the
 * rendered output (Markdown section, JSON field, HTML section) so the comparison's renderers stay as they are;
 * `regress` adds it to its result's notes (the table's "note:" lines and the JUnit suite's properties).
 */
import type { PricingNote } from './reprice.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown: a "Pricing" section at the end. */
export function withPricingMarkdown(markdown: string, note: PricingNote): string {
  return `${markdown.trimEnd()}\n\n## Pricing\n\n${note.text}\n`;
}

/** JSON: a top-level `pricing` field (mode, current, recorded, text). */
export function withPricingJson(json: string, note: PricingNote): string {
  const value = JSON.parse(json) as Record<string, unknown>;
  return `${JSON.stringify({ ...value, pricing: note }, null, 2)}\n`;
}

/** HTML: a "Pricing" section before the end of the body (or at the end of a fragment). */
export function withPricingHtml(html: string, note: PricingNote): string {
  const section = `<section class="pricing"><h2>Pricing</h2><p>${escapeHtml(note.text)}</p></section>\n`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? `${html}${section}` : `${html.slice(0, at)}${section}${html.slice(at)}`;
}
