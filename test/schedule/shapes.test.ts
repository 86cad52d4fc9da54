/**
 * Every rate shape's intended times, exactly (pure): steps, replay (with speed), diurnal, bursts (seeded
 * Poisson), and the time scale. Constant and ramp are in arrivals.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../src/scenario/types.js';
import { arrivalAtMs, arrivalTimeMs, generateArrivals } from '../../src/schedule/arrivals.js';
import { createRng } from '../../src/schedule/rng.js';
import { createIntensity, DAY_MS, meanRatePerSec } from '../../src/schedule/shapes.js';

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

describe('replay', () => {
  // counts per 1 s interval, played twice as fast: intervals of 500 ms holding 0, 4 and 2 entries
  const shape: RateShape = { kind: 'replay', intervalMs: 1000, counts: [0, 4, 2], speed: 2 };
  it('plays every recorded entry, evenly within its interval, and nothing after the series', () => {
    expect(
      all(generateArrivals({ shape, shapeDurationMs: 10_000, endMs: 10_000, instances: 1, instance: 0 })),
    ).toEqual([500, 625, 750, 875, 1000, 1250]);
  });

  it('at timeScale 60 samples the profile at its real rate', () => {
    // 120 entries per profile minute = 2/s; 3 replay seconds stand for 3 profile minutes
    const sampled: RateShape = { kind: 'replay', intervalMs: 60_000, counts: [120, 120, 120], speed: 1 };
    const times = all(
      generateArrivals({
        shape: sampled,
        shapeDurationMs: 3000,
        timeScale: 60,
        endMs: 3000,
        instances: 1,
        instance: 0,
      }),
    );
    expect(times).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });
});

describe('diurnal', () => {
  // mean 100/s, peak/trough 3 (amplitude 0.5), peak at 06:00, starting at midnight
  const shape: RateShape = { kind: 'diurnal', meanPerSec: 100, peakHour: 6, peakToTrough: 3, startHour: 0 };
  const intensity = createIntensity(shape, DAY_MS);
  // N(6 h) = 100 x 21,600 + 100 x 0.5 x 86,400 / (2 pi) x (sin 0 - sin(-pi/2))
  const atSixHours = 2_160_000 + (50 * 86_400) / (2 * Math.PI);

  it('reaches N(6 h) exactly at 6 h, and its rate is mean x (1 + A) at the peak', () => {
    expect(intensity.cumulative(6 * 3_600_000)).toBeCloseTo(atSixHours, 6);
    expect(arrivalAtMs(intensity, 1, atSixHours)).toBeCloseTo(6 * 3_600_000, 5);
    expect(intensity.ratePerSec(6 * 3_600_000)).toBeCloseTo(150, 9);
    expect(intensity.ratePerSec(18 * 3_600_000)).toBeCloseTo(50, 9); // the trough: 150 / 50 = 3
  });

  it('inverts its cumulative count everywhere (to 10 ns at 1e7 ms magnitudes)', () => {
    for (const hours of [0.001, 1, 5.5, 6, 11.9, 17.25, 23.99, 30]) {
      const tMs = hours * 3_600_000;
      expect(intensity.inverse(intensity.cumulative(tMs))).toBeCloseTo(tMs, 5);
    }
  });

  it('averages its mean over a whole day, and timeScale 3600 plays 6 h in 6 s', () => {
    expect(meanRatePerSec(shape, DAY_MS)).toBeCloseTo(100, 9);
    expect(arrivalAtMs(intensity, 3600, atSixHours / 3600)).toBeCloseTo(6000, 6);
  });
});

describe('diurnal inverse: the same arrival times as the Newton iteration written on cumulative and rate', () => {
  // The inverse as first written: each step calls the intensity's own cumulative(t) and ratePerSec(t).
  // shapes.ts now computes both from one angle; every arrival time must stay the same double.
  function referenceInverse(
    intensity: ReturnType<typeof createIntensity>,
    meanPerSec: number,
    swing: number,
  ) {
    return (target: number): number | null => {
      if (target <= 0) return 0;
      const linearMs = (target * 1000) / meanPerSec;
      const slackMs = (2 * swing * 1000) / meanPerSec;
      let lo = Math.max(0, linearMs - slackMs);
      let hi = linearMs + slackMs;
      let t = linearMs;
      for (let i = 0; i < 100; i++) {
        const f = intensity.cumulative(t) - target;
        if (f > 0) hi = t;
        else lo = t;
        const next = t - (f * 1000) / intensity.ratePerSec(t);
        const stepped = next > lo && next < hi ? next : (lo + hi) / 2;
        if (Math.abs(stepped - t) < 1e-9 || stepped === t) return stepped;
        t = stepped;
      }
      return t;
    };
  }

  it.each([
    // regulated-checkout's curve (mean 120/s, peak 20:00, 6x), the cost-vs-run fixture's, a steep one
    [120, 20, 6, 0],
    [2000, 14, 4, 0],
    [0.5, 3, 50, 7.5],
  ])(
    'mean %s/s, peak at %s h, peak/trough %s, start %s h: every arrival of a day at timeScale 1 and 1440',
    (meanPerSec, peakHour, peakToTrough, startHour) => {
      const shape: RateShape = { kind: 'diurnal', meanPerSec, peakHour, peakToTrough, startHour };
      const intensity = createIntensity(shape, DAY_MS);
      const amplitude = (peakToTrough - 1) / (peakToTrough + 1);
      const swing = (meanPerSec * amplitude * DAY_MS) / (2 * Math.PI * 1000);
      const reference = referenceInverse(intensity, meanPerSec, swing);
      const dayEntries = intensity.cumulative(DAY_MS);
      // At most 200,000 targets over the day, fractional ones (Poisson-like sums) between them.
      const step = Math.max(1, Math.floor(dayEntries / 200_000));
      let compared = 0;
      let mismatches = 0;
      for (let target = 0; target < dayEntries; target += step) {
        for (const at of [target, target + 0.37]) {
          if (!Object.is(intensity.inverse(at), reference(at))) mismatches += 1;
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(80_000); // 0.5/s: all 43,200 entries of the day, twice
      expect(mismatches).toBe(0);
      // The arrivals a (sampled) run plans: every 3rd instance's arrival over the day at timeScale 1440.
      const got = all(
        generateArrivals({
          shape,
          shapeDurationMs: 60_000,
          timeScale: 1440,
          endMs: 60_000,
          instances: 3,
          instance: 1,
        }),
      );
      const expected: number[] = [];
      for (let k = 0; ; k++) {
        const profileMs = reference((k * 3 + 1) * 1440);
        if (profileMs === null || profileMs / 1440 >= 60_000) break;
        expected.push(profileMs / 1440);
      }
      expect(got.length).toBe(expected.length);
      expect(got.length).toBeGreaterThan(0);
      expect(got.every((timeMs, index) => Object.is(timeMs, expected[index]))).toBe(true);
    },
  );
});

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
