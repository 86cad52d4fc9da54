/**
 * Interruption and failure of runLoad: a stop leaves every entry accounted for; a worker that throws fails
 * the whole run with its index and reason (no hang).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergeWorkerResults } from '../../src/metrics/aggregate.js';
import { runLoad } from '../../src/workers/pool.js';
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
      shape: { kind: 'constant', ratePerSec: 400 },
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 10 },
      instances: 2,
    }),
    makeProducer({ name: 'sensors', bus: 'telemetry', shape: { kind: 'constant', ratePerSec: 200 } }),
  ],
  10_000,
);
const credentials = {
  checkout: { accessKeyId: 'AKIACHECKOUT', secretAccessKey: 'secret-1' },
  sensors: { accessKeyId: 'AKIASENSORS', secretAccessKey: 'secret-2' },
};
const options = {
  scenario,
  region: 'us-east-1',
  credentials,
  workers: 2,
  seed: 3,
  durationMs: 10_000,
  maxLagMs: 1000,
  maxInFlight: 8,
  progressIntervalMs: 200,
  startDelayMs: 100,
};

describe('runLoad stop and failure', () => {
  it('stops on abort: interrupted, in-flight calls finished, planned = succeeded + failed + dropped', async () => {
    stub = await startStubEventBridge({ delayMs: 40 });
    const controller = new AbortController();
    let stopScheduled = false;
    const { results } = await runLoad(
      { ...options, endpointUrl: stub.url },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          const calls = Object.values(progress.buses).reduce((n, d) => n + d.calls, 0);
          if (calls > 0 && !stopScheduled) {
            stopScheduled = true;
            setTimeout(() => controller.abort(), 600);
          }
        },
      },
    );
    // No wall-clock bound (it flaked on a busy machine): the stop shows in what was planned. Each worker
    // planned only what came due before the stop, its series says when, and the run is interrupted.
    expect(results.every((r) => r.interrupted)).toBe(true);
    for (const result of results) {
      for (const { bus, counters, timeSeries } of result.buses) {
        const plannedByInterval = timeSeries!.points.map((point) => point.counts.entriesPlanned);
        expect(
          plannedByInterval.reduce((sum, n) => sum + n, 0),
          bus,
        ).toBe(counters.entriesPlanned);
      }
    }
    const merged = mergeWorkerResults(results);
    let planned = 0;
    for (const [bus, { counters: c }] of merged) {
      expect(c.entriesPlanned, bus).toBe(c.entriesSucceeded + c.entriesFailed + c.entriesDropped);
      planned += c.entriesPlanned;
    }
    expect(planned).toBeGreaterThan(0);
    expect(planned).toBeLessThan(6000); // the whole plan is 6,000 entries
    // nothing was cut off mid-flight: every accepted entry was counted
    const succeeded = [...merged.values()].reduce((n, bus) => n + bus.counters.entriesSucceeded, 0);
    expect(succeeded).toBe(stub.stats.entriesAccepted);
  });

  it('rejects with the worker and the reason when a worker throws', async () => {
    stub = await startStubEventBridge();
    const missing = { checkout: credentials.checkout };
    await expect(
      runLoad({ ...options, durationMs: 2000, credentials: missing, endpointUrl: stub.url }),
    ).rejects.toThrow(/worker [01] of 2 failed: no credentials for producer "sensors"/);
  });
});
