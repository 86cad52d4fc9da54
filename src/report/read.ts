/**
 * Reads a report.json for the commands that consume reports (compare, regress): parses it and checks the
 * structure they rely on, so a wrong file gives a message naming the file and the field instead of a crash.
 */
import { readFile } from 'node:fs/promises';
import { REPORT_SCHEMA_VERSION } from './build.js';
import type { RunReport } from './types.js';

/** Problems with the shape of a parsed report.json (empty when usable), each naming the field path. */
export function reportShapeProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return ['(root): expected a busload report.json object'];
  }
  const report = value as Partial<RunReport>;
  const problems: string[] = [];
  if (report.schemaVersion !== REPORT_SCHEMA_VERSION) {
    problems.push(
      `schemaVersion: expected ${REPORT_SCHEMA_VERSION}, got ${JSON.stringify(report.schemaVersion)}`,
    );
  }
  if (typeof report.scenario?.name !== 'string') problems.push('scenario.name: expected a string');
  const rateScale = (report.run as Partial<RunReport['run']> | undefined)?.rateScale;
  if (
    rateScale !== undefined &&
    !(typeof rateScale === 'number' && Number.isFinite(rateScale) && rateScale > 0)
  ) {
    problems.push(
      `run.rateScale: expected a number > 0 (the run's --rate-scale), got ${JSON.stringify(rateScale)}`,
    );
  }
  if (!Array.isArray(report.buses)) problems.push('buses: expected a list of bus results');
  else {
    report.buses.forEach((bus, index) => {
      if (typeof bus?.name !== 'string') problems.push(`buses[${index}].name: expected a string`);
      if (typeof bus?.requests?.calls !== 'number')
        problems.push(`buses[${index}].requests.calls: expected a number`);
      if (typeof bus?.latencyMs?.p99 !== 'number')
        problems.push(`buses[${index}].latencyMs.p99: expected a number`);
    });
  }
  if (!Array.isArray(report.cost?.buses)) problems.push('cost.buses: expected a list of bus estimates');
  if (typeof report.cost?.totalMonthlyUsd !== 'string')
    problems.push('cost.totalMonthlyUsd: expected a decimal string');
  return problems;
}

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
  const problems = reportShapeProblems(value);
  if (problems.length > 0) return { problems: problems.map((problem) => `${file}: ${problem}`) };
  return { report: withReportDefaults(value as RunReport) };
}
