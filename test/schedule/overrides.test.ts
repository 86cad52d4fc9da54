import { describe, expect, it } from 'vitest';
import { applyOverrides, plannedRatePerSec } from '../../src/schedule/overrides.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

describe('applyOverrides', () => {
  const scenario = makeScenario(
    [
      makeProducer({ name: 'a', shape: { kind: 'constant', ratePerSec: 10 } }),
      makeProducer({ name: 'b', shape: { kind: 'replay', intervalMs: 1000, counts: [1, 3], speed: 2 } }),
    ],
    60_000,
  );

  it('returns the scenario unchanged in value without overrides, as a copy', () => {
    const same = applyOverrides(scenario, {});
    expect(same).toEqual(scenario);
    expect(same).not.toBe(scenario);
    expect(same.producers[0]).not.toBe(scenario.producers[0]);
  });

  it("sets the replay length and scales every producer's rates", () => {
    const changed = applyOverrides(scenario, { durationMs: 5000, rateScale: 2.5 });
    expect(changed.durationMs).toBe(5000);
    expect(changed.producers.map((producer) => producer.shape)).toEqual([
      { kind: 'constant', ratePerSec: 25 },
      { kind: 'replay', intervalMs: 1000, counts: [2.5, 7.5], speed: 2 },
    ]);
    expect(scenario.producers[0]?.shape).toEqual({ kind: 'constant', ratePerSec: 10 });
  });
});

describe('plannedRatePerSec', () => {
  it("is the shape's instantaneous rate at the elapsed replay time", () => {
    // a ramp 0 -> 100/s over a 10 s replay: 50/s at 5 s
    expect(plannedRatePerSec({ kind: 'ramp', fromPerSec: 0, toPerSec: 100 }, 5000, 10_000)).toBe(50);
  });

  it('reads the profile at elapsed x timeScale', () => {
    const steps = {
      kind: 'steps' as const,
      steps: [
        { ratePerSec: 10, durationMs: 60_000 },
        { ratePerSec: 30, durationMs: 60_000 },
      ],
    };
    expect(plannedRatePerSec(steps, 1000, 10_000, 60)).toBe(30);
    expect(plannedRatePerSec(steps, 999, 10_000, 60)).toBe(10);
  });

  it('treats a time before the start as the start', () => {
    expect(plannedRatePerSec({ kind: 'ramp', fromPerSec: 4, toPerSec: 8 }, -50, 1000)).toBe(4);
  });
});
