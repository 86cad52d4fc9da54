/**
 * `busload run` from checked flags to a written run directory: load and scale the scenario, check its limits
 * and thresholds, guard a remote target, reserve the run directory, replay (src/run/run-scenario.ts), judge
 * the thresholds and write the reports. Everything the user sees while it happens goes through the session
 * (src/run/session.ts); the summary printed afterwards is the caller's.
 */
import { join, resolve } from 'node:path';
import { loadCatalogFile } from '../catalog/catalog-file.js';
import { InputError } from '../errors.js';
import { chooseSeriesIntervalMs } from '../metrics/time-series.js';
import { estimateCost } from '../model/estimate.js';
import { peakRatePerSec, projectionFromRun } from '../model/projection.js';
import type { Catalog } from '../model/types.js';
import { countsOf, declaredBusUsage } from '../model/usage.js';
import { formatCount, plural } from '../report/format.js';
import { evaluateThresholds, type ThresholdResult, thresholdProblems } from '../report/gate/thresholds.js';
import { reserveDefaultDir, reserveOutDir } from '../report/run-dir.js';
import type { RunReport } from '../report/types.js';
import { writeRunReports } from '../report/write.js';
import { loadScenario } from '../scenario/load.js';
import { formatPath } from '../scenario/locate.js';
import type { Scenario } from '../scenario/types.js';
import { checkRunLimits } from '../schedule/limits.js';
import { applyOverrides, plannedRatePerSec } from '../schedule/overrides.js';
import type { Transport } from '../workers/protocol.js';
import { chooseRateScale, probeCoreShare } from './calibrate.js';
import {
  checkGuard,
  formatRunSpend,
  predictRunSpend,
  type RunTarget,
  resolveDefaultCredentials,
  resolveRemoteEndpoint,
} from './guard.js';
import type { ProgressAccumulator } from './progress.js';
import { type ReplayTarget, runScenario } from './run-scenario.js';
import type { RunSession } from './session.js';
import { describeShard, type Shard } from './shard.js';
import { defaultWorkers } from './worker-limit.js';

/** A run as the flags ask for it, every flag already checked. */
export interface RunRequest {
  scenarioFile: string;
  /** `--target`, parsed (src/run/guard.ts). */
  target: RunTarget;
  /** `--out`; absent: reports/runs/<scenario>/<UTC time>/. */
  out: string | undefined;
  /** Replace the reports of an existing non-empty --out directory. */
  force: boolean;
  /** `--duration`, when given. */
  durationMs: number | undefined;
  /** `--rate-scale`: a factor > 0, or 'auto' (chosen from a probe of this machine, src/run/calibrate.ts). */
  rateScale: number | 'auto';
  seed: number;
  /**
   * `--workers` when given; else the most worker threads the run may start (one per core within the memory
   * bound), of which it starts as many as its planned rate needs (defaultWorkers, src/run/worker-limit.ts).
   */
  workers: number;
  /** `--workers` was given: the run starts exactly `workers` threads. */
  workersGiven: boolean;
  /** The cores of this machine (availableParallelism), for the calibration. */
  cores: number;
  transport: Transport;
  shard: Shard;
  /** `--start-at`: the wall-clock start shared by the shards, epoch ms. */
  startAtEpochMs: number | undefined;
  /** Buses a remote run may publish to (`--allow-bus`). */
  allowBus: string[];
  /** Spend limit of a remote run, dollars (`--max-spend-usd`). */
  maxSpendUsd: string | undefined;
  maxLagMs: number;
  /** The flags as typed, for messages (`--rate-scale 0.5`, `--duration 10s`). */
  typed: { rateScale: string; duration: string | undefined };
  toolVersion: string;
}

/** What a run ended with: the report, where it was written, the thresholds judged, a failed write. */
export interface RunOutcome {
  report: RunReport;
  runDir: string;
  thresholdResults: ThresholdResult[];
  thresholdErrors: string[];
  /** A report that could not be written (full disk, directory removed): shown, then the run ends on it. */
  writeError: unknown;
}

/**
 * The target as the report names it ("local", the loopback URL's origin, or the remote label), never with
 * credentials.
 */
export function targetLabel(target: RunTarget): string {
  return target.kind === 'local' ? 'local' : target.kind === 'loopback' ? target.url : target.label;
}

/** UTC timestamp usable in a path: 2026-11-24T22-31-05Z. */
export function pathTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

/** Runs the request end to end within the session (its signal stops the replay). */
export async function executeRun(request: RunRequest, session: RunSession): Promise<RunOutcome> {
  const label = targetLabel(request.target);
  const { shard } = request;
  const loaded = await loadScenario(request.scenarioFile, checkRunLimits);
  // With --rate-scale auto the workers are chosen for the scenario's own rates (the scale is at most 1) and the
  // calibration sizes the rates to those workers; with a fixed scale, for the scaled rates.
  const workersFor = (planned: Scenario): number =>
    request.workersGiven
      ? request.workers
      : defaultWorkers(peakCallsPerSecOf(planned) / shard.count, request.transport, request.workers);
  const autoWorkers = request.rateScale === 'auto' ? workersFor(loaded.scenario) : null;
  const rateScale =
    request.rateScale === 'auto'
      ? calibrateRateScale(loaded.scenario, { ...request, workers: autoWorkers ?? request.workers }, session)
      : request.rateScale;
  const scenario = applyOverrides(loaded.scenario, { durationMs: request.durationMs, rateScale });
  const workers = autoWorkers ?? workersFor(scenario);
  const limitProblems = checkRunLimits(scenario, {
    ...(rateScale === 1
      ? {}
      : {
          rate: `--rate-scale ${request.rateScale === 'auto' ? `auto (${rateScale})` : request.typed.rateScale}`,
        }),
    ...(request.typed.duration === undefined ? {} : { duration: `--duration ${request.typed.duration}` }),
  });
  if (limitProblems.length > 0) {
    throw new InputError(
      limitProblems
        .map((problem) => `${loaded.file}: ${formatPath(problem.path)}: ${problem.message}`)
        .join('\n'),
    );
  }
  // Malformed thresholds and unknown bus names are refused before any load is generated.
  const problems = thresholdProblems(
    loaded.file,
    scenario.thresholds,
    scenario.buses.map((bus) => bus.name),
  );
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  const { catalog } = await loadCatalogFile();
  const target = await replayTargetOf(request, label, loaded.file, scenario, catalog, session);
  // Checked and reserved now, so that a bad --out is found before the run, not after it.
  const runDir =
    request.out === undefined
      ? await reserveDefaultDir(resolve(join('reports', 'runs', scenario.name, pathTimestamp(new Date()))))
      : resolve(request.out);
  if (request.out !== undefined) await reserveOutDir(runDir, request.force);

  // Without a TTY, one line per series interval (at least 5 s), as the report's time series.
  session.progress?.schedule(
    scenario.durationMs,
    session.tty ? 1000 : Math.max(5000, chooseSeriesIntervalMs(scenario.durationMs)),
    (elapsedMs) => {
      const planned = scenario.producers.reduce(
        (sum, producer) =>
          sum + plannedRatePerSec(producer.shape, elapsedMs, scenario.durationMs, scenario.timeScale),
        0,
      );
      return {
        plannedEntriesPerSec: planned / shard.count,
        projectedMonthlyUsd: projectMonthlyUsd(scenario, catalog, session.accumulator, elapsedMs),
      };
    },
  );
  const start =
    request.startAtEpochMs === undefined
      ? ''
      : `, starting at ${new Date(request.startAtEpochMs).toISOString()}`;
  session.say(
    `busload: replaying ${scenario.name} (${scenario.buses.length} buses, ${scenario.producers.length} producers, at most ${formatCount(Math.ceil(peakCallsPerSecOf(scenario) / shard.count))} PutEvents calls/s planned) for ${scenario.durationMs / 1000} s against ${label === 'local' ? 'the embedded endpoint' : label}${shard.count > 1 ? ` (${describeShard(shard)})` : ''}${start}\n`,
  );
  const report = await runScenario({
    loaded,
    scenario,
    rateScale,
    target,
    runDir,
    seed: request.seed,
    workers,
    maxLagMs: request.maxLagMs,
    catalog,
    toolVersion: request.toolVersion,
    transport: request.transport,
    onProgress: (message) => session.accumulator.add(message),
    onPhase: (phase, scheduleStartEpochMs) => session.enter(phase, scheduleStartEpochMs),
    signal: session.signal,
    shard,
    ...(request.startAtEpochMs === undefined ? {} : { startAtEpochMs: request.startAtEpochMs }),
  });
  const { results: thresholdResults, errors: thresholdErrors } = evaluateThresholds(
    report,
    scenario.thresholds,
  );
  let writeError: unknown = null;
  session.enter('writing reports');
  try {
    await writeRunReports(runDir, report);
  } catch (error) {
    writeError = error;
  } finally {
    session.endDisplay();
  }
  return { report, runDir, thresholdResults, thresholdErrors, writeError };
}

/**
 * Where the replay goes. A remote target is guarded: the predicted spend is printed and checked against
 * --allow-bus and --max-spend-usd before its endpoint and credentials are resolved or anything is sent.
 */
async function replayTargetOf(
  request: RunRequest,
  label: string,
  scenarioFile: string,
  scenario: Scenario,
  catalog: Catalog,
  session: RunSession,
): Promise<ReplayTarget> {
  const { target } = request;
  if (target.kind === 'local') return { kind: 'embedded' };
  if (target.kind === 'loopback') return { kind: 'url', url: target.url };
  const spend = predictRunSpend(scenario, catalog);
  session.say(`busload: ${formatRunSpend(spend)}\n`);
  checkGuard(
    label,
    scenarioFile,
    scenario,
    { allowBus: request.allowBus, maxSpendUsd: request.maxSpendUsd },
    spend,
  );
  const endpointUrl = await resolveRemoteEndpoint(target, scenario.region, process.env);
  return {
    kind: 'remote',
    label,
    endpointUrl,
    credentials: await resolveDefaultCredentials(scenario.region),
  };
}

/**
 * `--rate-scale auto`: probes the share of a core a thread gets now, chooses the scale at which every worker
 * stays far from saturation (src/run/calibrate.ts), and says what it measured and chose.
 */
function calibrateRateScale(scenario: Scenario, request: RunRequest, session: RunSession): number {
  const { cores, workers, transport } = request;
  const coreShare = probeCoreShare();
  const peakCallsPerSec = peakCallsPerSecOf(scenario) / request.shard.count;
  const calibration = chooseRateScale({ coreShare, cores, workers, peakCallsPerSec, transport });
  const share = `a thread of this machine gets ${Math.round(coreShare * 100)}% of a core right now (0.3 s probe; ${plural(cores, 'core')}, ${plural(workers, 'worker')})`;
  session.say(
    calibration.rateScale === 1
      ? `busload: calibration: ${share}: the scenario's own rates fit with room to spare (--rate-scale 1)\n`
      : `busload: calibration: ${share}: running at --rate-scale ${calibration.rateScale} so that the workers stay far from saturation (at ${formatCount(Math.ceil(peakCallsPerSec))} calls/s they would be ~${Math.round(Math.min(calibration.predictedUtilization, 9.99) * 100)}% busy); the report records the scale\n`,
  );
  return calibration.rateScale;
}

/**
 * An upper bound of the PutEvents calls/s a scenario plans at its peak (all producers at their peak rates):
 * full batches send rate / entriesPerRequest; a linger batch goes when full or when its first entry has
 * waited lingerMs, so each instance sends at most 1000 / lingerMs + its rate / maxEntries calls/s (and never
 * more than one per entry).
 * Example: 40 entries/s over 2 instances, linger 100 ms, 10 entries -> min(40, 2 x 10 + 4) = 24 calls/s.
 */
export function peakCallsPerSecOf(scenario: Scenario): number {
  return scenario.producers.reduce((sum, producer) => {
    const peak = peakRatePerSec(producer.shape);
    const { batching } = producer;
    const calls =
      batching.kind === 'linger'
        ? Math.min(peak, producer.instances * (1000 / batching.lingerMs) + peak / batching.maxEntries)
        : peak / batching.entriesPerRequest;
    return sum + calls;
  }, 0);
}

/**
 * The monthly cost projected from the counts so far (progress line): the same model and the same per-bus
 * input as the report (src/model/usage.ts, with the buses' selector scoping), over the elapsed replay time.
 * Null before the first calls or if the model cannot price the counts.
 */
export function projectMonthlyUsd(
  scenario: Scenario,
  catalog: Catalog,
  accumulator: ProgressAccumulator,
  elapsedMs: number,
): string | null {
  if (accumulator.total.calls === 0 || !(elapsedMs > 0)) return null;
  try {
    const estimate = estimateCost({
      buses: scenario.buses.map((bus) =>
        declaredBusUsage(bus, scenario.region, countsOf(accumulator.byBus.get(bus.name))),
      ),
      projection: projectionFromRun(Math.min(elapsedMs, scenario.durationMs), scenario.timeScale),
      catalog,
      region: scenario.region,
    });
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(
      Number(estimate.totalMonthlyUsd),
    );
  } catch {
    return null;
  }
}
