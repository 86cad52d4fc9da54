/**
 * The piecewise-constant intensity most shapes are made of, and the period labels.
 */
import { describe, expect, it } from 'vitest';
import { hoursLabel, piecewise, secondsLabel } from '../../../src/schedule/shapes/intensity.js';

describe('piecewise', () => {
  // 10/s for 1 s, 0 for 1 s, 20/s for 2 s
  const intensity = piecewise([
    { durationMs: 1000, ratePerSec: 10 },
    { durationMs: 1000, ratePerSec: 0 },
    { durationMs: 2000, ratePerSec: 20 },
  ]);

  it('adds each segment rate x duration', () => {
    expect(intensity.cumulative(500)).toBe(5);
    expect(intensity.cumulative(1500)).toBe(10);
    expect(intensity.cumulative(3000)).toBe(30);
    expect(intensity.cumulative(4000)).toBe(50);
    expect(intensity.cumulative(9000)).toBe(50);
  });

  it('inverts into the first segment with a positive rate, skipping an empty one', () => {
    expect(intensity.inverse(5)).toBe(500);
    expect(intensity.inverse(10)).toBe(1000);
    expect(intensity.inverse(10.0001)).toBeCloseTo(2000.005, 6);
    expect(intensity.inverse(30)).toBe(3000);
    expect(intensity.inverse(50)).toBeNull();
  });

  it('has each segment rate, and 0 outside', () => {
    expect(intensity.ratePerSec(1500)).toBe(0);
    expect(intensity.ratePerSec(2500)).toBe(20);
    expect(intensity.ratePerSec(4000)).toBe(0);
    expect(intensity.ratePerSec(-1)).toBe(0);
  });

  it('an infinite tail at rate 0 adds nothing (not NaN)', () => {
    const tail = piecewise([
      { durationMs: 1000, ratePerSec: 4 },
      { durationMs: Number.POSITIVE_INFINITY, ratePerSec: 0 },
    ]);
    expect(tail.cumulative(1e12)).toBe(4);
    expect(tail.inverse(4)).toBeNull();
  });

  it('no segment: nothing', () => {
    expect(piecewise([]).cumulative(1000)).toBe(0);
    expect(piecewise([]).inverse(0)).toBeNull();
    expect(piecewise([]).ratePerSec(0)).toBe(0);
  });
});

describe('period labels', () => {
  it('round to a thousandth', () => {
    expect(hoursLabel(5_400_000)).toBe('1.5 h');
    expect(hoursLabel(1_000)).toBe('0 h');
    expect(secondsLabel(30_000)).toBe('30 s');
    expect(secondsLabel(1_234)).toBe('1.234 s');
  });
});
