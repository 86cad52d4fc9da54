/**
 * runLoad end to end through real worker threads and the real SDK, against the loopback stub.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergeWorkerResults, toBusResult } from '../../src/metrics/aggregate.js';
import { planBatches } from '../../src/schedule/plan.js';
import { runLoad } from '../../src/workers/pool.js';
import type { WorkerProgress } from '../../src/workers/protocol.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';
import { type StubEventBridge, startStubEventBridge } from '../helpers/stub-eventbridge.js';

let stub: StubEventBridge | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const scenario = makeScenario(
  [
    makeProducer({
      name: 'checkout',
      bus: 'orders',
      instances: 2,
      shape: { kind: 'constant', ratePerSec: 200 },
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 20 },
      entryBytes: { dist: 'lognormal', p50Bytes: 1200, p99Bytes: 24_000 },
    }),
    makeProducer({
      name: 'sensors',
      bus: 'telemetry',
      source: 'com.shop.sensors',
      detailTypes: ['Reading'],
      shape: { kind: 'ramp', fromPerSec: 100, toPerSec: 500 },
      batching: { kind: 'fixed', entriesPerRequest: 10 },
    }),
  ],
  3000,
);
const credentials = {
  checkout: { accessKeyId: 'AKIACHECKOUT', secretAccessKey: 'secret-1' },
  sensors: { accessKeyId: 'AKIASENSORS', secretAccessKey: 'secret-2' },
};

describe('runLoad', () => {
  it('replays the plan on 2 workers through the SDK; every entry accounted for', async () => {
    stub = await startStubEventBridge();
    const progress: WorkerProgress[] = [];
    const { results, startedAtEpochMs } = await runLoad(
      {
        scenario,
        endpointUrl: stub.url,
        region: 'us-east-1',
        credentials,
        workers: 2,
        seed: 42,
        durationMs: 3000,
        maxLagMs: 5000, // generous: these tests check accounting, not timing, on a shared 2-core box
        maxInFlight: 32,
        progressIntervalMs: 250,
        startDelayMs: 100,
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(results.map((r) => r.workerIndex)).toEqual([0, 1]);
    expect(results.every((r) => !r.interrupted)).toBe(true);
    expect(results.every((r) => r.endedAtEpochMs >= startedAtEpochMs + 2900)).toBe(true);

    // the whole plan, computed independently
    const plan = [...planBatches(scenario, { index: 0, count: 1 }, 42, 3000)];
    const plannedEntries = (bus: string) =>
      plan
        .filter((b) => scenario.producers[b.producerIndex]!.bus === bus)
        .reduce((n, b) => n + b.entries.length, 0);
    expect(plannedEntries('orders')).toBe(600);
    expect(plannedEntries('telemetry')).toBe(900); // ramp 100 -> 500/s over 3 s: (100 + 500) / 2 * 3

    const merged = mergeWorkerResults(results);
    for (const bus of ['orders', 'telemetry']) {
      const result = toBusResult(bus, merged.get(bus));
      expect(result.entries.planned, `${bus} planned`).toBe(plannedEntries(bus));
      expect(result.entries.succeeded, `${bus} succeeded`).toBe(stub.stats.acceptedByBus[bus]);
      expect(result.entries.planned).toBe(
        result.entries.succeeded + result.entries.failed + result.entries.dropped,
      );
      expect(result.entries.dropped, `${bus} dropped`).toBe(0);
      expect(result.requests.attempts).toBe(result.requests.calls);
      expect(result.requests.succeeded).toBe(result.requests.calls);
      expect(result.latencyMs.count).toBe(result.requests.calls);
      expect(result.latencyMs.p50).toBeGreaterThan(0);
      expect(result.latencyMs.p50).toBeLessThan(500);
    }
    const calls = [...merged.values()].reduce((n, bus) => n + bus.counters.calls, 0);
    expect(calls).toBe(stub.stats.requests);
    expect(calls).toBe(plan.length);
    // both workers did work (batches are striped across them)
    for (const result of results) {
      expect(result.buses.reduce((n, bus) => n + bus.counters.calls, 0)).toBeGreaterThan(plan.length / 3);
    }
    // progress deltas add up to the totals
    const progressSucceeded = progress.reduce(
      (n, p) => n + Object.values(p.buses).reduce((m, delta) => m + delta.entriesSucceeded, 0),
      0,
    );
    expect(progressSucceeded).toBe(stub.stats.entriesAccepted);
    expect(new Set(progress.map((p) => p.workerIndex))).toEqual(new Set([0, 1]));
  });
});
