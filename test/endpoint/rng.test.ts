import { describe, expect, it } from 'vitest';
import { createLognormalSamplerMs, createRng } from '../../src/endpoint/rng.js';

describe('createRng', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const value of seqA) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('createLognormalSamplerMs', () => {
  it('has the requested median and 99th percentile', () => {
    const sample = createLognormalSamplerMs(15, 60, createRng(7));
    const values = Array.from({ length: 200_000 }, sample).sort((x, y) => x - y);
    const p50 = values[100_000]!;
    const p99 = values[198_000]!;
    expect(Math.abs(p50 - 15) / 15, `p50 ${p50}`).toBeLessThan(0.02);
    expect(Math.abs(p99 - 60) / 60, `p99 ${p99}`).toBeLessThan(0.04);
  });

  it('is constant when p99 equals p50', () => {
    const sample = createLognormalSamplerMs(5, 5, createRng(1));
    expect([sample(), sample()]).toEqual([5, 5]);
  });
});
