/**
 * `--rate-scale auto` (what `npm start` uses): size a run to the machine it runs on, now. A short probe measures
 * the share of a core one thread gets (a busy machine shares its cores with other processes), and the rate scale
 * is chosen so that each worker thread would be busy at most `targetUtilization` of the time, far from the 90%
 * at which the generator counts as saturated.
 *
 * The model: a worker sending c calls/s that cost m ms of CPU each, on a thread that gets a share s of a core,
 * is busy c x m / (1000 x s) of the time. Measured here: the quickstart at 38.5 calls/s per worker with the SDK
 * was 22% busy while the load average was 12.8 on 2 cores (s ~ 0.16), i.e. m ~ 0.9 ms, in line with the
 * ~1 ms per SDK call of `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import type { Transport } from '../workers/protocol.js';

/** CPU ms per PutEvents call a worker spends (SDK: ~1 ms measured by `npm run bench`; lean: several times less). */
export const CPU_MS_PER_CALL: Record<Transport, number> = { sdk: 1, lean: 0.3 };

/** Worker busy share the calibration aims at: a third of the 90% at which a worker counts as saturated. */
export const TARGET_UTILIZATION = 0.3;

/** The smallest scale calibration chooses (below it a run says little about any bus). */
export const MIN_AUTO_RATE_SCALE = 0.05;

/** What the rate scale is chosen from. */
export interface CalibrationInput {
  /** Share of a core a thread got during the probe (0..1]. */
  coreShare: number;
  /** Cores of the machine (availableParallelism). */
  cores: number;
  workers: number;
  /** The scenario's planned peak PutEvents calls/s at rate scale 1 (this shard's part). */
  peakCallsPerSec: number;
  transport: Transport;
  targetUtilization?: number;
}

/** The chosen scale and how it was reached (for the terminal and the tests). */
export interface Calibration {
  /** In [MIN_AUTO_RATE_SCALE, 1], two significant digits, rounded down. */
  rateScale: number;
  /** The share of a core each of the run's threads can expect (the probe's, and at most cores / (workers + 1)). */
  threadShare: number;
  /** Predicted worker busy share at rate scale 1. */
  predictedUtilization: number;
}

/**
 * Chooses the rate scale (pure).
 * Worked example: 77 calls/s on 2 workers (38.5 each) with the SDK (1 ms per call), a thread getting 0.08 of a
 * core: busy 38.5 x 1 / (1000 x 0.08) = 0.48 at scale 1 -> 0.3 / 0.48 = 0.62. On an idle 2-core machine (share 1,
 * at most 2 / 3 with the endpoint's thread beside the 2 workers): 0.058 -> scale 1.
 */
export function chooseRateScale(input: CalibrationInput): Calibration {
  const target = input.targetUtilization ?? TARGET_UTILIZATION;
  // The run's own threads (the workers and the endpoint's) share the cores too.
  const threadShare = Math.max(0.001, Math.min(input.coreShare, input.cores / (input.workers + 1), 1));
  const callsPerWorker = input.peakCallsPerSec / Math.max(1, input.workers);
  const predictedUtilization = (callsPerWorker * CPU_MS_PER_CALL[input.transport]) / (1000 * threadShare);
  const raw = predictedUtilization > 0 ? target / predictedUtilization : 1;
  const rateScale = Math.max(MIN_AUTO_RATE_SCALE, Math.min(1, floorTwoDigits(raw)));
  return { rateScale, threadShare, predictedUtilization };
}

/** Rounds down to two significant digits: 0.6234 -> 0.62, 0.0871 -> 0.087. */
function floorTwoDigits(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.floor(value / magnitude) * magnitude).toPrecision(2));
}

/**
 * The probe: keeps this thread busy for `durationMs` of wall time and returns the share of a core it got
 * (its CPU time over the wall time, from process.cpuUsage: before the workers start this thread is the only
 * busy one). Blocks the event loop for that long.
 */
export function probeCoreShare(durationMs = 300): number {
  const startCpu = process.cpuUsage();
  const startMs = performance.now();
  let spins = 0;
  while (performance.now() - startMs < durationMs) spins += 1;
  const wallMs = performance.now() - startMs;
  const cpu = process.cpuUsage(startCpu);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // spins keeps the loop from being optimised away.
  return spins >= 0 ? Math.min(1, Math.max(0.001, cpuMs / wallMs)) : 1;
}
