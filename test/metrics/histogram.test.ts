import { describe, expect, it } from 'vitest';
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  HIGHEST_TRACKABLE_US,
  recordLatencyUs,
  summarizeMs,
} from '../../src/metrics/histogram.js';

/** A histogram holding 1..n microseconds, once each (values below 2048 us are exact at 3 digits). */
const oneToN = (n: number) => {
  const histogram = createLatencyHistogram();
  for (let us = 1; us <= n; us++) recordLatencyUs(histogram, us);
  return histogram;
};

describe('histogram', () => {
  it('summarises in ms with exact percentiles for exact values', () => {
    expect(summarizeMs(oneToN(1000))).toEqual({
      count: 1000,
      mean: 0.501,
      p50: 0.5,
      p90: 0.9,
      p99: 0.99,
      p999: 0.999,
      max: 1,
    });
  });

  it('an empty histogram summarises to zeros', () => {
    expect(summarizeMs(createLatencyHistogram())).toEqual({
      count: 0,
      mean: 0,
      p50: 0,
      p90: 0,
      p99: 0,
      p999: 0,
      max: 0,
    });
  });

  it('rounds to whole microseconds and clamps to [1 us, 120 s]', () => {
    const histogram = createLatencyHistogram();
    recordLatencyUs(histogram, 0.2);
    recordLatencyUs(histogram, -5);
    recordLatencyUs(histogram, 2.6);
    recordLatencyUs(histogram, 500_000_000);
    recordLatencyUs(histogram, Number.NaN);
    expect(histogram.totalCount).toBe(5);
    expect(histogram.getValueAtPercentile(40)).toBe(1);
    expect(histogram.getValueAtPercentile(60)).toBe(3);
    expect(summarizeMs(histogram).max).toBeGreaterThanOrEqual(HIGHEST_TRACKABLE_US / 1000);
    expect(summarizeMs(histogram).max).toBeLessThan((HIGHEST_TRACKABLE_US / 1000) * 1.001);
  });

  it('encodes to base64 and decodes to the same counts', () => {
    const histogram = oneToN(1500);
    recordLatencyUs(histogram, 250_000);
    const encoded = encodeHistogram(histogram);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const decoded = decodeHistogram(encoded);
    expect(decoded.totalCount).toBe(1501);
    expect(summarizeMs(decoded)).toEqual(summarizeMs(histogram));
  });

  it('adds histograms exactly (also after a round trip)', () => {
    const a = oneToN(100);
    const b = createLatencyHistogram();
    for (let i = 0; i < 300; i++) recordLatencyUs(b, 2000);
    const sum = decodeHistogram(encodeHistogram(a));
    addHistogram(sum, decodeHistogram(encodeHistogram(b)));
    expect(sum.totalCount).toBe(400);
    expect(summarizeMs(sum)).toMatchObject({ count: 400, p50: 2, max: 2, p90: 2 });
    expect(sum.getValueAtPercentile(25)).toBe(100);
  });
});
