/**
 * `busload cost <report.json>` re-prices a run with the run's own measured trail inputs (record bytes and the
 * gzip ratio of its delivered files), so with the same catalog it gives the run's figures to the cent; a
 * report without the measured ratio (an older busload) is priced with the assumed one and says so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/report/types.js';
import { runBusload, tinyRunArgs } from '../../helpers/busload-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-reprice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let report: RunReport;
const reportFile = join(dir, 'run', 'report.json');

beforeAll(async () => {
  const run = await runBusload(tinyRunArgs(join(dir, 'run')), { timeoutMs: 90_000 });
  expect([0, 4], run.stderr).toContain(run.code);
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport;
}, 120_000);

describe('cost <report.json>', () => {
  it('gives the run its own S3 inputs: the same total and logging cost per bus as the run', async () => {
    const orders = report.reconciliation?.find((row) => row.bus === 'orders');
    expect(orders?.trailGzipRatio).toBeGreaterThan(0);
    expect(orders?.trailGzipRatio).toBeLessThan(1);
    const { code, stdout, stderr } = await runBusload(['cost', reportFile, '--format', 'json']);
    expect(code, stderr).toBe(0);
    const repriced = JSON.parse(stdout) as RunReport['cost'] & { approximations: string[] };
    expect(repriced.totalMonthlyUsd).toBe(report.cost.totalMonthlyUsd);
    for (const bus of report.cost.buses) {
      const again = repriced.buses.find((candidate) => candidate.name === bus.name);
      expect(again?.monthly, bus.name).toEqual(bus.monthly);
    }
    expect(repriced.approximations).toEqual([]);
  });

  it('says so when the report does not record the measured gzip ratio (an older report)', async () => {
    const old = structuredClone(report);
    for (const row of old.reconciliation ?? []) delete row.trailGzipRatio;
    delete old.pricingInputs;
    const oldFile = join(dir, 'old-report.json');
    writeFileSync(oldFile, JSON.stringify(old));
    const { code, stdout } = await runBusload(['cost', oldFile]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "the report predates recorded pricing inputs: its model input was rebuilt from its counts (the run's measured gzip ratio and trail callers are not in it)",
    );
  });
});
