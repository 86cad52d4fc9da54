/**
 * How many worker threads a run may start: at most 4 per core (more only compete for the cores), and no
 * more than three quarters of the memory available to the process can hold (each worker thread holds its
 * own SDK clients, sockets and plan: ~40 MB measured; 1 worker 175 MB, 8 workers 440 MB for the whole
 * process on 2026-12-07). Without the memory bound a container with little memory and many cores is killed
 * by the kernel mid-run, with no report and no message. And how many a run starts when `--workers` is not
 * given: as many as its planned rate needs, within that bound and one per core.
 */
import type { Transport } from '../workers/protocol.js';

/** Worker threads per core at most (`--workers`). */
export const MAX_WORKERS_PER_CORE = 4;

/** Memory one worker thread takes (SDK clients, sockets, histograms, the plan of a tiny scenario). */
export const WORKER_MEMORY_BYTES = 40 * 1_048_576;

/** Memory the main thread takes with the embedded endpoint, before any worker. */
export const MAIN_MEMORY_BYTES = 150 * 1_048_576;

/** Share of the available memory a run may plan to use. */
const MEMORY_SHARE = 0.75;

/** The most workers a run may start, and why that many. */
export interface WorkerLimit {
  maxWorkers: number;
  /** Which bound set it: the cores, or the memory. */
  reason: string;
}

/**
 * @param cores - availableParallelism()
 * @param availableMemoryBytes - process.availableMemory() (the cgroup limit in a container, else free memory)
 */
export function workerLimit(cores: number, availableMemoryBytes: number): WorkerLimit {
  const byCores = MAX_WORKERS_PER_CORE * Math.max(1, cores);
  const byMemory = Math.max(
    1,
    Math.floor((availableMemoryBytes * MEMORY_SHARE - MAIN_MEMORY_BYTES) / WORKER_MEMORY_BYTES),
  );
  if (byMemory < byCores) {
    const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576).toLocaleString('en-US')} MB`;
    return {
      maxWorkers: byMemory,
      reason: `each worker thread takes ~${mb(WORKER_MEMORY_BYTES)} and this machine has ${mb(availableMemoryBytes)} available (a run plans to use at most ${MEMORY_SHARE * 100}% of it)`,
    };
  }
  return {
    maxWorkers: byCores,
    reason: `${MAX_WORKERS_PER_CORE} per core on this machine's ${cores}; each worker thread holds its own SDK clients and sockets (~40 MB), and more threads than that only compete for the cores`,
  };
}

/** The memory available to this process: its container's limit when there is one, else the free memory. */
export function availableMemoryBytes(): number {
  const available = (process as { availableMemory?: () => number }).availableMemory?.();
  return typeof available === 'number' && available > 0 ? available : Number.POSITIVE_INFINITY;
}

/**
 * Planned PutEvents calls/s at the scenario's peak that one worker thread is given when `--workers` is not
 * (per transport). Every worker thread compiles the SDK's and node:http's hot paths on its own, wakes on its
 * own timers and sockets and keeps its own sockets, so threads the rate does not need cost CPU per call
 * without adding anything: at 400 calls/s on 2 cores beside a CPU-bound process (`npm run bench --
 * rate-400-busy`, 2026-12-07, 9 runs a side) one SDK worker took 625 us of the process's CPU per call and had
 * a p99 of 11.5 ms, two took 870 us (a third of it V8 compiling the same code twice on its background threads)
 * and 18.9 ms. The price is on a quiet machine: bursts of calls are written and read by one thread, not two
 * (p50 2.23 against 1.67 ms at 400 calls/s, README speed section). An SDK worker at 400 calls/s is ~20% busy
 * on a quiet core, and its 64 calls in flight (src/run/run-scenario.ts) carry that rate up to 160 ms of
 * latency (a remote bus); a lean worker at 1,000 calls/s likewise up to 64 ms.
 */
export const DEFAULT_CALLS_PER_WORKER: Record<Transport, number> = { sdk: 400, lean: 1_000 };

/**
 * The worker threads of a run whose `--workers` is not given: one per DEFAULT_CALLS_PER_WORKER of the planned
 * peak, at least 1 and at most `maxWorkers` (one per core within the memory bound).
 * Example: 400 calls/s with the SDK on 2 cores -> 1 worker; 1,000 calls/s -> 2 (3 capped to the 2 cores).
 * @param peakCallsPerSec - the scenario's planned peak PutEvents calls/s (this shard's part)
 * @param transport - sdk or lean
 * @param maxWorkers - the most the default may start
 */
export function defaultWorkers(peakCallsPerSec: number, transport: Transport, maxWorkers: number): number {
  const needed = Math.ceil(Math.max(0, peakCallsPerSec) / DEFAULT_CALLS_PER_WORKER[transport]);
  return Math.max(1, Math.min(Math.max(1, maxWorkers), Number.isFinite(needed) ? needed : maxWorkers));
}
