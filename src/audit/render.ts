/**
 * Renderers of an audit summary: a terminal table, Markdown and JSON. Pure: each returns a string.
 */
import Table from 'cli-table3';
import type { AuditRow, AuditSummary } from './summarize.js';

const HEAD = ['bus', 'principal', 'source IP', 'outcome', 'calls', 'entries', 'first', 'last'];
const RIGHT = [false, false, false, false, true, true, false, false];

const grouped = (value: number): string => value.toLocaleString('en-US');
const shortTime = (iso: string): string => iso.replace('.000Z', 'Z');

function outcomeLabel(row: AuditRow): string {
  if (row.outcome === 'success') return 'success';
  return row.scope === 'request' ? `${row.outcome} (whole request)` : `${row.outcome} (entries)`;
}

function cells(row: AuditRow): string[] {
  return [
    row.bus,
    row.principal,
    row.sourceIp,
    outcomeLabel(row),
    grouped(row.calls),
    grouped(row.entries),
    shortTime(row.firstTime),
    shortTime(row.lastTime),
  ];
}

/** One line on what was read. */
export function describeInput(summary: AuditSummary): string {
  const skipped =
    summary.filesSkipped > 0 ? ` (${summary.filesSkipped} not CloudTrail record files, skipped)` : '';
  const malformed = summary.recordsMalformed > 0 ? `, ${summary.recordsMalformed} malformed` : '';
  return `${grouped(summary.files)} files${skipped}, ${grouped(summary.records)} records: ${grouped(summary.putEventsRecords)} PutEvents data events kept, ${grouped(summary.recordsIgnored)} other or filtered out${malformed}`;
}

/** The denied groups, as sentences a reviewer can paste ("role X was denied N entries on bus Y ..."). */
export function deniedFindings(summary: AuditSummary): string[] {
  return summary.rows
    .filter((row) => /AccessDenied/i.test(row.outcome))
    .map(
      (row) =>
        `${row.principal} was denied ${row.scope === 'request' ? `${grouped(row.calls)} PutEvents calls` : `${grouped(row.entries)} entries in ${grouped(row.calls)} calls`} on bus ${row.bus} from ${row.sourceIp} (${row.outcome}, ${shortTime(row.firstTime)} .. ${shortTime(row.lastTime)})`,
    );
}

/** A terminal table (cli-table3), the input line and the denied findings. */
export function renderAuditTable(summary: AuditSummary): string {
  const lines: string[] = [];
  if (summary.rows.length === 0) {
    lines.push('no PutEvents data events found');
  } else {
    const table = new Table({
      head: HEAD,
      colAligns: RIGHT.map((right) => (right ? 'right' : 'left')),
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true },
    });
    for (const row of summary.rows) table.push(cells(row));
    lines.push(table.toString());
  }
  lines.push(describeInput(summary));
  for (const finding of deniedFindings(summary)) lines.push(`DENIED: ${finding}`);
  return `${lines.join('\n')}\n`;
}

const escapeMd = (text: string): string => text.replace(/\|/g, '\\|');

/** Markdown: a table and the findings. */
export function renderAuditMarkdown(summary: AuditSummary): string {
  const lines = ['# PutEvents audit', '', describeInput(summary), ''];
  if (summary.rows.length === 0) {
    lines.push('No PutEvents data events found.', '');
  } else {
    lines.push(`| ${HEAD.join(' | ')} |`, `|${RIGHT.map((right) => (right ? '---:' : '---')).join('|')}|`);
    for (const row of summary.rows) lines.push(`| ${cells(row).map(escapeMd).join(' | ')} |`);
    lines.push('');
  }
  const findings = deniedFindings(summary);
  if (findings.length > 0) {
    lines.push('## Denied', '', ...findings.map((finding) => `- ${escapeMd(finding)}`), '');
  }
  return lines.join('\n');
}

/** JSON: the summary as is (schema: AuditSummary). */
export function renderAuditJson(summary: AuditSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
