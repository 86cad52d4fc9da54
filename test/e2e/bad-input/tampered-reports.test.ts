/**
 * Evidence is not trusted blindly: every reader of report.json (compare, regress, cost, merge) checks it
 * against one schema with its invariants, and regress refuses a baseline of another scenario.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/report/schema.js';
import type { RunReport } from '../../../src/report/types.js';
import { runBusload } from '../../helpers/busload-cli.js';
import { loadQuickstartReport, QUICKSTART_REPORT_PATH } from '../../helpers/report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-tampered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tamper = (report: RunReport) => void;

const TAMPERED: Array<[string, Tamper, string]> = [
  [
    'negative calls',
    (r) => {
      r.buses[0]!.requests.calls = -5;
    },
    'buses[0].requests.calls: expected a non-negative whole number, got -5',
  ],
  [
    'planned != ok + failed + dropped',
    (r) => {
      r.buses[0]!.entries.planned += 1;
      r.totals.entries.planned += 1;
    },
    'buses[0] (orders).entries: planned',
  ],
  [
    'an invalid histogram',
    (r) => {
      r.buses[0]!.histograms.latencyMs = 'not-a-histogram';
    },
    'buses[0].histograms.latencyMs: not a valid compressed HdrHistogram',
  ],
  [
    'a histogram that disagrees with its summary',
    (r) => {
      r.buses[0]!.latencyMs.count += 1;
    },
    `buses[0].histograms.latencyMs: holds`,
  ],
  [
    'a total inconsistent with its buses',
    (r) => {
      r.totals.requests.calls += 10;
    },
    'totals.requests.calls',
  ],
  [
    '"NaN" money',
    (r) => {
      r.cost.totalMonthlyUsd = 'NaN';
    },
    'cost.totalMonthlyUsd: expected a non-negative decimal string such as "12.34", got "NaN"',
  ],
];

function tampered(name: string, tamper: Tamper): string {
  const report = loadQuickstartReport();
  tamper(report);
  const file = join(dir, `${name.replaceAll(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report));
  return file;
}

describe('parseReport', () => {
  it('accepts the fixture report', () => {
    expect('report' in parseReport(loadQuickstartReport())).toBe(true);
  });

  it.each(TAMPERED)('refuses %s with the field path', (_name, tamper, problem) => {
    const report = loadQuickstartReport();
    tamper(report);
    const parsed = parseReport(report);
    expect(
      'problems' in parsed && parsed.problems.some((text) => text.includes(problem)),
      JSON.stringify(parsed),
    ).toBe(true);
  });
});

describe('the commands that read reports refuse a tampered one (exit 2, never PASS or an internal error)', () => {
  it.each(TAMPERED)('compare, regress and cost refuse %s', async (name, tamper, problem) => {
    const file = tampered(name, tamper);
    for (const args of [
      ['compare', QUICKSTART_REPORT_PATH, file],
      ['regress', file, '--baseline', QUICKSTART_REPORT_PATH],
      ['cost', file],
    ]) {
      const { code, stderr } = await runBusload(args);
      expect(code, `${args[0]}: ${stderr}`).toBe(2);
      expect(stderr).toContain(problem);
      expect(stderr).not.toContain('internal error');
    }
  });

  it('merge refuses a broken shard', async () => {
    const file = tampered('merge-shard', (r) => {
      r.totals.entries.dropped += 3;
    });
    const { code, stderr } = await runBusload(['merge', file, '--out', join(dir, 'merged')]);
    expect(code).toBe(2);
    expect(stderr).toContain('totals.entries');
  });
});

describe('regress against another scenario', () => {
  it('refuses (exit 2) unless --allow-other-scenario', async () => {
    const other = tampered('other-scenario', (r) => {
      r.scenario.name = 'something-else';
    });
    const refused = await runBusload(['regress', QUICKSTART_REPORT_PATH, '--baseline', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is of scenario "something-else"');
    expect(refused.stderr).toContain('--allow-other-scenario');
    const allowed = await runBusload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      other,
      '--allow-other-scenario',
    ]);
    expect([0, 3]).toContain(allowed.code);
    expect(allowed.stderr).toContain('warning');
  });
});
