/**
 * Cost benchmarks (issue 12):
 * - `cost-estimate`: `busload cost <scenario>` for every shipped scenario, in this process (load, simulate,
 *   price; median of 5), and the whole CLI on the largest (regulated-checkout; median of 3 child processes
 *   from source, so tsx's start-up is included), beside rogue-producer (nothing simulated) as the reference
 *   for start-up on this machine at that moment. Target: under 2 s.
 * - `cost-vs-run`: per shipped scenario and bus, `busload cost` against a compressed run (lean transport,
 *   embedded endpoint) replaying the same whole profile (duration x timeScale kept, replay shortened to 8 s
 *   or to what keeps the shape's shortest feature at 20 lingers or more, never longer than the scenario's own): run / cost - 1 for data events
 *   and custom events. About two minutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { estimateCost } from '../src/model/estimate.js';
import { usageFromScenario } from '../src/model/projection.js';
import { countWindow, entryOutcomeOf, shapePeriod } from '../src/model/simulate.js';
import { loadCatalogFile } from '../src/run/catalog-file.js';
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

/** `cost-estimate`: in-process medians per scenario, and the CLI's wall time on the largest. */
export async function costEstimate(): Promise<Figure[]> {
  const timings: string[] = [];
  for (const file of await shippedScenarios()) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const startedMs = performance.now();
      await priceScenario(file);
      samples.push(performance.now() - startedMs);
    }
    timings.push(`${file.replace(/^scenarios\/|\.yaml$/g, '')} ${Math.round(median(samples))} ms`);
  }
  // Alternating pairs: the largest scenario, and rogue-producer (closed form, nothing simulated) as the
  // reference for start-up and pricing on this machine at this moment.
  const timeCli = (file: string): number => {
    const startedMs = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'cost', file], {
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`busload cost ${file} failed: ${child.stderr}`);
    return performance.now() - startedMs;
  };
  const cliMs: number[] = [];
  const referenceMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    cliMs.push(timeCli('scenarios/regulated-checkout.yaml'));
    referenceMs.push(timeCli('scenarios/rogue-producer.yaml'));
  }
  const cliMedianMs = median(cliMs);
  return [
    { name: 'cost-estimate: in-process (load + simulate + price), median of 5', value: timings.join(', ') },
    {
      name: 'cost-estimate: `busload cost scenarios/regulated-checkout.yaml` from source, median of 3',
      value:
        `${Math.round(cliMedianMs)} ms (${cliMs.map(Math.round).join(' / ')}); reference rogue-producer ` +
        `(start-up and pricing, nothing simulated) ${Math.round(median(referenceMs))} ms (${referenceMs.map(Math.round).join(' / ')})`,
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

/**
 * What the compressed run itself should measure, from its own plan (the window it replays, lead-in cycles
 * and edges included) over 20 seeds: per bus the mean monthly calls and 2 standard deviations as a share.
 */
function compressedPlanCalls(scenario: Scenario): Map<string, { mean: number; twoSigma: number }> {
  const profileMs = scenario.durationMs * scenario.timeScale;
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
  const perBus = new Map<string, number[]>();
  for (const seed of seeds) {
    const calls = new Map<string, number>();
    for (const producer of scenario.producers) {
      const counts = countWindow(
        producer,
        seed,
        profileMs,
        { startMs: 0, endMs: profileMs },
        scenario.timeScale,
        entryOutcomeOf(scenario, producer),
      );
      calls.set(
        producer.bus,
        (calls.get(producer.bus) ?? 0) + (counts.calls * 2_628_000_000) / scenario.durationMs,
      );
    }
    for (const [bus, value] of calls) perBus.set(bus, [...(perBus.get(bus) ?? []), value]);
  }
  const result = new Map<string, { mean: number; twoSigma: number }>();
  for (const [bus, values] of perBus) {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
    result.set(bus, { mean, twoSigma: mean > 0 ? (2 * Math.sqrt(variance)) / mean : 0 });
  }
  return result;
}

/** The estimate's monthly calls of a bus (data events / trail copies, or what enabling would log). */
function costCalls(
  bus: { loggingMode: string; monthly: { dataEvents: string }; ifEnabled?: { dataEvents: string } },
  copies = 1,
): number {
  const dataEvents =
    bus.loggingMode === 'off' ? Number(bus.ifEnabled?.dataEvents ?? 0) : Number(bus.monthly.dataEvents);
  return dataEvents / copies;
}

/** `cost-vs-run`: per shipped scenario and bus, a compressed run against the estimate. */
export async function costVsRun(workers: number): Promise<Figure[]> {
  const { catalog } = await loadCatalogFile();
  const figures: Figure[] = [];
  for (const file of await shippedScenarios()) {
    const loaded = await loadScenario(file);
    const estimate = await priceScenario(file);
    const scenario = compressed(loaded.scenario);
    const planned = compressedPlanCalls(scenario);
    const runDir = await mkdtemp(join(tmpdir(), 'busload-bench-cost-'));
    try {
      const report = await runScenario({
        loaded,
        scenario,
        target: 'local',
        runDir,
        seed: 1,
        workers,
        maxLagMs: 60_000,
        catalog,
        toolVersion: 'bench',
        transport: 'lean',
      });
      for (const bus of estimate.buses) {
        const ran = report.cost.buses.find((candidate) => candidate.name === bus.name);
        const ranBus = report.buses.find((candidate) => candidate.name === bus.name);
        if (!ran || !ranBus) continue;
        const share = (a: string, b: string) =>
          Number(b) === 0 ? (Number(a) === 0 ? 0 : 1) : Number(a) / Number(b) - 1;
        // A bus with logging off has no data events: compare the calls it would log if enabled.
        const dataShare =
          bus.loggingMode === 'off'
            ? share(ran.ifEnabled?.dataEvents ?? '0', bus.ifEnabled?.dataEvents ?? '0')
            : share(ran.monthly.dataEvents, bus.monthly.dataEvents);
        const customShare = share(ran.monthly.customEvents, bus.monthly.customEvents);
        const plan = planned.get(bus.name);
        figures.push({
          name: `cost-vs-run: ${loaded.scenario.name}/${bus.name} (${scenario.durationMs / 1000} s at timeScale ${Number(scenario.timeScale.toFixed(2))}, ${report.status})`,
          value:
            `data events ${signed(dataShare)}, custom events ${signed(customShare)} ` +
            `(run: ${ranBus.requests.calls} calls, ${ranBus.entries.succeeded} entries; ${ranBus.entries.failed} failed)` +
            (plan
              ? `; this compressed window's own plan over 20 seeds: calls ${signed(plan.mean / costCalls(bus, loaded.scenario.buses.find((spec) => spec.name === bus.name)?.trailCopies ?? 1) - 1)} vs cost, spread +/-${(plan.twoSigma * 100).toFixed(2)}% (2 sd)`
              : ''),
          target: 'within 3%',
          ok: Math.abs(dataShare) <= 0.03 && Math.abs(customShare) <= 0.03,
        });
      }
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  }
  return figures;
}
