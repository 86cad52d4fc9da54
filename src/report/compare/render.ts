/**
 * Renderers of a Comparison (`busload compare --format md|json`): pure functions returning strings. The HTML
 * renderer is in render-html.ts, so that Markdown and JSON never load the charting library.
 */

import { renderDocumentMarkdown } from '../render-markdown.js';
import type { CompareCharts } from './charts.js';
import { buildComparisonDocument } from './document.js';
import type { Comparison } from './types.js';

/**
 * The comparison as Markdown for a pull request or design document: tables only (with `charts`, each bus's
 * latency spectra as a table of percentiles, before and after).
 */
export function renderComparisonMarkdown(comparison: Comparison, charts?: CompareCharts): string {
  return renderDocumentMarkdown(buildComparisonDocument(comparison, charts));
}

/** The comparison as JSON (schema "busload-compare/1"), 2-space indented, newline-terminated. */
export function renderComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}
