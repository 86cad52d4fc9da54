/**
 * The ramp shape: linear from `from` to `to` over the profile, then `to`.
 */
import type { RateShape } from '../../scenario/types.js';
import { type Intensity, piecewise, type ShapeModel, secondsLabel } from './intensity.js';

type RampShape = Extract<RateShape, { kind: 'ramp' }>;

/** The ramp shape. Worked example: 10/s to 30/s over 10 s: N(1 s) = 11, peak 30/s, x2 -> 20/s to 60/s. */
export const rampShape: ShapeModel<RampShape> = {
  intensity: (shape, profileDurationMs) => rampIntensity(shape.fromPerSec, shape.toPerSec, profileDurationMs),
  peakPerSec: (shape) => Math.max(shape.fromPerSec, shape.toPerSec),
  scale: (shape, factor) => ({
    kind: 'ramp',
    fromPerSec: shape.fromPerSec * factor,
    toPerSec: shape.toPerSec * factor,
  }),
  period: (_shape, profileMs) => ({
    label: `the ramp over the scenario's ${secondsLabel(profileMs)} profile`,
    startMs: 0,
    endMs: profileMs,
    featureMs: Number.POSITIVE_INFINITY,
  }),
};

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
