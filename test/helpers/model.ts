/** Builders shared by the model tests: small usage, producer and scenario fixtures, and a week of metrics. */
import { profileFromMetrics } from '../../src/model/profile.js';
import type { BusUsage, UsageCounts } from '../../src/model/types.js';
import type { ProducerSpec, Scenario } from '../../src/scenario/types.js';
import { makeBus, makeProducer, makeScenario } from './scenario-builder.js';

/** A bus's usage with zero counts except those given. */
export function busUsage(
  name: string,
  overrides: Partial<Omit<BusUsage, 'counts'>> & { counts?: Partial<UsageCounts> } = {},
): BusUsage {
  return {
    ...overrides,
    name,
    classification: overrides.classification ?? 'regulated',
    loggingMode: overrides.loggingMode ?? 'trail',
    trailCopies: overrides.trailCopies ?? 1,
    counts: {
      requestsSucceeded: 0,
      requestsFailed: 0,
      entriesSucceeded: 0,
      entriesFailed: 0,
      billableChunks: 0,
      ...overrides.counts,
    },
  };
}

/** A producer on bus `bus` at a constant 50 entries/s, fixed batches of 10, fixed 2 KB entries. */
export function producer(name: string, bus: string, overrides: Partial<ProducerSpec> = {}): ProducerSpec {
  return makeProducer({
    name,
    bus,
    principal: 'arn:aws:iam::111122223333:role/producer',
    source: 'com.example',
    detailTypes: ['Thing'],
    detailTypeWeights: [1],
    shape: { kind: 'constant', ratePerSec: 50 },
    batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
    entryBytes: { dist: 'fixed', bytes: 2048 },
    ...overrides,
  });
}

/** A scenario with an `orders` bus (regulated, trail) and a `telemetry` bus (logging off), and the producers. */
export function scenario(producers: ProducerSpec[]): Scenario {
  return makeScenario(producers, 30_000, {
    name: 'model-test',
    buses: [
      makeBus('orders', { classification: 'regulated' }),
      makeBus('telemetry', { classification: 'telemetry', logging: 'off' }),
    ],
  });
}

/**
 * `profileFromMetrics` over a week of AWS/Events hours (5 entries of 2 KB a call, nothing throttled or failed),
 * split 60/40 into orders and payments as stated shares, us-east-1, replayed in 10 minutes.
 * @param callsInHour - PutEvents calls in hour `index` (0 to 167)
 */
export function weekProfile(callsInHour: (index: number) => number): ReturnType<typeof profileFromMetrics> {
  const hours = Array.from({ length: 168 }, (_, index) => {
    const calls = callsInHour(index);
    return {
      startEpochMs: index * 3_600_000,
      calls,
      entries: calls * 5,
      requestBytes: calls * 5 * 2048,
      throttledCalls: 0,
      failedCalls: 0,
      failedEntries: 0,
    };
  });
  return profileFromMetrics({
    hours,
    split: {
      shares: new Map([
        ['orders', 0.6],
        ['payments', 0.4],
      ]),
      basis: 'stated',
    },
    region: 'us-east-1',
    quotaTps: 10_000,
    peakMinuteCalls: null,
    replayDurationMs: 600_000,
    name: 'profile-us-east-1',
  });
}
