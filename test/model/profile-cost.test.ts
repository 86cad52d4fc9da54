/**
 * `profile --from-cloudwatch` writes a replay scenario; `busload cost` of that scenario goes through the
 * simulated estimate (the replay file as the period, the run's batcher) and must land on the monthly volumes
 * the profile priced from the metrics.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { usageFromScenario } from '../../src/model/projection.js';
import { parseScenario } from '../../src/scenario/load.js';
import { weekProfile } from '../helpers/model.js';

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
