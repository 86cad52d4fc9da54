/** Reading the reports of `compare` and `regress`: problems become exit 2, costs re-priced unless --as-recorded. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReportOrFail, priceForCommand } from '../../src/cli/report-input.js';
import { InputError } from '../../src/errors.js';

const QUICKSTART = 'test/fixtures/reports/quickstart-report.json';

describe('loadReportOrFail', () => {
  it('reads a valid report', async () => {
    const report = await loadReportOrFail(QUICKSTART);
    expect(report.scenario.name).toBe('quickstart');
  });

  it('turns a missing file and a broken report into an InputError naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'busload-report-input-'));
    const missing = join(dir, 'nope.json');
    await expect(loadReportOrFail(missing)).rejects.toThrow(
      new InputError(`${missing}: cannot read the report (ENOENT)`),
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1}');
    await expect(loadReportOrFail(broken)).rejects.toThrow(InputError);
    await expect(loadReportOrFail(broken)).rejects.toThrow(broken);
  });
});

describe('priceForCommand', () => {
  it('keeps the stored costs with --as-recorded and says so per report', async () => {
    const report = await loadReportOrFail(QUICKSTART);
    const { reports, note } = await priceForCommand(
      { before: { report, file: QUICKSTART } },
      { asRecorded: true },
    );
    expect(note.mode).toBe('as-recorded');
    expect(note.text).toMatch(/^Costs as recorded in the reports \(--as-recorded\): before: model /);
    expect(reports.before.cost.totalMonthlyUsd).toBe(report.cost.totalMonthlyUsd);
  });

  it('re-prices with the current model and the bundled catalog by default', async () => {
    const report = await loadReportOrFail(QUICKSTART);
    const { note } = await priceForCommand({ after: { report, file: QUICKSTART } }, {});
    expect(note.mode).toBe('re-priced');
    expect(note.text).toMatch(/^Costs re-priced from each run's counts with the current model /);
    expect(note.text).toContain('--as-recorded keeps the stored costs');
  });
});
