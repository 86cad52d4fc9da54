/**
 * `busload cost S` against a compressed `busload run S` covering whole periods of S's shape, one test per
 * shape (diurnal, bursts, steps with byte caps, replay, the rate x linger boundary): the estimate runs the
 * run's own plan and batcher, so the two agree within 3% per bus on data events and custom events. The run
 * is the real one (workers, lean transport, the embedded endpoint on loopback), a few seconds each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../../src/catalog/catalog-file.js';
import { estimateCost } from '../../../src/model/estimate.js';
import { usageFromScenario } from '../../../src/model/projection.js';
import type { CostEstimate } from '../../../src/model/types.js';
import { runScenario } from '../../../src/run/run-scenario.js';
import { loadScenario } from '../../../src/scenario/load.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'busload-cost-vs-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Agreement {
  bus: string;
  dataEventsShare: number;
  customEventsShare: number;
  cost: CostEstimate['buses'][number];
}

/** Runs S compressed as written and prices S without load; per bus, run / cost - 1. */
async function costVsRun(file: string): Promise<Agreement[]> {
  const loaded = await loadScenario(file);
  const { scenario } = loaded;
  const { catalog } = await loadCatalogFile();
  const declared = usageFromScenario(scenario);
  const cost = estimateCost({
    buses: declared.usage,
    projection: declared.projection,
    catalog,
    region: scenario.region,
  });
  const report = await runScenario({
    loaded,
    scenario,
    target: { kind: 'embedded' },
    runDir: join(dir, scenario.name),
    seed: 1,
    workers: 1,
    maxLagMs: 60_000,
    catalog,
    toolVersion: 'test',
    transport: 'lean',
  });
  // 'degraded' (the generator lagged on a busy machine) still sends every planned batch: counts are the plan's.
  expect(['completed', 'degraded']).toContain(report.status);
  expect(report.totals.entries.dropped).toBe(0);
  expect(report.totals.entries.failed).toBe(0);
  const rows = cost.buses.map((bus) => {
    const ran = report.cost.buses.find((candidate) => candidate.name === bus.name)!;
    return {
      bus: bus.name,
      dataEventsShare: Number(ran.monthly.dataEvents) / Number(bus.monthly.dataEvents) - 1,
      customEventsShare: Number(ran.monthly.customEvents) / Number(bus.monthly.customEvents) - 1,
      cost: bus,
    };
  });
  if (process.env.BUSLOAD_PRINT_AGREEMENT) {
    for (const row of rows) {
      process.stdout.write(
        `${scenario.name} ${row.bus}: data events ${(row.dataEventsShare * 100).toFixed(2)}%, custom events ${(row.customEventsShare * 100).toFixed(2)}%\n`,
      );
    }
  }
  return rows;
}

function expectWithin3(rows: Agreement[]): void {
  for (const row of rows) {
    expect(Math.abs(row.dataEventsShare), `${row.bus} data events ${row.dataEventsShare}`).toBeLessThan(0.03);
    expect(Math.abs(row.customEventsShare), `${row.bus} custom events ${row.customEventsShare}`).toBeLessThan(
      0.03,
    );
  }
}

const FIXTURES = 'test/e2e/cost/fixtures/shapes';

describe('busload cost vs a compressed run over whole periods, per shape', () => {
  it('rate x linger boundary (40/s, 1 instance, linger 50 ms): 2 entries a request, exactly', async () => {
    const rows = await costVsRun(`${FIXTURES}/boundary.yaml`);
    // 20 calls/s x 2,628,000 s = 52,560,000 data events (floor(40 x 0.05) + 1 = 3 would say 35,040,000);
    // 40 entries/s of 1 KB = 105,120,000 custom events. The run's 5 s: 100 calls, 200 entries.
    expect(rows[0]!.cost.monthly.dataEvents).toBe('52560000');
    expect(rows[0]!.cost.monthly.customEvents).toBe('105120000');
    expect(rows[0]!.dataEventsShare).toBe(0);
    expect(rows[0]!.customEventsShare).toBe(0);
  }, 30_000);

  it('diurnal: a whole day in 4 s (timeScale 21600), linger 5 ms', async () => {
    expectWithin3(await costVsRun(`${FIXTURES}/diurnal-linger.yaml`));
  }, 30_000);

  it('bursts: 40 burst cycles of Poisson arrivals, linger 3 ms, two detail types', async () => {
    expectWithin3(await costVsRun(`${FIXTURES}/bursts-linger.yaml`));
  }, 30_000);

  it('steps: a 30-minute sequence, linger 10 ms, byte-capped batches of 2 KB and 100 KB entries', async () => {
    expectWithin3(await costVsRun(`${FIXTURES}/steps-linger.yaml`));
  }, 30_000);

  it('replay: a 12-minute per-minute series, linger 2 ms, lognormal sizes', async () => {
    expectWithin3(await costVsRun(`${FIXTURES}/replay-linger.yaml`));
  }, 30_000);
});
