/**
 * The main-thread side of the load: a piscina pool with one producer worker per thread, a shared start
 * instant, progress relayed from every worker's port, stop on abort, and a hard failure (never a hang and
 * never a silent partial merge) when a worker throws or dies.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Scenario } from '../scenario/types.js';
import type {
  ProducerCredentials,
  Transport,
  WorkerControl,
  WorkerProgress,
  WorkerResult,
  WorkerTask,
} from './protocol.js';

/** What runLoad needs. */
export interface LoadOptions {
  scenario: Scenario;
  endpointUrl: string;
  region: string;
  /** Per producer name. */
  credentials: Record<string, ProducerCredentials>;
  /** Worker threads (>= 1). */
  workers: number;
  /** This machine's shard of the plan (absent = the whole plan); see WorkerTask.shard. */
  shard?: { index: number; count: number };
  seed: number;
  durationMs: number;
  maxLagMs: number;
  /** Per worker. */
  maxInFlight: number;
  progressIntervalMs: number;
  /** Time between the workers being ready and the schedule's start (lets every worker reach its first wait). */
  startDelayMs: number;
  /**
   * A wall-clock start shared with other machines (shards); the schedule starts then, or startDelayMs after
   * the workers are ready if that is later.
   */
  startAtEpochMs?: number;
  /** The transport (default sdk). */
  transport?: Transport;
  /** Interval of the per-bus time series (default chooseSeriesIntervalMs(durationMs)). */
  seriesIntervalMs?: number;
  /** The worker module to run (default producer.worker); tests use tiny fixture workers. */
  workerEntry?: { filename: string; execArgv: string[] };
}

/** Callbacks and cancellation of a load run. */
export interface LoadHooks {
  onProgress?(progress: WorkerProgress): void;
  /** Every worker is ready: the schedule starts at this wall-clock instant (epoch ms; may be a little ahead). */
  onStart?(startedAtEpochMs: number): void;
  /** Aborting posts `{ kind: 'stop' }` to every worker; runLoad then resolves with interrupted results. */
  signal?: AbortSignal;
}

/** What runLoad resolves to. */
export interface LoadOutcome {
  results: WorkerResult[];
  /** The schedule's common start on the wall clock. */
  startedAtEpochMs: number;
}

/** How long the warm-up task holds a thread, so that the warm-ups are spread over all threads. */
const WARMUP_HOLD_MS = 50;

/** The worker file and the Node flags it needs, for running from TypeScript source or from dist. */
export function workerEntry(moduleUrl: string = import.meta.url): { filename: string; execArgv: string[] } {
  const fromSource = moduleUrl.endsWith('.ts');
  const filename = new URL(fromSource ? './producer.worker.ts' : './producer.worker.js', moduleUrl);
  return { filename: filename.href, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

function validate(options: LoadOptions): void {
  const positiveInteger = (name: keyof LoadOptions): void => {
    const value = options[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new TypeError(`options.${name} must be a positive integer, got ${String(value)}`);
    }
  };
  positiveInteger('workers');
  positiveInteger('maxInFlight');
  positiveInteger('progressIntervalMs');
  for (const name of ['durationMs', 'maxLagMs', 'startDelayMs'] as const) {
    if (!Number.isFinite(options[name]) || options[name] < 0) {
      throw new TypeError(`options.${name} must be a number >= 0, got ${String(options[name])}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the scenario's load on `workers` threads and returns one WorkerResult per worker (by workerIndex).
 * Rejects with an Error naming the worker and the cause when a worker throws or crashes (after stopping the
 * others and destroying the pool).
 * @param options - see LoadOptions
 * @param hooks - progress callback and abort signal
 */
export async function runLoad(options: LoadOptions, hooks: LoadHooks = {}): Promise<LoadOutcome> {
  validate(options);
  const entry = options.workerEntry ?? workerEntry();
  const pool = new Piscina({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: options.workers,
    maxThreads: options.workers,
    concurrentTasksPerWorker: 1,
    maxQueue: options.workers,
    // One long async task per thread; never park a thread in Atomics.wait while sockets may be open.
    atomics: 'disabled',
    idleTimeout: 60_000,
    // The SDK warns once per thread that Node 20 support ends in 2027; say it (at most) once, on the main
    // thread, not once per worker. A user's own setting wins.
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true',
    },
  });
  const ports: MessagePort[] = [];
  const stopAll = (): void => {
    const stop: WorkerControl = { kind: 'stop' };
    for (const port of ports) port.postMessage(stop);
  };
  let onAbort: (() => void) | undefined;
  try {
    await Promise.all(
      Array.from({ length: options.workers }, () =>
        pool
          .run({ holdMs: WARMUP_HOLD_MS, transport: options.transport ?? 'sdk' }, { name: 'warmup' })
          .catch((error: unknown) => {
            throw new Error(`a worker failed to start: ${describe(error)}`);
          }),
      ),
    );
    const startedAtEpochMs = Math.max(Date.now() + options.startDelayMs, options.startAtEpochMs ?? 0);
    hooks.onStart?.(startedAtEpochMs);
    const runs = Array.from({ length: options.workers }, (_, workerIndex) => {
      const channel = new MessageChannel();
      ports.push(channel.port2);
      channel.port2.on('message', (message: WorkerProgress) => {
        if (message.kind === 'progress') hooks.onProgress?.(message);
      });
      const task: WorkerTask = {
        workerIndex,
        workerCount: options.workers,
        ...(options.shard === undefined ? {} : { shard: options.shard }),
        scenario: options.scenario,
        endpointUrl: options.endpointUrl,
        region: options.region,
        credentials: options.credentials,
        startAtEpochMs: startedAtEpochMs,
        durationMs: options.durationMs,
        seed: options.seed,
        maxLagMs: options.maxLagMs,
        maxInFlight: options.maxInFlight,
        progressIntervalMs: options.progressIntervalMs,
        progressPort: channel.port1,
        ...(options.transport === undefined ? {} : { transport: options.transport }),
        ...(options.seriesIntervalMs === undefined ? {} : { seriesIntervalMs: options.seriesIntervalMs }),
      };
      return (pool.run(task, { transferList: [channel.port1] }) as Promise<WorkerResult>).catch(
        (error: unknown) => {
          throw new Error(`worker ${workerIndex} of ${options.workers} failed: ${describe(error)}`);
        },
      );
    });
    if (hooks.signal !== undefined) {
      onAbort = stopAll;
      if (hooks.signal.aborted) stopAll();
      else hooks.signal.addEventListener('abort', onAbort, { once: true });
    }
    const results = await Promise.all(runs);
    // Progress messages posted just before a worker returned may still be in flight on its port.
    await new Promise((resolve) => setImmediate(resolve));
    return { results, startedAtEpochMs };
  } catch (error) {
    stopAll();
    throw error;
  } finally {
    if (onAbort !== undefined) hooks.signal?.removeEventListener('abort', onAbort);
    for (const port of ports) port.close();
    await pool.destroy();
  }
}
