/**
 * The gate's outputs besides its exit code: the plain-text table, JUnit XML for CI, benchmark entries for
 * charting actions, and CloudWatch data points (src/aws/cloudwatch-publish.ts sends them). Pure.
 */
import type { MetricPoint, RunReport } from '../types.js';
import type { CheckResult, RegressResult } from './regress.js';
import { safeRatio } from './view.js';

/** The result as a plain-text table (one line per check), its notes (one line each) and a verdict line last. */
export function renderRegressTable(result: RegressResult): string {
  const head = ['rule', 'path', 'baseline', 'current', 'limit', 'result', 'note'];
  const rows: string[][] = [];
  for (const rule of result.rules) {
    rule.checks.forEach((check, index) => {
      rows.push([
        index === 0 ? rule.rule : '',
        check.path,
        check.baseline ?? '-',
        check.current,
        check.limit,
        check.passed ? 'pass' : 'FAIL',
        check.note ?? '',
      ]);
    });
  }
  const widths = head.map((label, column) =>
    Math.max(label.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const failed = result.rules.filter((rule) => !rule.passed).length;
  const verdict = result.passed
    ? `PASS: ${result.rules.length} rules of ${result.policy} hold for ${result.scenario}.`
    : `REGRESSION: ${failed} of ${result.rules.length} rules of ${result.policy} failed for ${result.scenario}.`;
  const notes = result.notes.map((note) => `note: ${note}`);
  return `${[line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...notes, verdict].join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function describeCheck(check: CheckResult): string {
  return (
    `${check.path}: current ${check.current}, baseline ${check.baseline ?? '-'}, limit ${check.limit}: ` +
    `${check.passed ? 'pass' : 'FAIL'}${check.note ? ` (${check.note})` : ''}`
  );
}

/**
 * JUnit XML: one testsuite, one testcase per rule; a failed rule has a <failure> listing its failed checks.
 * The result's notes are properties of the suite (`<property name="note" .../>`).
 */
export function renderJunit(result: RegressResult): string {
  const failures = result.rules.filter((rule) => !rule.passed).length;
  const suite = `busload regress: ${result.scenario}`;
  const cases = result.rules.map((rule) => {
    const open = `    <testcase classname="${escapeXml(`busload.regress.${result.scenario}`)}" name="${escapeXml(rule.rule)}">`;
    const output = `      <system-out>${escapeXml(rule.checks.map(describeCheck).join('\n'))}</system-out>`;
    if (rule.passed) return [open, output, '    </testcase>'].join('\n');
    const failed = rule.checks.filter((check) => !check.passed);
    const message = failed
      .map((check) => `${check.path} = ${check.current} (limit ${check.limit})`)
      .join('; ');
    return [
      open,
      `      <failure type="regression" message="${escapeXml(message)}">${escapeXml(failed.map(describeCheck).join('\n'))}</failure>`,
      output,
      '    </testcase>',
    ].join('\n');
  });
  return `${[
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="busload regress" tests="${result.rules.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${result.rules.length}" failures="${failures}" errors="0" skipped="0">`,
    `    <properties><property name="policy" value="${escapeXml(result.policy)}"/><property name="alpha" value="${result.alpha}"/>${result.notes.map((note) => `<property name="note" value="${escapeXml(note)}"/>`).join('')}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n')}\n`;
}

/** One benchmark value for CI charting actions ("customSmallerIsBetter": smaller is better for all of them). */
export interface BenchEntry {
  name: string;
  unit: string;
  value: number;
}

/** Per-bus figures a nightly chart tracks (all smaller-is-better), plus the total monthly cost. */
export function benchEntries(report: RunReport): BenchEntry[] {
  const entries: BenchEntry[] = [
    { name: 'total cost', unit: 'USD/month', value: Number(report.cost.totalMonthlyUsd) },
  ];
  for (const bus of report.buses) {
    const cost = report.cost.buses.find((candidate) => candidate.name === bus.name);
    entries.push({ name: `${bus.name} p99 latency`, unit: 'ms', value: bus.latencyMs.p99 });
    entries.push({
      name: `${bus.name} throttle ratio`,
      unit: 'ratio',
      value: Number(safeRatio(bus.requests.throttled, bus.requests.attempts)),
    });
    if (cost) {
      entries.push({
        name: `${bus.name} data events`,
        unit: 'data events/month',
        value: Number(cost.monthly.dataEvents),
      });
      entries.push({ name: `${bus.name} cost`, unit: 'USD/month', value: Number(cost.monthly.totalUsd) });
    }
  }
  return entries;
}

/** Per bus: p99 latency, throttle ratio, data events per month and $/month, dimensioned by scenario and bus. */
export function cloudWatchPoints(report: RunReport): MetricPoint[] {
  return report.buses.flatMap((bus): MetricPoint[] => {
    const dimensions = { Scenario: report.scenario.name, Bus: bus.name };
    const cost = report.cost.buses.find((candidate) => candidate.name === bus.name);
    return [
      { metricName: 'LatencyP99', unit: 'Milliseconds', value: bus.latencyMs.p99, dimensions },
      {
        metricName: 'ThrottleRatio',
        unit: 'None',
        value: Number(safeRatio(bus.requests.throttled, bus.requests.attempts)),
        dimensions,
      },
      {
        metricName: 'DataEventsPerMonth',
        unit: 'Count',
        value: Number(cost?.monthly.dataEvents ?? 0),
        dimensions,
      },
      { metricName: 'MonthlyCostUsd', unit: 'None', value: Number(cost?.monthly.totalUsd ?? 0), dimensions },
    ];
  });
}
