/**
 * The harness as `busload run` runs it (runScenario: worker pool, schedule, merge, report), at a fixed rate
 * of 10-entry calls of 500 B entries, against a given target: `local` (the embedded endpoint in this process)
 * or the URL of a server process, signing with the bench key. Besides the report it measures this process's
 * CPU per call over the schedule: between the workers' first and last progress messages (so the workers'
 * start and warm-up, and the report's build, are not charged to the calls).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogFile } from '../src/catalog/catalog-file.js';
import type { RunReport } from '../src/report/types.js';
import { runScenario } from '../src/run/run-scenario.js';
import { defaultWorkers } from '../src/run/worker-limit.js';
import type { ProducerSpec, Scenario } from '../src/scenario/types.js';
import type { Transport } from '../src/workers/protocol.js';
import { BENCH_BUS, BENCH_KEY, BENCH_PRINCIPAL } from './signed-requests.js';

/** Bytes of every entry (AWS's size formula). */
export const ENTRY_BYTES = 500;

function producer(callsPerSec: number): ProducerSpec {
  return {
    name: 'bench',
    bus: BENCH_BUS,
    principal: BENCH_PRINCIPAL,
    source: 'com.bench.src',
    detailTypes: ['OrderPlaced'],
    detailTypeWeights: [1],
    instances: 16,
    shape: { kind: 'constant', ratePerSec: callsPerSec * 10 },
    batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
    entryBytes: { dist: 'fixed', bytes: ENTRY_BYTES },
    retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 0 },
  };
}

/** The bench scenario: one logged bus, one producer at `callsPerSec` 10-entry calls. */
export function benchScenario(callsPerSec: number, durationMs: number): Scenario {
  return {
    name: 'bench',
    region: 'us-east-1',
    durationMs,
    timeScale: 1,
    buses: [
      {
        name: BENCH_BUS,
        classification: 'telemetry',
        logging: 'trail',
        trailCopies: 1,
        allowedPrincipals: null,
      },
    ],
    producers: [producer(callsPerSec)],
    endpoint: {
      quotaTps: 1_000_000_000,
      burst: null,
      latencyMs: null,
      faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 },
    },
    thresholds: [],
  };
}

/** What one harness run gave. */
export interface HarnessRun {
  report: RunReport;
  /** This process's CPU (all threads) per call over the schedule, microseconds. */
  cpuUsPerCall: number | null;
  callsPerSec: number;
  /** entries planned = succeeded + failed + dropped. */
  accounted: boolean;
}

/**
 * One harness run.
 * @param target - 'local' or a server's URL
 * @param transport - sdk or lean
 * @param callsPerSec - planned 10-entry calls per second
 * @param durationMs - the schedule's length
 */
export async function harnessRun(
  target: string,
  transport: Transport,
  callsPerSec: number,
  durationMs: number,
  onProgress?: () => void,
): Promise<HarnessRun> {
  const { catalog } = await loadCatalogFile();
  const runDir = await mkdtemp(join(tmpdir(), 'busload-bench-'));
  const plan = benchScenario(callsPerSec, durationMs);
  // CPU and calls at each progress message: [first, last].
  const window: Array<{ cpuUs: number; calls: number }> = [];
  let calls = 0;
  try {
    const report = await runScenario({
      loaded: { scenario: plan, file: 'bench', sha256: '0'.repeat(64) },
      scenario: plan,
      target:
        target === 'local'
          ? { kind: 'embedded' }
          : { kind: 'remote', label: target, endpointUrl: target, credentials: { ...BENCH_KEY } },
      runDir,
      seed: 1,
      // As `busload run` without --workers: the threads the planned rate needs, at most one per core.
      workers: defaultWorkers(callsPerSec, transport, availableParallelism()),
      maxLagMs: 1000,
      catalog,
      toolVersion: 'bench',
      transport,
      onProgress: (progress) => {
        for (const delta of Object.values(progress.buses)) calls += delta.calls;
        const cpu = process.cpuUsage();
        const point = { cpuUs: cpu.user + cpu.system, calls };
        if (window.length < 2) window.push(point);
        else window[1] = point;
        onProgress?.();
      },
    });
    const { totals } = report;
    const [first, last] = window;
    const cpuUsPerCall =
      first !== undefined && last !== undefined && last.calls > first.calls
        ? (last.cpuUs - first.cpuUs) / (last.calls - first.calls)
        : null;
    const entries = totals.entries;
    return {
      report,
      cpuUsPerCall,
      callsPerSec: totals.requests.calls / (durationMs / 1000),
      accounted: entries.planned === entries.succeeded + entries.failed + entries.dropped,
    };
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}
