/**
 * `busload compare <before.json> <after.json>`: before/after evidence for a design review, per bus, in
 * Markdown (default), JSON or a self-contained HTML page; to stdout or --out.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readReportFile } from '../../report/read.js';
import type { RunReport } from '../../report/types.js';
import { ExitCode, InputError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';

export interface CompareOptions {
  before: string;
  after: string;
  format: 'md' | 'json' | 'html';
  out?: string;
  /** Compare reports of different scenarios (neither the same name nor the same family). */
  allowDifferent?: boolean;
}

/** Reads a report for a command, turning its problems into an InputError (exit 2). */
export async function loadReportOrFail(file: string): Promise<RunReport> {
  const read = await readReportFile(file);
  if ('problems' in read) throw new InputError(read.problems.join('\n'));
  return read.report;
}

export async function compareCommand(options: CompareOptions): Promise<number> {
  const [before, after] = await Promise.all([
    loadReportOrFail(options.before),
    loadReportOrFail(options.after),
  ]);
  // Loaded here, not at the top: `regress` imports this module for loadReportOrFail only.
  const { compareReports, scenarioRelation } = await import('../../report/compare.js');
  const relation = scenarioRelation(before, after);
  if (relation.kind === 'different' && options.allowDifferent !== true) {
    throw new InputError(
      `${options.before} and ${options.after}: reports of different scenarios (${relation.differences.join('; ')}).\n` +
        'If they are variants of one design, give both scenario files the same `family:` and run them again; ' +
        'to compare them anyway, pass --allow-different (the comparison then says what differs).',
    );
  }
  const comparison = compareReports(before, after, { allowDifferent: options.allowDifferent === true });
  const { buildCompareCharts } = await import('../../report/compare-charts.js');
  let text: string;
  if (options.format === 'html') {
    // Only HTML loads the charting library (through render-html).
    const { renderComparisonHtml } = await import('../../report/render-compare-html.js');
    text = renderComparisonHtml(comparison, TOOL_VERSION, buildCompareCharts(before, after));
  } else {
    const { renderComparisonJson, renderComparisonMarkdown } = await import('../../report/render-compare.js');
    text =
      options.format === 'json'
        ? renderComparisonJson(comparison)
        : renderComparisonMarkdown(comparison, buildCompareCharts(before, after));
  }
  if (options.out) {
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, text, 'utf8');
    // The path, then the sentence as plain text, ready to paste into a review.
    process.stdout.write(`${options.out}\n${comparison.sentence}\n`);
  } else {
    process.stdout.write(text);
  }
  return ExitCode.ok;
}
