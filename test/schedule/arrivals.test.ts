import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../src/scenario/types.js';
import { generateArrivals } from '../../src/schedule/arrivals.js';
import { arrivalTimeMs } from '../helpers/shape-reading.js';

const take = (iterable: Iterable<number>, count: number): number[] => {
  const out: number[] = [];
  for (const value of iterable) {
    if (out.length === count) break;
    out.push(value);
  }
  return out;
};

describe('arrivalTimeMs', () => {
  it.each([
    // [shape, shapeDurationMs, index, expected ms]
    [{ kind: 'constant', ratePerSec: 100 }, 10_000, 0, 0],
    [{ kind: 'constant', ratePerSec: 100 }, 10_000, 1, 10],
    [{ kind: 'constant', ratePerSec: 100 }, 10_000, 2999, 29_990],
    [{ kind: 'constant', ratePerSec: 8 }, 10_000, 3, 375],
    [{ kind: 'constant', ratePerSec: 0.5 }, 10_000, 3, 6000],
    // ramp 10/s -> 30/s over 10 s: N(t) = 10t + t^2
    [{ kind: 'ramp', fromPerSec: 10, toPerSec: 30 }, 10_000, 0, 0],
    [{ kind: 'ramp', fromPerSec: 10, toPerSec: 30 }, 10_000, 11, 1000],
    [{ kind: 'ramp', fromPerSec: 10, toPerSec: 30 }, 10_000, 24, 2000],
    [{ kind: 'ramp', fromPerSec: 10, toPerSec: 30 }, 10_000, 39, 3000],
    [{ kind: 'ramp', fromPerSec: 10, toPerSec: 30 }, 10_000, 200, 10_000],
    // past the ramp the rate stays at 30/s
    [{ kind: 'ramp', fromPerSec: 10, toPerSec: 30 }, 10_000, 215, 10_500],
    // ramp 0 -> 10/s over 10 s: N(t) = t^2 / 2
    [{ kind: 'ramp', fromPerSec: 0, toPerSec: 10 }, 10_000, 2, 2000],
    [{ kind: 'ramp', fromPerSec: 0, toPerSec: 10 }, 10_000, 8, 4000],
    [{ kind: 'ramp', fromPerSec: 0, toPerSec: 10 }, 10_000, 32, 8000],
    // ramp down 30/s -> 10/s over 10 s: N(t) = 30t - t^2
    [{ kind: 'ramp', fromPerSec: 30, toPerSec: 10 }, 10_000, 29, 1000],
    [{ kind: 'ramp', fromPerSec: 30, toPerSec: 10 }, 10_000, 56, 2000],
    [{ kind: 'ramp', fromPerSec: 30, toPerSec: 10 }, 10_000, 200, 10_000],
    // a flat ramp is a constant rate
    [{ kind: 'ramp', fromPerSec: 4, toPerSec: 4 }, 10_000, 10, 2500],
  ] as Array<[RateShape, number, number, number]>)(
    '%o over %d ms: arrival %d at %d ms',
    (shape, durationMs, index, expectedMs) => {
      expect(arrivalTimeMs(shape, durationMs, index)).toBeCloseTo(expectedMs, 9);
    },
  );

  it('returns null when the rate never reaches the index', () => {
    expect(arrivalTimeMs({ kind: 'constant', ratePerSec: 0 }, 10_000, 1)).toBeNull();
    // ramp down to 0: 50 arrivals in total (area 10 * 10 / 2), the 50th exactly at the end
    expect(arrivalTimeMs({ kind: 'ramp', fromPerSec: 10, toPerSec: 0 }, 10_000, 50)).toBeCloseTo(10_000, 9);
    expect(arrivalTimeMs({ kind: 'ramp', fromPerSec: 10, toPerSec: 0 }, 10_000, 51)).toBeNull();
  });
});

describe('generateArrivals', () => {
  it('constant 100/s over 4 instances: 25/s each, phase-offset by a quarter interval', () => {
    const shape: RateShape = { kind: 'constant', ratePerSec: 100 };
    const spec = { shape, shapeDurationMs: 1000, endMs: 1000, instances: 4 };
    expect(take(generateArrivals({ ...spec, instance: 0 }), 4)).toEqual([0, 40, 80, 120]);
    expect(take(generateArrivals({ ...spec, instance: 1 }), 4)).toEqual([10, 50, 90, 130]);
    expect(take(generateArrivals({ ...spec, instance: 3 }), 4)).toEqual([30, 70, 110, 150]);
    expect([...generateArrivals({ ...spec, instance: 2 })]).toHaveLength(25);
  });

  it('instances together are exactly the producer stream', () => {
    const shape: RateShape = { kind: 'ramp', fromPerSec: 5, toPerSec: 50 };
    const whole = [
      ...generateArrivals({ shape, shapeDurationMs: 2000, endMs: 2000, instances: 1, instance: 0 }),
    ];
    const parts = [0, 1, 2].flatMap((instance) => [
      ...generateArrivals({ shape, shapeDurationMs: 2000, endMs: 2000, instances: 3, instance }),
    ]);
    expect(parts.sort((a, b) => a - b)).toEqual(whole);
    // area under the ramp: (5 + 50) / 2 * 2 s = 55 entries, the 55th exactly at 2000 ms (excluded)
    expect(whole).toHaveLength(55);
  });

  it('ramp 0 -> 10/s over 10 s: sqrt(2j) s, ends before endMs', () => {
    const shape: RateShape = { kind: 'ramp', fromPerSec: 0, toPerSec: 10 };
    const all = [
      ...generateArrivals({ shape, shapeDurationMs: 10_000, endMs: 10_000, instances: 1, instance: 0 }),
    ];
    expect(all).toHaveLength(50);
    expect(all[18]).toBeCloseTo(6000, 9);
    expect(all[49]).toBeCloseTo(Math.sqrt(98) * 1000, 9);
  });

  it('cuts the shape at endMs without compressing it', () => {
    const shape: RateShape = { kind: 'ramp', fromPerSec: 10, toPerSec: 30 };
    const cut = [
      ...generateArrivals({ shape, shapeDurationMs: 10_000, endMs: 2000, instances: 1, instance: 0 }),
    ];
    expect(cut).toHaveLength(24); // N(2 s) = 24, arrivals 0..23
    expect(cut[11]).toBeCloseTo(1000, 9);
  });

  it('is computed from the start, never accumulated (no drift after 3 million arrivals)', () => {
    const shape: RateShape = { kind: 'constant', ratePerSec: 3 };
    expect(arrivalTimeMs(shape, 1, 3_000_000)).toBe(1_000_000_000);
  });

  it('rejects an instance out of range', () => {
    const shape: RateShape = { kind: 'constant', ratePerSec: 1 };
    expect(() => [
      ...generateArrivals({ shape, shapeDurationMs: 1, endMs: 1, instances: 2, instance: 2 }),
    ]).toThrow(RangeError);
  });
});
