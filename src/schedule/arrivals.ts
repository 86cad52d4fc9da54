/**
 * Intended arrival times of entries (open model): a pure function of the rate shape and the entry's index,
 * computed from the start every time and never accumulated, so there is no drift however long the run.
 *
 * A producer's arrivals are numbered j = 0, 1, 2, ... over all its instances together; the j-th arrival
 * happens when the area under the rate curve reaches j (entries). Instance i of n takes the arrivals
 * j = k*n + i, so the rate is split evenly, instance i is phase-offset by i/n of its own interval, and the
 * instances never fire in lockstep. The union of the instances is exactly the producer's stream.
 */
import type { RateShape } from '../scenario/types.js';

/**
 * Time of the producer-level j-th arrival (all instances together), in ms from the start.
 *
 * - constant r/s: `t = j / r` (s).
 * - ramp from a/s to b/s over T s: the cumulative count is `N(t) = a*t + (b-a)*t^2 / (2T)`; solving
 *   `N(t) = j` in its numerically stable form gives `t = 2j / (a + sqrt(a^2 + 2(b-a)j/T))`.
 *   Worked example: a = 10/s, b = 30/s, T = 10 s, so N(t) = 10t + t^2: j = 11 -> t = 1 s, j = 24 -> 2 s.
 *   Past T the rate stays at b: `t = T + (j - N(T)) / b`.
 *
 * @param shape - the producer's rate shape (entries per second, all instances together)
 * @param shapeDurationMs - the length over which a ramp goes from `fromPerSec` to `toPerSec`
 * @param index - j, the producer-level arrival number (0-based)
 * @returns the arrival time in ms, or null when the rate never reaches that many entries
 */
export function arrivalTimeMs(shape: RateShape, shapeDurationMs: number, index: number): number | null {
  if (shape.kind === 'constant') {
    if (!(shape.ratePerSec > 0)) return null;
    return (index * 1000) / shape.ratePerSec;
  }
  const fromPerSec = shape.fromPerSec;
  const toPerSec = shape.toPerSec;
  const rampSec = shapeDurationMs / 1000;
  if (!(rampSec > 0)) return null;
  const totalInRamp = ((fromPerSec + toPerSec) * rampSec) / 2;
  if (index <= totalInRamp) {
    if (index === 0) return 0;
    const discriminant = fromPerSec * fromPerSec + (2 * (toPerSec - fromPerSec) * index) / rampSec;
    const denominator = fromPerSec + Math.sqrt(Math.max(0, discriminant));
    if (!(denominator > 0)) return null;
    return Math.min(((2 * index) / denominator) * 1000, shapeDurationMs);
  }
  if (!(toPerSec > 0)) return null;
  return shapeDurationMs + ((index - totalInRamp) * 1000) / toPerSec;
}

/** Which arrivals one producer instance generates. */
export interface InstanceArrivals {
  shape: RateShape;
  /** Length over which a ramp goes from -> to (the scenario's replay duration). */
  shapeDurationMs: number;
  /** Arrivals at or after this offset are not generated (the replay length). */
  endMs: number;
  /** The producer's instance count (>= 1). */
  instances: number;
  /** This instance, 0-based (< instances). */
  instance: number;
}

/**
 * The intended arrival times (ms from the start, ascending) of one producer instance, lazily: a long run
 * never allocates an array of all its arrivals.
 * @param spec - the shape, the instance and where the schedule ends
 */
export function* generateArrivals(spec: InstanceArrivals): Generator<number, void, undefined> {
  const { instances, instance } = spec;
  if (!Number.isInteger(instances) || instances < 1 || instance < 0 || instance >= instances) {
    throw new RangeError(`instance ${instance} of ${instances} is not a valid producer instance`);
  }
  for (let k = 0; ; k++) {
    const timeMs = arrivalTimeMs(spec.shape, spec.shapeDurationMs, k * instances + instance);
    if (timeMs === null || timeMs >= spec.endMs) return;
    yield timeMs;
  }
}
