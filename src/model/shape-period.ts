/**
 * The stretch of profile time a producer's month is made of: whole periods of its rate shape (a diurnal day,
 * whole burst cycles, a steps sequence, a replay file, a constant or ramp stretch), and the shape's shortest
 * feature, which bounds how sparsely the period may be sampled (./simulate.ts).
 */
import type { RateShape } from '../scenario/types.js';
import { DAY_MS, HOUR_MS } from '../schedule/shapes.js';

/** Entries a constant stretch or a burst producer's cycles should hold (more cycles when one is small). */
const MIN_PERIOD_ENTRIES = 20_000;

/** The stretch of profile time a producer's month is made of. */
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

const hours = (ms: number): string => `${Number((ms / HOUR_MS).toFixed(3))} h`;
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * The whole period(s) of a shape a month repeats.
 * Worked example: bursts every 15 min of 2 min at 600/s over 60/s: 132 entries/s a cycle; cycles of
 * 118,800 entries, so one cycle, counted from 0 (the first burst starts there) to 15 min.
 * @param shape - the producer's shape
 * @param profileMs - the scenario's profile length (duration x timeScale)
 */
export function shapePeriod(shape: RateShape, profileMs: number): ShapePeriod {
  switch (shape.kind) {
    case 'constant': {
      // Any stretch is a whole period: at least the profile, longer when that holds few entries.
      const endMs =
        shape.ratePerSec > 0
          ? Math.max(profileMs, Math.ceil(MIN_PERIOD_ENTRIES / shape.ratePerSec) * 1000)
          : profileMs;
      return {
        label: `${seconds(endMs)} of constant rate`,
        startMs: 0,
        endMs,
        featureMs: Number.POSITIVE_INFINITY,
      };
    }
    case 'ramp':
      return {
        label: `the ramp over the scenario's ${seconds(profileMs)} profile`,
        startMs: 0,
        endMs: profileMs,
        featureMs: Number.POSITIVE_INFINITY,
      };
    case 'diurnal':
      return { label: 'one diurnal day (24 h)', startMs: 0, endMs: DAY_MS, featureMs: HOUR_MS };
    case 'steps': {
      const totalMs = shape.steps.reduce((sum, step) => sum + step.durationMs, 0);
      const shortestMs = shape.steps.reduce((min, step) => Math.min(min, step.durationMs), Infinity);
      return {
        label: `the steps sequence (${hours(totalMs)})`,
        startMs: 0,
        endMs: totalMs,
        featureMs: shortestMs,
      };
    }
    case 'replay': {
      const intervalMs = shape.intervalMs / shape.speed;
      const totalMs = shape.counts.length * intervalMs;
      return {
        label: `the replay file (${shape.counts.length} intervals, ${hours(totalMs)})`,
        startMs: 0,
        endMs: totalMs,
        featureMs: intervalMs,
      };
    }
    case 'bursts': {
      const perCycle =
        (shape.burstRatePerSec * shape.burstDurationMs +
          shape.ratePerSec * (shape.everyMs - shape.burstDurationMs)) /
        1000;
      const cycles = perCycle > 0 ? Math.min(1000, Math.max(1, Math.ceil(MIN_PERIOD_ENTRIES / perCycle))) : 1;
      const quietMs = shape.everyMs - shape.burstDurationMs;
      return {
        label: `${cycles} burst ${cycles === 1 ? 'cycle' : 'cycles'} of ${seconds(shape.everyMs)} (the first burst at the start)`,
        startMs: 0,
        endMs: shape.everyMs * cycles,
        featureMs: Math.min(shape.burstDurationMs, quietMs > 0 ? quietMs : Infinity),
      };
    }
  }
}
