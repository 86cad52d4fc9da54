/**
 * `--rate-scale auto`: the scale chosen from a probe of the machine (pure, exact) and the probe itself.
 */
import { describe, expect, it } from 'vitest';
import { chooseRateScale, probeCoreShare } from '../../src/run/calibrate.js';

describe('chooseRateScale', () => {
  it('keeps the rates on an idle machine (the run threads share the cores: 2 / 3 each at most)', () => {
    expect(
      chooseRateScale({ coreShare: 1, cores: 2, workers: 2, peakCallsPerSec: 77, transport: 'sdk' }),
    ).toEqual({
      rateScale: 1,
      threadShare: 2 / 3,
      // 38.5 calls/s x 1 ms / (1000 x 2/3)
      predictedUtilization: 0.05775,
    });
  });

  it('scales down on a busy machine so that a worker would be 30% busy', () => {
    // A thread gets 8% of a core: 38.5 x 1 / 80 = 0.48 busy at scale 1 -> 0.3 / 0.48 = 0.625 -> 0.62.
    const busy = chooseRateScale({
      coreShare: 0.08,
      cores: 2,
      workers: 2,
      peakCallsPerSec: 77,
      transport: 'sdk',
    });
    expect(busy.rateScale).toBe(0.62);
    expect(busy.predictedUtilization).toBeCloseTo(0.48125, 10);
    // The original quickstart (515 calls/s) at the same share: 257.5 x 1 / 80 = 3.22 -> 0.093.
    expect(
      chooseRateScale({ coreShare: 0.08, cores: 2, workers: 2, peakCallsPerSec: 515, transport: 'sdk' })
        .rateScale,
    ).toBe(0.093);
    // The lean transport costs less per call: 38.5 x 0.3 / 80 = 0.144 -> fits.
    expect(
      chooseRateScale({ coreShare: 0.08, cores: 2, workers: 2, peakCallsPerSec: 77, transport: 'lean' })
        .rateScale,
    ).toBe(1);
  });

  it('never goes below 0.05 or above 1', () => {
    expect(
      chooseRateScale({ coreShare: 0.001, cores: 2, workers: 2, peakCallsPerSec: 10_000, transport: 'sdk' })
        .rateScale,
    ).toBe(0.05);
    expect(
      chooseRateScale({ coreShare: 1, cores: 64, workers: 8, peakCallsPerSec: 0, transport: 'sdk' })
        .rateScale,
    ).toBe(1);
  });
});

describe('probeCoreShare', () => {
  it('measures a share of a core in (0, 1] over about the time asked', () => {
    const startMs = Date.now();
    const share = probeCoreShare(50);
    expect(Date.now() - startMs).toBeGreaterThanOrEqual(50);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
  });
});
