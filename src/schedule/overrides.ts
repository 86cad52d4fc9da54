/**
 * Command-line overrides applied to a loaded scenario (pure).
 */
import type { RateShape, Scenario } from '../scenario/types.js';
import { createIntensity, scaleShape } from './shapes/index.js';

/** Returns a copy of the scenario with the replay length and every producer's rate overridden. */
export function applyOverrides(
  scenario: Scenario,
  overrides: { durationMs?: number; rateScale?: number },
): Scenario {
  const rateScale = overrides.rateScale ?? 1;
  return {
    ...scenario,
    durationMs: overrides.durationMs ?? scenario.durationMs,
    producers: scenario.producers.map((producer) => ({
      ...producer,
      shape: scaleShape(producer.shape, rateScale),
    })),
  };
}

/**
 * Planned entries per second of one shape at `elapsedMs` into a replay of `durationMs` (all instances):
 * the profile's instantaneous rate at elapsedMs x timeScale (bursts: the Poisson intensity).
 */
export function plannedRatePerSec(
  shape: RateShape,
  elapsedMs: number,
  durationMs: number,
  timeScale = 1,
): number {
  return createIntensity(shape, durationMs * timeScale).ratePerSec(Math.max(0, elapsedMs) * timeScale);
}
