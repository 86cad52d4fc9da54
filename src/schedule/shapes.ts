/**
 * Rate shapes as cumulative intensities: for each shape, N(t) = entries planned from the profile's start to
 * profile time t (ms), and its inverse t(N). Arrival times are read off the inverse (see arrivals.ts), so a
 * schedule is a pure function of (shape, index) with no accumulated error. Pure: no I/O, no clock.
 */
import type { RateShape } from '../scenario/types.js';

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

/**
 * The cumulative intensity of a shape.
 * @param shape - the producer's shape (entries/s, all instances together)
 * @param profileDurationMs - the profile's length (replay duration x timeScale): a ramp spans it
 */
export function createIntensity(shape: RateShape, profileDurationMs: number): Intensity {
  switch (shape.kind) {
    case 'constant':
      return piecewise([{ durationMs: Number.POSITIVE_INFINITY, ratePerSec: shape.ratePerSec }]);
    case 'ramp':
      return rampIntensity(shape.fromPerSec, shape.toPerSec, profileDurationMs);
    case 'steps': {
      const last = shape.steps[shape.steps.length - 1];
      return piecewise([
        ...shape.steps,
        { durationMs: Number.POSITIVE_INFINITY, ratePerSec: last?.ratePerSec ?? 0 },
      ]);
    }
    case 'diurnal':
      return diurnalIntensity(shape.meanPerSec, shape.peakHour, shape.peakToTrough, shape.startHour);
    case 'bursts':
      return burstsIntensity(shape.ratePerSec, shape.everyMs, shape.burstRatePerSec, shape.burstDurationMs);
    case 'replay': {
      const intervalMs = shape.intervalMs / shape.speed;
      return piecewise(
        shape.counts.map((count) => ({ durationMs: intervalMs, ratePerSec: (count * 1000) / intervalMs })),
      );
    }
  }
}

/**
 * Mean rate (entries/s) of a shape over [0, profileDurationMs) of profile time.
 * Worked example: steps 100/s for 10 s then 300/s for 10 s, over 20 s -> 200/s.
 * @param shape - the shape
 * @param profileDurationMs - the profile's length (> 0)
 */
export function meanRatePerSec(shape: RateShape, profileDurationMs: number): number {
  if (!(profileDurationMs > 0)) return 0;
  return (createIntensity(shape, profileDurationMs).cumulative(profileDurationMs) * 1000) / profileDurationMs;
}

interface Segment {
  durationMs: number;
  ratePerSec: number;
}

/** A piecewise-constant rate: segments in order (the last may be infinite); 0 after the last. */
function piecewise(segments: Segment[]): Intensity {
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

/**
 * Linear from a/s to b/s over T s, then b/s: N(t) = a t + (b - a) t^2 / (2T) (t in s). Its inverse in the
 * numerically stable form t = 2N / (a + sqrt(a^2 + 2 (b - a) N / T)).
 * Worked example: a = 10/s, b = 30/s, T = 10 s, so N(t) = 10t + t^2: N = 11 -> t = 1 s, N = 24 -> 2 s.
 */
function rampIntensity(fromPerSec: number, toPerSec: number, rampMs: number): Intensity {
  const rampSec = rampMs / 1000;
  if (!(rampSec > 0)) return piecewise([{ durationMs: Number.POSITIVE_INFINITY, ratePerSec: toPerSec }]);
  const totalInRamp = ((fromPerSec + toPerSec) * rampSec) / 2;
  return {
    cumulative(tMs) {
      if (tMs <= 0) return 0;
      const t = tMs / 1000;
      if (t >= rampSec) return totalInRamp + toPerSec * (t - rampSec);
      return fromPerSec * t + ((toPerSec - fromPerSec) * t * t) / (2 * rampSec);
    },
    inverse(target) {
      if (target <= 0) return 0;
      if (target <= totalInRamp) {
        const discriminant = fromPerSec * fromPerSec + (2 * (toPerSec - fromPerSec) * target) / rampSec;
        const denominator = fromPerSec + Math.sqrt(Math.max(0, discriminant));
        if (!(denominator > 0)) return null;
        return Math.min(((2 * target) / denominator) * 1000, rampMs);
      }
      if (!(toPerSec > 0)) return null;
      return rampMs + ((target - totalInRamp) * 1000) / toPerSec;
    },
    ratePerSec(tMs) {
      if (tMs >= rampMs) return toPerSec;
      return fromPerSec + ((toPerSec - fromPerSec) * Math.max(0, tMs)) / rampMs;
    },
  };
}

/**
 * A 24 h cosine: rate(t) = m (1 + A cos(theta(t))), theta(t) = 2 pi (hour(t) - peakHour) / 24, with
 * A = (k - 1) / (k + 1) so that peak / trough = (1 + A) / (1 - A) = k. Integrating:
 * N(t) = m t + m A (D / 2 pi) (sin theta(t) - sin theta(0)) (t and D = 86,400 s in seconds). The inverse
 * is found by Newton's method (N is strictly increasing: the rate is at least m (1 - A) > 0), to a picosecond
 * or the double's resolution.
 * Worked example: m = 100/s, k = 3 (A = 0.5), peakHour 6, startHour 0: theta(0) = -pi/2, and after 6 h
 * (theta = 0) N = 100 x 21,600 + 100 x 0.5 x 13,750.98708 x (0 + 1) = 2,847,549.354 entries.
 */
function diurnalIntensity(meanPerSec: number, peakHour: number, peakToTrough: number, startHour: number) {
  const amplitude = (peakToTrough - 1) / (peakToTrough + 1);
  const radiansPerMs = (2 * Math.PI) / DAY_MS;
  const theta0 = (2 * Math.PI * (startHour - peakHour)) / 24;
  const swingEntries = (meanPerSec * amplitude * DAY_MS) / (2 * Math.PI * 1000);
  const sin0 = Math.sin(theta0);
  const cumulative = (tMs: number): number =>
    tMs <= 0 ? 0 : (meanPerSec * tMs) / 1000 + swingEntries * (Math.sin(theta0 + radiansPerMs * tMs) - sin0);
  const ratePerSec = (tMs: number): number =>
    meanPerSec * (1 + amplitude * Math.cos(theta0 + radiansPerMs * Math.max(0, tMs)));
  return {
    cumulative,
    ratePerSec,
    inverse(target: number): number | null {
      if (target <= 0) return 0;
      if (!(meanPerSec > 0)) return null;
      // N(t) stays within 2 x swing of the linear m t: bracket, then safeguarded Newton.
      const linearMs = (target * 1000) / meanPerSec;
      const slackMs = (2 * swingEntries * 1000) / meanPerSec;
      let lo = Math.max(0, linearMs - slackMs);
      let hi = linearMs + slackMs;
      let t = linearMs;
      for (let i = 0; i < 100; i++) {
        // cumulative(t) and ratePerSec(t), sharing their angle (t > 0 here: linearMs > 0, and every later
        // t lies strictly between lo >= 0 and hi), with the very same operations in the same order.
        const angle = theta0 + radiansPerMs * t;
        const f = (meanPerSec * t) / 1000 + swingEntries * (Math.sin(angle) - sin0) - target;
        if (f > 0) hi = t;
        else lo = t;
        const next = t - (f * 1000) / (meanPerSec * (1 + amplitude * Math.cos(angle)));
        const stepped = next > lo && next < hi ? next : (lo + hi) / 2;
        if (Math.abs(stepped - t) < 1e-9 || stepped === t) return stepped;
        t = stepped;
      }
      return t;
    },
  };
}

/**
 * Base rate r, and every E ms (from t = 0) a burst episode of B ms at rate R (B <= E): piecewise constant
 * and periodic from the start, so any stretch of N x E from 0 holds N whole periods. Per period:
 * (R B + r (E - B)) / 1000 entries.
 * Worked example: r = 10/s, E = 60 s, B = 10 s, R = 100/s: 1,000 entries in the burst [0, 10 s), 500 in
 * the rest of the period, so N(10 s) = 1,000, N(60 s) = 1,500 and N(70 s) = 2,500.
 */
function burstsIntensity(ratePerSec: number, everyMs: number, burstRatePerSec: number, burstMs: number) {
  const burstEntries = (burstRatePerSec * burstMs) / 1000;
  const periodEntries = burstEntries + (ratePerSec * (everyMs - burstMs)) / 1000;
  const cumulative = (tMs: number): number => {
    if (tMs <= 0) return 0;
    const k = Math.floor(tMs / everyMs);
    const w = tMs - k * everyMs;
    const within =
      w < burstMs ? (burstRatePerSec * w) / 1000 : burstEntries + (ratePerSec * (w - burstMs)) / 1000;
    return k * periodEntries + within;
  };
  return {
    cumulative,
    ratePerSec(tMs: number): number {
      const w = Math.max(0, tMs) % everyMs;
      return w < burstMs ? burstRatePerSec : ratePerSec;
    },
    inverse(target: number): number | null {
      if (target <= 0) return 0;
      if (!(periodEntries > 0)) return null;
      let k = Math.floor(target / periodEntries);
      let into = target - k * periodEntries;
      if (into === 0 && k > 0) {
        // Exactly at a period's end: the earliest time reaching it is inside the previous period.
        k -= 1;
        into = periodEntries;
      }
      const periodStartMs = k * everyMs;
      if (into <= burstEntries && burstRatePerSec > 0) return periodStartMs + (into * 1000) / burstRatePerSec;
      if (!(ratePerSec > 0)) return periodStartMs + burstMs; // into == burstEntries reached at the burst's end
      return periodStartMs + burstMs + ((into - burstEntries) * 1000) / ratePerSec;
    },
  };
}
