/**
 * What every rate shape provides (see {@link ShapeModel}) and the piecewise-constant intensity most of them
 * are made of. A shape is a cumulative intensity: N(t) = entries planned from the profile's start to profile
 * time t (ms), and its inverse t(N). Arrival times are read off the inverse (see ../arrivals.ts), so a
 * schedule is a pure function of (shape, index) with no accumulated error. Pure: no I/O, no clock.
 */
import type { RateShape } from '../../scenario/types.js';

/** Milliseconds in a day (the diurnal cycle). */
export const DAY_MS = 86_400_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;

/** A shape's cumulative intensity over profile time. */
export interface Intensity {
  /** Entries planned in [0, tMs) of profile time. */
  cumulative(tMs: number): number;
  /** The profile time (ms) at which `cumulative` reaches `entries`; null when it never does. */
  inverse(entries: number): number | null;
  /** Instantaneous rate (entries/s) at profile time tMs. */
  ratePerSec(tMs: number): number;
}

/** The stretch of profile time a producer's month is made of (the cost model counts one and repeats it). */
export interface ShapePeriod {
  /** What the period is, for the notes (e.g. "one diurnal day (24 h)"). */
  label: string;
  /** Profile ms where counting starts (0 for every shape: each is periodic from its start). */
  startMs: number;
  /** Profile ms where it ends. */
  endMs: number;
  /** The shape's shortest feature in profile ms (a step, a burst, a replay interval); Infinity when smooth. */
  featureMs: number;
}

/**
 * Everything the schedule, the overrides, the run limits and the cost model need to know about one kind of
 * rate shape. Each kind has its file in this folder and its entry in the registry (index.ts).
 */
export interface ShapeModel<S extends RateShape> {
  /**
   * The cumulative intensity of the shape.
   * @param shape - the producer's shape (entries/s, all instances together)
   * @param profileDurationMs - the profile's length (replay duration x timeScale): a ramp spans it
   */
  intensity(shape: S, profileDurationMs: number): Intensity;
  /** Highest instantaneous rate (entries/s) over the profile. */
  peakPerSec(shape: S): number;
  /** The same shape with every rate multiplied by `factor` (`--rate-scale`). */
  scale(shape: S, factor: number): S;
  /**
   * The whole period(s) of the shape a month repeats.
   * @param shape - the shape
   * @param profileMs - the scenario's profile length (duration x timeScale)
   * @param minPeriodEntries - entries a period should hold at least, where the shape allows choosing
   */
  period(shape: S, profileMs: number, minPeriodEntries: number): ShapePeriod;
}

/** A duration as hours for a period's label: 3,600,000 -> "1 h", 5,400,000 -> "1.5 h". */
export const hoursLabel = (ms: number): string => `${Number((ms / HOUR_MS).toFixed(3))} h`;
/** A duration as seconds for a period's label: 30,000 -> "30 s". */
export const secondsLabel = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** One stretch of a piecewise-constant rate. */
export interface Segment {
  durationMs: number;
  ratePerSec: number;
}

/** A piecewise-constant rate: segments in order (the last may be infinite); 0 after the last. */
export function piecewise(segments: Segment[]): Intensity {
  const startsMs: number[] = [];
  const startEntries: number[] = [];
  let atMs = 0;
  let entries = 0;
  for (const segment of segments) {
    startsMs.push(atMs);
    startEntries.push(entries);
    atMs += segment.durationMs;
    // A rate of 0 over an infinite tail adds 0 entries (not 0 x Infinity = NaN).
    if (segment.ratePerSec > 0) entries += (segment.ratePerSec * segment.durationMs) / 1000;
  }
  const totalEntries = entries;
  const segmentAt = (tMs: number): number => {
    // Last segment whose start is <= tMs (binary search; segments are few but replays can be long).
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startsMs[mid]! <= tMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    cumulative(tMs) {
      if (segments.length === 0 || tMs <= 0) return 0;
      if (tMs >= atMs) return totalEntries;
      const i = segmentAt(tMs);
      return startEntries[i]! + (segments[i]!.ratePerSec * (tMs - startsMs[i]!)) / 1000;
    },
    inverse(requested) {
      // Arrival 0 is at the first instant with a positive rate (a replay may open with empty intervals).
      const target = Math.max(0, requested);
      // Arrival j is the (j+1)-th entry: with N entries in all, j = N does not exist.
      if (!(target < totalEntries)) return null;
      // First segment whose end count reaches the target and that has a positive rate.
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const endEntries = mid + 1 < segments.length ? startEntries[mid + 1]! : totalEntries;
        if (endEntries >= target) hi = mid;
        else lo = mid + 1;
      }
      let i = lo;
      while (i < segments.length && !(segments[i]!.ratePerSec > 0)) i++;
      if (i >= segments.length) return null;
      const segment = segments[i]!;
      const into = Math.max(0, target - startEntries[i]!);
      return startsMs[i]! + (into * 1000) / segment.ratePerSec;
    },
    ratePerSec(tMs) {
      if (segments.length === 0 || tMs < 0 || tMs >= atMs) return 0;
      return segments[segmentAt(tMs)]!.ratePerSec;
    },
  };
}
