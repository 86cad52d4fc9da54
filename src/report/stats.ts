/**
 * The statistics behind "is this latency change real or noise?": the Mann-Whitney U test (Wilcoxon
 * rank-sum) on per-interval samples, e.g. the p99 of each 1 s interval of a run before and after a change.
 * It assumes nothing about the shape of the distribution (per-interval p99s are skewed and heavy-tailed), only
 * that the intervals are independent samples. Pure: no I/O, no clock, no randomness.
 *
 * Method: exact null distribution of U (all C(n1+n2, n1) rank arrangements equally likely) when there are
 * no ties and n1 + n2 <= 50; otherwise the normal approximation with tie correction and continuity correction.
 * Reference: H. B. Mann and D. R. Whitney (1947), "On a test of whether one of two random variables is
 * stochastically larger than the other", Ann. Math. Statist. 18(1):50-60.
 */
import { normalCdf } from '../model/projection.js';

/** Largest n1 + n2 for the exact distribution (C(50, 25) ~ 1.26e14 counts stay exact in a double). */
const EXACT_MAX_TOTAL = 50;

export interface MannWhitneyResult {
  nBefore: number;
  nAfter: number;
  /** Pairs (before_i, after_j) with after_j > before_i, ties counted as 1/2. */
  uAfter: number;
  /** nBefore x nAfter - uAfter. */
  uBefore: number;
  method: 'exact' | 'normal';
  /** One-sided p-value for "after is stochastically larger than before" (a regression when larger is worse). */
  pGreater: number;
  /** One-sided p-value for "after is stochastically smaller than before". */
  pLess: number;
  /** Two-sided p-value (twice the smaller one-sided value, at most 1). */
  pTwoSided: number;
}

/** Midranks (1-based) of `values`, ties sharing the mean of their ranks, plus the tie-group sizes. */
function midranks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[order[k]!.index] = rank;
    if (end > start) tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

/**
 * counts[u] = number of ways to arrange m "after" and n "before" values so that the after sample's U is u
 * (no ties). Recurrence on the largest value: it is an "after" value (beating all n before values, +n) or a
 * "before" one: f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u).
 */
function exactUCounts(m: number, n: number): number[] {
  // table[j][u] holds f(i, j, u) for the current i, for j = 0..n.
  let table: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const next: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const withAfterLargest = table[j]!;
      const withBeforeLargest = next[j - 1]!;
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      for (let u = 0; u < size; u++) {
        row[u] = (u - j >= 0 ? (withAfterLargest[u - j] ?? 0) : 0) + (withBeforeLargest[u] ?? 0);
      }
      next.push(row);
    }
    table = next;
  }
  return table[n]!;
}

/**
 * Mann-Whitney U test of two independent samples.
 *
 * Worked example: before [1, 2, 3], after [4, 5, 6]: every after value beats every before value, uAfter = 9;
 * only 1 of the C(6, 3) = 20 equally likely arrangements gives U >= 9, so pGreater = 0.05 (exact),
 * pLess = 1 and pTwoSided = 0.1.
 * @param before - the baseline samples (finite numbers)
 * @param after - the changed run's samples (finite numbers)
 * @throws RangeError when a sample is empty or holds a non-finite number
 */
export function mannWhitneyU(before: readonly number[], after: readonly number[]): MannWhitneyResult {
  const nBefore = before.length;
  const nAfter = after.length;
  if (nBefore === 0 || nAfter === 0)
    throw new RangeError('mannWhitneyU needs at least one sample on each side');
  if (![...before, ...after].every(Number.isFinite))
    throw new RangeError('mannWhitneyU samples must be finite');
  const { ranks, tieSizes } = midranks([...after, ...before]);
  const rankSumAfter = ranks.slice(0, nAfter).reduce((sum, rank) => sum + rank, 0);
  const uAfter = rankSumAfter - (nAfter * (nAfter + 1)) / 2;
  const uBefore = nAfter * nBefore - uAfter;
  const total = nAfter + nBefore;

  let pGreater: number;
  let pLess: number;
  let method: MannWhitneyResult['method'];
  if (tieSizes.length === 0 && total <= EXACT_MAX_TOTAL) {
    method = 'exact';
    const counts = exactUCounts(nAfter, nBefore);
    const arrangements = counts.reduce((sum, count) => sum + count, 0);
    let atLeast = 0;
    let atMost = 0;
    counts.forEach((count, u) => {
      if (u >= uAfter) atLeast += count;
      if (u <= uAfter) atMost += count;
    });
    pGreater = atLeast / arrangements;
    pLess = atMost / arrangements;
  } else {
    method = 'normal';
    const mean = (nAfter * nBefore) / 2;
    const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0) / (total * (total - 1));
    const variance = ((nAfter * nBefore) / 12) * (total + 1 - tieTerm);
    if (variance <= 0) {
      // Every value equal: no evidence either way.
      pGreater = 1;
      pLess = 1;
    } else {
      const sd = Math.sqrt(variance);
      pGreater = 1 - normalCdf((uAfter - mean - 0.5) / sd);
      pLess = normalCdf((uAfter - mean + 0.5) / sd);
    }
  }
  pGreater = Math.min(1, pGreater);
  pLess = Math.min(1, pLess);
  return {
    nBefore,
    nAfter,
    uAfter,
    uBefore,
    method,
    pGreater,
    pLess,
    pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)),
  };
}

/** Which latency statistics have a per-interval sample in a time series point. */
export const INTERVAL_LATENCY_STATS = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const;
export type IntervalLatencyStat = (typeof INTERVAL_LATENCY_STATS)[number];
