/**
 * End to end: two shards of a deterministic scenario, run for real (worker threads, the SDK, the embedded
 * endpoint), merge into exactly the whole plan, with histogram counts equal to the sum of the shards'.
 * Then the merge's refusals: different scenarios or rate scales, the same shard twice, a missing shard.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { InputError } from '../../src/errors.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { checkReportInvariants } from '../../src/report/invariants.js';
import { mergeShardReports, parseShardReport, type ShardReport } from '../../src/report/merge.js';
import type { RunReport } from '../../src/report/types.js';
import { writeRunReports } from '../../src/report/write.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { type CliResult, runBusload } from '../helpers/busload-cli.js';

const SCENARIO = 'test/e2e/merge/fixed.yaml';

async function runShard(index: number, count: number, dir: string): Promise<RunReport> {
  const loaded = await loadScenario(SCENARIO);
  const { catalog } = await loadCatalogFile();
  return runScenario({
    loaded,
    scenario: loaded.scenario,
    target: { kind: 'embedded' },
    runDir: join(dir, `shard-${index}-of-${count}`),
    seed: 3,
    workers: 1,
    maxLagMs: 5000,
    catalog,
    toolVersion: 'test',
    shard: { index, count },
  });
}

const histogramCount = (encoded: string): number => decodeHistogram(encoded).totalCount;

/** Runs `busload merge` (from source) in a child process. */
const busloadMerge = (args: string[]): Promise<CliResult> => runBusload(['merge', ...args]);

/** A shard with its run.rateScale set, or removed (a report written before the field existed). */
function withRateScale(shard: ShardReport, file: string, rateScale: number | undefined): ShardReport {
  const json = JSON.parse(JSON.stringify(shard.report)) as { run: Record<string, unknown> };
  if (rateScale === undefined) delete json.run.rateScale;
  else json.run.rateScale = rateScale;
  return parseShardReport(file, json);
}

describe('busload merge of real shard runs', () => {
  let dir: string;
  let whole: RunReport;
  let shards: ShardReport[];
  let merged: RunReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'busload-merge-'));
    const [a, b, all] = await Promise.all([runShard(0, 2, dir), runShard(1, 2, dir), runShard(0, 1, dir)]);
    whole = all;
    shards = [
      parseShardReport('shard-1.json', JSON.parse(JSON.stringify(b))),
      parseShardReport('shard-0.json', JSON.parse(JSON.stringify(a))),
    ];
    const { catalog } = await loadCatalogFile();
    merged = mergeShardReports(shards, { catalog, toolVersion: 'test' });
  }, 60_000);

  it('runs each shard on its part of the plan', () => {
    for (const shard of shards) {
      expect(shard.report.status).toBe('completed');
      expect(shard.report.run.shard.count).toBe(2);
      expect(shard.report.totals.entries.planned).toBeGreaterThan(0);
      expect(shard.report.totals.entries.planned).toBeLessThan(whole.totals.entries.planned);
    }
  });

  it('merges into exactly the whole plan', () => {
    expect(whole.totals.entries.planned).toBe(180 + 300);
    expect(merged.status).toBe('completed');
    expect(merged.run.shard).toEqual({ index: 0, count: 1 });
    expect(merged.run.workers).toBe(2);
    expect(checkReportInvariants(merged)).toEqual([]);
    for (const name of ['orders', 'telemetry']) {
      const m = merged.buses.find((bus) => bus.name === name)!;
      const w = whole.buses.find((bus) => bus.name === name)!;
      expect(m.entries, name).toEqual(w.entries);
      expect(m.requests, name).toEqual(w.requests);
      expect(m.errors, name).toEqual(w.errors);
    }
    expect(merged.totals.entries.billableChunks).toBe(180 + 600);
    expect(merged.totals.requests.calls).toBe(45 + 30);
  });

  it('adds the histograms: merged counts equal the sum of the shards', () => {
    for (const name of ['orders', 'telemetry', '*']) {
      const pick = (report: RunReport) =>
        name === '*' ? report.totals : report.buses.find((bus) => bus.name === name)!;
      const sum = shards.reduce(
        (acc, shard) => acc + histogramCount(pick(shard.report).histograms.latencyMs),
        0,
      );
      expect(histogramCount(pick(merged).histograms.latencyMs), name).toBe(sum);
      expect(histogramCount(pick(merged).histograms.serviceLatencyMs), name).toBe(sum);
      expect(pick(merged).latencyMs.count, name).toBe(pick(whole).latencyMs.count);
      expect(pick(merged).latencyMs.max, name).toBe(
        Math.max(...shards.map((shard) => pick(shard.report).latencyMs.max)),
      );
    }
  });

  it('re-estimates the cost from the merged counts (as the whole run prices them)', async () => {
    expect(merged.cost.projection).toEqual(whole.cost.projection);
    const counted = (report: RunReport) =>
      report.cost.buses.map(({ name, monthly }) => [
        name,
        monthly.customEvents,
        monthly.dataEvents,
        monthly.eventBridgeUsd,
      ]);
    expect(counted(merged)).toEqual(counted(whole));
    // Logging also prices the trail files' storage at the gzip ratio each run measured on its own files
    // (reconciliation[].trailGzipRatio): the merge weights the shards' ratios by the JSON bytes they
    // compressed. The whole run's own ratio depends on how its files were cut (load-dependent), so compare
    // like with like: the whole run priced at the merged ratio gives the merged logging line within 0.5%
    // (record sizes differ by a few bytes between runs: request IDs, timestamps).
    for (const row of merged.reconciliation ?? []) {
      if (row.trailBytes === null) continue;
      const rows = shards.map((shard) => shard.report.reconciliation!.find((r) => r.bus === row.bus)!);
      const weighted =
        rows.reduce((sum, r) => sum + r.trailGzipRatio! * r.trailBytes!, 0) /
        rows.reduce((sum, r) => sum + r.trailBytes!, 0);
      expect(row.trailGzipRatio, row.bus).toBeCloseTo(weighted, 12);
    }
    const { catalog } = await loadCatalogFile();
    const wholeAtMergedRatio = JSON.parse(JSON.stringify(whole)) as RunReport;
    for (const row of wholeAtMergedRatio.reconciliation ?? []) {
      row.trailGzipRatio = merged.reconciliation!.find((r) => r.bus === row.bus)!.trailGzipRatio ?? null;
    }
    const wholeAsMerged = mergeShardReports([parseShardReport('whole.json', wholeAtMergedRatio)], {
      catalog,
      toolVersion: 'test',
    });
    merged.cost.buses.forEach((bus, index) => {
      const wholeUsd = Number(wholeAsMerged.cost.buses[index]!.monthly.loggingUsd);
      expect(Math.abs(Number(bus.monthly.loggingUsd) - wholeUsd), bus.name).toBeLessThanOrEqual(
        wholeUsd * 0.005,
      );
    });
    expect(merged.reconciliation?.map((row) => row.trailRecords)).toEqual(
      whole.reconciliation?.map((row) => row.trailRecords),
    );
  });

  it('refuses a shard of another scenario, a shard given twice and a missing shard', async () => {
    const { catalog } = await loadCatalogFile();
    const options = { catalog, toolVersion: 'test' };
    const other = structuredClone(shards[0]!);
    other.file = 'other.json';
    other.report.scenario.sha256 = 'f'.repeat(64);
    expect(() => mergeShardReports([shards[1]!, other], options)).toThrow(InputError);
    expect(() => mergeShardReports([shards[1]!, other], options)).toThrow(
      /shard-0\.json and other\.json: scenario\.sha256: runs of different scenarios/,
    );
    const twice = { ...structuredClone(shards[1]!), file: 'again.json' };
    expect(() => mergeShardReports([shards[0]!, shards[1]!, twice], options)).toThrow(
      /run\.shard: shard-0\.json and again\.json are all shard 0\/2 \(overlapping/,
    );
    expect(() => mergeShardReports([shards[0]!], options)).toThrow(
      /run\.shard: shard 0\/2 missing \(given: shard-1\.json = 1\/2\)/,
    );
    const reseeded = structuredClone(shards[0]!);
    reseeded.report.run.seed = 4;
    expect(() => mergeShardReports([shards[1]!, reseeded], options)).toThrow(
      /run\.seed: shards of one run share it/,
    );
  });

  it('records the rate scale of the shards (1 for the shards here, run without --rate-scale)', () => {
    expect(shards.map((shard) => shard.report.run.rateScale)).toEqual([1, 1]);
    expect(merged.run.rateScale).toBe(1);
  });

  it('refuses shards run at different rate scales, naming both files and both values', async () => {
    const { catalog } = await loadCatalogFile();
    const options = { catalog, toolVersion: 'test' };
    const doubled = withRateScale(shards[0]!, 'doubled.json', 2);
    let error: unknown;
    try {
      mergeShardReports([shards[1]!, doubled], options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'shard-0.json and doubled.json: run.rateScale: shards of one run share it (1 vs 2)',
    );
    // A shard written before run.rateScale existed was run at 1: refused next to 2, merged next to 1.
    const old = withRateScale(shards[1]!, 'old.json', undefined);
    expect(old.report.run.rateScale).toBe(1);
    expect(() => mergeShardReports([old, doubled], options)).toThrow(
      'old.json and doubled.json: run.rateScale: shards of one run share it (1 vs 2)',
    );
    expect(mergeShardReports([old, shards[0]!], options).run.rateScale).toBe(1);
  });

  it('keeps the common rate scale of the shards in the merged report', async () => {
    const { catalog } = await loadCatalogFile();
    const halved = [withRateScale(shards[0]!, 'a.json', 0.5), withRateScale(shards[1]!, 'b.json', 0.5)];
    const report = mergeShardReports(halved, { catalog, toolVersion: 'test' });
    expect(report.run.rateScale).toBe(0.5);
    expect(report.totals.entries).toEqual(merged.totals.entries);
    expect(checkReportInvariants(report)).toEqual([]);
  });

  it('refuses a shard whose run.rateScale is not a number > 0, naming the file', () => {
    const json = JSON.parse(JSON.stringify(shards[0]!.report)) as { run: Record<string, unknown> };
    json.run.rateScale = '2';
    expect(() => parseShardReport('text.json', json)).toThrow(
      new InputError('text.json: run.rateScale: expected a number > 0 (the run\'s --rate-scale), got "2"'),
    );
  });

  it('works from the CLI: writes report.json/md/html of the whole plan', async () => {
    const files = await Promise.all(
      shards.map(async (shard) => {
        const out = join(dir, `cli-${shard.report.run.shard.index}`);
        await writeRunReports(out, shard.report);
        return join(out, 'report.json');
      }),
    );
    const out = join(dir, 'merged');
    const { code, stdout, stderr } = await busloadMerge([...files, '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(out);
    const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(written.totals.entries).toEqual(whole.totals.entries);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('merge-fixed');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<html');
  }, 60_000);

  it('from the CLI, exits 2 on shards of different rate scales, naming both files and values', async () => {
    const files = await Promise.all(
      [withRateScale(shards[0]!, 'x', 1), withRateScale(shards[1]!, 'x', 3)].map(async (shard) => {
        const out = join(dir, `cli-rate-${shard.report.run.rateScale}`);
        await writeRunReports(out, shard.report);
        return join(out, 'report.json');
      }),
    );
    const out = join(dir, 'merged-rate');
    const { code, stdout, stderr } = await busloadMerge([...files, '--out', out]);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(
      `${files[0]} and ${files[1]}: run.rateScale: shards of one run share it (1 vs 3)`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
