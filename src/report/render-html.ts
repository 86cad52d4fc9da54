/**
 * HTML of any report document (report.html, `busload compare --format html`): one self-contained page a
 * reviewer opens offline. Inline CSS only, no scripts, no external URL anywhere (a Content-Security-Policy
 * meta tag forbids loading anything), printable, and every piece of text escaped.
 */
import type { ChartSpec, DocBlock, DocFigure, DocTable, ReportDocument } from './document.js';
import { DEFAULT_SVG_SIZE, renderChartSvg, type SvgSize } from './render-chart-svg.js';

/** Size of a half-width chart (two to a row). */
const HALF_SVG_SIZE: SvgSize = { widthPx: 560, heightPx: 300 };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Ids come from bus names; keep them to a safe alphabet so they are valid fragment targets. */
function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

const STYLE = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --stripe: #f6f8fa; --accent: #0b5cad;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 15px; line-height: 1.5; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 8px; }
h2 { font-size: 1.25em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
p { margin: 8px 0; }
.muted, .note { color: var(--muted); }
.note { font-size: 0.9em; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; background: var(--stripe); }
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 0.8em; font-weight: 600;
  vertical-align: middle; border: 1px solid currentColor; }
.badge.completed { color: var(--ok); } .badge.interrupted, .badge.degraded, .badge.partial { color: var(--warn); } .badge.failed { color: var(--bad); }
.banner { margin: 16px 0; padding: 12px 16px; border-radius: 6px; border: 1px solid var(--warn);
  background: #fff8c5; font-weight: 600; }
.banner.failed { border-color: var(--bad); background: #ffebe9; }
blockquote.sentence { margin: 12px 0 16px; padding: 8px 16px; border-left: 4px solid var(--accent);
  background: #fff; font-size: 1.05em; }
.figures { display: flex; flex-wrap: wrap; gap: 12px 32px; margin: 0; }
.figures div { min-width: 160px; }
.figures dt { color: var(--muted); font-size: 0.85em; }
.figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.figures .total dd { font-size: 1.6em; color: var(--accent); }
nav.toc { margin: 16px 0 0; font-size: 0.9em; }
nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.92em; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--stripe); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
tfoot td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: none; }
ul.items { padding-left: 20px; } ul.items li { margin: 4px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85em; }
figure.chart { margin: 16px 0 24px; break-inside: avoid; }
figure.chart figcaption { margin-bottom: 4px; }
figure.chart svg { display: block; width: 100%; max-width: 1100px; height: auto; }
figure.chart details { font-size: 0.9em; } figure.chart summary { color: var(--accent); cursor: pointer; }
p.no-data { padding: 16px; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted); }
@media print {
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  .card, th, .banner { background: none !important; } nav.toc { display: none; }
  .scroll { overflow: visible; } h2 { break-after: avoid; } tr { break-inside: avoid; }
  figure.chart details { display: none; } figure.chart svg { max-width: 100%; }
}
`;

function renderTable(table: DocTable): string {
  const cls = (index: number) => (table.columns[index]?.align === 'right' ? ' class="num"' : '');
  const row = (cells: string[], tag: 'td' | 'th') =>
    `<tr>${cells.map((cell, index) => `<${tag}${cls(index)}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  const parts = [
    `<div class="scroll"><table id="${escapeHtml(safeId(`table-${table.id}`))}">`,
    `<thead>${row(
      table.columns.map((column) => column.label),
      'th',
    )}</thead>`,
    `<tbody>\n${table.rows.map((cells) => row(cells, 'td')).join('\n')}\n</tbody>`,
  ];
  if (table.totalRow) parts.push(`<tfoot>${row(table.totalRow, 'td')}</tfoot>`);
  parts.push('</table></div>');
  return parts.join('\n');
}

function renderBlock(block: DocBlock): string {
  switch (block.kind) {
    case 'table':
      return renderTable(block);
    case 'paragraph':
      return `<p class="note">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul class="items">\n${block.items
        .map((item) => `<li><strong>${escapeHtml(item.label)}</strong>: ${escapeHtml(item.text)}</li>`)
        .join('\n')}\n</ul>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'chart':
      return renderChart(block.chart, block.half === true ? HALF_SVG_SIZE : DEFAULT_SVG_SIZE);
  }
}

/** Consecutive half-width charts go two to a row; every other block stands alone. */
function renderBlocks(blocks: readonly DocBlock[]): string[] {
  const out: string[] = [];
  let row: string[] = [];
  const flush = () => {
    if (row.length > 0) out.push(`<div class="chart-row">\n${row.join('\n')}\n</div>`);
    row = [];
  };
  for (const block of blocks) {
    if (block.kind === 'chart' && block.half === true) {
      row.push(renderBlock(block));
      if (row.length === 2) flush();
    } else {
      flush();
      out.push(renderBlock(block));
    }
  }
  flush();
  return out;
}

/**
 * A chart as a figure: the echarts SVG (static, drawn at report time) with its title and caption, and its
 * data as a table in a <details> element (no script needed); a chart without data says why instead.
 */
function renderChart(chart: ChartSpec, size: SvgSize): string {
  const id = safeId(`chart-${chart.id}`);
  const caption = `<figcaption id="${id}-caption"><strong>${escapeHtml(chart.title)}</strong> <span class="note">${escapeHtml(chart.caption)}</span></figcaption>`;
  const svg = renderChartSvg(chart, id, size);
  if (svg === null || chart.table === null) {
    return [
      `<figure class="chart empty" id="${id}">`,
      caption,
      `<p class="no-data">${escapeHtml(chart.emptyReason ?? 'No data.')}</p>`,
      '</figure>',
    ].join('\n');
  }
  return [
    `<figure class="chart" id="${id}">`,
    caption,
    svg.replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-caption" `),
    `<details><summary>Data of this chart</summary>\n${renderTable(chart.table)}\n</details>`,
    '</figure>',
  ].join('\n');
}

function renderFigure(figure: DocFigure, index: number): string {
  const cls = index === 0 ? ' class="total"' : '';
  return `<div${cls}><dt>${escapeHtml(figure.label)}</dt><dd>${escapeHtml(figure.value)}</dd></div>`;
}

/** The page's frame around a document: what the header says besides the document itself. */
export interface HtmlPage {
  /** The h1 text (the document title is the <title>). */
  heading: string;
  /** A status badge after the heading (also its CSS class), or null. */
  badge: string | null;
  /** A muted line under the heading. */
  meta: string;
  footer: string;
  /** CSS added after the shared style sheet (the compare page's chart rows). */
  extraStyle?: string;
}

/** CSS of the compare page (added through `extraStyle`): rows of half-width charts, long hashes wrapped. */
export const CHART_ROW_STYLE = `
.chart-row { display: flex; flex-wrap: wrap; gap: 0 24px; }
.chart-row figure.chart { flex: 1 1 460px; min-width: 0; }
#table-compare-runs td { overflow-wrap: anywhere; }
`;

/**
 * Renders any report document as one self-contained HTML page: a header card (heading, banner, sentence,
 * figures, table of contents), then the sections. Shared by report.html and `busload compare --format html`.
 */
export function renderDocumentHtml(doc: ReportDocument, page: HtmlPage): string {
  const badge =
    page.badge === null
      ? ''
      : ` <span class="badge ${escapeHtml(page.badge)}">${escapeHtml(page.badge)}</span>`;
  const header = [
    '<header class="card">',
    `<h1>${escapeHtml(page.heading)}${badge}</h1>`,
    `<p class="muted">${escapeHtml(page.meta)}</p>`,
  ];
  if (doc.banner !== null) {
    header.push(`<p class="banner ${escapeHtml(doc.status)}" role="alert">${escapeHtml(doc.banner)}</p>`);
  }
  if (doc.sentence.trim() !== '')
    header.push(`<blockquote class="sentence">${escapeHtml(doc.sentence)}</blockquote>`);
  header.push(`<dl class="figures">${doc.figures.map(renderFigure).join('')}</dl>`);
  header.push(
    `<nav class="toc">${doc.sections
      .map((section) => `<a href="#${escapeHtml(safeId(section.id))}">${escapeHtml(section.title)}</a>`)
      .join('')}</nav>`,
  );
  header.push('</header>');

  const sections = doc.sections.map((section) =>
    [
      `<section id="${escapeHtml(safeId(section.id))}">`,
      `<h2>${escapeHtml(section.title)}</h2>`,
      ...renderBlocks(section.blocks),
      '</section>',
    ].join('\n'),
  );

  return `${[
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}${page.extraStyle ?? ''}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...header,
    ...sections,
    `<footer>${escapeHtml(page.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n')}\n`;
}
