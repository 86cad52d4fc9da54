/**
 * The load engine against the real embedded endpoint with faults: per-entry throttles and internal
 * failures (HTTP 200, FailedEntryCount > 0) are resent; whole-request InternalException (HTTP 500) is retried
 * by the SDK (attempts and delay from $metadata); every entry is accounted for; the time series adds up to the
 * totals; both transports agree with the endpoint's counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { mergeWorkerResults, toBusResult } from '../../src/metrics/aggregate.js';
import { runLoad } from '../../src/workers/pool.js';
import type { Transport } from '../../src/workers/protocol.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

let endpoint: RunningEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

const credentials = { checkout: { accessKeyId: 'AKIDFAULTS000000001', secretAccessKey: 'faults-secret' } };

async function runWithFaults(transport: Transport) {
  endpoint = await startEndpoint(
    defaultEndpointConfig({
      buses: [{ name: 'orders', logging: false, allowedPrincipals: null }],
      faults: { entryThrottleRate: 0.1, entryInternalFailureRate: 0.05, internalErrorRate: 0.05 },
      secretsByAccessKey: { [credentials.checkout.accessKeyId]: credentials.checkout.secretAccessKey },
      seed: 11,
    }),
  );
  // 200/s for 2 s in batches of 5: 400 entries in 80 batches
  const scenario = makeScenario(
    [
      makeProducer({
        shape: { kind: 'constant', ratePerSec: 200 },
        batching: { kind: 'fixed', entriesPerRequest: 5 },
        retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 2 },
      }),
    ],
    2000,
  );
  const { results } = await runLoad({
    scenario,
    endpointUrl: endpoint.url,
    region: 'us-east-1',
    credentials,
    workers: 2,
    seed: 5,
    durationMs: 2000,
    maxLagMs: 5000, // accounting, not timing, is under test on a shared 2-core machine
    maxInFlight: 16,
    progressIntervalMs: 500,
    startDelayMs: 100,
    transport,
  });
  return {
    orders: toBusResult('orders', mergeWorkerResults(results).get('orders')),
    stats: endpoint.stats(),
  };
}

describe.each(['sdk', 'lean'] as const)('runLoad against endpoint faults (%s transport)', (transport) => {
  it('resends failed entries, counts retries and error codes, and accounts for every entry', async () => {
    const { orders, stats } = await runWithFaults(transport);
    const { entries, requests, errors } = orders;
    expect(entries.planned).toBe(400);
    expect(entries.planned, 'planned = succeeded + failed + dropped').toBe(
      entries.succeeded + entries.failed + entries.dropped,
    );
    expect(entries.dropped).toBe(0);
    // per-entry faults happened and were resent; most entries got through
    expect(errors['ThrottlingException'] ?? 0).toBeGreaterThan(0);
    expect(errors['InternalFailure'] ?? 0).toBeGreaterThan(0);
    expect(entries.resent).toBeGreaterThan(0);
    expect(entries.resent).toBeLessThanOrEqual(
      (errors['ThrottlingException'] ?? 0) + (errors['InternalFailure'] ?? 0),
    );
    expect(entries.succeeded).toBeGreaterThan(380);
    // whole-request 500s were retried inside the call: more attempts than calls
    expect(requests.attempts).toBeGreaterThan(requests.calls);
    // the harness and the endpoint agree on every request and accepted entry
    expect(requests.attempts).toBe(stats.requests);
    expect(requests.succeeded).toBe(stats.requestsOk);
    expect(entries.succeeded).toBe(stats.entriesAccepted);
    // the per-interval series adds up to the totals
    const points = orders.timeSeries?.points ?? [];
    expect(points).toHaveLength(2);
    const sum = (field: 'entriesPlanned' | 'calls' | 'attempts' | 'entriesSucceeded' | 'entriesFailed') =>
      points.reduce((n, point) => n + point[field], 0);
    expect(sum('entriesPlanned')).toBe(entries.planned);
    expect(sum('calls')).toBe(requests.calls);
    expect(sum('attempts')).toBe(requests.attempts);
    expect(sum('entriesSucceeded')).toBe(entries.succeeded);
    expect(sum('entriesFailed')).toBe(entries.failed);
    expect(points.reduce((n, point) => n + point.latencyMs.count, 0)).toBe(orders.latencyMs.count);
  });
});
