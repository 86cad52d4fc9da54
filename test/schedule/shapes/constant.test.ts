/**
 * The constant shape: its intensity, peak, scaling and period, exactly.
 */
import { describe, expect, it } from 'vitest';
import { constantShape } from '../../../src/schedule/shapes/constant.js';

describe('constantShape', () => {
  const shape = { kind: 'constant' as const, ratePerSec: 50 };

  it('plans rate x t entries and inverts them', () => {
    const intensity = constantShape.intensity(shape, 10_000);
    expect(intensity.cumulative(2000)).toBe(100);
    expect(intensity.cumulative(0)).toBe(0);
    expect(intensity.cumulative(-5)).toBe(0);
    expect(intensity.inverse(100)).toBe(2000);
    expect(intensity.ratePerSec(1_000_000)).toBe(50);
  });

  it('a rate of 0 never reaches an entry', () => {
    expect(constantShape.intensity({ kind: 'constant', ratePerSec: 0 }, 1000).inverse(0)).toBeNull();
  });

  it('peaks at its rate and scales it', () => {
    expect(constantShape.peakPerSec(shape)).toBe(50);
    expect(constantShape.scale(shape, 2)).toEqual({ kind: 'constant', ratePerSec: 100 });
  });

  it('has the profile as its period, longer when the profile holds fewer than the minimum entries', () => {
    expect(constantShape.period(shape, 600_000, 20_000)).toEqual({
      label: '600 s of constant rate',
      startMs: 0,
      endMs: 600_000,
      featureMs: Number.POSITIVE_INFINITY,
    });
    // 20,000 entries at 50/s take 400 s
    expect(constantShape.period(shape, 30_000, 20_000)).toMatchObject({
      label: '400 s of constant rate',
      endMs: 400_000,
    });
    expect(constantShape.period({ kind: 'constant', ratePerSec: 0 }, 30_000, 20_000).endMs).toBe(30_000);
  });
});
