/**
 * The steps shape: each step's rate for its duration in turn; after the last, its rate continues.
 */
import type { RateShape } from '../../scenario/types.js';
import { hoursLabel, piecewise, type ShapeModel } from './intensity.js';

type StepsShape = Extract<RateShape, { kind: 'steps' }>;

/**
 * The steps shape. Worked example: 100/s for 10 s then 300/s for 10 s: N(20 s) = 4,000, peak 300/s, and a
 * period of 20 s whose shortest feature is a 10 s step.
 */
export const stepsShape: ShapeModel<StepsShape> = {
  intensity(shape) {
    const last = shape.steps[shape.steps.length - 1];
    return piecewise([
      ...shape.steps,
      { durationMs: Number.POSITIVE_INFINITY, ratePerSec: last?.ratePerSec ?? 0 },
    ]);
  },
  peakPerSec: (shape) => shape.steps.reduce((max, step) => Math.max(max, step.ratePerSec), 0),
  scale: (shape, factor) => ({
    kind: 'steps',
    steps: shape.steps.map((step) => ({ ...step, ratePerSec: step.ratePerSec * factor })),
  }),
  period(shape) {
    const totalMs = shape.steps.reduce((sum, step) => sum + step.durationMs, 0);
    const shortestMs = shape.steps.reduce((min, step) => Math.min(min, step.durationMs), Infinity);
    return {
      label: `the steps sequence (${hoursLabel(totalMs)})`,
      startMs: 0,
      endMs: totalMs,
      featureMs: shortestMs,
    };
  },
};
