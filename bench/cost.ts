/**
 * Cost benchmarks (issue 12):
 * - `cost-estimate`: `busload cost <scenario>` for every shipped scenario, in this process (load, simulate,
 *   price; median of 5), and the built CLI users run (`node bin/busload.js cost`, dist/ built first when
 *   missing or older than src/) on the slowest of them, median of 5, alternating with rogue-producer (nothing
 *   simulated) as the reference for start-up on this machine at that moment; the load average is printed
 *   beside both. Target: under 2 s.
 * - `cost-vs-run`: per shipped scenario and bus, `busload cost` against compressed runs (lean transport,
 *   embedded endpoint) replaying the same whole profile (duration x timeScale kept, replay shortened to 8 s
 *   or to what keeps the shape's shortest feature at 20 lingers or more, never longer than the scenario's
 *   own). Like for like: where the producers are random the estimate is the mean over COST_SEEDS, so the
 *   scenario is run once per seed in COST_SEEDS and the estimate is compared with the runs' mean (run / cost
 *   - 1 for data events and custom events), with each run's own difference (the runs' spread) beside it.
 *   Several minutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../src/catalog/catalog-file.js';
import { entryOutcomeOf } from '../src/model/entry-outcome.js';
import { estimateCost } from '../src/model/estimate.js';
import { MONTH_SECONDS } from '../src/model/money.js';
import { usageFromScenario } from '../src/model/projection.js';
import { shapePeriod } from '../src/model/shape-period.js';
import { COST_SEEDS, isRandom } from '../src/model/simulate.js';
import { countWindow } from '../src/model/window-counts.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { median } from './endpoint.js';

interface Figure {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

async function shippedScenarios(): Promise<string[]> {
  return (await readdir('scenarios'))
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join('scenarios', file));
}

async function priceScenario(file: string) {
  const { scenario } = await loadScenario(file);
  const { catalog } = await loadCatalogFile();
  const declared = usageFromScenario(scenario);
  return estimateCost({
    buses: declared.usage,
    projection: declared.projection,
    catalog,
    region: scenario.region,
  });
}

/** The newest modification time (ms) of the files under a directory. */
async function newestMtimeMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (`npm run build`) when it is missing or older than src/; says which. */
async function ensureBuilt(): Promise<string> {
  // tsc's incremental build rewrites only what changed: the newest file of dist/ is when it was last built.
  const built = await stat('dist/cli/index.js').then(
    () => newestMtimeMs('dist'),
    () => null,
  );
  if (built !== null && built >= (await newestMtimeMs('src'))) return 'dist/ up to date';
  const startedMs = performance.now();
  const child = spawnSync('npm', ['run', '-s', 'build'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`npm run build failed: ${child.stdout}${child.stderr}`);
  return `dist/ ${built === null ? 'missing' : 'older than src/'}: built first (${Math.round(performance.now() - startedMs)} ms)`;
}

const loadAverage = (): string =>
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`;

/**
 * `cost-estimate`: in-process medians per scenario (load + simulate + price), and the built CLI users run
 * (`node bin/busload.js cost`) on the slowest of them, beside rogue-producer (closed form, nothing
 * simulated: start-up and pricing) as the reference for this machine at this moment; medians of 5, with the
 * load average.
 */
export async function costEstimate(): Promise<Figure[]> {
  const build = await ensureBuilt();
  const timings: { file: string; medianMs: number }[] = [];
  for (const file of await shippedScenarios()) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const startedMs = performance.now();
      await priceScenario(file);
      samples.push(performance.now() - startedMs);
    }
    timings.push({ file, medianMs: median(samples) });
  }
  const inProcessLoad = loadAverage();
  const largest = timings.reduce((a, b) => (b.medianMs > a.medianMs ? b : a)).file;
  const timeCli = (file: string): number => {
    const startedMs = performance.now();
    const child = spawnSync(process.execPath, ['bin/busload.js', 'cost', file], {
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`busload cost ${file} failed: ${child.stderr}`);
    return performance.now() - startedMs;
  };
  // Alternating pairs, so both see the same moments of a shared machine.
  const cliMs: number[] = [];
  const referenceMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    cliMs.push(timeCli(largest));
    referenceMs.push(timeCli('scenarios/rogue-producer.yaml'));
  }
  const cliMedianMs = median(cliMs);
  const name = (file: string) => file.replace(/^scenarios\/|\.yaml$/g, '');
  return [
    {
      name: 'cost-estimate: in-process (load + simulate + price), median of 5',
      value: `${timings.map((t) => `${name(t.file)} ${Math.round(t.medianMs)} ms`).join(', ')} (${inProcessLoad})`,
    },
    {
      name: `cost-estimate: \`node bin/busload.js cost ${largest}\` (built CLI, the slowest in process), median of 5`,
      value:
        `${Math.round(cliMedianMs)} ms (${cliMs.map(Math.round).join(' / ')}); reference rogue-producer ` +
        `(start-up and pricing, nothing simulated) ${Math.round(median(referenceMs))} ms (${referenceMs.map(Math.round).join(' / ')}); ` +
        `${loadAverage()}; ${build}`,
      target: '< 2000 ms',
      ok: cliMedianMs < 2000,
    },
  ];
}

/** The scenario replayed over the same profile in a shorter replay (8 s, or what keeps features >= 20 lingers). */
function compressed(scenario: Scenario): Scenario {
  const profileMs = scenario.durationMs * scenario.timeScale;
  let replayMs = Math.min(scenario.durationMs, 8000);
  for (const producer of scenario.producers) {
    if (producer.batching.kind !== 'linger' || producer.batching.lingerMs <= 0) continue;
    const { featureMs } = shapePeriod(producer.shape, profileMs);
    if (!Number.isFinite(featureMs)) continue;
    const maxTimeScale = Math.max(1, featureMs / (20 * producer.batching.lingerMs));
    replayMs = Math.max(replayMs, Math.min(scenario.durationMs, profileMs / maxTimeScale));
  }
  return { ...scenario, durationMs: Math.round(replayMs), timeScale: profileMs / Math.round(replayMs) };
}

const signed = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(2)}%`;

/** Seeds of the compressed window's own plan: the expected value of what its runs measure, nearly noiseless. */
const PLAN_SEEDS = 40;

/**
 * The compressed window's own plan (what its runs send: lead-in, edges and sampling included) over
 * {@link PLAN_SEEDS} seeds, as monthly calls and chunks per bus: a difference between it and the estimate is
 * a bias; a difference between it and the runs' mean is the runs' own noise.
 */
function compressedPlan(scenario: Scenario): Map<string, { calls: number; chunks: number }> {
  const profileMs = scenario.durationMs * scenario.timeScale;
  const perMonth = (MONTH_SECONDS * 1000) / scenario.durationMs;
  const totals = new Map<string, { calls: number; chunks: number }>();
  for (let seed = 1; seed <= PLAN_SEEDS; seed++) {
    for (const producer of scenario.producers) {
      const counts = countWindow(
        producer,
        seed,
        profileMs,
        { startMs: 0, endMs: profileMs },
        scenario.timeScale,
        entryOutcomeOf(scenario, producer),
      );
      const bus = totals.get(producer.bus) ?? { calls: 0, chunks: 0 };
      bus.calls += (counts.calls * perMonth) / PLAN_SEEDS;
      bus.chunks += (counts.chunks * perMonth) / PLAN_SEEDS;
      totals.set(producer.bus, bus);
    }
  }
  return totals;
}

/** What one compressed run measured for a bus, as monthly figures. */
interface RunFigures {
  dataEvents: number;
  customEvents: number;
  calls: number;
  entries: number;
  failed: number;
}

/** `cost-vs-run`: per shipped scenario and bus, compressed runs (one per cost seed if random) against the estimate. */
export async function costVsRun(workers: number): Promise<Figure[]> {
  const { catalog } = await loadCatalogFile();
  const figures: Figure[] = [];
  for (const file of await shippedScenarios()) {
    const loaded = await loadScenario(file);
    const estimate = await priceScenario(file);
    const scenario = compressed(loaded.scenario);
    // Like for like: the estimate of a random scenario is the mean over COST_SEEDS, so is the run's figure.
    const random = scenario.producers.some(isRandom);
    const seeds = random ? [...COST_SEEDS] : [COST_SEEDS[0]!];
    const plan = compressedPlan(scenario);
    const perBus = new Map<string, RunFigures[]>();
    const statuses = new Set<string>();
    for (const seed of seeds) {
      const runDir = await mkdtemp(join(tmpdir(), 'busload-bench-cost-'));
      try {
        const report = await runScenario({
          loaded,
          scenario,
          target: 'local',
          runDir,
          seed,
          workers,
          maxLagMs: 60_000,
          catalog,
          toolVersion: 'bench',
          transport: 'lean',
        });
        statuses.add(report.status);
        for (const bus of estimate.buses) {
          const ran = report.cost.buses.find((candidate) => candidate.name === bus.name);
          const ranBus = report.buses.find((candidate) => candidate.name === bus.name);
          if (!ran || !ranBus) continue;
          // A bus with logging off has no data events: compare the calls it would log if enabled.
          const dataEvents = Number(
            bus.loggingMode === 'off' ? (ran.ifEnabled?.dataEvents ?? 0) : ran.monthly.dataEvents,
          );
          perBus.set(bus.name, [
            ...(perBus.get(bus.name) ?? []),
            {
              dataEvents,
              customEvents: Number(ran.monthly.customEvents),
              calls: ranBus.requests.calls,
              entries: ranBus.entries.succeeded,
              failed: ranBus.entries.failed,
            },
          ]);
        }
      } finally {
        await rm(runDir, { recursive: true, force: true });
      }
    }
    for (const bus of estimate.buses) {
      const runs = perBus.get(bus.name);
      if (!runs || runs.length === 0) continue;
      const mean = (pick: (run: RunFigures) => number) =>
        runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
      const share = (ran: number, cost: number) => (cost === 0 ? (ran === 0 ? 0 : 1) : ran / cost - 1);
      const costData = Number(
        bus.loggingMode === 'off' ? (bus.ifEnabled?.dataEvents ?? 0) : bus.monthly.dataEvents,
      );
      const costCustom = Number(bus.monthly.customEvents);
      const dataShare = share(
        mean((run) => run.dataEvents),
        costData,
      );
      const customShare = share(
        mean((run) => run.customEvents),
        costCustom,
      );
      // The runs' own spread: min and max of run / cost - 1 over the seeds.
      const spreadOf = (pick: (run: RunFigures) => number, cost: number) => {
        const shares = runs.map((run) => share(pick(run), cost));
        return `${signed(Math.min(...shares))}..${signed(Math.max(...shares))}`;
      };
      const runsText =
        runs.length > 1
          ? `mean of ${runs.length} runs (seeds ${seeds.join(', ')}); each run: data events ${spreadOf((run) => run.dataEvents, costData)}, custom events ${spreadOf((run) => run.customEvents, costCustom)}; per run ${Math.round(mean((run) => run.calls))} calls, ${Math.round(mean((run) => run.entries))} entries, ${Math.round(mean((run) => run.failed))} failed`
          : `one run (nothing random): ${runs[0]!.calls} calls, ${runs[0]!.entries} entries, ${runs[0]!.failed} failed`;
      // The estimate's calls: data events per trail copy (a bus with logging off: what enabling would log).
      const copies = loaded.scenario.buses.find((spec) => spec.name === bus.name)?.trailCopies ?? 1;
      const planned = plan.get(bus.name);
      const planText = planned
        ? `; the compressed window's own plan over ${PLAN_SEEDS} seeds: calls ${signed(share(planned.calls, costData / copies))}, custom events ${signed(share(planned.chunks, costCustom))} vs cost`
        : '';
      figures.push({
        name: `cost-vs-run: ${loaded.scenario.name}/${bus.name} (${scenario.durationMs / 1000} s at timeScale ${Number(scenario.timeScale.toFixed(2))}, ${[...statuses].join('/')})`,
        value: `data events ${signed(dataShare)}, custom events ${signed(customShare)} (${runsText}${planText})`,
        target: 'within 3%',
        ok: Math.abs(dataShare) <= 0.03 && Math.abs(customShare) <= 0.03,
      });
    }
  }
  return figures;
}
