/**
 * One run, end to end: start the embedded endpoint (local target), replay the scenario from the worker
 * pool, merge on this (main) thread, price the measured counts and build the canonical report.
 * Writing files and printing are the caller's job.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultEndpointConfig, startEndpoint } from '../endpoint/server.js';
import type { EndpointStats, RunningEndpoint } from '../endpoint/types.js';
import { defaultPutEventsQuotaTps } from '../eventbridge/quotas.js';
import { mergeWorkerResults, sumBusResults, toBusResult } from '../metrics/aggregate.js';
import { estimateCost } from '../model/estimate.js';
import { projectionFromRun } from '../model/projection.js';
import type { BusUsage, Catalog } from '../model/types.js';
import { busUsageOf } from '../model/usage.js';
import { buildReport } from '../report/run/build.js';
import type { BusResult, EndpointReconciliation, RunReport, RunStatus } from '../report/types.js';
import type { LoadedScenario, Scenario } from '../scenario/types.js';
import { runLoad } from '../workers/pool.js';
import type { ProducerCredentials, Transport, WorkerProgress, WorkerResult } from '../workers/protocol.js';
import { localCredentials } from './credentials.js';
import { describeGeneratorLimit, endpointThreadHealth, generatorHealth, judgeStatus } from './status.js';
import { awaitWithStopDeadline, ProgressLedger, STOP_GRACE_MS } from './stop-deadline.js';
import { mainThreadCpuMs } from './thread-cpu.js';
import { measureTrailFiles } from './trail-measure.js';

export interface RunOptions {
  loaded: LoadedScenario;
  /** The scenario after overrides (duration, rate scale). */
  scenario: Scenario;
  /**
   * The factor `scenario`'s producer rates were multiplied by (`--rate-scale`, already applied by
   * applyOverrides); recorded as run.rateScale. Default 1.
   */
  rateScale?: number;
  /** Where PutEvents goes: the embedded endpoint, an endpoint already listening, or a remote target. */
  target: ReplayTarget;
  runDir: string;
  seed: number;
  workers?: number;
  maxLagMs: number;
  catalog: Catalog;
  toolVersion: string;
  onProgress?: (progress: WorkerProgress) => void;
  /**
   * The run's phases as they begin: 'starting workers' (the embedded endpoint and the worker threads), then
   * 'running' with the schedule's start on the wall clock (epoch ms) once every worker is ready.
   */
  onPhase?: (phase: 'starting workers' | 'running', scheduleStartEpochMs?: number) => void;
  /** Aborting stops scheduling; the report then says "interrupted". */
  signal?: AbortSignal;
  /** After an abort, how long the workers may take to return (default STOP_GRACE_MS). */
  stopGraceMs?: number;
  /** How PutEvents is sent (default sdk: the real @aws-sdk/client-eventbridge). */
  transport?: Transport;
  /** Calls in flight per worker at most (default 128); a batch waits for a slot and its lag grows. */
  maxInFlight?: number;
  /** The producer worker module (default producer.worker); tests use tiny fixture workers. */
  workerEntry?: { filename: string; execArgv: string[] };
  /** This machine's shard of the plan (default: the whole plan, 0/1). */
  shard?: { index: number; count: number };
  /** A wall-clock start shared by the shards (epoch ms); default: as soon as the workers are ready. */
  startAtEpochMs?: number;
}

/**
 * Where a run sends PutEvents:
 * - embedded: an endpoint started on a free loopback port for the run (its trail files go to the run
 *   directory), each producer signing with its own key; the report's target is "local";
 * - url: an endpoint already listening on loopback (`busload emulator`), producers signing as for embedded;
 * - remote: `--target aws` or an https URL (already guarded): every producer signs with `credentials` (the
 *   SDK's default chain); the report's target is `label` ("aws" or the URL's origin), never keys.
 */
export type ReplayTarget =
  | { kind: 'embedded' }
  | { kind: 'url'; url: string }
  | { kind: 'remote'; label: string; endpointUrl: string; credentials: ProducerCredentials };

/** The target as the report names it. */
export function reportedTarget(target: ReplayTarget): string {
  return target.kind === 'embedded' ? 'local' : target.kind === 'url' ? target.url : target.label;
}

/**
 * Calls in flight per worker at most: 640 calls/s per worker at 100 ms latency, more than one worker thread
 * can send through the SDK (~1 ms of CPU per call on a 2-core machine). More only adds sockets and live call
 * state when the machine, not the bus, is the limit: measured with `npm run bench -- sdk-max` (pairs of the
 * bare loop and the harness), the harness at overload reached a median 75% of the bare SDK loop with 128 per
 * worker (6 pairs) and 97% with 64 (12 pairs).
 */
export const DEFAULT_MAX_IN_FLIGHT = 64;

/** Replays the scenario and returns the canonical report (status completed, interrupted or failed). */
export async function runScenario(options: RunOptions): Promise<RunReport> {
  const { scenario } = options;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const { target } = options;
  const local = localCredentials(scenario.producers);
  const { principalsByAccessKey } = local;
  const credentials =
    target.kind === 'remote'
      ? Object.fromEntries(scenario.producers.map((producer) => [producer.name, target.credentials]))
      : local.credentials;
  const quotaTps = scenario.endpoint.quotaTps ?? defaultPutEventsQuotaTps(scenario.region);

  options.onPhase?.('starting workers');
  let endpoint: RunningEndpoint | null = null;
  let endpointUrl = target.kind === 'remote' ? target.endpointUrl : target.kind === 'url' ? target.url : '';
  if (target.kind === 'embedded') {
    endpoint = await startEndpoint(
      defaultEndpointConfig({
        region: scenario.region,
        buses: scenario.buses.map((bus) => ({
          name: bus.name,
          logging: bus.logging !== 'off',
          allowedPrincipals: bus.allowedPrincipals,
        })),
        quota: { ratePerSec: quotaTps, burst: scenario.endpoint.burst ?? quotaTps },
        latencyMs: scenario.endpoint.latencyMs,
        faults: scenario.endpoint.faults,
        seed: options.seed,
        principalsByAccessKey,
        // Each producer signs with its own key: verify every signature, as AWS would.
        secretsByAccessKey: Object.fromEntries(
          Object.values(local.credentials).map((key) => [key.accessKeyId, key.secretAccessKey]),
        ),
        trailDir: join(options.runDir, 'cloudtrail'),
      }),
    );
    endpointUrl = endpoint.url;
  }

  const startedAt = new Date();
  // The endpoint shares this thread with the merging of progress: how busy it was tells whether the endpoint,
  // rather than the producers or the bus, could have been the limit.
  const utilizationAtStart = endpoint === null ? null : performance.eventLoopUtilization();
  const cpuAtStartMs = mainThreadCpuMs();
  let status: RunStatus = 'completed';
  let statusReason: string | undefined;
  let results: WorkerResult[] = [];
  const ledger = new ProgressLedger();
  let abandoned = false;
  const onProgress = (progress: WorkerProgress): void => {
    ledger.add(progress);
    options.onProgress?.(progress);
  };
  try {
    if (options.signal?.aborted) {
      // Stopped while loading or planning: nothing was sent.
      status = 'interrupted';
      statusReason = 'stopped by a signal before the workers started';
    } else {
      const load = runLoad(
        {
          scenario,
          endpointUrl,
          region: scenario.region,
          credentials,
          workers,
          ...(options.shard === undefined ? {} : { shard: options.shard }),
          ...(options.startAtEpochMs === undefined ? {} : { startAtEpochMs: options.startAtEpochMs }),
          seed: options.seed,
          durationMs: scenario.durationMs,
          maxLagMs: options.maxLagMs,
          maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
          progressIntervalMs: 1000,
          startDelayMs: 250,
          transport: options.transport ?? 'sdk',
          ...(options.workerEntry === undefined ? {} : { workerEntry: options.workerEntry }),
        },
        {
          onProgress,
          signal: options.signal,
          onStart: (startedAtEpochMs) => options.onPhase?.('running', startedAtEpochMs),
        },
      );
      // A given-up load may still reject later (its pool torn down by the exit): not this run's concern.
      load.catch(() => undefined);
      const outcome = await awaitWithStopDeadline(load, options.signal, options.stopGraceMs);
      if (outcome.kind === 'abandoned') {
        abandoned = true;
        results = ledger.resultsOf(workers, startedAt.getTime(), Date.now());
        status = 'interrupted';
        statusReason = `stopped by a signal; the workers did not return within ${(options.stopGraceMs ?? STOP_GRACE_MS) / 1000} s, so the counts come from their last progress messages (calls still in flight count as dropped)`;
      } else {
        results = outcome.value.results;
        if (results.some((result) => result.interrupted)) {
          status = 'interrupted';
          statusReason = 'stopped by a signal before the schedule ended';
        }
      }
    }
  } catch (error) {
    status = 'failed';
    statusReason = error instanceof Error ? error.message : String(error);
  } finally {
    if (endpoint !== null) {
      // Closing flushes the trail files. Workers that were given up may still hold connections open: then
      // the close gets a bounded wait, so the report is still written within the stop deadline.
      const closing = endpoint.close();
      if (abandoned) {
        closing.catch(() => undefined);
        await awaitWithStopDeadline(closing, AbortSignal.abort(), 500).catch(() => undefined);
      } else {
        await closing;
      }
    }
  }
  const endedAt = new Date();
  const endpointStats = endpoint?.stats() ?? null;
  const endpointUtilization =
    utilizationAtStart === null ? null : performance.eventLoopUtilization(utilizationAtStart);
  const cpuAtEndMs = mainThreadCpuMs();
  const endpointCpuMs = cpuAtStartMs === null || cpuAtEndMs === null ? null : cpuAtEndMs - cpuAtStartMs;

  const merged = mergeWorkerResults(results);
  const buses: BusResult[] = scenario.buses.map((bus) => toBusResult(bus.name, merged.get(bus.name)));
  const totals = sumBusResults(buses);
  const generator: RunReport['generator'] = {
    ...generatorHealth(results, endpointUtilization?.utilization ?? null, availableParallelism()),
    maxLagMs: results.reduce((max, result) => Math.max(max, result.maxLagMs), 0),
    maxLagAllowedMs: options.maxLagMs,
    ...(endpointUtilization === null || endpointStats === null
      ? {}
      : {
          endpoint: endpointThreadHealth(
            endpointUtilization.utilization,
            endpointCpuMs,
            endpointStats.requests + endpointStats.cloudWatchRequests + endpointStats.eventBusRequests,
          ),
        }),
  };
  ({ status, statusReason } = judgeStatus({
    status,
    statusReason,
    totals,
    generatorSaturated: generator.saturated === true,
    endpointSaturated: generator.endpoint?.saturated ?? false,
    generatorLimit: describeGeneratorLimit(totals, generator),
  }));
  // No call succeeded (a dead target, or a stop before any answer): nothing is known to have reached a bus,
  // so no logging cost or recommendation is drawn from the failures (a dead target is not a bus with
  // delivery problems).
  const noneReached = (status === 'failed' || status === 'interrupted') && totals.requests.succeeded === 0;

  // Cost inputs measured on the local target: the trail's record bytes per bus (endpoint stats), the gzip
  // ratio of the delivered files and, for buses with exclusions, the records per caller.
  const loggedBuses = scenario.buses.filter((bus) => bus.logging !== 'off');
  const trailFiles =
    endpointStats && loggedBuses.length > 0
      ? await measureTrailFiles(
          join(options.runDir, 'cloudtrail'),
          loggedBuses.some((bus) => (bus.loggingScope?.exclusions.length ?? 0) > 0),
        )
      : null;
  const gzipRatio =
    trailFiles && trailFiles.files > 0 && endpointStats && endpointStats.trailBytes > 0
      ? trailFiles.gzipBytes / endpointStats.trailBytes
      : null;
  const usage: BusUsage[] = scenario.buses.map((bus, index) => {
    const endpointBus = endpointStats?.buses.find((candidate) => candidate.bus === bus.name);
    const measured =
      endpointBus && endpointBus.trailRecords > 0
        ? { records: endpointBus.trailRecords, recordBytes: endpointBus.trailBytes, gzipRatio }
        : null;
    const busUsage = busUsageOf(buses[index]!, bus, scenario.region, measured);
    if (noneReached) busUsage.counts = { ...busUsage.counts, requestsFailed: 0, entriesFailed: 0 };
    const callers = trailFiles?.callersByBus?.get(bus.name);
    if (callers) busUsage.principals = callers;
    return busUsage;
  });
  // Project what the replay actually covered (an interrupted run covers less than planned).
  const replayedMs = Math.max(
    1,
    Math.min(scenario.durationMs, results.length > 0 ? endedAt.getTime() - startedAt.getTime() : 1),
  );
  const coveredMs = status === 'completed' ? scenario.durationMs : replayedMs;
  const cost = estimateCost({
    buses: usage,
    projection: projectionFromRun(coveredMs, scenario.timeScale),
    catalog: options.catalog,
    region: scenario.region,
    quota: { quotaTps, ...peakCallsPerSecOf(buses, totals, coveredMs) },
  });
  if (noneReached) {
    // The priced $0 is no finding about the buses: say that nothing was measured instead of drawing a
    // cost sentence or a recommendation's reason from calls that reached nothing.
    const why = `no call reached a bus (${status === 'failed' ? (statusReason ?? 'the run failed') : 'none was answered before the stop'})`;
    cost.summary = `No logging cost or recommendation drawn from this run: ${why}.${status === 'failed' ? ' Check the target and run again.' : ''}`;
    for (const bus of cost.buses) {
      bus.recommendation = {
        action: bus.recommendation.action,
        reason: `nothing measured to price (${why}); the action follows the bus's classification only`,
      };
    }
  }

  return buildReport({
    status,
    statusReason,
    toolVersion: options.toolVersion,
    scenario: {
      name: scenario.name,
      ...(scenario.family === undefined ? {} : { family: scenario.family }),
      sha256: options.loaded.sha256,
      file: options.loaded.file,
      buses: scenario.buses,
    },
    run: {
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - startedAt.getTime(),
      target: reportedTarget(target),
      region: scenario.region,
      transport: options.transport ?? 'sdk',
      shard: options.shard ?? { index: 0, count: 1 },
      seed: options.seed,
      workers,
      plannedDurationMs: scenario.durationMs,
      timeScale: scenario.timeScale,
      rateScale: options.rateScale ?? 1,
    },
    buses,
    totals,
    cost,
    pricingInputs: { buses: usage },
    reconciliation: endpointStats ? reconcile(buses, endpointStats, scenario, gzipRatio) : null,
    generator,
  });
}

function reconcile(
  buses: BusResult[],
  stats: EndpointStats,
  scenario: Scenario,
  gzipRatio: number | null,
): EndpointReconciliation[] {
  return buses.map((bus) => {
    const endpointBus = stats.buses.find((candidate) => candidate.bus === bus.name);
    const logging = scenario.buses.find((spec) => spec.name === bus.name)?.logging !== 'off';
    return {
      bus: bus.name,
      harnessAttempts: bus.requests.attempts,
      endpointRequests: endpointBus?.requests ?? 0,
      harnessEntriesSucceeded: bus.entries.succeeded,
      endpointEntriesAccepted: endpointBus?.entriesAccepted ?? 0,
      trailRecords: logging ? (endpointBus?.trailRecords ?? 0) : null,
      trailBytes: logging ? (endpointBus?.trailBytes ?? 0) : null,
      trailGzipRatio: logging ? gzipRatio : null,
    };
  });
}

/**
 * The account's peak PutEvents requests/s in the replay: the busiest time-series interval of all buses
 * together when the report has time series, else the mean over the covered time (a lower bound).
 */
function peakCallsPerSecOf(
  buses: readonly BusResult[],
  totals: BusResult,
  coveredMs: number,
): { peakCallsPerSec: number; basis: string } {
  const byStart = new Map<number, number>();
  let intervalMs = 0;
  for (const bus of buses) {
    if (!bus.timeSeries) continue;
    intervalMs = bus.timeSeries.intervalMs;
    for (const point of bus.timeSeries.points) {
      byStart.set(point.startMs, (byStart.get(point.startMs) ?? 0) + point.attempts);
    }
  }
  if (intervalMs > 0 && byStart.size > 0) {
    return {
      peakCallsPerSec: ([...byStart.values()].reduce((max, n) => Math.max(max, n), 0) * 1000) / intervalMs,
      basis: `busiest ${intervalMs / 1000} s interval of the replay (HTTP attempts of all buses)`,
    };
  }
  return {
    peakCallsPerSec: (totals.requests.attempts * 1000) / coveredMs,
    basis: 'mean HTTP attempts/s of all buses over the replay (no time series: the peak is at least this)',
  };
}
