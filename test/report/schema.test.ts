/**
 * parseReport and shardRequirements: the one validator of report.json (read by compare, regress and cost; by
 * merge with the shard requirements). Each problem names the field path and what is expected; a report
 * older than a field gets its default without its input being changed.
 */
import { describe, expect, it } from 'vitest';
import { parseReport, shardRequirements } from '../../src/report/schema.js';
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

/** The fixture as a report of before run.rateScale existed (the field absent). */
function oldReport(): Record<string, unknown> {
  const report = loadQuickstartReport() as unknown as { run: Record<string, unknown> };
  delete report.run.rateScale;
  return report;
}

function problemsOf(value: unknown, requirements?: Parameters<typeof parseReport>[1]): string[] {
  const parsed = parseReport(value, requirements);
  return 'problems' in parsed ? parsed.problems : [];
}

describe('parseReport fills the defaults of fields added later (withReportDefaults)', () => {
  it('fills rateScale 1 in a copy and leaves its input alone', () => {
    const old = oldReport();
    const parsed = parseReport(old);
    if (!('report' in parsed)) throw new Error(parsed.problems.join('\n'));
    expect(parsed.report.run.rateScale).toBe(1);
    expect(Object.hasOwn(old.run as object, 'rateScale')).toBe(false);
  });

  it('returns a report that has the field unchanged (the same object)', () => {
    const report = loadQuickstartReport();
    report.run.rateScale = 3;
    const parsed = parseReport(report);
    expect('report' in parsed && parsed.report).toBe(report);
    expect(report.run.rateScale).toBe(3);
  });
});

describe('parseReport problems', () => {
  it('refuses what is not an object, and another schema version, with one problem', () => {
    expect(problemsOf([1, 2])).toEqual(['(root): expected a busload report.json object, got [1,2]']);
    expect(problemsOf({ schemaVersion: 2 })).toEqual(['schemaVersion: expected 1, got 2']);
    expect(problemsOf({ totals: {} })).toEqual(['schemaVersion: expected 1, got nothing']);
  });

  it('says what a field is expected to be, with the value found', () => {
    const report = loadQuickstartReport() as unknown as Record<string, unknown> & RunReport;
    (report as { status: string }).status = 'finished';
    (report.buses[0]!.requests as { calls: number }).calls = 1.5;
    (report.buses[1]!.histograms as { latencyMs?: string }).latencyMs = undefined;
    expect(problemsOf(report)).toEqual([
      'status: expected completed, degraded, interrupted or failed, got "finished"',
      'buses[0].requests.calls: expected a non-negative whole number, got 1.5',
      'buses[1].histograms.latencyMs: expected an HdrHistogram (compressed base64), got nothing',
    ]);
  });

  it('refuses buses that are not an array', () => {
    const report = loadQuickstartReport() as unknown as Record<string, unknown>;
    report.buses = 'orders';
    expect(problemsOf(report)).toEqual(['buses: expected an array of bus results, got "orders"']);
  });

  it('checks the invariants and the histograms once the structure holds', () => {
    const report = loadQuickstartReport();
    report.totals.requests.calls += 1;
    report.buses[0]!.latencyMs.count += 1;
    const problems = problemsOf(report);
    expect(problems).toContain(
      `totals.requests.calls (${report.totals.requests.calls}) != sum over buses (${report.totals.requests.calls - 1})`,
    );
    expect(problems.some((problem) => problem.startsWith('buses[0].histograms.latencyMs: holds'))).toBe(true);
  });
});

describe('shardRequirements (what merge asks of a shard besides the schema)', () => {
  it('the fixture report meets them', () => {
    expect(problemsOf(loadQuickstartReport(), shardRequirements)).toEqual([]);
  });

  it('names each missing or malformed field a merge needs', () => {
    const report = loadQuickstartReport() as unknown as {
      scenario: Record<string, unknown>;
      run: Record<string, unknown> & { shard: Record<string, unknown> };
    };
    delete report.scenario.buses;
    report.scenario.sha256 = 'abc';
    report.run.startedAt = 'yesterday';
    report.run.seed = 1.5;
    report.run.timeScale = 0;
    report.run.shard = { index: 2, count: 2 };
    expect(problemsOf(report)).toEqual([]);
    expect(problemsOf(report, shardRequirements)).toEqual([
      'scenario.sha256: expected a sha256 (64 hex digits), got "abc"',
      'scenario.buses: expected the declared buses (needed to re-price the merged counts), got nothing',
      'run.startedAt: expected an ISO time, got "yesterday"',
      'run.seed: expected a whole number, got 1.5',
      'run.timeScale: expected a number > 0, got 0',
      'run.shard.index: expected a whole number from 0 to 1, got 2',
    ]);
  });

  it('keeps one problem per field where both schemas refuse it (the report schema speaks)', () => {
    const report = loadQuickstartReport() as unknown as Record<string, unknown>;
    report.buses = 'orders';
    expect(problemsOf(report, shardRequirements)).toEqual([
      'buses: expected an array of bus results, got "orders"',
    ]);
  });

  it('refuses a time-series histogram a merge could not decode', () => {
    const report = loadQuickstartReport();
    report.buses[0]!.timeSeries!.points[3]!.latencyHistogram = 'bm90IGEgaGlzdG9ncmFt';
    expect(problemsOf(report, shardRequirements)).toEqual([
      'buses[0].timeSeries.points[3].latencyHistogram: expected an HdrHistogram (compressed base64) busload can decode',
    ]);
  });
});
