/**
 * report.md: the report for a pull request or wiki page, and the Markdown of `busload cost --format md`. Pure
 * functions of the report (or estimate), drawn by the shared Markdown renderer (../render-markdown.ts).
 */
import type { CostEstimate } from '../../model/types.js';
import { formatUsd } from '../format.js';
import { escapeMarkdown, renderDocumentMarkdown, renderSectionMarkdown } from '../render-markdown.js';
import type { RunReport } from '../types.js';
import { costSections } from './cost-sections.js';
import { buildReportDocument } from './document.js';

/** Renders report.md: headline, run facts, traffic, latency, cost, line items, recommendations, assumptions,
 * errors, reconciliation and generator health. Ends with a single newline. */
export function renderMarkdown(report: RunReport): string {
  return renderDocumentMarkdown(buildReportDocument(report));
}

/**
 * Markdown of `busload cost --format md`: the sentence, the monthly total, then the cost per bus, line
 * items, recommendations and assumptions (as in report.md), and any approximation notes. Ends with a newline.
 */
export function renderCostMarkdown(cost: CostEstimate, notes: readonly string[] = []): string {
  const parts: string[] = [`# busload cost estimate (${escapeMarkdown(cost.catalog.region)})`];
  if (cost.summary.trim() !== '') parts.push(`> ${escapeMarkdown(cost.summary)}`);
  parts.push(
    `- **Total**: ${escapeMarkdown(`${formatUsd(cost.totalMonthlyUsd)}/month`)}\n` +
      `- **Price catalog**: ${escapeMarkdown(`${cost.catalog.id} (effective ${cost.catalog.effectiveDate})`)}`,
  );
  parts.push(...costSections(cost).map(renderSectionMarkdown));
  if (notes.length > 0) {
    parts.push('## Notes', notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
