/**
 * End to end: scenarios/rogue-producer.yaml replayed for real (the bus policy denies the legacy role's
 * entries), then `busload audit` of the run's cloudtrail/ folder names that role and the AccessDenied outcome.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditSummary } from '../../src/audit/summarize.js';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import type { RunReport } from '../../src/report/types.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { type CliResult, runBusload } from '../helpers/busload-cli.js';

const ROGUE = 'arn:aws:iam::111122223333:role/legacy-batch-job';
const LEDGER = 'arn:aws:iam::111122223333:role/ledger-writer';

const audit = (args: string[]): Promise<CliResult> => runBusload(['audit', ...args]);

describe('rogue-producer scenario and its audit', () => {
  let runDir: string;
  let report: RunReport;

  beforeAll(async () => {
    runDir = join(mkdtempSync(join(tmpdir(), 'busload-rogue-')), 'run');
    const loaded = await loadScenario('scenarios/rogue-producer.yaml');
    const { catalog } = await loadCatalogFile();
    report = await runScenario({
      loaded,
      scenario: loaded.scenario,
      target: { kind: 'embedded' },
      runDir,
      seed: 1,
      workers: 1,
      maxLagMs: 5000,
      catalog,
      toolVersion: 'test',
    });
  }, 60_000);

  it('counts the denied entries in the run', () => {
    const payments = report.buses.find((bus) => bus.name === 'payments')!;
    expect(report.status).toBe('completed');
    expect(payments.entries.planned).toBe(150 + 60);
    expect(payments.entries.failed).toBe(60);
    expect(payments.entries.succeeded).toBe(150);
    expect(payments.errors).toEqual({ AccessDeniedException: 60 });
  });

  it('audit names the role, its source IP and the AccessDenied outcome', async () => {
    const json = await audit([join(runDir, 'cloudtrail'), '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as AuditSummary;
    expect(
      summary.rows.map((row) => [
        row.bus,
        row.principal,
        row.sourceIp,
        row.outcome,
        row.scope,
        row.calls,
        row.entries,
      ]),
    ).toEqual([
      ['payments', LEDGER, '127.0.0.1', 'success', 'entry', 15, 150],
      ['payments', ROGUE, '127.0.0.1', 'AccessDeniedException', 'entry', 12, 60],
    ]);
    const table = await audit([join(runDir, 'cloudtrail'), '--bus', 'payments']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(
      `DENIED: ${ROGUE} was denied 60 entries in 12 calls on bus payments from 127.0.0.1`,
    );
    const none = await audit([join(runDir, 'cloudtrail'), '--bus', 'orders', '--format', 'md']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No PutEvents data events found.');
  }, 60_000);
});
