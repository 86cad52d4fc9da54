/**
 * Mann-Whitney U: exact values. The references were cross-checked with scipy.stats.mannwhitneyu 1.17.1
 * (method "exact" without ties, "asymptotic" with continuity correction otherwise).
 */
import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../src/report/stats.js';

const range = (count: number, start: number, step: number) =>
  Array.from({ length: count }, (_, index) => start + step * index);

describe('mannWhitneyU', () => {
  it('complete separation of 3 vs 3: U = 9, exact one-sided p = 1/20', () => {
    const result = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(result).toEqual({
      nBefore: 3,
      nAfter: 3,
      uAfter: 9,
      uBefore: 0,
      method: 'exact',
      pGreater: 0.05,
      pLess: 1,
      pTwoSided: 0.1,
    });
    const reversed = mannWhitneyU([4, 5, 6], [1, 2, 3]);
    expect(reversed.uAfter, 'uAfter').toBe(0);
    expect(reversed.pLess, 'pLess').toBe(0.05);
    expect(reversed.pGreater, 'pGreater').toBe(1);
  });

  it('interleaved 3 vs 3: U = 6, P(U >= 6) = 7/20, P(U <= 6) = 16/20', () => {
    const result = mannWhitneyU([1, 3, 5], [2, 4, 6]);
    expect(result.uAfter, 'uAfter').toBe(6);
    expect(result.method).toBe('exact');
    expect(result.pGreater, 'pGreater').toBeCloseTo(0.35, 15);
    expect(result.pLess, 'pLess').toBeCloseTo(0.8, 15);
    expect(result.pTwoSided, 'pTwoSided').toBeCloseTo(0.7, 15);
  });

  it('exact distribution at 20 vs 20 without ties', () => {
    const result = mannWhitneyU(range(20, 0, 2), range(20, 11, 2));
    expect(result.method).toBe('exact');
    expect(result.uAfter, 'uAfter').toBe(295);
    expect(result.pGreater, 'pGreater').toBeCloseTo(0.0047418035956025015, 14);
    expect(result.pLess, 'pLess').toBeCloseTo(0.9956440596934866, 14);
    expect(result.pTwoSided, 'pTwoSided').toBeCloseTo(0.009483607191205003, 14);
  });

  it('ties: midranks, tie-corrected normal approximation with continuity correction', () => {
    const result = mannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4]);
    expect(result.method).toBe('normal');
    expect(result.uAfter, 'uAfter').toBe(13);
    expect(result.pGreater, 'pGreater').toBeCloseTo(0.08601685446091145, 14);
    expect(result.pTwoSided, 'pTwoSided').toBeCloseTo(0.1720337089218229, 14);
  });

  it('30 vs 30 shifted by 5 with ties (over 50 values: normal)', () => {
    const result = mannWhitneyU(range(30, 10, 1), range(30, 15, 1));
    expect(result.method).toBe('normal');
    expect(result.uAfter, 'uAfter').toBe(587.5);
    expect(result.pGreater, 'pGreater').toBeCloseTo(0.02137367665285696, 14);
  });

  it('identical samples give no evidence; empty or non-finite samples are rejected', () => {
    const same = mannWhitneyU([5, 5, 5], [5, 5, 5]);
    expect([same.pGreater, same.pLess, same.pTwoSided]).toEqual([1, 1, 1]);
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1], [Number.NaN])).toThrow(RangeError);
  });
});
