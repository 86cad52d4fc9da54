/**
 * One run, end to end: start the embedded endpoint (local target), replay the scenario from the worker
 * pool, merge on this (main) thread, price the measured counts and build the canonical report.
 * Writing files and printing are the caller's job.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultEndpointConfig, startEndpoint } from '../endpoint/server.js';
import type { EndpointStats, RunningEndpoint } from '../endpoint/types.js';
import { mergeWorkerResults, sumBusResults, toBusResult } from '../metrics/aggregate.js';
import { estimateCost } from '../model/estimate.js';
import { projectionFromRun } from '../model/projection.js';
import type { BusUsage, Catalog } from '../model/types.js';
import { buildReport } from '../report/build.js';
import type { BusResult, EndpointReconciliation, RunReport, RunStatus } from '../report/types.js';
import type { LoadedScenario, Scenario } from '../scenario/types.js';
import { runLoad } from '../workers/pool.js';
import type { WorkerProgress, WorkerResult } from '../workers/protocol.js';
import { localCredentials } from './credentials.js';
import { defaultPutEventsQuotaTps } from './region-quotas.js';

export interface RunOptions {
  loaded: LoadedScenario;
  /** The scenario after overrides (duration, rate scale). */
  scenario: Scenario;
  /** "local", or a loopback URL of an already running endpoint. */
  target: string;
  runDir: string;
  seed: number;
  workers?: number;
  maxLagMs: number;
  catalog: Catalog;
  toolVersion: string;
  onProgress?: (progress: WorkerProgress) => void;
  /** Aborting stops scheduling; the report then says "interrupted". */
  signal?: AbortSignal;
}

/** Replays the scenario and returns the canonical report (status completed, interrupted or failed). */
export async function runScenario(options: RunOptions): Promise<RunReport> {
  const { scenario } = options;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const { credentials, principalsByAccessKey } = localCredentials(scenario.producers);
  const quotaTps = scenario.endpoint.quotaTps ?? defaultPutEventsQuotaTps(scenario.region);

  let endpoint: RunningEndpoint | null = null;
  let endpointUrl = options.target;
  if (options.target === 'local') {
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
        trailDir: join(options.runDir, 'cloudtrail'),
      }),
    );
    endpointUrl = endpoint.url;
  }

  const startedAt = new Date();
  let status: RunStatus = 'completed';
  let statusReason: string | undefined;
  let results: WorkerResult[] = [];
  try {
    const outcome = await runLoad(
      {
        scenario,
        endpointUrl,
        region: scenario.region,
        credentials,
        workers,
        seed: options.seed,
        durationMs: scenario.durationMs,
        maxLagMs: options.maxLagMs,
        maxInFlight: 256,
        progressIntervalMs: 1000,
        startDelayMs: 250,
      },
      { onProgress: options.onProgress, signal: options.signal },
    );
    results = outcome.results;
    if (results.some((result) => result.interrupted)) {
      status = 'interrupted';
      statusReason = 'stopped by a signal before the schedule ended';
    }
  } catch (error) {
    status = 'failed';
    statusReason = error instanceof Error ? error.message : String(error);
  } finally {
    await endpoint?.close();
  }
  const endedAt = new Date();
  const endpointStats = endpoint?.stats() ?? null;

  const merged = mergeWorkerResults(results);
  const buses: BusResult[] = scenario.buses.map((bus) => toBusResult(bus.name, merged.get(bus.name)));
  const totals = sumBusResults(buses);

  const usage: BusUsage[] = scenario.buses.map((bus, index) => {
    const result = buses[index]!;
    return {
      name: bus.name,
      classification: bus.classification,
      loggingMode: bus.logging,
      trailCopies: bus.trailCopies,
      counts: {
        requestsSucceeded: result.requests.succeeded,
        requestsFailed: result.requests.attempts - result.requests.succeeded,
        entriesSucceeded: result.entries.succeeded,
        entriesFailed: result.entries.failed,
        billableChunks: result.entries.billableChunks,
      },
    };
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
  });

  return buildReport({
    status,
    statusReason,
    toolVersion: options.toolVersion,
    scenario: { name: scenario.name, sha256: options.loaded.sha256, file: options.loaded.file },
    run: {
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - startedAt.getTime(),
      target: options.target === 'local' ? 'local' : options.target,
      region: scenario.region,
      transport: 'sdk',
      shard: { index: 0, count: 1 },
      seed: options.seed,
      workers,
      plannedDurationMs: scenario.durationMs,
      timeScale: scenario.timeScale,
    },
    buses,
    totals,
    cost,
    reconciliation: endpointStats ? reconcile(buses, endpointStats, scenario) : null,
    generator: {
      maxLagMs: results.reduce((max, result) => Math.max(max, result.maxLagMs), 0),
      maxLagAllowedMs: options.maxLagMs,
    },
  });
}

function reconcile(buses: BusResult[], stats: EndpointStats, scenario: Scenario): EndpointReconciliation[] {
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
    };
  });
}
