/**
 * Command-line overrides applied to a loaded scenario (pure).
 */
import type { RateShape, Scenario } from '../scenario/types.js';

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
  }
}

/** Planned entries per second of one shape at `elapsedMs` into a replay of `durationMs` (all instances). */
export function plannedRatePerSec(shape: RateShape, elapsedMs: number, durationMs: number): number {
  switch (shape.kind) {
    case 'constant':
      return shape.ratePerSec;
    case 'ramp': {
      const fraction = durationMs > 0 ? Math.min(1, Math.max(0, elapsedMs / durationMs)) : 0;
      return shape.fromPerSec + (shape.toPerSec - shape.fromPerSec) * fraction;
    }
  }
}
