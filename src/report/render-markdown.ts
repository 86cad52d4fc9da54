/**
 * Markdown of any report document (report.md, `busload compare --format md`, `busload cost --format md`).
 * Pure; all text goes through `escapeMarkdown`, so names and reasons can never inject markup or break a table.
 */
import type { ChartSpec, DocBlock, DocList, DocSection, DocTable, ReportDocument } from './document.js';

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
  parts.push(...doc.sections.map(renderSectionMarkdown));
  return `${parts.join('\n\n')}\n`;
}

/** One section as Markdown: its `##` heading, then its blocks. */
export function renderSectionMarkdown(section: DocSection): string {
  const blocks = section.blocks.map(renderBlock).filter((text) => text !== '');
  return [`## ${escapeMarkdown(section.title)}`, ...blocks].join('\n\n');
}
