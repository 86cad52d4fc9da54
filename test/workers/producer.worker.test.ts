/**
 * The worker entry run in this thread (no pool): a task's slice goes through the chosen transport to a
 * loopback stand-in, the result carries every count with its histograms and series, the progress posted
 * on the task's port adds up to the result, a stop message interrupts the schedule, and a task without
 * credentials fails naming the producer. The warm-up task answers with its thread's id.
 */
import { MessageChannel, type MessagePort, threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { planBatches } from '../../src/schedule/plan.js';
import runProducerTask, { warmup } from '../../src/workers/producer.worker.js';
import {
  PROGRESS_COUNT_FIELDS,
  type Transport,
  type WorkerProgress,
  type WorkerTask,
} from '../../src/workers/protocol.js';
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
      shape: { kind: 'constant', ratePerSec: 40 },
      batching: { kind: 'fixed', entriesPerRequest: 4 },
    }),
    makeProducer({ name: 'sensors', bus: 'telemetry', shape: { kind: 'constant', ratePerSec: 20 } }),
  ],
  1_000,
);
const credentials = {
  checkout: { accessKeyId: 'AKIDCHECKOUT', secretAccessKey: 'secret-1' },
  sensors: { accessKeyId: 'AKIDSENSORS', secretAccessKey: 'secret-2' },
};

/** A task for worker 1 of 2 and a port on which its progress arrives. */
function task(
  url: string,
  overrides: Partial<WorkerTask> = {},
): { task: WorkerTask; port: MessagePort; progress: WorkerProgress[]; closed: Promise<void> } {
  const channel = new MessageChannel();
  const progress: WorkerProgress[] = [];
  channel.port2.on('message', (message: WorkerProgress) => progress.push(message));
  // The task closes its end when it is done; this end then sees every message posted before, then 'close'.
  const closed = new Promise<void>((resolve) => channel.port2.once('close', () => resolve()));
  return {
    closed,
    task: {
      workerIndex: 1,
      workerCount: 2,
      scenario,
      endpointUrl: url,
      region: 'us-east-1',
      credentials,
      startAtEpochMs: Date.now() + 50,
      durationMs: 1_000,
      seed: 5,
      maxLagMs: 60_000,
      maxInFlight: 8,
      progressIntervalMs: 100,
      progressPort: channel.port1,
      ...overrides,
    },
    port: channel.port2,
    progress,
  };
}

/** Entries of the plan's slice 1 of 2, per bus. */
function plannedEntries(): Record<string, number> {
  const byBus: Record<string, number> = {};
  for (const batch of planBatches(scenario, { index: 1, count: 2 }, 5, 1_000)) {
    const bus = scenario.producers[batch.producerIndex]!.bus;
    byBus[bus] = (byBus[bus] ?? 0) + batch.entries.length;
  }
  return byBus;
}

describe('runProducerTask', () => {
  it.each(['sdk', 'lean'] as Transport[])(
    'runs its slice through the %s transport, and its progress adds up to the result',
    async (transport) => {
      stub = await startStubEventBridge();
      const { task: work, progress, closed } = task(stub.url, { transport });
      const result = await runProducerTask(work);
      await closed;
      const planned = plannedEntries();
      expect(result.workerIndex).toBe(1);
      expect(result.interrupted).toBe(false);
      expect(result.buses.map((bus) => bus.bus)).toEqual(['orders', 'telemetry']);
      for (const bus of result.buses) {
        expect(bus.counters, bus.bus).toMatchObject({
          entriesPlanned: planned[bus.bus],
          entriesSucceeded: planned[bus.bus],
          entriesFailed: 0,
          entriesDropped: 0,
          batchesDropped: 0,
        });
        expect(bus.counters.attempts).toBe(bus.counters.calls);
        expect(bus.counters.attemptsSucceeded).toBe(bus.counters.calls);
        expect(decodeHistogram(bus.latencyHistogram).totalCount).toBe(bus.counters.calls);
        expect(decodeHistogram(bus.serviceLatencyHistogram).totalCount).toBe(bus.counters.calls);
        expect(bus.timeSeries!.points.reduce((n, point) => n + point.counts.entriesSucceeded, 0)).toBe(
          planned[bus.bus],
        );
        // the stream of deltas (the last one posted as the task ended) sums to the result
        for (const field of PROGRESS_COUNT_FIELDS) {
          const summed = progress.reduce((n, message) => n + (message.buses[bus.bus]?.[field] ?? 0), 0);
          expect(summed, `${bus.bus} ${field}`).toBe(bus.counters[field]);
        }
      }
      expect(progress.every((message) => message.kind === 'progress' && message.workerIndex === 1)).toBe(
        true,
      );
      expect(stub.stats.entriesAccepted).toBe(planned['orders']! + planned['telemetry']!);
      expect(result.batchesBehind).toBe(
        result.buses.reduce((n, bus) => n + bus.counters.batchesLate + bus.counters.batchesDropped, 0),
      );
      expect(result.eventLoopUtilization).toBeGreaterThan(0);
      expect(result.eventLoopUtilization).toBeLessThanOrEqual(1);
      expect(result.endedAtEpochMs).toBeGreaterThanOrEqual(result.startedAtEpochMs);
    },
  );

  it('stops when the main thread says stop: interrupted, every planned entry accounted for', async () => {
    stub = await startStubEventBridge();
    const {
      task: work,
      port,
      closed,
    } = task(stub.url, {
      durationMs: 60_000,
      scenario: { ...scenario, durationMs: 60_000 },
    });
    // stop once the first calls were counted
    port.on('message', (message: WorkerProgress) => {
      if (Object.values(message.buses).some((delta) => delta.calls > 0)) port.postMessage({ kind: 'stop' });
    });
    const result = await runProducerTask(work);
    await closed;
    expect(result.interrupted).toBe(true);
    const planned = result.buses.reduce((n, bus) => n + bus.counters.entriesPlanned, 0);
    expect(planned).toBeGreaterThan(0);
    // the whole plan of slice 1 of 2 over 60 s is 1,800 entries
    expect(planned).toBeLessThan(1_800);
    for (const { counters } of result.buses) {
      expect(counters.entriesPlanned).toBe(
        counters.entriesSucceeded + counters.entriesFailed + counters.entriesDropped,
      );
    }
  });

  it('fails naming a producer without credentials, and still closes its port', async () => {
    const {
      task: work,
      progress,
      closed,
    } = task('http://127.0.0.1:9', {
      credentials: { checkout: credentials.checkout },
    });
    await expect(runProducerTask(work)).rejects.toThrow('no credentials for producer "sensors"');
    // resolves only if the task closed its end of the port; nothing was planned, so no progress either
    await closed;
    expect(progress).toEqual([]);
  });
});

describe('warmup', () => {
  it("answers with this thread's id, for either transport and the plain hold form", async () => {
    await expect(warmup({ holdMs: 1, transport: 'lean' })).resolves.toBe(threadId);
    await expect(warmup(1)).resolves.toBe(threadId);
  });
});
