/** The latency spectrum's axis: positions 1/(1 - p), their labels, and what a histogram resolves. */
import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordLatencyUs } from '../../src/metrics/histogram.js';
import {
  resolvedPercentileMs,
  SPECTRUM_TABLE_PERCENTILES,
  spectrumLabel,
  spectrumPoints,
} from '../../src/report/spectrum.js';

/** A histogram of the latencies 1, 2, ..., 100 ms. */
function hundredMs() {
  const histogram = createLatencyHistogram();
  for (let ms = 1; ms <= 100; ms++) recordLatencyUs(histogram, ms * 1000);
  return histogram;
}

describe('spectrumPoints', () => {
  it('puts 10 positions per decade up to the sample count, each with the latency (ms) at 1 - 1/x', () => {
    const points = spectrumPoints(hundredMs());
    expect(points).toHaveLength(21);
    expect(points[0]).toEqual([1, 1]);
    expect(points[10]).toEqual([10, 90.047]);
    expect(points.at(-1)).toEqual([100, 99.007]);
  });

  it('stops at 10^5 (p = 99.999%) whatever the sample count', () => {
    const histogram = createLatencyHistogram();
    histogram.recordValueWithCount(5000, 1e7);
    const points = spectrumPoints(histogram);
    expect(points.at(-1)).toEqual([1e5, 5.003]);
    expect(points).toHaveLength(51);
  });
});

describe('spectrumLabel', () => {
  it('labels a position with its percentile', () => {
    expect([1, 1.259, 4, 100, 1e4].map(spectrumLabel)).toEqual(['0%', '20.5719%', '75%', '99%', '99.99%']);
  });
});

describe('resolvedPercentileMs', () => {
  it('gives the latency at a percentile the samples resolve, and null beyond 1/count', () => {
    const histogram = hundredMs();
    expect(SPECTRUM_TABLE_PERCENTILES.map((p) => resolvedPercentileMs(histogram, p))).toEqual([
      50.015,
      90.047,
      99.007,
      null,
      null,
    ]);
  });

  it('resolves p0 of an empty histogram (one position) but nothing finer', () => {
    const histogram = createLatencyHistogram();
    expect(resolvedPercentileMs(histogram, 0)).toBe(0);
    expect(resolvedPercentileMs(histogram, 50)).toBeNull();
  });
});
