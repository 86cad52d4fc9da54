import { describe, expect, it } from 'vitest';
import { countWindow, windowArrivals } from '../../src/model/window-counts.js';
import { producer } from '../helpers/model.js';

describe('arrival times computed once for every seed', () => {
  it('a diurnal producer with random sizes and types counts the same with them as without', () => {
    const spec = producer('d', 'orders', {
      instances: 3,
      shape: { kind: 'diurnal', meanPerSec: 120, peakHour: 20, peakToTrough: 6, startHour: 0 },
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 50, maxBytes: 1_048_576 },
      entryBytes: { dist: 'lognormal', p50Bytes: 1536, p99Bytes: 12_288 },
      detailTypes: ['Placed', 'Paid'],
      detailTypeWeights: [3, 1],
    });
    const period = { startMs: 0, endMs: 86_400_000 };
    const arrivalsOf = windowArrivals(spec, 60_000, period, 1440)!;
    // every instance's arrivals over the day, one linger past it: about 120/s x 86,400 s / 1440 / 3 each
    expect(arrivalsOf(0).length).toBeGreaterThan(2300);
    for (const seed of [1, 2, 3]) {
      const fresh = countWindow(spec, seed, 60_000, period, 1440);
      expect(fresh.entries).toBeGreaterThan(7000);
      expect(countWindow(spec, seed, 60_000, period, 1440, null, arrivalsOf)).toEqual(fresh);
    }
  });

  it("is not offered for bursts, whose Poisson arrivals are the seed's", () => {
    const spec = producer('b', 'orders', {
      shape: {
        kind: 'bursts',
        ratePerSec: 10,
        everyMs: 60_000,
        burstRatePerSec: 100,
        burstDurationMs: 10_000,
      },
    });
    expect(windowArrivals(spec, 60_000, { endMs: 60_000 }, 1)).toBeNull();
  });
});

describe('countWindow', () => {
  const window = { startMs: 0, endMs: 1000 };

  it('50/s in fixed batches of 10 one-chunk entries over 1 s: 5 calls, 50 entries, 50 chunks', () => {
    expect(countWindow(producer('a', 'orders'), 1, 1000, window, 1)).toEqual({
      calls: 5,
      entries: 50,
      entriesFailed: 0,
      chunks: 50,
      entriesByType: [50],
      peakCallsPerSec: 5,
    });
  });

  it('half the attempts failing with one resend: 1 + (1 - 0.5^10) calls a batch, a quarter of the entries failed', () => {
    expect(
      countWindow(producer('a', 'orders'), 1, 1000, window, 1, { denied: false, failShare: 0.5, resends: 1 }),
    ).toEqual({
      calls: 9.9951171875,
      entries: 37.5,
      entriesFailed: 12.5,
      chunks: 37.5,
      entriesByType: [75],
      peakCallsPerSec: 9.9951171875,
    });
  });

  it('counts only batches opened in the window; a linger batch closes past its end (peak second 9 calls)', () => {
    const spec = producer('b', 'orders', {
      detailTypes: ['A', 'B'],
      detailTypeWeights: [1, 1],
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 100, maxBytes: 1_048_576 },
    });
    expect(countWindow(spec, 1, 2000, { startMs: 1000, endMs: 2000 }, 1)).toEqual({
      calls: 10,
      entries: 50,
      entriesFailed: 0,
      chunks: 50,
      entriesByType: [18, 32],
      peakCallsPerSec: 9,
    });
  });
});
