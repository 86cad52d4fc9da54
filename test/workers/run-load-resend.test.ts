/**
 * Partial failures through the real SDK: the stub fails every entry once with ThrottlingException (HTTP 200,
 * FailedEntryCount > 0, which the SDK does not retry); the producers resend them and they succeed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergeWorkerResults, toBusResult } from '../../src/metrics/aggregate.js';
import { runLoad } from '../../src/workers/pool.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';
import { type StubEventBridge, startStubEventBridge } from '../helpers/stub-eventbridge.js';

let stub: StubEventBridge | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('runLoad with per-entry throttling', () => {
  it('resends entries that failed with ThrottlingException and counts every step', async () => {
    stub = await startStubEventBridge({ failEntriesOnceWith: 'ThrottlingException' });
    // 100/s for 2 s in batches of 5: 200 entries, 40 batches, each sent twice
    const scenario = makeScenario(
      [
        makeProducer({
          shape: { kind: 'constant', ratePerSec: 100 },
          batching: { kind: 'fixed', entriesPerRequest: 5 },
          retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 1 },
        }),
      ],
      2000,
    );
    const { results } = await runLoad({
      scenario,
      endpointUrl: stub.url,
      region: 'us-east-1',
      credentials: { checkout: { accessKeyId: 'AKIACHECKOUT', secretAccessKey: 'secret' } },
      workers: 2,
      seed: 7,
      durationMs: 2000,
      maxLagMs: 5000, // generous: these tests check accounting, not timing, on a shared 2-core box
      maxInFlight: 16,
      progressIntervalMs: 500,
      startDelayMs: 100,
    });
    const orders = toBusResult('orders', mergeWorkerResults(results).get('orders'));
    expect(orders.entries).toMatchObject({
      planned: 200,
      succeeded: 200,
      failed: 0,
      dropped: 0,
      resent: 200,
    });
    expect(orders.requests).toMatchObject({
      calls: 80,
      attempts: 80,
      succeeded: 80,
      throttled: 0,
      failed: 0,
    });
    expect(orders.errors).toEqual({ ThrottlingException: 200 });
    expect(orders.latencyMs.count).toBe(40); // one per batch, to its final response
    expect(orders.serviceLatencyMs.count).toBe(80); // one per call
    expect(orders.latencyMs.p50).toBeGreaterThanOrEqual(50); // includes the 50 ms resend delay
    expect(stub.stats).toMatchObject({
      requests: 80,
      entries: 400,
      entriesAccepted: 200,
      entriesFailed: 200,
    });
  });

  it('counts whole-request throttles per attempt (SDK retries) and gives up after maxAttempts', async () => {
    // requests 4 and 5 are throttled: the 4th call's first attempt and its SDK retry, so that call fails
    stub = await startStubEventBridge({ throttleRequest: (n) => n === 4 || n === 5 });
    const scenario = makeScenario(
      [
        makeProducer({
          shape: { kind: 'constant', ratePerSec: 20 },
          batching: { kind: 'fixed', entriesPerRequest: 2 },
          retry: { mode: 'standard', maxAttempts: 2, resendFailedEntries: 0 },
        }),
      ],
      1500,
    );
    const { results } = await runLoad({
      scenario,
      endpointUrl: stub.url,
      region: 'us-east-1',
      credentials: { checkout: { accessKeyId: 'AKIACHECKOUT', secretAccessKey: 'secret' } },
      workers: 1,
      seed: 7,
      durationMs: 1500,
      maxLagMs: 10_000,
      maxInFlight: 1,
      progressIntervalMs: 500,
      startDelayMs: 100,
    });
    const merged = mergeWorkerResults(results).get('orders')!;
    const orders = toBusResult('orders', merged);
    // 30 entries in 15 calls, one at a time and in order: 16 HTTP attempts, 2 of them throttled
    expect(orders.requests).toEqual({ calls: 15, attempts: 16, succeeded: 14, throttled: 2, failed: 1 });
    expect(orders.entries).toMatchObject({ planned: 30, succeeded: 28, failed: 2, dropped: 0, resent: 0 });
    expect(orders.errors).toEqual({ ThrottlingException: 1 });
    expect(merged.counters.retryDelayMs).toBeGreaterThan(0); // the SDK's backoff before its retry
    expect(stub.stats.requests).toBe(16);
  });
});
