/**
 * The piscina worker entry: runs one worker's slice of the plan through the real SDK and returns its
 * WorkerResult. Progress deltas go out on task.progressPort; `{ kind: 'stop' }` comes in on it.
 * No fs, no pricing, no percentiles here: the main thread aggregates.
 */
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { encodeHistogram } from '../metrics/histogram.js';
import { createEpochClock } from './clock.js';
import { createLeanSender } from './lean/sender.js';
import {
  type Transport,
  type WorkerControl,
  type WorkerProgress,
  type WorkerResult,
  type WorkerTask,
  workerSlice,
} from './protocol.js';
import { ProducerRunner } from './runner.js';
import { createSdkSender } from './sdk-sender.js';
import { warmProgressPath, warmSdkPath } from './warmup.js';

/**
 * Runs the task's slice (`workerIndex` of `workerCount`) from `startAtEpochMs` for `durationMs`.
 * @param task - the WorkerTask (progressPort transferred)
 */
export default async function runProducerTask(task: WorkerTask): Promise<WorkerResult> {
  const startedAtEpochMs = Date.now();
  const port = task.progressPort;
  let runner: ProducerRunner | undefined;
  let progressTimer: NodeJS.Timeout | undefined;
  const postProgress = (): void => {
    if (runner === undefined) return;
    const message: WorkerProgress = {
      kind: 'progress',
      workerIndex: task.workerIndex,
      atEpochMs: Date.now(),
      buses: runner.takeProgress(),
    };
    port.postMessage(message);
  };
  try {
    for (const producer of task.scenario.producers) {
      if (task.credentials[producer.name] === undefined) {
        throw new Error(`no credentials for producer "${producer.name}"`);
      }
    }
    const active = new ProducerRunner({
      scenario: task.scenario,
      slice: workerSlice(task),
      seed: task.seed,
      durationMs: task.durationMs,
      maxLagMs: task.maxLagMs,
      maxInFlight: task.maxInFlight,
      clock: createEpochClock(task.startAtEpochMs),
      sendLeadMs: SEND_LEAD_MS[task.transport ?? 'sdk'],
      ...(task.seriesIntervalMs === undefined ? {} : { seriesIntervalMs: task.seriesIntervalMs }),
      createSender: (producer, onAttempt, abortSignal, nowMs) => {
        const senderOptions = {
          producer,
          credentials: task.credentials[producer.name]!,
          endpointUrl: task.endpointUrl,
          region: task.region,
          maxSockets: task.maxInFlight,
          onAttempt,
          abortSignal,
          nowMs,
        };
        return task.transport === 'lean' ? createLeanSender(senderOptions) : createSdkSender(senderOptions);
      },
    });
    runner = active;
    port.on('message', (message: WorkerControl) => {
      if (message.kind === 'stop') active.stop();
    });
    progressTimer = setInterval(postProgress, Math.max(10, task.progressIntervalMs));
    const utilizationAtStart = performance.eventLoopUtilization();
    const outcome = await active.run();
    const utilization = performance.eventLoopUtilization(utilizationAtStart).utilization;
    return {
      workerIndex: task.workerIndex,
      buses: [...outcome.buses].map(([bus, state]) => ({
        bus,
        counters: state.counters,
        latencyHistogram: encodeHistogram(state.latency),
        serviceLatencyHistogram: encodeHistogram(state.serviceLatency),
        timeSeries: state.series.finish(),
      })),
      startedAtEpochMs,
      endedAtEpochMs: Date.now(),
      interrupted: outcome.interrupted,
      maxLagMs: Math.round(outcome.maxLagMs * 1000) / 1000,
      eventLoopUtilization: Math.round(utilization * 1000) / 1000,
      batchesBehind: [...outcome.buses.values()].reduce(
        (sum, state) => sum + state.counters.batchesLate + state.counters.batchesDropped,
        0,
      ),
    };
  } finally {
    clearInterval(progressTimer);
    // The last delta, so that the progress stream adds up to the result; then release everything.
    postProgress();
    port.close();
    runner?.destroy();
  }
}

/**
 * How far ahead of its intended time a batch is handed to its sender, which builds, serialises and signs
 * it, then holds the write until the intended time (RunnerOptions.sendLeadMs). The SDK spends ~0.5 ms of CPU
 * per call before its write on a small machine, and producers whose instances batch alike send in bursts
 * (16 instances of a 10-entry batcher: 16 calls within a tenth of their batch interval), so the lead covers
 * a burst's preparation, not one call's: 10 ms. The lean transport's preparation is ~30 us: 3 ms (a timer's
 * granularity with room to spare).
 */
const SEND_LEAD_MS: Record<Transport, number> = { sdk: 10, lean: 3 };

/** Calls each thread sends to its own loopback sink before the schedule starts (see warmup.ts). */
const WARMUP_CALLS = 400;
/** Progress messages each thread makes (and throws away) before the schedule starts (see warmup.ts). */
const WARMUP_PROGRESS_ROUNDS = 30;

/**
 * Run once per thread before the schedule's start is fixed, so that module loading (the SDK, and under tsx
 * the TypeScript transform), lazy SDK initialisation and JIT compilation are not charged to the first
 * batches as lag and latency. The warm-up calls go to a sink inside this thread, never to the target.
 * @param holdMs - the least time to occupy the thread, so that concurrent warm-ups land on different threads
 */
export async function warmup(request: number | WarmupRequest): Promise<number> {
  const { holdMs, transport } = typeof request === 'number' ? { holdMs: request, transport: 'sdk' } : request;
  await Promise.all([
    new Promise((resolve) => setTimeout(resolve, holdMs)),
    warmSdkPath(WARMUP_CALLS, 16, transport === 'lean' ? 'lean' : 'sdk'),
  ]);
  warmProgressPath(WARMUP_PROGRESS_ROUNDS);
  return threadId;
}

/** What the warm-up task is given. */
export interface WarmupRequest {
  holdMs: number;
  transport: Transport;
}
