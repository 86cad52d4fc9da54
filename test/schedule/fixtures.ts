/** Small scenario builders for the schedule and worker tests. */
import type { BusSpec, ProducerSpec, Scenario } from '../../src/scenario/types.js';

/** A producer with sensible defaults (10/s constant, 1 instance, fixed 10 per request, 256 B entries). */
export function makeProducer(overrides: Partial<ProducerSpec> = {}): ProducerSpec {
  return {
    name: 'checkout',
    bus: 'orders',
    principal: 'arn:aws:iam::111122223333:role/checkout-producer',
    source: 'com.shop.checkout',
    detailTypes: ['OrderPlaced', 'OrderCancelled'],
    instances: 1,
    shape: { kind: 'constant', ratePerSec: 10 },
    batching: { kind: 'fixed', entriesPerRequest: 10 },
    entryBytes: { dist: 'fixed', bytes: 256 },
    retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 2 },
    ...overrides,
  };
}

/** A bus with defaults. */
export function makeBus(name: string): BusSpec {
  return { name, classification: 'production', logging: 'trail', trailCopies: 1, allowedPrincipals: null };
}

/** A scenario holding the producers and their buses. */
export function makeScenario(producers: ProducerSpec[], durationMs = 10_000): Scenario {
  const busNames = [...new Set(producers.map((producer) => producer.bus))];
  return {
    name: 'test',
    region: 'us-east-1',
    durationMs,
    timeScale: 1,
    buses: busNames.map(makeBus),
    producers,
    endpoint: {
      quotaTps: null,
      burst: null,
      latencyMs: null,
      faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 },
    },
    thresholds: [],
  };
}
