/**
 * The constant shape: the producer's rate all the time.
 */
import type { RateShape } from '../../scenario/types.js';
import { piecewise, type ShapeModel, secondsLabel } from './intensity.js';

type ConstantShape = Extract<RateShape, { kind: 'constant' }>;

/** The constant shape. Worked example: 50/s -> N(2 s) = 100, peak 50/s, x2 -> 100/s. */
export const constantShape: ShapeModel<ConstantShape> = {
  intensity: (shape) => piecewise([{ durationMs: Number.POSITIVE_INFINITY, ratePerSec: shape.ratePerSec }]),
  peakPerSec: (shape) => shape.ratePerSec,
  scale: (shape, factor) => ({ kind: 'constant', ratePerSec: shape.ratePerSec * factor }),
  period(shape, profileMs, minPeriodEntries) {
    // Any stretch is a whole period: at least the profile, longer when that holds few entries.
    const endMs =
      shape.ratePerSec > 0
        ? Math.max(profileMs, Math.ceil(minPeriodEntries / shape.ratePerSec) * 1000)
        : profileMs;
    return {
      label: `${secondsLabel(endMs)} of constant rate`,
      startMs: 0,
      endMs,
      featureMs: Number.POSITIVE_INFINITY,
    };
  },
};
