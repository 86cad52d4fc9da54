/**
 * Reads a report.json for the commands that consume reports (compare, regress, cost): parses it and checks it
 * against the report schema and its invariants (schema.ts), so a wrong or tampered file gives a message
 * naming the file and the field instead of a crash or a trusted lie.
 */
import { readFile } from 'node:fs/promises';
import { parseReport } from './schema.js';
import type { RunReport } from './types.js';

/**
 * Reads and checks a report.json. Returns the report, or the problems (each prefixed with the file) when the
 * file cannot be read, is not JSON or lacks what compare and regress need. A report older than a field
 * gets that field's default (schema.ts).
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
  return parsed;
}
