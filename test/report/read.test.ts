/**
 * readReportFile (compare and regress read reports with it): a report written before `run.rateScale` existed
 * still reads, as rate scale 1; a present rateScale is kept; a malformed one is refused naming the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readReportFile } from '../../src/report/read.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `value` as JSON to a file in the temp dir and returns its path. */
function writeJson(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value), 'utf8');
  return file;
}

/** The fixture as a report of before run.rateScale existed (the field absent). */
function oldReport(): Record<string, unknown> {
  const report = loadQuickstartReport() as unknown as { run: Record<string, unknown> };
  delete report.run.rateScale;
  return report;
}

describe('readReportFile and run.rateScale', () => {
  it('reads a report without run.rateScale (older report.json) as rate scale 1', async () => {
    const old = oldReport();
    expect(Object.hasOwn(old.run as object, 'rateScale')).toBe(false);
    const read = await readReportFile(writeJson('old.json', old));
    if (!('report' in read)) throw new Error(read.problems.join('\n'));
    expect(read.report.run.rateScale).toBe(1);
    // Nothing else of the report changes.
    expect(read.report).toEqual({ ...old, run: { ...(old.run as object), rateScale: 1 } });
  });

  it('keeps a recorded rate scale', async () => {
    const report = loadQuickstartReport();
    report.run.rateScale = 2.5;
    const read = await readReportFile(writeJson('scaled.json', report));
    if (!('report' in read)) throw new Error(read.problems.join('\n'));
    expect(read.report.run.rateScale).toBe(2.5);
  });

  it('refuses a rate scale that is not a number > 0, naming the file and the field', async () => {
    for (const [name, value, shown] of [
      ['zero.json', 0, '0'],
      ['negative.json', -1, '-1'],
      ['text.json', '2', '"2"'],
      ['null.json', null, 'null'],
    ] as const) {
      const report = loadQuickstartReport() as unknown as { run: Record<string, unknown> };
      report.run.rateScale = value;
      const file = writeJson(name, report);
      expect(await readReportFile(file), name).toEqual({
        problems: [`${file}: run.rateScale: expected a number > 0 (the run's --rate-scale), got ${shown}`],
      });
    }
  });
});
