/**
 * The bursts shape (seeded Poisson): its intended times exactly (pure), its peak, scaling and period.
 */
import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../../src/scenario/types.js';
import { generateArrivals } from '../../../src/schedule/arrivals.js';
import { createRng } from '../../../src/schedule/rng.js';
import { burstsShape } from '../../../src/schedule/shapes/bursts.js';
import { createIntensity } from '../../../src/schedule/shapes/index.js';
import { meanRatePerSec } from '../../helpers/shape-reading.js';

const all = (iterable: Iterable<number>): number[] => [...iterable];

describe('bursts (Poisson, seeded)', () => {
  // 10/s, and every 60 s (the first at 0) a 10 s burst at 100/s
  const shape: RateShape = {
    kind: 'bursts',
    ratePerSec: 10,
    everyMs: 60_000,
    burstRatePerSec: 100,
    burstDurationMs: 10_000,
  };
  const intensity = createIntensity(shape, 600_000);

  it('starts with a burst: N(10 s) = 1,000, N(60 s) = 1,500, N(70 s) = 2,500, N(120 s) = 3,000', () => {
    // period: 100/s x 10 s = 1,000 in the burst, 10/s x 50 s = 500 after it: 1,500 per 60 s
    expect(intensity.cumulative(5_000)).toBe(500);
    expect(intensity.cumulative(10_000)).toBe(1000);
    expect(intensity.cumulative(60_000)).toBe(1500);
    expect(intensity.cumulative(70_000)).toBe(2500);
    expect(intensity.cumulative(120_000)).toBe(3000);
    expect(intensity.ratePerSec(0)).toBe(100);
    expect(intensity.ratePerSec(9_999)).toBe(100);
    expect(intensity.ratePerSec(10_000)).toBe(10);
    expect(intensity.ratePerSec(60_000)).toBe(100);
    expect(intensity.inverse(500)).toBe(5_000);
    expect(intensity.inverse(1000)).toBe(10_000);
    expect(intensity.inverse(1250)).toBe(35_000); // 10 s + 250 / 10/s
    expect(intensity.inverse(1500)).toBe(60_000); // a period's end: the earliest time reaching it
    expect(intensity.inverse(2500)).toBe(70_000);
    expect(intensity.inverse(2550)).toBe(75_000);
    expect(intensity.inverse(3000)).toBe(120_000);
    // 10 whole periods over 600 s: (1,000 + 500) x 10 / 600 s = 25/s
    expect(meanRatePerSec(shape, 600_000)).toBe(25);
  });

  it('arrival k is at N^-1(S_k) with S_k the sum of k unit exponentials of the seeded stream', () => {
    const rng = createRng(42);
    const expected: number[] = [];
    let sum = 0;
    for (let k = 0; k < 5; k++) {
      sum += -Math.log(1 - rng());
      expected.push((sum * 1000) / 100); // S_k < 1,000 here: the first burst at 100/s, t = S / 100 s
    }
    const got = all(
      generateArrivals({
        shape,
        shapeDurationMs: 600_000,
        endMs: 600_000,
        instances: 1,
        instance: 0,
        rng: createRng(42),
      }),
    );
    expect(got.slice(0, 5)).toEqual(expected);
    // each instance of n is a Poisson process of 1/n of the intensity: twice as far apart for 2 instances
    const half = all(
      generateArrivals({
        shape,
        shapeDurationMs: 600_000,
        endMs: 600_000,
        instances: 2,
        instance: 1,
        rng: createRng(42),
      }),
    );
    expect(half.slice(0, 5).map((t) => t / 2)).toEqual(expected.map((t) => expect.closeTo(t, 9)));
  });

  it('is the same for the same seed and sends about 10x more in bursts', () => {
    const spec = { shape, shapeDurationMs: 600_000, endMs: 600_000, instances: 1, instance: 0 };
    const a = all(generateArrivals({ ...spec, rng: createRng(7) }));
    expect(all(generateArrivals({ ...spec, rng: createRng(7) }))).toEqual(a);
    const inBursts = a.filter((t) => t % 60_000 < 10_000).length;
    const outside = a.length - inBursts;
    // 10 bursts x 1,000 expected, 10 x 50 s x 10/s = 5,000 expected outside
    expect(inBursts).toBeGreaterThan(9_500);
    expect(inBursts).toBeLessThan(10_500);
    expect(outside).toBeGreaterThan(4_700);
    expect(outside).toBeLessThan(5_300);
  });

  it('needs a seeded stream', () => {
    expect(() =>
      all(generateArrivals({ shape, shapeDurationMs: 1000, endMs: 1000, instances: 1, instance: 0 })),
    ).toThrow(/seeded rng/);
  });
});

describe('burstsShape', () => {
  const shape = {
    kind: 'bursts' as const,
    ratePerSec: 60,
    everyMs: 900_000,
    burstRatePerSec: 600,
    burstDurationMs: 120_000,
  };

  it('peaks at the higher of its two rates and scales both', () => {
    expect(burstsShape.peakPerSec(shape)).toBe(600);
    expect(burstsShape.peakPerSec({ ...shape, burstRatePerSec: 0 })).toBe(60);
    expect(burstsShape.scale(shape, 2)).toEqual({ ...shape, ratePerSec: 120, burstRatePerSec: 1200 });
  });

  it('counts whole cycles from the first burst: one when a cycle holds the minimum', () => {
    // 600 x 120 + 60 x 780 = 118,800 entries a cycle, over 20,000
    expect(burstsShape.period(shape, 3_600_000, 20_000)).toEqual({
      label: '1 burst cycle of 900 s (the first burst at the start)',
      startMs: 0,
      endMs: 900_000,
      featureMs: 120_000,
    });
  });

  it('takes more cycles when one is small, at most 1,000', () => {
    // 1/s for 10 s every 60 s, 0 otherwise: 10 entries a cycle -> 2,000 cycles wanted, 1,000 taken
    const quiet = {
      kind: 'bursts' as const,
      ratePerSec: 0,
      everyMs: 60_000,
      burstRatePerSec: 1,
      burstDurationMs: 10_000,
    };
    expect(burstsShape.period(quiet, 1000, 20_000)).toMatchObject({ endMs: 60_000_000, featureMs: 10_000 });
    expect(burstsShape.period(quiet, 1000, 30)).toMatchObject({
      label: '3 burst cycles of 60 s (the first burst at the start)',
      endMs: 180_000,
    });
  });

  it('a burst as long as its period has no quiet stretch: its feature is the burst', () => {
    expect(burstsShape.period({ ...shape, burstDurationMs: 900_000 }, 1000, 20_000).featureMs).toBe(900_000);
  });
});
