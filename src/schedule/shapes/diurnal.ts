/**
 * The diurnal shape: a 24 h cosine around the producer's rate (its daily mean), highest at peakHour.
 */
import type { RateShape } from '../../scenario/types.js';
import { DAY_MS, HOUR_MS, type Intensity, type ShapeModel } from './intensity.js';

type DiurnalShape = Extract<RateShape, { kind: 'diurnal' }>;

/**
 * The diurnal shape. Its peak is m (1 + A) with A = (k - 1) / (k + 1).
 * Worked example: mean 100/s, peakToTrough 3 (A = 0.5) -> peak 150/s, trough 50/s.
 */
export const diurnalShape: ShapeModel<DiurnalShape> = {
  intensity: (shape) =>
    diurnalIntensity(shape.meanPerSec, shape.peakHour, shape.peakToTrough, shape.startHour),
  peakPerSec(shape) {
    const amplitude = (shape.peakToTrough - 1) / (shape.peakToTrough + 1);
    return shape.meanPerSec * (1 + amplitude);
  },
  scale: (shape, factor) => ({ ...shape, meanPerSec: shape.meanPerSec * factor }),
  period: () => ({ label: 'one diurnal day (24 h)', startMs: 0, endMs: DAY_MS, featureMs: HOUR_MS }),
};

/**
 * A 24 h cosine: rate(t) = m (1 + A cos(theta(t))), theta(t) = 2 pi (hour(t) - peakHour) / 24, with
 * A = (k - 1) / (k + 1) so that peak / trough = (1 + A) / (1 - A) = k. Integrating:
 * N(t) = m t + m A (D / 2 pi) (sin theta(t) - sin theta(0)) (t and D = 86,400 s in seconds). The inverse
 * is found by Newton's method (N is strictly increasing: the rate is at least m (1 - A) > 0), to a picosecond
 * or the double's resolution.
 * Worked example: m = 100/s, k = 3 (A = 0.5), peakHour 6, startHour 0: theta(0) = -pi/2, and after 6 h
 * (theta = 0) N = 100 x 21,600 + 100 x 0.5 x 13,750.98708 x (0 + 1) = 2,847,549.354 entries.
 */
function diurnalIntensity(
  meanPerSec: number,
  peakHour: number,
  peakToTrough: number,
  startHour: number,
): Intensity {
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
