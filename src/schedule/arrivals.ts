/**
 * Intended arrival times of entries (open model): a pure function of the rate shape and the entry's index,
 * computed from the start every time and never accumulated, so there is no drift however long the run.
 *
 * Time scale: with timeScale T, replay time t plays profile time t x T at its real instantaneous rate, so the
 * replay's cumulative count is N(t x T) / T and arrival j is at N^-1(j x T) / T (N from shapes/index.ts).
 *
 * Deterministic shapes (all but bursts): a producer's arrivals are numbered j = 0, 1, 2, ... over all its
 * instances together; arrival j happens when the replay's cumulative count reaches j. Instance i of n takes
 * the arrivals j = k*n + i, so the rate is split evenly, instance i is phase-offset by i/n of its own
 * interval, and the instances never fire in lockstep. The union of the instances is exactly the producer's
 * stream.
 *
 * Bursts (Poisson): each instance is an independent Poisson process with 1/n of the intensity (their
 * superposition is the producer's Poisson process). Its k-th arrival is at N^-1(S_k x n x T) / T where S_k
 * is the sum of k unit exponentials drawn from the instance's seeded stream.
 */
import type { RateShape } from '../scenario/types.js';
import type { Rng } from './rng.js';
import { createIntensity, type Intensity } from './shapes/index.js';

/**
 * Replay time (ms) of the producer-level j-th arrival of a deterministic shape (all instances together).
 * @param intensity - the shape's intensity (createIntensity)
 * @param timeScale - profile seconds per replay second (>= 1)
 * @param index - j, the producer-level arrival number (0-based; may be fractional for Poisson sums)
 * @returns the arrival time in replay ms, or null when the rate never reaches that many entries
 */
export function arrivalAtMs(intensity: Intensity, timeScale: number, index: number): number | null {
  const profileMs = intensity.inverse(index * timeScale);
  return profileMs === null ? null : profileMs / timeScale;
}

/** Which arrivals one producer instance generates. */
export interface InstanceArrivals {
  shape: RateShape;
  /** Replay length over which a ramp goes from -> to (the scenario's duration; x timeScale in profile). */
  shapeDurationMs: number;
  /** Profile seconds per replay second (default 1). */
  timeScale?: number;
  /** Arrivals at or after this replay offset are not generated (the replay length). */
  endMs: number;
  /** The producer's instance count (>= 1). */
  instances: number;
  /** This instance, 0-based (< instances). */
  instance: number;
  /** The instance's own seeded stream for Poisson inter-arrivals (bursts only; required for them). */
  rng?: Rng;
}

/**
 * The intended arrival times (replay ms from the start, ascending) of one producer instance, lazily: a long
 * run never allocates an array of all its arrivals.
 * @param spec - the shape, the instance and where the schedule ends
 */
export function* generateArrivals(spec: InstanceArrivals): Generator<number, void, undefined> {
  const { instances, instance } = spec;
  if (!Number.isInteger(instances) || instances < 1 || instance < 0 || instance >= instances) {
    throw new RangeError(`instance ${instance} of ${instances} is not a valid producer instance`);
  }
  const timeScale = spec.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  const intensity = createIntensity(spec.shape, spec.shapeDurationMs * timeScale);
  if (spec.shape.kind === 'bursts') {
    const rng = spec.rng;
    if (rng === undefined) throw new RangeError('a bursts shape needs a seeded rng for its Poisson arrivals');
    let sum = 0;
    for (;;) {
      sum += -Math.log(1 - rng()); // a unit exponential (1 - u is in (0, 1])
      const timeMs = arrivalAtMs(intensity, timeScale, sum * instances);
      if (timeMs === null || timeMs >= spec.endMs) return;
      yield timeMs;
    }
  }
  for (let k = 0; ; k++) {
    const timeMs = arrivalAtMs(intensity, timeScale, k * instances + instance);
    if (timeMs === null || timeMs >= spec.endMs) return;
    yield timeMs;
  }
}
