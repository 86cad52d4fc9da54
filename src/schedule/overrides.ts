/**
 * Command-line overrides applied to a loaded scenario (pure).
 */
import type { RateShape, Scenario } from '../scenario/types.js';
import { createIntensity } from './shapes.js';

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

function scaleShape(shape: RateShape, factor: number): RateShape {
  switch (shape.kind) {
    case 'constant':
      return { kind: 'constant', ratePerSec: shape.ratePerSec * factor };
    case 'ramp':
      return { kind: 'ramp', fromPerSec: shape.fromPerSec * factor, toPerSec: shape.toPerSec * factor };
    case 'steps':
      return {
        kind: 'steps',
        steps: shape.steps.map((step) => ({ ...step, ratePerSec: step.ratePerSec * factor })),
      };
    case 'diurnal':
      return { ...shape, meanPerSec: shape.meanPerSec * factor };
    case 'bursts':
      return {
        ...shape,
        ratePerSec: shape.ratePerSec * factor,
        burstRatePerSec: shape.burstRatePerSec * factor,
      };
    case 'replay':
      return { ...shape, counts: shape.counts.map((count) => count * factor) };
  }
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
