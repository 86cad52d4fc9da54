/**
 * `busload run <scenario>`: replay, report, print the summary; the run directory is the last line.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalogFile } from '../../catalog/catalog-file.js';
import { ExitCode, InputError } from '../../errors.js';
import { chooseSeriesIntervalMs } from '../../metrics/time-series.js';
import { estimateCost } from '../../model/estimate.js';
import { peakRatePerSec, projectionFromRun } from '../../model/projection.js';
import type { Catalog } from '../../model/types.js';
import { countsOf, declaredBusUsage } from '../../model/usage.js';
import { formatCount } from '../../report/format.js';
import { evaluateThresholds, thresholdProblems } from '../../report/gate/thresholds.js';
import { renderSummary } from '../../report/run/summary.js';
import { reserveDefaultDir, reserveOutDir } from '../../report/run-dir.js';
import type { RunReport } from '../../report/types.js';
import { writeRunReports } from '../../report/write.js';
import { chooseRateScale, probeCoreShare } from '../../run/calibrate.js';
import {
  checkGuard,
  formatRunSpend,
  parseTarget,
  predictRunSpend,
  resolveDefaultCredentials,
  resolveRemoteEndpoint,
} from '../../run/guard.js';
import { ProgressAccumulator } from '../../run/progress.js';
import { runScenario } from '../../run/run-scenario.js';
import { describeShard, parseStartAt, resolveShard } from '../../run/shard.js';
import { availableMemoryBytes, workerLimit } from '../../run/worker-limit.js';
import { loadScenario } from '../../scenario/load.js';
import { formatPath } from '../../scenario/locate.js';
import type { Scenario } from '../../scenario/types.js';
import { parseDurationMs } from '../../scenario/units.js';
import { checkRunLimits } from '../../schedule/limits.js';
import { applyOverrides, plannedRatePerSec } from '../../schedule/overrides.js';
import type { Transport } from '../../workers/protocol.js';
import { createProgressView, RunProgress } from '../progress-view.js';
import { TOOL_VERSION } from '../version.js';

export interface RunCommandOptions {
  scenarioFile: string;
  target: string;
  out?: string;
  duration?: string;
  /** A factor > 0 (a number, or its text as typed), or 'auto': chosen from a probe of this machine (src/run/calibrate.ts). */
  rateScale: number | string;
  seed: number;
  workers?: number;
  transport: string;
  /** `--shard i/n`; absent: from JOB_COMPLETION_INDEX and --shard-count / BUSLOAD_SHARD_COUNT, else 0/1. */
  shard?: string | undefined;
  shardCount?: number | undefined;
  /** `--start-at <ISO time>`: the wall-clock start shared by the shards. */
  startAt?: string | undefined;
  /** Buses a remote run may publish to (`--allow-bus`). */
  allowBus?: string[] | undefined;
  /** Spend limit of a remote run, dollars (`--max-spend-usd`). */
  maxSpendUsd?: string | undefined;
  maxLag: string;
  json: boolean;
  progress: boolean;
  /** Replace the reports of an existing non-empty --out directory. */
  force?: boolean;
}

/**
 * Checks the target: the embedded endpoint ("local"), an endpoint already listening on loopback, or a
 * remote target ("aws", an https URL) that needs --allow-bus and --max-spend-usd. Returns the target as
 * the report names it ("local", the URL's origin, or "aws"), never with credentials.
 */
export function checkTarget(target: string): string {
  const parsed = parseTarget(target);
  return parsed.kind === 'local' ? 'local' : parsed.kind === 'loopback' ? parsed.url : parsed.label;
}

function durationFlag(name: string, value: string): number {
  const parsed = parseDurationMs(value);
  if (!parsed.ok || !(parsed.value > 0)) {
    throw new InputError(`--${name} ${value}: ${parsed.ok ? 'must be > 0' : parsed.message}`);
  }
  return parsed.value;
}

/** Rejects malformed thresholds and unknown bus names before any load is generated. */
function checkThresholds(file: string, thresholds: string[], busNames: string[]): void {
  const problems = thresholdProblems(file, thresholds, busNames);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

/** UTC timestamp usable in a path: 2026-11-24T22-31-05Z. */
function pathTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

export async function runCommand(options: RunCommandOptions): Promise<number> {
  // Signals are honoured from the first moment (loading, planning, worker start-up, draining): a stop before
  // the workers start still writes an interrupted report.
  const controller = new AbortController();
  let signalled = false;
  // The progress display is ended whatever happens, before any message is printed.
  const display: { progress: RunProgress | null } = { progress: null };
  const onSignal = (): void => {
    if (signalled) return;
    signalled = true;
    const message = '\nbusload: stopping (letting in-flight calls finish, then writing the report)...\n';
    if (display.progress) {
      display.progress.note(message, process.stderr);
      display.progress.enter('draining');
    } else {
      process.stderr.write(message);
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runCommandWithSignal(options, controller, () => signalled, display);
  } finally {
    display.progress?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function runCommandWithSignal(
  options: RunCommandOptions,
  controller: AbortController,
  isSignalled: () => boolean,
  display: { progress: RunProgress | null },
): Promise<number> {
  if (options.transport !== 'sdk' && options.transport !== 'lean') {
    throw new InputError(`--transport ${options.transport}: expected sdk (the default) or lean`);
  }
  const transport: Transport = options.transport;
  const shard = resolveShard({ flag: options.shard, countFlag: options.shardCount, env: process.env });
  const startAtEpochMs =
    options.startAt === undefined ? undefined : parseStartAt(options.startAt, Date.now());
  const parsedTarget = parseTarget(options.target);
  const target = checkTarget(options.target);
  const fixedRateScale = options.rateScale === 'auto' ? null : Number(options.rateScale);
  if (fixedRateScale === null && shard.count > 1) {
    throw new InputError(
      `--rate-scale auto with ${describeShard(shard)}: every shard would size itself to its own machine and the merged plan would mix scales; give the shards one number (e.g. --rate-scale 0.5)`,
    );
  }
  if (fixedRateScale !== null && (!(fixedRateScale > 0) || !Number.isFinite(fixedRateScale))) {
    throw new InputError(`--rate-scale ${options.rateScale}: expected a number > 0, or auto`);
  }
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) {
    throw new InputError(`--workers ${options.workers}: expected a whole number >= 1`);
  }
  if (!Number.isSafeInteger(options.seed))
    throw new InputError(`--seed ${options.seed}: expected a whole number`);
  const maxLagMs = durationFlag('max-lag', options.maxLag);
  const durationMs = options.duration === undefined ? undefined : durationFlag('duration', options.duration);

  const cores = availableParallelism();
  const limit = workerLimit(cores, availableMemoryBytes());
  if (options.workers !== undefined && options.workers > limit.maxWorkers) {
    throw new InputError(
      `--workers ${options.workers}: expected at most ${limit.maxWorkers} (${limit.reason})`,
    );
  }
  // The default: one worker per core, within the same limit.
  const workers = options.workers ?? Math.min(cores, limit.maxWorkers);

  const tty = Boolean(process.stderr.isTTY);
  const accumulator = new ProgressAccumulator();
  // On a terminal the line is redrawn every second; otherwise a plain line per phase and every 5 s at least.
  const progress = options.progress
    ? new RunProgress(createProgressView(process.stderr, tty), accumulator, tty ? 1000 : 5000)
    : null;
  display.progress = progress;
  const say = (text: string): void => {
    if (progress) progress.note(text, process.stderr);
    else process.stderr.write(text);
  };

  const loaded = await loadScenario(options.scenarioFile, checkRunLimits);
  const rateScale =
    fixedRateScale ?? calibrateRateScale(loaded.scenario, workers, cores, transport, shard.count, say);
  const scenario = applyOverrides(loaded.scenario, { durationMs, rateScale });
  const limitProblems = checkRunLimits(scenario, {
    ...(rateScale === 1
      ? {}
      : { rate: `--rate-scale ${fixedRateScale === null ? `auto (${rateScale})` : options.rateScale}` }),
    ...(options.duration === undefined ? {} : { duration: `--duration ${options.duration}` }),
  });
  if (limitProblems.length > 0) {
    throw new InputError(
      limitProblems
        .map((problem) => `${loaded.file}: ${formatPath(problem.path)}: ${problem.message}`)
        .join('\n'),
    );
  }
  checkThresholds(
    loaded.file,
    scenario.thresholds,
    scenario.buses.map((bus) => bus.name),
  );
  const { catalog } = await loadCatalogFile();
  let remote:
    | { endpointUrl: string; credentials: Awaited<ReturnType<typeof resolveDefaultCredentials>> }
    | undefined;
  if (parsedTarget.kind === 'remote') {
    // The guard: the estimate is printed and checked before anything is resolved or sent.
    const spend = predictRunSpend(scenario, catalog);
    say(`busload: ${formatRunSpend(spend)}\n`);
    checkGuard(
      target,
      loaded.file,
      scenario,
      { allowBus: options.allowBus ?? [], maxSpendUsd: options.maxSpendUsd },
      spend,
    );
    const endpointUrl = await resolveRemoteEndpoint(parsedTarget, scenario.region, process.env);
    remote = { endpointUrl, credentials: await resolveDefaultCredentials(scenario.region) };
  }
  // Checked and reserved now, so that a bad --out is found before the run, not after it.
  const runDir =
    options.out === undefined
      ? await reserveDefaultDir(resolve(join('reports', 'runs', scenario.name, pathTimestamp(new Date()))))
      : resolve(options.out);
  if (options.out !== undefined) await reserveOutDir(runDir, options.force ?? false);

  // Without a TTY, one line per series interval (at least 5 s), as the report's time series.
  progress?.schedule(
    scenario.durationMs,
    tty ? 1000 : Math.max(5000, chooseSeriesIntervalMs(scenario.durationMs)),
    (elapsedMs) => {
      const planned = scenario.producers.reduce(
        (sum, producer) =>
          sum + plannedRatePerSec(producer.shape, elapsedMs, scenario.durationMs, scenario.timeScale),
        0,
      );
      return {
        plannedEntriesPerSec: planned / shard.count,
        projectedMonthlyUsd: projectMonthlyUsd(scenario, catalog, accumulator, elapsedMs),
      };
    },
  );
  say(
    `busload: replaying ${scenario.name} (${scenario.buses.length} buses, ${scenario.producers.length} producers, at most ${formatCount(Math.ceil(peakCallsPerSecOf(scenario) / shard.count))} PutEvents calls/s planned) for ${scenario.durationMs / 1000} s against ${target === 'local' ? 'the embedded endpoint' : target}${shard.count > 1 ? ` (${describeShard(shard)})` : ''}${startAtEpochMs === undefined ? '' : `, starting at ${new Date(startAtEpochMs).toISOString()}`}\n`,
  );
  let report: Awaited<ReturnType<typeof runScenario>>;
  try {
    report = await runScenario({
      loaded,
      scenario,
      rateScale,
      target,
      runDir,
      seed: options.seed,
      workers,
      maxLagMs,
      catalog,
      toolVersion: TOOL_VERSION,
      transport,
      onProgress: (message) => accumulator.add(message),
      onPhase: (phase, scheduleStartEpochMs) => progress?.enter(phase, scheduleStartEpochMs),
      signal: controller.signal,
      shard,
      ...(startAtEpochMs === undefined ? {} : { startAtEpochMs }),
      ...(remote === undefined ? {} : { remote }),
    });
  } catch (error) {
    progress?.stop();
    throw error;
  }
  const { results: thresholdResults, errors: thresholdErrors } = evaluateThresholds(
    report,
    scenario.thresholds,
  );
  // A report that cannot be written (full disk, directory removed) is still shown on the terminal below;
  // the write error then ends the run (exit 2, naming the file).
  let writeError: unknown = null;
  progress?.enter('writing reports');
  try {
    await writeRunReports(runDir, report);
  } catch (error) {
    writeError = error;
  } finally {
    progress?.stop();
  }

  const out = options.json ? process.stderr : process.stdout;
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  out.write(
    renderSummary(report, {
      color: Boolean(out.isTTY) && !process.env.NO_COLOR,
      details: harnessDetails(report),
    }),
  );
  for (const result of thresholdResults) {
    for (const check of result.checks) {
      out.write(
        `threshold ${check.passed ? 'ok    ' : 'FAILED'} ${result.source} (${check.path} = ${check.actual})\n`,
      );
    }
  }
  for (const error of thresholdErrors) out.write(`threshold ERROR  ${error}\n`);
  if (report.status !== 'completed') out.write(`status: ${report.status}: ${report.statusReason ?? ''}\n`);
  if (writeError !== null) throw writeError;
  out.write(`${runDir}\n`);

  if (report.status === 'interrupted' || isSignalled()) return ExitCode.interrupted;
  if (report.status === 'failed') return ExitCode.failed;
  if (thresholdErrors.length > 0) return ExitCode.invalidInput;
  if (report.status === 'degraded') return ExitCode.degraded;
  if (thresholdResults.some((result) => !result.passed)) return ExitCode.thresholdFailed;
  return ExitCode.ok;
}

/**
 * `--rate-scale auto`: probes the share of a core a thread gets now, chooses the scale at which every worker
 * stays far from saturation (src/run/calibrate.ts), and says what it measured and chose.
 */
function calibrateRateScale(
  scenario: Scenario,
  workers: number,
  cores: number,
  transport: Transport,
  shardCount: number,
  say: (text: string) => void,
): number {
  const coreShare = probeCoreShare();
  const peakCallsPerSec = peakCallsPerSecOf(scenario) / shardCount;
  const calibration = chooseRateScale({ coreShare, cores, workers, peakCallsPerSec, transport });
  const share = `a thread of this machine gets ${Math.round(coreShare * 100)}% of a core right now (0.3 s probe; ${cores} cores, ${workers} workers)`;
  say(
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
 * What limited a run whose harness was saturated, and what to try (printed under the summary's banner, at the
 * top): which threads were how busy, the largest lag.
 */
function harnessDetails(report: RunReport): string[] {
  const details: string[] = [];
  if (report.generator.saturated) {
    const busiest = (report.generator.workers ?? []).map(
      (w) => `worker ${w.index} ${Math.round(w.eventLoopUtilization * 100)}% busy`,
    );
    if (report.generator.endpoint) {
      busiest.push(
        `endpoint thread ${Math.round(report.generator.endpoint.eventLoopUtilization * 100)}% busy`,
      );
    }
    details.push(
      `! the generator was saturated (${busiest.join(', ')}; max lag ${report.generator.maxLagMs} ms): ` +
        `the numbers show this machine's limit, not the bus's; try ${report.run.transport === 'sdk' ? '--transport lean, ' : ''}fewer buses, a lower --rate-scale or more machines (--shard)`,
    );
  }
  const endpointThread = report.generator.endpoint;
  if (endpointThread?.saturated) {
    details.push(
      `! the embedded endpoint was saturated (its thread ${Math.round(endpointThread.eventLoopUtilization * 100)}% busy): ` +
        'latencies include queueing in the endpoint; run `busload emulator` in its own process and pass its URL to --target, or lower --rate-scale',
    );
  }
  return details;
}

/**
 * The monthly cost projected from the counts so far (progress line): the same model as the report, over
 * the elapsed replay time. Null before the first calls or if the model cannot price the counts.
 */
function projectMonthlyUsd(
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
