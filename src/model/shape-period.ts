/**
 * The stretch of profile time a producer's month is made of: whole periods of its rate shape (a diurnal day,
 * whole burst cycles, a steps sequence, a replay file, a constant or ramp stretch), and the shape's shortest
 * feature, which bounds how sparsely the period may be sampled (./simulate.ts). Each shape's period is
 * defined by the shape itself (src/schedule/shapes/<kind>.ts); this fixes how many entries a period holds.
 */
import type { RateShape } from '../scenario/types.js';
import { type ShapePeriod, shapePeriodOf } from '../schedule/shapes/index.js';

export type { ShapePeriod };

/** Entries a constant stretch or a burst producer's cycles should hold (more cycles when one is small). */
const MIN_PERIOD_ENTRIES = 20_000;

/**
 * The whole period(s) of a shape a month repeats, holding at least MIN_PERIOD_ENTRIES entries where the
 * shape allows (the shape registry's period).
 * Worked example: bursts every 15 min of 2 min at 600/s over 60/s: 132 entries/s a cycle; cycles of
 * 118,800 entries, so one cycle, counted from 0 (the first burst starts there) to 15 min.
 * @param shape - the producer's shape
 * @param profileMs - the scenario's profile length (duration x timeScale)
 */
export function shapePeriod(shape: RateShape, profileMs: number): ShapePeriod {
  return shapePeriodOf(shape, profileMs, MIN_PERIOD_ENTRIES);
}
