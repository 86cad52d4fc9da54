/**
 * The steps shape: its intended times exactly (pure), its mean, peak, scaling and period.
 */
import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../../src/scenario/types.js';
import { generateArrivals } from '../../../src/schedule/arrivals.js';
import { stepsShape } from '../../../src/schedule/shapes/steps.js';
import { arrivalTimeMs, meanRatePerSec } from '../../helpers/shape-reading.js';

const all = (iterable: Iterable<number>): number[] => [...iterable];

describe('steps', () => {
  // 100/s for 1 s, nothing for 1 s, 50/s for 2 s, then 50/s on
  const shape: RateShape = {
    kind: 'steps',
    steps: [
      { ratePerSec: 100, durationMs: 1000 },
      { ratePerSec: 0, durationMs: 1000 },
      { ratePerSec: 50, durationMs: 2000 },
    ],
  };
  it.each([
    [0, 0],
    [99, 990],
    [100, 1000], // reached at the end of the first step
    [101, 2020], // the second step sends nothing
    [150, 3000],
    [200, 4000],
    [250, 5000], // after the last step its rate continues
  ])('arrival %i at %d ms', (index, expectedMs) => {
    expect(arrivalTimeMs(shape, 60_000, index)).toBeCloseTo(expectedMs, 9);
  });

  it('splits over instances without overlap: the union is the producer stream', () => {
    const spec = { shape, shapeDurationMs: 4000, endMs: 4000, instances: 3 };
    const union = [0, 1, 2]
      .flatMap((instance) => all(generateArrivals({ ...spec, instance })))
      .sort((a, b) => a - b);
    expect(union).toEqual(all(generateArrivals({ ...spec, instances: 1, instance: 0 })));
    expect(union).toHaveLength(200);
  });

  it('has the mean of its steps', () => {
    expect(meanRatePerSec(shape, 4000)).toBe(50); // (100 + 0 + 100) entries / 4 s
  });
});

describe('stepsShape', () => {
  const shape = {
    kind: 'steps' as const,
    steps: [
      { ratePerSec: 1, durationMs: 7_200_000 },
      { ratePerSec: 40, durationMs: 1_200_000 },
    ],
  };

  it('peaks at its highest step and scales every step', () => {
    expect(stepsShape.peakPerSec(shape)).toBe(40);
    expect(stepsShape.scale(shape, 2.5)).toEqual({
      kind: 'steps',
      steps: [
        { ratePerSec: 2.5, durationMs: 7_200_000 },
        { ratePerSec: 100, durationMs: 1_200_000 },
      ],
    });
    expect(stepsShape.peakPerSec({ kind: 'steps', steps: [] })).toBe(0);
  });

  it('continues the last rate after the sequence; nothing before 0', () => {
    const intensity = stepsShape.intensity(shape, 1000);
    expect(intensity.cumulative(7_200_000)).toBe(7200);
    expect(intensity.cumulative(8_400_000)).toBe(7200 + 48_000);
    expect(intensity.ratePerSec(9_000_000)).toBe(40);
    expect(intensity.ratePerSec(-1)).toBe(0);
  });

  it('has the whole sequence as its period, its shortest step as its feature', () => {
    expect(stepsShape.period(shape, 1000, 20_000)).toEqual({
      label: 'the steps sequence (2.333 h)',
      startMs: 0,
      endMs: 8_400_000,
      featureMs: 1_200_000,
    });
  });
});
