import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSplit, sharesFromRuleMetrics } from '../../src/model/profile.js';
import { usageFromScenario } from '../../src/model/projection.js';
import { parseScenario } from '../../src/scenario/load.js';
import { weekProfile } from '../helpers/model.js';

describe('parseSplit', () => {
  it('reads bus=share pairs that sum to 1', () => {
    expect(parseSplit('orders=0.6,payments=0.3,telemetry=0.1')).toEqual(
      new Map([
        ['orders', 0.6],
        ['payments', 0.3],
        ['telemetry', 0.1],
      ]),
    );
  });
  it.each([
    ['orders=0.6', 'shares sum to 0.6; expected 1'],
    ['orders=0.6,orders=0.4', '"orders=0.4": bus orders given twice'],
    ['Orders=1', '"Orders=1": expected <bus>=<share>, e.g. orders=0.6'],
    ['orders=0,payments=1', '"orders=0": a share must be > 0 and <= 1'],
  ])('%s -> %s', (text, problem) => {
    expect(parseSplit(text)).toBe(problem);
  });
});

describe('sharesFromRuleMetrics', () => {
  it('divides each bus by the total, null when there is nothing', () => {
    expect(
      sharesFromRuleMetrics(
        new Map([
          ['orders', 600],
          ['payments', 400],
        ]),
      ),
    ).toEqual(
      new Map([
        ['orders', 0.6],
        ['payments', 0.4],
      ]),
    );
    expect(sharesFromRuleMetrics(new Map([['orders', 0]]))).toBeNull();
  });
});

describe('profileFromMetrics', () => {
  it('a week of 36,000 calls x 5 entries an hour, orders at 0.6 (the worked example)', () => {
    const profile = weekProfile(() => 36_000);
    expect(profile.projection.ratio).toEqual({ numerator: '730', denominator: '168' });
    expect(profile.usage[0]?.counts).toEqual({
      requestsSucceeded: 3_628_800,
      requestsFailed: 0,
      entriesSucceeded: 18_144_000,
      entriesFailed: 0,
      billableChunks: 18_144_000,
    });
    expect(profile.entriesPerCall).toBe(5);
    expect(profile.entryBytes).toBe(2048);
    expect(profile.peakCallsPerSec).toBe(10); // 36,000 calls in the peak hour / 3,600 s
    expect(profile.scenario).toMatchObject({ timeScale: 1008, duration: '600s' });
  });
});

/**
 * `profile --from-cloudwatch` writes a replay scenario; `busload cost` of that scenario goes through the
 * simulated estimate (the replay file as the period, the run's batcher) and must land on the monthly volumes
 * the profile priced from the metrics.
 */
describe('profile --from-cloudwatch -> busload cost of the written scenario', () => {
  it('a week with a daily curve, 5 entries a call: same calls, entries and chunks a month (within 0.1%)', () => {
    // Busy days 09:00-18:00 (3x), quiet nights.
    const profile = weekProfile((index) => (index % 24 >= 9 && index % 24 < 18 ? 36_000 : 12_000));
    const { scenario } = parseScenario(stringify(profile.scenario), 'profile-us-east-1.yaml');
    const declared = usageFromScenario(scenario);
    const factor = 730 / 168;
    for (const bus of profile.usage) {
      const cost = declared.usage.find((candidate) => candidate.name === bus.name)!.counts;
      const near = (actual: number, expected: number) =>
        expect(Math.abs(actual / expected - 1), `${bus.name}: ${actual} vs ${expected}`).toBeLessThan(0.001);
      near(cost.requestsSucceeded, bus.counts.requestsSucceeded * factor);
      near(cost.entriesSucceeded, bus.counts.entriesSucceeded * factor);
      near(cost.billableChunks, bus.counts.billableChunks * factor);
    }
    expect(declared.approximations[0]).toContain('the replay file (168 intervals, 168 h)');
  });
});
