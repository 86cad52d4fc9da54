import { describe, expect, it } from 'vitest';
import { shapePeriod } from '../../src/model/shape-period.js';

describe('whole periods per shape', () => {
  it('diurnal: a day; steps: the sequence; replay: the file; bursts: whole cycles from the first burst at 0', () => {
    expect(
      shapePeriod({ kind: 'diurnal', meanPerSec: 10, peakHour: 20, peakToTrough: 6, startHour: 0 }, 60_000),
    ).toMatchObject({ startMs: 0, endMs: 86_400_000 });
    expect(
      shapePeriod(
        {
          kind: 'steps',
          steps: [
            { ratePerSec: 1, durationMs: 7_200_000 },
            { ratePerSec: 40, durationMs: 1_200_000 },
          ],
        },
        1000,
      ),
    ).toMatchObject({ startMs: 0, endMs: 8_400_000, featureMs: 1_200_000 });
    expect(
      shapePeriod({ kind: 'replay', intervalMs: 60_000, counts: [1, 2, 3], speed: 2 }, 1000),
    ).toMatchObject({ startMs: 0, endMs: 90_000, featureMs: 30_000 });
    // 60/s with 600/s for 2 min every 15 min: 600 x 120 + 60 x 780 = 118,800 entries a cycle (over the
    // 20,000 minimum), so one cycle, from 0 (the first burst) to 15 min.
    expect(
      shapePeriod(
        { kind: 'bursts', ratePerSec: 60, everyMs: 900_000, burstRatePerSec: 600, burstDurationMs: 120_000 },
        3_600_000,
      ),
    ).toMatchObject({ startMs: 0, endMs: 900_000, featureMs: 120_000 });
  });

  it('constant: at least the profile, longer until it holds 20,000 entries; a zero rate keeps the profile', () => {
    expect(shapePeriod({ kind: 'constant', ratePerSec: 50 }, 30_000)).toEqual({
      label: '400 s of constant rate',
      startMs: 0,
      endMs: 400_000,
      featureMs: Number.POSITIVE_INFINITY,
    });
    expect(shapePeriod({ kind: 'constant', ratePerSec: 0 }, 30_000)).toEqual({
      label: '30 s of constant rate',
      startMs: 0,
      endMs: 30_000,
      featureMs: Number.POSITIVE_INFINITY,
    });
  });

  it('ramp: the scenario profile it spans', () => {
    expect(shapePeriod({ kind: 'ramp', fromPerSec: 1, toPerSec: 10 }, 30_000)).toEqual({
      label: "the ramp over the scenario's 30 s profile",
      startMs: 0,
      endMs: 30_000,
      featureMs: Number.POSITIVE_INFINITY,
    });
  });

  it('bursts: small cycles are repeated until they hold 20,000 entries (150 a cycle -> 134 cycles)', () => {
    expect(
      shapePeriod(
        { kind: 'bursts', ratePerSec: 1, everyMs: 60_000, burstRatePerSec: 10, burstDurationMs: 10_000 },
        30_000,
      ),
    ).toEqual({
      label: '134 burst cycles of 60 s (the first burst at the start)',
      startMs: 0,
      endMs: 8_040_000,
      featureMs: 10_000,
    });
  });
});
