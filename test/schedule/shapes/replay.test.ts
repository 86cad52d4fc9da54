/**
 * The replay shape (with speed): its intended times exactly (pure), the time scale, its peak, scaling and period.
 */
import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../../src/scenario/types.js';
import { generateArrivals } from '../../../src/schedule/arrivals.js';
import { replayShape } from '../../../src/schedule/shapes/replay.js';

const all = (iterable: Iterable<number>): number[] => [...iterable];

describe('replay', () => {
  // counts per 1 s interval, played twice as fast: intervals of 500 ms holding 0, 4 and 2 entries
  const shape: RateShape = { kind: 'replay', intervalMs: 1000, counts: [0, 4, 2], speed: 2 };
  it('plays every recorded entry, evenly within its interval, and nothing after the series', () => {
    expect(
      all(generateArrivals({ shape, shapeDurationMs: 10_000, endMs: 10_000, instances: 1, instance: 0 })),
    ).toEqual([500, 625, 750, 875, 1000, 1250]);
  });

  it('at timeScale 60 samples the profile at its real rate', () => {
    // 120 entries per profile minute = 2/s; 3 replay seconds stand for 3 profile minutes
    const sampled: RateShape = { kind: 'replay', intervalMs: 60_000, counts: [120, 120, 120], speed: 1 };
    const times = all(
      generateArrivals({
        shape: sampled,
        shapeDurationMs: 3000,
        timeScale: 60,
        endMs: 3000,
        instances: 1,
        instance: 0,
      }),
    );
    expect(times).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });
});

describe('replayShape', () => {
  const shape = { kind: 'replay' as const, intervalMs: 60_000, counts: [60, 120, 30], speed: 2 };

  it('peaks at the busiest interval played at its speed', () => {
    // 120 entries in 30 s of profile = 4/s
    expect(replayShape.peakPerSec(shape)).toBe(4);
  });

  it('peaks without spreading a long series on the stack', () => {
    const counts = Array.from({ length: 500_000 }, (_, index) => index % 1000);
    expect(replayShape.peakPerSec({ kind: 'replay', intervalMs: 1000, counts, speed: 1 })).toBe(999);
  });

  it('scales every count and keeps interval and speed', () => {
    expect(replayShape.scale(shape, 0.5)).toEqual({
      kind: 'replay',
      intervalMs: 60_000,
      counts: [30, 60, 15],
      speed: 2,
    });
  });

  it('plays each interval at count / interval and nothing after the series', () => {
    const intensity = replayShape.intensity(shape, 1000);
    expect(intensity.cumulative(30_000)).toBe(60);
    expect(intensity.cumulative(90_000)).toBe(210);
    expect(intensity.cumulative(200_000)).toBe(210);
    expect(intensity.ratePerSec(45_000)).toBe(4);
    expect(intensity.ratePerSec(90_000)).toBe(0);
  });

  it('has the whole series as its period, one interval as its feature', () => {
    expect(
      replayShape.period({ kind: 'replay', intervalMs: 60_000, counts: [1, 2, 3], speed: 2 }, 1000, 20_000),
    ).toEqual({
      label: 'the replay file (3 intervals, 0.025 h)',
      startMs: 0,
      endMs: 90_000,
      featureMs: 30_000,
    });
  });
});
