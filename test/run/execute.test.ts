/**
 * The run engine from a checked request: a short run of the tiny fixture on the embedded endpoint, written
 * to its run directory, with what it says on the way; and its pure parts (target label, path time, peak
 * calls, the progress line's projected cost, which builds each bus's input as the report does).
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import type { RunReport } from '../../src/report/types.js';
import {
  executeRun,
  pathTimestamp,
  peakCallsPerSecOf,
  projectMonthlyUsd,
  type RunRequest,
  targetLabel,
} from '../../src/run/execute.js';
import { emptyTotals, ProgressAccumulator } from '../../src/run/progress.js';
import { RunSession } from '../../src/run/session.js';
import type { Scenario } from '../../src/scenario/types.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

describe('targetLabel', () => {
  it('names the target as the report does, never with credentials', () => {
    expect(targetLabel({ kind: 'local' })).toBe('local');
    expect(targetLabel({ kind: 'loopback', url: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010');
    expect(targetLabel({ kind: 'remote', label: 'aws', explicitUrl: null })).toBe('aws');
  });
});

describe('pathTimestamp', () => {
  it('is the UTC time to the second, usable in a path', () => {
    expect(pathTimestamp(new Date(Date.UTC(2026, 10, 24, 22, 31, 5, 678)))).toBe('2026-11-24T22-31-05Z');
  });
});

describe('peakCallsPerSecOf', () => {
  it('adds full batches and linger batches at their peak', () => {
    const scenario = makeScenario([
      makeProducer({ shape: { kind: 'constant', ratePerSec: 100 } }),
      makeProducer({
        name: 'linger',
        shape: { kind: 'constant', ratePerSec: 40 },
        instances: 2,
        batching: { kind: 'linger', maxEntries: 10, lingerMs: 100 },
      }),
    ]);
    // 100 / 10 + min(40, 2 x 10 + 40 / 10) = 10 + 24.
    expect(peakCallsPerSecOf(scenario)).toBe(34);
  });
});

describe('projectMonthlyUsd', () => {
  const scenario = makeScenario([makeProducer({ shape: { kind: 'constant', ratePerSec: 100 } })], 10_000);
  const accumulator = new ProgressAccumulator();
  accumulator.add({
    kind: 'progress',
    workerIndex: 0,
    atEpochMs: 0,
    buses: {
      orders: {
        ...emptyTotals(),
        calls: 100,
        attempts: 100,
        attemptsSucceeded: 100,
        entriesSucceeded: 1000,
        billableChunks: 1000,
        latencyHistogram: '',
      },
    },
  });
  const withLogging = (bus: Partial<Scenario['buses'][number]>): Scenario => ({
    ...scenario,
    buses: [{ ...scenario.buses[0]!, ...bus }],
  });

  it('is null before the first call', async () => {
    const { catalog } = await loadCatalogFile();
    expect(projectMonthlyUsd(scenario, catalog, new ProgressAccumulator(), 5000)).toBeNull();
    expect(projectMonthlyUsd(scenario, catalog, accumulator, 0)).toBeNull();
  });

  it("honours the bus's selectors: calls every selector excludes cost what an unlogged bus costs", async () => {
    const { catalog } = await loadCatalogFile();
    const unlogged = projectMonthlyUsd(withLogging({ logging: 'off' }), catalog, accumulator, 10_000);
    const logged = projectMonthlyUsd(scenario, catalog, accumulator, 10_000);
    const excluded = projectMonthlyUsd(
      withLogging({
        loggingScope: {
          exclusions: [{ field: 'eventName', operator: 'equals', values: ['PutEvents'] }],
          insights: false,
          lakeQueryGbPerMonth: 0,
          window: null,
        },
      }),
      catalog,
      accumulator,
      10_000,
    );
    expect(unlogged).not.toBeNull();
    expect(Number(logged!.replaceAll(',', ''))).toBeGreaterThan(Number(unlogged!.replaceAll(',', '')));
    expect(excluded).toBe(unlogged);
  });
});

/** A run of the tiny fixture on the embedded endpoint (lean, seed 3) into `out`. */
function tinyRequest(
  out: string,
  figures: Pick<RunRequest, 'durationMs' | 'rateScale' | 'workers' | 'workersGiven' | 'cores' | 'typed'>,
): RunRequest {
  return {
    scenarioFile: 'test/fixtures/cli/tiny.yaml',
    target: { kind: 'local' },
    out,
    force: false,
    seed: 3,
    transport: 'lean',
    shard: { index: 0, count: 1 },
    startAtEpochMs: undefined,
    allowBus: [],
    maxSpendUsd: undefined,
    maxLagMs: 1000,
    toolVersion: 'test',
    ...figures,
  };
}

describe('executeRun', () => {
  it('replays the tiny fixture on the embedded endpoint, writes the run directory and says what it does', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-execute-')), 'run');
    const notes = new PassThrough();
    const said: string[] = [];
    notes.on('data', (chunk) => said.push(String(chunk)));
    const session = new RunSession({
      view: null,
      tty: false,
      notes,
      signals: new EventEmitter() as unknown as NodeJS.Process,
    });
    const request = tinyRequest(out, {
      durationMs: 1000,
      rateScale: 0.5,
      workers: 1,
      workersGiven: true,
      cores: 1,
      typed: { rateScale: '0.5', duration: '1s' },
    });
    let outcome: Awaited<ReturnType<typeof executeRun>>;
    try {
      outcome = await executeRun(request, session);
    } finally {
      session.close();
    }
    expect(outcome.runDir).toBe(out);
    expect(outcome.writeError).toBeNull();
    expect(outcome.thresholdErrors).toEqual([]);
    expect(outcome.thresholdResults.map((result) => result.source)).toEqual([
      'buses.orders.entries.failed == 0',
      'cost.totalMonthlyUsd < 100000',
    ]);
    const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(written.run).toMatchObject({
      target: 'local',
      transport: 'lean',
      seed: 3,
      rateScale: 0.5,
      workers: 1,
    });
    expect(written.run.plannedDurationMs).toBe(1000);
    expect(existsSync(join(out, 'cloudtrail'))).toBe(true);
    expect(said.join('')).toBe(
      'busload: replaying tiny (2 buses, 2 producers, at most 30 PutEvents calls/s planned) for 1 s against the embedded endpoint\n',
    );
  }, 60_000);

  it('without --workers, starts the workers the planned rate needs (30 calls/s: 1), not one per core', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-execute-')), 'run');
    const session = new RunSession({
      view: null,
      tty: false,
      notes: new PassThrough(),
      signals: new EventEmitter() as unknown as NodeJS.Process,
    });
    const outcome = await executeRun(
      tinyRequest(out, {
        durationMs: 500,
        rateScale: 1,
        workers: 2,
        workersGiven: false,
        cores: 2,
        typed: { rateScale: '1', duration: '500ms' },
      }),
      session,
    );
    expect(outcome.report.run.workers).toBe(1);
    expect(outcome.report.generator.workers?.map((worker) => worker.index)).toEqual([0]);
  }, 60_000);
});
