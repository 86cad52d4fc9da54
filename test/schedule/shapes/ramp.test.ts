/**
 * The ramp shape: its closed-form intensity and inverse, peak, scaling and period, exactly.
 */
import { describe, expect, it } from 'vitest';
import { rampShape } from '../../../src/schedule/shapes/ramp.js';

const rampIntensity = (fromPerSec: number, toPerSec: number, profileMs: number) =>
  rampShape.intensity({ kind: 'ramp', fromPerSec, toPerSec }, profileMs);

describe('the ramp intensity', () => {
  // a = 10/s, b = 30/s, T = 10 s: N(t) = 10t + t^2
  const intensity = rampIntensity(10, 30, 10_000);

  it('is N(t) = a t + (b - a) t^2 / 2T over the ramp, then b/s', () => {
    expect(intensity.cumulative(1000)).toBe(11);
    expect(intensity.cumulative(2000)).toBe(24);
    expect(intensity.cumulative(10_000)).toBe(200);
    expect(intensity.cumulative(12_000)).toBe(260);
  });

  it('inverts it in closed form', () => {
    expect(intensity.inverse(11)).toBeCloseTo(1000, 9);
    expect(intensity.inverse(24)).toBeCloseTo(2000, 9);
    expect(intensity.inverse(260)).toBeCloseTo(12_000, 9);
    expect(intensity.inverse(0)).toBe(0);
  });

  it('rises linearly, then holds', () => {
    expect(intensity.ratePerSec(5000)).toBe(20);
    expect(intensity.ratePerSec(20_000)).toBe(30);
  });

  it('a ramp down to 0 ends: nothing after it', () => {
    const down = rampIntensity(10, 0, 10_000);
    expect(down.cumulative(10_000)).toBe(50);
    expect(down.inverse(50)).toBeCloseTo(10_000, 6);
    expect(down.inverse(51)).toBeNull();
  });

  it('an empty profile is the target rate at once', () => {
    expect(rampIntensity(10, 30, 0).cumulative(1000)).toBe(30);
  });
});

describe('rampShape', () => {
  const shape = { kind: 'ramp' as const, fromPerSec: 50, toPerSec: 10 };

  it('peaks at the higher end and scales both ends', () => {
    expect(rampShape.peakPerSec(shape)).toBe(50);
    expect(rampShape.scale(shape, 3)).toEqual({ kind: 'ramp', fromPerSec: 150, toPerSec: 30 });
  });

  it('spans the profile it is given', () => {
    expect(rampShape.intensity(shape, 4000).cumulative(4000)).toBe(120);
  });

  it('has the scenario profile as its period', () => {
    expect(rampShape.period(shape, 90_000, 20_000)).toEqual({
      label: "the ramp over the scenario's 90 s profile",
      startMs: 0,
      endMs: 90_000,
      featureMs: Number.POSITIVE_INFINITY,
    });
  });
});
