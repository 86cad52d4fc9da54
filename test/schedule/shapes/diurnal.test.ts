/**
 * The diurnal shape: its cumulative count, inverse and rate exactly (pure), its peak, scaling and period.
 */
import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../../src/scenario/types.js';
import { arrivalAtMs, generateArrivals } from '../../../src/schedule/arrivals.js';
import { diurnalShape } from '../../../src/schedule/shapes/diurnal.js';
import { createIntensity, DAY_MS } from '../../../src/schedule/shapes/index.js';
import { meanRatePerSec } from '../../helpers/shape-reading.js';

const all = (iterable: Iterable<number>): number[] => [...iterable];

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

describe('diurnalShape', () => {
  const shape = { kind: 'diurnal' as const, meanPerSec: 100, peakHour: 6, peakToTrough: 3, startHour: 0 };

  it('peaks at mean x (1 + A), A = (k - 1) / (k + 1)', () => {
    expect(diurnalShape.peakPerSec(shape)).toBe(150);
    expect(diurnalShape.peakPerSec({ ...shape, peakToTrough: 1 })).toBe(100);
  });

  it('scales its mean and keeps its hours and ratio', () => {
    expect(diurnalShape.scale(shape, 3)).toEqual({ ...shape, meanPerSec: 300 });
  });

  it('is lowest at the trough: mean x (1 - A) twelve hours after the peak', () => {
    const intensity = diurnalShape.intensity(shape, 1000);
    expect(intensity.ratePerSec(18 * 3_600_000)).toBeCloseTo(50, 9);
  });

  it('has one day as its period and an hour as its feature', () => {
    expect(diurnalShape.period(shape, 60_000, 20_000)).toEqual({
      label: 'one diurnal day (24 h)',
      startMs: 0,
      endMs: 86_400_000,
      featureMs: 3_600_000,
    });
  });
});
