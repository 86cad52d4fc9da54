/**
 * Terminal output: the per-bus summary `busload run` prints after a run, and the cost table of
 * `busload cost`. Pure: they return strings (the CLI prints them). Colour is ANSI applied here and only
 * when asked, so the output never depends on the terminal the tests run in.
 */

import Table from 'cli-table3';
import type { BusCostEstimate, CostEstimate, RecommendationAction } from '../../model/types.js';
import {
  formatCount,
  formatDecimal,
  formatDurationMs,
  formatMs,
  formatProjection,
  formatQuantity,
  formatUsd,
  plural,
  sumDecimals,
} from '../format.js';
import type { RunReport } from '../types.js';
import { costTotalRow } from './cost-sections.js';
import { shownStatus } from './document.js';

/** How terminal output is drawn. */
export interface SummaryOptions {
  /** Emit ANSI colours (the CLI passes true on a colour-capable TTY, unless NO_COLOR is set). */
  color: boolean;
  /** Extra lines printed as "note: ..." after the table (e.g. the approximations of a declared-volume estimate). */
  notes?: readonly string[];
  /** Lines printed right under the banner, above the table (e.g. which threads were saturated). */
  details?: readonly string[];
}

/** Re-exported for `busload cost --format md`; it lives with the other Markdown. */

type Paint = (text: string) => string;

interface Palette {
  bold: Paint;
  dim: Paint;
  green: Paint;
  yellow: Paint;
  red: Paint;
  cyan: Paint;
}

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`;

function palette(color: boolean): Palette {
  if (!color) {
    const plain: Paint = (text) => text;
    return { bold: plain, dim: plain, green: plain, yellow: plain, red: plain, cyan: plain };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    green: ansi(32, 39),
    yellow: ansi(33, 39),
    red: ansi(31, 39),
    cyan: ansi(36, 39),
  };
}

function paintAction(action: RecommendationAction, paint: Palette): string {
  switch (action) {
    case 'enable':
      return paint.green(action);
    case 'enable-temporarily':
      return paint.cyan(action);
    case 'pair-with-enhanced-logging':
      return paint.yellow(action);
    case 'skip':
      return paint.dim(action);
  }
}

/** A cli-table3 table with no colour of its own (we colour cells ourselves). */
function newTable(head: string[], rightAligned: boolean[], paint: Palette): Table.Table {
  return new Table({
    head: head.map((label) => paint.bold(label)),
    colAligns: rightAligned.map((right) => (right ? 'right' : 'left')),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true },
  });
}

/**
 * Draws a compact table whose last row is a totals row, set apart by a rule like the header's.
 * Every cell is one line (no wrapping), so the totals row is the line above the bottom border.
 */
function drawWithTotals(table: Table.Table, bodyRowCount: number): string {
  const lines = table.toString().split('\n');
  const rule = lines.find((line) => line.startsWith('├'));
  if (rule !== undefined && bodyRowCount > 0) lines.splice(lines.length - 2, 0, rule);
  return lines.join('\n');
}

function statusLine(report: RunReport, paint: Palette): string {
  const { run } = report;
  const shown = shownStatus(report);
  const status =
    shown === 'completed'
      ? paint.green(shown)
      : shown === 'interrupted' || shown === 'partial'
        ? paint.yellow(shown)
        : paint.red(shown);
  return (
    `${paint.bold(report.scenario.name)} · ${status} · ${formatDurationMs(run.durationMs)} on ${run.target} ` +
    `(${run.region}, ${run.transport}, ${plural(run.workers, 'worker')}` +
    `${run.rateScale === 1 ? '' : `, rate scale ${run.rateScale}`})`
  );
}

/** The logging $/month cell: "off" for a bus whose logging is off and costs nothing, else the amount. */
function loggingCell(cost: BusCostEstimate): string {
  const isFree = /^0+(\.0+)?$/.test(cost.monthly.loggingUsd);
  return cost.loggingMode === 'off' && isFree ? 'off' : formatUsd(cost.monthly.loggingUsd);
}

/** One line per bus that lost entries or fell behind, so a quiet table never hides a problem. */
function attentionLines(report: RunReport, paint: Palette): string[] {
  const lines: string[] = [];
  for (const bus of report.buses) {
    const problems: string[] = [];
    if (bus.entries.failed > 0) problems.push(`${plural(bus.entries.failed, 'entry', 'entries')} failed`);
    if (bus.entries.dropped > 0) {
      problems.push(`${plural(bus.entries.dropped, 'entry', 'entries')} dropped (the generator fell behind)`);
    }
    if (bus.requests.failed > 0)
      problems.push(`${plural(bus.requests.failed, 'call')} failed after all retries`);
    if (problems.length > 0) lines.push(paint.yellow(`! ${bus.name}: ${problems.join(', ')}`));
  }
  return lines;
}

/**
 * The summary printed after `busload run`: a status line, the per-bus table (calls, entries succeeded,
 * throttled attempts, p50/p99 latency, EventBridge and CloudTrail-logging $/month, recommendation) with a
 * totals row, warnings for lost entries, the monthly total and the design-review sentence.
 */
export function renderSummary(report: RunReport, opts: SummaryOptions): string {
  const paint = palette(opts.color);
  const lines: string[] = [];
  // The banner comes first, as at the top of report.md and report.html.
  const shown = shownStatus(report);
  if (shown !== 'completed') {
    const shout = shown === 'failed' ? paint.red : paint.yellow;
    const reason =
      shown === 'partial'
        ? `${formatCount(report.totals.entries.dropped)} of ${formatCount(report.totals.entries.planned)} planned entries were dropped: the generator fell behind its schedule, so the figures cover only what was sent`
        : (report.statusReason ??
          (shown === 'degraded'
            ? "the generator was saturated (the numbers show this machine's limit)"
            : 'no reason recorded'));
    lines.push(shout(`RUN ${shown.toUpperCase()}: ${reason}`));
  }
  lines.push(...(opts.details ?? []).map((line) => paint.yellow(line)));
  lines.push(statusLine(report, paint));

  const table = newTable(
    [
      'bus',
      'calls',
      'entries',
      'throttled',
      'p50 ms',
      'p99 ms',
      'EventBridge\n$/month',
      'logging\n$/month',
      'recommendation',
    ],
    [false, true, true, true, true, true, true, true, false],
    paint,
  );
  const costByName = new Map(report.cost.buses.map((bus) => [bus.name, bus]));
  for (const bus of report.buses) {
    const cost = costByName.get(bus.name);
    const throttled = formatCount(bus.requests.throttled);
    table.push([
      bus.name,
      formatCount(bus.requests.calls),
      formatCount(bus.entries.succeeded),
      bus.requests.throttled > 0 ? paint.yellow(throttled) : throttled,
      formatMs(bus.latencyMs.p50),
      formatMs(bus.latencyMs.p99),
      cost ? formatUsd(cost.monthly.eventBridgeUsd) : 'n/a',
      cost ? loggingCell(cost) : 'n/a',
      cost ? paintAction(cost.recommendation.action, paint) : 'n/a',
    ]);
  }
  const { totals, cost } = report;
  table.push(
    [
      'total',
      formatCount(totals.requests.calls),
      formatCount(totals.entries.succeeded),
      formatCount(totals.requests.throttled),
      formatMs(totals.latencyMs.p50),
      formatMs(totals.latencyMs.p99),
      formatUsd(sumDecimals(cost.buses.map((bus) => bus.monthly.eventBridgeUsd))),
      formatUsd(sumDecimals(cost.buses.map((bus) => bus.monthly.loggingUsd))),
      '',
    ].map((cell) => paint.bold(cell)),
  );
  lines.push(drawWithTotals(table, report.buses.length));
  lines.push(...attentionLines(report, paint));
  lines.push(
    `Total ${paint.bold(`${formatUsd(cost.totalMonthlyUsd)}/month`)} ` +
      `(run counts x ${formatDecimal(cost.projection.factor, 4)}; catalog ${cost.catalog.id}, ${cost.catalog.effectiveDate})`,
  );
  if (cost.summary.trim() !== '') lines.push(cost.summary);
  return `${lines.join('\n')}\n`;
}

/**
 * The table of `busload cost`: monthly custom events, data events, EventBridge, logging and total $ per
 * bus with a totals row, then each recommendation with its reason, the projection and the sentence.
 */
export function renderCostTable(cost: CostEstimate, opts: SummaryOptions): string {
  const paint = palette(opts.color);
  const table = newTable(
    [
      'bus',
      'logging',
      'custom events\n/month',
      'data events\n/month',
      'EventBridge\n$/month',
      'logging\n$/month',
      'total\n$/month',
      'recommendation',
    ],
    [false, false, true, true, true, true, true, false],
    paint,
  );
  for (const bus of cost.buses) {
    table.push([
      bus.name,
      bus.loggingMode,
      formatQuantity(bus.monthly.customEvents),
      formatQuantity(bus.monthly.dataEvents),
      formatUsd(bus.monthly.eventBridgeUsd),
      formatUsd(bus.monthly.loggingUsd),
      formatUsd(bus.monthly.totalUsd),
      paintAction(bus.recommendation.action, paint),
    ]);
  }
  table.push(costTotalRow(cost).map((cell) => paint.bold(cell)));
  const lines = [
    `Monthly cost by bus, ${cost.catalog.region} (catalog ${cost.catalog.id}, effective ${cost.catalog.effectiveDate})`,
    drawWithTotals(table, cost.buses.length),
    ...cost.buses.map(
      (bus) => `${bus.name}: ${paintAction(bus.recommendation.action, paint)}: ${bus.recommendation.reason}`,
    ),
    `Projection: ${formatProjection(cost.projection)}`,
    ...(opts.notes ?? []).map((note) => paint.yellow(`note: ${note}`)),
  ];
  if (cost.summary.trim() !== '') lines.push(cost.summary);
  return `${lines.join('\n')}\n`;
}
