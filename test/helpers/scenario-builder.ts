/**
 * Builders of normalised scenarios (src/scenario/types.ts) for tests: a full Scenario with defaults, so a
 * test names only what it is about. Shared by the schedule, scenario, worker and run tests.
 */
import type { BusSpec, EndpointSpec, ProducerSpec, Scenario } from '../../src/scenario/types.js';

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

/** A bus with defaults (production, trail, one copy, any principal). */
export function makeBus(name: string, overrides: Partial<BusSpec> = {}): BusSpec {
  return {
    name,
    classification: 'production',
    logging: 'trail',
    trailCopies: 1,
    allowedPrincipals: null,
    ...overrides,
  };
}

/** The endpoint section a file without one gets: the region's quota, no latency, no faults. */
export function makeEndpoint(overrides: Partial<EndpointSpec> = {}): EndpointSpec {
  return {
    quotaTps: null,
    burst: null,
    latencyMs: null,
    faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 },
    ...overrides,
  };
}

/**
 * A scenario holding the producers and a bus for each bus they name.
 * @param producers - the producers
 * @param durationMs - the replay length (default 10 s)
 * @param overrides - any other top-level field (region, timeScale, endpoint, buses, ...)
 */
export function makeScenario(
  producers: ProducerSpec[],
  durationMs = 10_000,
  overrides: Partial<Scenario> = {},
): Scenario {
  const busNames = [...new Set(producers.map((producer) => producer.bus))];
  return {
    name: 'test',
    region: 'us-east-1',
    durationMs,
    timeScale: 1,
    buses: busNames.map((name) => makeBus(name)),
    producers,
    endpoint: makeEndpoint(),
    thresholds: [],
    ...overrides,
  };
}
