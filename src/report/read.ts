/**
 * Reads a report.json for the commands that consume reports (compare, regress, cost): parses it and checks it
 * against the report schema and its invariants (schema.ts), so a wrong or tampered file gives a message
 * naming the file and the field instead of a crash or a trusted lie.
 */
import { readFile } from 'node:fs/promises';
import { parseReport } from './schema.js';
import type { RunReport } from './types.js';

/**
 * Fills the fields added to schemaVersion 1 after its first reports were written with what their absence
 * means: `run.rateScale` 1 (the run had no --rate-scale). Never changes its input: returns the report itself
 * when nothing is missing, else a copy with the defaults.
 */
export function withReportDefaults(report: RunReport): RunReport {
  const run = report.run as Partial<RunReport['run']> | undefined;
  if (run === undefined || run.rateScale !== undefined) return report;
  return { ...report, run: { ...report.run, rateScale: 1 } };
}

/**
 * Reads and checks a report.json. Returns the report, or the problems (each prefixed with the file) when the
 * file cannot be read, is not JSON or lacks what compare and regress need. A report older than a field
 * gets that field's default (withReportDefaults).
 */
export async function readReportFile(file: string): Promise<{ report: RunReport } | { problems: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problems: [`${file}: cannot read the report (${code ?? String(error)})`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [`${file}: not valid JSON (${(error as Error).message})`] };
  }
  const parsed = parseReport(value);
  if ('problems' in parsed) return { problems: parsed.problems.map((problem) => `${file}: ${problem}`) };
  return { report: withReportDefaults(parsed.report) };
}
