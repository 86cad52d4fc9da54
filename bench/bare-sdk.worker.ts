/**
 * The reference the harness is measured against: a bare PutEventsCommand loop, as a producer would write
 * it, with the same client configuration as the harness's SDK sender (keep-alive agent, retry settings),
 * `concurrency` calls in flight, for `durationMs`. Runs in a worker thread so that the reference uses the
 * same threads and cores as the harness's producer workers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { ProducerSpec } from '../src/scenario/types.js';
import { createEventBridgeClient } from '../src/workers/sdk-sender.js';

/** What the bench's main thread gives the loop. */
export interface BareLoopInput {
  endpointUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
  producer: ProducerSpec;
  entryBytes: number;
  durationMs: number;
  concurrency: number;
  /** Untimed calls first (JIT, connections), as the harness warms up too. */
  warmupCalls: number;
}

/** What it reports. */
export interface BareLoopOutput {
  calls: number;
  errors: number;
  elapsedMs: number;
}

async function main(input: BareLoopInput): Promise<BareLoopOutput> {
  const client = createEventBridgeClient({
    producer: input.producer,
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    endpointUrl: input.endpointUrl,
    region: 'us-east-1',
    maxSockets: input.concurrency,
  });
  const detailBytes = input.entryBytes - input.producer.source.length - input.producer.detailTypes[0]!.length;
  const detail = `{"pad":"${'x'.repeat(Math.max(0, detailBytes - 10))}"}`;
  const entries = Array.from({ length: 10 }, () => ({
    Source: input.producer.source,
    DetailType: input.producer.detailTypes[0]!,
    Detail: detail,
    EventBusName: input.producer.bus,
  }));
  let calls = 0;
  let errors = 0;
  const loop = async (deadlineMs: number, limit: number): Promise<void> => {
    while (performance.now() < deadlineMs && calls < limit) {
      calls++;
      try {
        await client.send(new PutEventsCommand({ Entries: entries }));
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(
    Array.from({ length: input.concurrency }, () => loop(Number.POSITIVE_INFINITY, input.warmupCalls)),
  );
  calls = 0;
  errors = 0;
  const startMs = performance.now();
  const deadlineMs = startMs + input.durationMs;
  await Promise.all(
    Array.from({ length: input.concurrency }, () => loop(deadlineMs, Number.POSITIVE_INFINITY)),
  );
  const elapsedMs = performance.now() - startMs;
  client.destroy();
  return { calls, errors, elapsedMs };
}

main(workerData as BareLoopInput).then(
  (output) => parentPort?.postMessage(output),
  (error: unknown) => {
    throw error;
  },
);
