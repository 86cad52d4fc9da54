/**
 * The bursts shape: Poisson arrivals at the producer's rate with burst episodes at `burstRate`.
 */
import type { RateShape } from '../../scenario/types.js';
import { type Intensity, type ShapeModel, secondsLabel } from './intensity.js';

type BurstsShape = Extract<RateShape, { kind: 'bursts' }>;

/**
 * The bursts shape. Its period is whole burst cycles, enough to hold `minPeriodEntries` (1 to 1,000 cycles).
 * Worked example: bursts every 15 min of 2 min at 600/s over 60/s: 132 entries/s a cycle; cycles of
 * 118,800 entries, so one cycle, counted from 0 (the first burst starts there) to 15 min.
 */
export const burstsShape: ShapeModel<BurstsShape> = {
  intensity: (shape) =>
    burstsIntensity(shape.ratePerSec, shape.everyMs, shape.burstRatePerSec, shape.burstDurationMs),
  peakPerSec: (shape) => Math.max(shape.ratePerSec, shape.burstRatePerSec),
  scale: (shape, factor) => ({
    ...shape,
    ratePerSec: shape.ratePerSec * factor,
    burstRatePerSec: shape.burstRatePerSec * factor,
  }),
  period(shape, _profileMs, minPeriodEntries) {
    const perCycle =
      (shape.burstRatePerSec * shape.burstDurationMs +
        shape.ratePerSec * (shape.everyMs - shape.burstDurationMs)) /
      1000;
    const cycles = perCycle > 0 ? Math.min(1000, Math.max(1, Math.ceil(minPeriodEntries / perCycle))) : 1;
    const quietMs = shape.everyMs - shape.burstDurationMs;
    return {
      label: `${cycles} burst ${cycles === 1 ? 'cycle' : 'cycles'} of ${secondsLabel(shape.everyMs)} (the first burst at the start)`,
      startMs: 0,
      endMs: shape.everyMs * cycles,
      featureMs: Math.min(shape.burstDurationMs, quietMs > 0 ? quietMs : Infinity),
    };
  },
};

/**
 * Base rate r, and every E ms (from t = 0) a burst episode of B ms at rate R (B <= E): piecewise constant
 * and periodic from the start, so any stretch of N x E from 0 holds N whole periods. Per period:
 * (R B + r (E - B)) / 1000 entries.
 * Worked example: r = 10/s, E = 60 s, B = 10 s, R = 100/s: 1,000 entries in the burst [0, 10 s), 500 in
 * the rest of the period, so N(10 s) = 1,000, N(60 s) = 1,500 and N(70 s) = 2,500.
 */
function burstsIntensity(
  ratePerSec: number,
  everyMs: number,
  burstRatePerSec: number,
  burstMs: number,
): Intensity {
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
