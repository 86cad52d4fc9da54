/**
 * The replay shape: a recorded series of entry counts per interval, played `speed` times faster.
 */
import type { RateShape } from '../../scenario/types.js';
import { hoursLabel, piecewise, type ShapeModel } from './intensity.js';

type ReplayShape = Extract<RateShape, { kind: 'replay' }>;

/**
 * The replay shape: each interval (intervalMs / speed of profile time) at count / interval.
 * Worked example: counts [60, 120] per 1 min at speed 2: 2/s for 30 s then 4/s for 30 s; peak 4/s.
 */
export const replayShape: ShapeModel<ReplayShape> = {
  intensity(shape) {
    const intervalMs = shape.intervalMs / shape.speed;
    return piecewise(
      shape.counts.map((count) => ({ durationMs: intervalMs, ratePerSec: (count * 1000) / intervalMs })),
    );
  },
  // A loop, not Math.max(...counts): a long replay series would overflow the call stack.
  peakPerSec: (shape) =>
    shape.counts.reduce((max, count) => Math.max(max, (count * 1000 * shape.speed) / shape.intervalMs), 0),
  scale: (shape, factor) => ({ ...shape, counts: shape.counts.map((count) => count * factor) }),
  period(shape) {
    const intervalMs = shape.intervalMs / shape.speed;
    const totalMs = shape.counts.length * intervalMs;
    return {
      label: `the replay file (${shape.counts.length} intervals, ${hoursLabel(totalMs)})`,
      startMs: 0,
      endMs: totalMs,
      featureMs: intervalMs,
    };
  },
};
