/**
 * The shape registry: one model per kind, and the functions the schedule, the overrides, the limits and the
 * cost model call.
 */
import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../../src/scenario/types.js';
import {
  createIntensity,
  peakRatePerSec,
  SHAPES,
  scaleShape,
  shapePeriodOf,
} from '../../../src/schedule/shapes/index.js';
import { meanRatePerSec } from '../../helpers/shape-reading.js';

const EXAMPLES: RateShape[] = [
  { kind: 'constant', ratePerSec: 20 },
  { kind: 'ramp', fromPerSec: 0, toPerSec: 40 },
  {
    kind: 'steps',
    steps: [
      { ratePerSec: 10, durationMs: 5000 },
      { ratePerSec: 30, durationMs: 5000 },
    ],
  },
  { kind: 'diurnal', meanPerSec: 20, peakHour: 14, peakToTrough: 3, startHour: 0 },
  { kind: 'bursts', ratePerSec: 10, everyMs: 10_000, burstRatePerSec: 50, burstDurationMs: 2000 },
  { kind: 'replay', intervalMs: 1000, counts: [5, 25, 10], speed: 1 },
];

describe('SHAPES', () => {
  it('has a model for every kind of the scenario format', () => {
    expect(Object.keys(SHAPES).sort()).toEqual(['bursts', 'constant', 'diurnal', 'ramp', 'replay', 'steps']);
  });
});

describe('registry functions', () => {
  it('peakRatePerSec: each kind its own peak', () => {
    expect(EXAMPLES.map(peakRatePerSec)).toEqual([20, 40, 30, 30, 50, 25]);
  });

  it("the mean read off each kind's intensity, over the profile", () => {
    expect(meanRatePerSec(EXAMPLES[0]!, 10_000)).toBe(20);
    expect(meanRatePerSec(EXAMPLES[1]!, 10_000)).toBe(20);
    expect(meanRatePerSec(EXAMPLES[2]!, 10_000)).toBe(20);
    // one 10 s cycle: 50 x 2 + 10 x 8 = 180 entries
    expect(meanRatePerSec(EXAMPLES[4]!, 10_000)).toBe(18);
    expect(meanRatePerSec(EXAMPLES[5]!, 3000)).toBeCloseTo(40 / 3, 12);
    expect(meanRatePerSec(EXAMPLES[0]!, 0)).toBe(0);
  });

  it('scaleShape: x2 doubles every peak and every mean', () => {
    for (const shape of EXAMPLES) {
      const doubled = scaleShape(shape, 2);
      expect(doubled.kind).toBe(shape.kind);
      expect(peakRatePerSec(doubled)).toBeCloseTo(2 * peakRatePerSec(shape), 9);
      expect(meanRatePerSec(doubled, 10_000)).toBeCloseTo(2 * meanRatePerSec(shape, 10_000), 9);
    }
  });

  it('createIntensity and shapePeriodOf dispatch on the kind', () => {
    expect(createIntensity(EXAMPLES[0]!, 1000).cumulative(1000)).toBe(20);
    expect(shapePeriodOf(EXAMPLES[3]!, 1000, 20_000).endMs).toBe(86_400_000);
    expect(shapePeriodOf(EXAMPLES[1]!, 1000, 20_000).endMs).toBe(1000);
  });
});
