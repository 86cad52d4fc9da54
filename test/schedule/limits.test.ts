import { describe, expect, it } from 'vitest';
import type { RateShape } from '../../src/scenario/types.js';
import { checkRunLimits, MAX_PLANNED_ENTRIES_PER_SEC, QUOTA_MARGIN } from '../../src/schedule/limits.js';
import { makeEndpoint, makeProducer, makeScenario } from '../helpers/scenario-builder.js';

const US_EAST_1_REASON =
  '10 x what the account accepts: the PutEvents quota of 10,000 requests/s in us-east-1 x 10 entries per request';

const withShape = (name: string, shape: RateShape) => makeProducer({ name, shape });

describe('checkRunLimits: planned rates', () => {
  it('the limits are 10 x the quota and a million entries/s', () => {
    expect(QUOTA_MARGIN).toBe(10);
    expect(MAX_PLANNED_ENTRIES_PER_SEC).toBe(1_000_000);
  });

  it('accepts a scenario within every limit', () => {
    expect(checkRunLimits(makeScenario([makeProducer()]))).toEqual([]);
  });

  it("refuses a producer's peak over 10 x the region's quota, at its rate", () => {
    const scenario = makeScenario([withShape('hot', { kind: 'constant', ratePerSec: 2_000_000 })]);
    expect(checkRunLimits(scenario)).toEqual([
      {
        path: ['producers', 0, 'rate'],
        message: `peak rate 2,000,000 entries/s is over the limit of 1,000,000 entries/s (${US_EAST_1_REASON})`,
      },
    ]);
  });

  it('points at the shape when the shape gives the rates, and names the flag behind the figure', () => {
    const scenario = makeScenario(
      [withShape('ramp', { kind: 'ramp', fromPerSec: 0, toPerSec: 70_000 })],
      10_000,
      {
        region: 'eu-west-3',
      },
    );
    expect(checkRunLimits(scenario, { rate: '--rate-scale 7' })).toEqual([
      {
        path: ['producers', 0, 'shape'],
        message:
          'peak rate 70,000 entries/s (with --rate-scale 7) is over the limit of 60,000 entries/s (10 x what the account accepts: the PutEvents quota of 600 requests/s in eu-west-3 x 10 entries per request)',
      },
    ]);
  });

  it('a diurnal peak is its mean x (1 + A), at its rate', () => {
    const scenario = makeScenario(
      [
        withShape('day', {
          kind: 'diurnal',
          meanPerSec: 800_000,
          peakHour: 12,
          peakToTrough: 3,
          startHour: 0,
        }),
      ],
      10_000,
    );
    expect(checkRunLimits(scenario).map((problem) => [problem.path, problem.message.slice(0, 36)])).toEqual([
      [['producers', 0, 'rate'], 'peak rate 1,200,000 entries/s is ove'],
    ]);
  });

  it('refuses producers whose peaks add up over the limit when none is over alone', () => {
    const scenario = makeScenario(
      [
        withShape('a', { kind: 'constant', ratePerSec: 6000 }),
        withShape('b', {
          kind: 'bursts',
          ratePerSec: 10,
          everyMs: 60_000,
          burstRatePerSec: 6000,
          burstDurationMs: 1000,
        }),
      ],
      10_000,
      { endpoint: makeEndpoint({ quotaTps: 100 }) },
    );
    expect(checkRunLimits(scenario)).toEqual([
      {
        path: ['producers'],
        message:
          "the producers' peak rates add up to 12,000 entries/s, over the limit of 10,000 entries/s (10 x what the account accepts: the PutEvents quota of 100 requests/s (endpoint.quotaTps) x 10 entries per request)",
      },
    ]);
  });

  it('does not add the sum when a producer is already over on its own', () => {
    const scenario = makeScenario(
      [
        withShape('a', { kind: 'constant', ratePerSec: 20_000 }),
        withShape('b', { kind: 'constant', ratePerSec: 5000 }),
      ],
      10_000,
      { endpoint: makeEndpoint({ quotaTps: 100 }) },
    );
    expect(checkRunLimits(scenario).map((problem) => problem.path)).toEqual([['producers', 0, 'rate']]);
  });

  it('above a quota of 100,000 requests/s the planner is the limit', () => {
    const scenario = makeScenario([withShape('hot', { kind: 'constant', ratePerSec: 1_500_000 })], 10_000, {
      endpoint: makeEndpoint({ quotaTps: 1_000_000 }),
    });
    expect(checkRunLimits(scenario)).toEqual([
      {
        path: ['producers', 0, 'rate'],
        message:
          'peak rate 1,500,000 entries/s is over the limit of 1,000,000 entries/s (what the planner can walk in real time on every worker)',
      },
    ]);
  });
});

describe("checkRunLimits: the scenario's own limits come first", () => {
  it('reports the duration before the rates, each with its flag', () => {
    const scenario = makeScenario(
      [withShape('hot', { kind: 'constant', ratePerSec: 2_000_000 })],
      200 * 3_600_000,
    );
    expect(
      checkRunLimits(scenario, { duration: '--duration 200h', rate: '--rate-scale 2' }).map(
        (problem) => problem.message,
      ),
    ).toEqual([
      '200 h (with --duration 200h) is longer than a run can hold; expected at most 168h (7 days of wall-clock replay)',
      `peak rate 2,000,000 entries/s (with --rate-scale 2) is over the limit of 1,000,000 entries/s (${US_EAST_1_REASON})`,
    ]);
  });

  it('a series too long to plan leaves the sum out', () => {
    const counts = Array.from({ length: 100_001 }, () => 60);
    const scenario = makeScenario(
      [
        withShape('replay', { kind: 'replay', intervalMs: 60_000, counts, speed: 1 }),
        withShape('a', { kind: 'constant', ratePerSec: 999_999 }),
      ],
      10_000,
    );
    expect(checkRunLimits(scenario).map((problem) => problem.path)).toEqual([['producers', 0, 'shape']]);
  });
});
