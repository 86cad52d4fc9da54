/**
 * report.md: the report for a pull request or wiki page. A pure function of the RunReport; all text goes
 * through `escapeMarkdown`, so names and reasons can never inject markup or break a table.
 */
import type { CostEstimate } from '../model/types.js';
import type { ChartSpec } from './charts.js';
import {
  buildReportDocument,
  costSections,
  type DocBlock,
  type DocList,
  type DocSection,
  type DocTable,
  type ReportDocument,
} from './document.js';
import { formatUsd } from './format.js';
import type { RunReport } from './types.js';

/** Trailing punctuation that ends a sentence rather than a URL. */
const URL_PATTERN = /https?:\/\/[^\s<>]*[^\s<>.,;:!?)'"\]]/g;

/**
 * Backslash-escapes the punctuation that could start markup, a table cell or raw HTML (CommonMark lets any
 * ASCII punctuation be escaped, and an escaped `<` can never open an HTML tag).
 */
function escapePlain(text: string): string {
  return text.replace(/[\\`*_[\]|#~<&]/g, (char) => `\\${char}`);
}

/**
 * Plain text -> Markdown that renders as that text, on one line (safe inside a table cell).
 * URLs become autolinks (`<https://...>`) so they stay clickable and are not mangled by escaping.
 */
export function escapeMarkdown(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ');
  let out = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const start = match.index;
    out += escapePlain(line.slice(last, start));
    out += `<${match[0].replace(/\|/g, '%7C')}>`;
    last = start + match[0].length;
  }
  // `>` only means something at the start of a line (a block quote): "a -> b" stays readable.
  return (out + escapePlain(line.slice(last))).replace(/^(\s*)>/, '$1\\>');
}

function renderTable(table: DocTable): string {
  const header = table.columns.map((column) => escapeMarkdown(column.label));
  const body = table.rows.map((row) => row.map(escapeMarkdown));
  if (table.totalRow) {
    body.push(table.totalRow.map((cell) => (cell === '' ? '' : `**${escapeMarkdown(cell)}**`)));
  }
  const widths = header.map((label, index) =>
    body.reduce((max, row) => Math.max(max, (row[index] ?? '').length), Math.max(3, label.length)),
  );
  const pad = (cell: string, index: number) => {
    const width = widths[index] ?? 0;
    return table.columns[index]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
  };
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const separator = `| ${widths
    .map((width, index) =>
      table.columns[index]?.align === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
    )
    .join(' | ')} |`;
  return [line(header), separator, ...body.map(line)].join('\n');
}

function renderList(list: DocList): string {
  return list.items
    .map((item) => `- **${escapeMarkdown(item.label)}**: ${escapeMarkdown(item.text)}`)
    .join('\n');
}

function renderBlock(block: DocBlock): string {
  switch (block.kind) {
    case 'table':
      return renderTable(block);
    case 'paragraph':
      return escapeMarkdown(block.text);
    case 'list':
      return renderList(block);
    case 'subheading':
      return `### ${escapeMarkdown(block.text)}`;
    case 'chart':
      return block.text === 'omit' ? '' : renderChart(block.chart);
  }
}

/** A chart as its title, caption and small data table (or the reason it has no data). */
function renderChart(chart: ChartSpec): string {
  const head = `**Chart: ${escapeMarkdown(chart.title)}.** ${escapeMarkdown(chart.caption)}`;
  if (chart.emptyReason !== null || chart.table === null) {
    return `${head}

_${escapeMarkdown(chart.emptyReason ?? 'No data.')}_`;
  }
  return `${head}

${renderTable(chart.table)}`;
}

/** Renders report.md: headline, run facts, traffic, latency, cost, line items, recommendations, assumptions,
 * errors, reconciliation and generator health. Ends with a single newline. */
export function renderMarkdown(report: RunReport): string {
  return renderDocumentMarkdown(buildReportDocument(report));
}

/** Renders any report document as Markdown (report.md, `busload compare --format md`). Ends with a newline. */
export function renderDocumentMarkdown(doc: ReportDocument): string {
  const parts: string[] = [`# ${escapeMarkdown(doc.title)}`];
  if (doc.banner !== null) parts.push(`> **Warning:** ${escapeMarkdown(doc.banner)}`);
  if (doc.sentence.trim() !== '') parts.push(`> ${escapeMarkdown(doc.sentence)}`);
  parts.push(
    doc.figures
      .map((figure) => `- **${escapeMarkdown(figure.label)}**: ${escapeMarkdown(figure.value)}`)
      .join('\n'),
  );
  parts.push(...doc.sections.map(renderSection));
  return `${parts.join('\n\n')}\n`;
}

function renderSection(section: DocSection): string {
  const blocks = section.blocks.map(renderBlock).filter((text) => text !== '');
  return [`## ${escapeMarkdown(section.title)}`, ...blocks].join('\n\n');
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
  parts.push(...costSections(cost).map(renderSection));
  if (notes.length > 0) {
    parts.push('## Notes', notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
