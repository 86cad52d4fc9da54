import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from '../../src/schedule/rng.js';

describe('createRng', () => {
  it('is reproducible for a seed and stays in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const first = Array.from({ length: 1000 }, () => a());
    const second = Array.from({ length: 1000 }, () => b());
    expect(first).toEqual(second);
    for (const value of first) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('gives different streams for different seeds', () => {
    const a = createRng(1);
    const b = createRng(2);
    expect(a()).not.toBe(b());
  });

  it('is roughly uniform (mean of 100k draws within 0.5 +- 0.005)', () => {
    const rng = createRng(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += rng();
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('deriveSeed', () => {
  it('is deterministic and a uint32', () => {
    const seed = deriveSeed(42, 'checkout', 3);
    expect(deriveSeed(42, 'checkout', 3)).toBe(seed);
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
  });

  it('separates labels, instances, label order and seeds', () => {
    const seeds = [
      deriveSeed(42, 'checkout', 0),
      deriveSeed(42, 'checkout', 1),
      deriveSeed(42, 'checkou', 't0'),
      deriveSeed(42, 0, 'checkout'),
      deriveSeed(43, 'checkout', 0),
      deriveSeed(42, 'ab', 'c'),
      deriveSeed(42, 'a', 'bc'),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });
});
