/**
 * Readings of a rate shape that only tests need: its mean over a profile and the time of its j-th arrival
 * at timeScale 1, both read off the shape's intensity (src/schedule/shapes/index.ts, src/schedule/arrivals.ts).
 */
import type { RateShape } from '../../src/scenario/types.js';
import { arrivalAtMs } from '../../src/schedule/arrivals.js';
import { createIntensity } from '../../src/schedule/shapes/index.js';

/**
 * Mean rate (entries/s) of a shape over [0, profileDurationMs): N(D) / D; 0 for an empty profile.
 * Worked example: steps 100/s for 10 s then 300/s for 10 s, over 20 s -> 200/s.
 */
export function meanRatePerSec(shape: RateShape, profileDurationMs: number): number {
  if (!(profileDurationMs > 0)) return 0;
  return (createIntensity(shape, profileDurationMs).cumulative(profileDurationMs) * 1000) / profileDurationMs;
}

/** Time (ms) of the producer-level j-th arrival at timeScale 1; null when the rate never gets there. */
export function arrivalTimeMs(shape: RateShape, shapeDurationMs: number, index: number): number | null {
  return arrivalAtMs(createIntensity(shape, shapeDurationMs), 1, index);
}
