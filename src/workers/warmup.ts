/**
 * Warms a worker's SDK path before the schedule starts, so that the first real batches are not charged
 * with JIT compilation and lazy SDK initialisation (seen as a latency spike in a run's first seconds); and
 * its progress path (the per-bus deltas and the compressed histogram of each progress message), whose first
 * cold run blocked a worker for 3-8 ms in the middle of its first second's batches.
 *
 * The warm-up never touches the target: it sends through a throw-away EventBridgeClient to a sink on this
 * worker's own loopback port, which answers every PutEvents with EventIds. Nothing of it is counted.
 */
import { once, setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_ENTRIES_PER_REQUEST, REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import { defaultPrincipal } from '../scenario/normalise.js';
import type { ProducerSpec } from '../scenario/types.js';
import { WorkerBuses } from './bus-state.js';
import { createLeanSender } from './lean/sender.js';
import type { Transport } from './protocol.js';
import { createSdkSender } from './sdk-sender.js';

const WARMUP_PRODUCER: ProducerSpec = {
  name: 'warmup',
  bus: 'default',
  principal: defaultPrincipal('warmup'),
  source: 'busload.warmup',
  detailTypes: ['Warmup'],
  instances: 1,
  shape: { kind: 'constant', ratePerSec: 1 },
  batching: { kind: 'fixed', entriesPerRequest: MAX_ENTRIES_PER_REQUEST, maxBytes: REQUEST_LIMIT_BYTES },
  entryBytes: { dist: 'fixed', bytes: 512 },
  retry: { mode: 'standard', maxAttempts: 1, resendFailedEntries: 0 },
};

function answer(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let count = 1;
    try {
      count =
        (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries?: unknown[] }).Entries?.length ?? 1;
    } catch {
      // An unparsable body still gets an answer; the warm-up only needs the round trip.
    }
    const body = JSON.stringify({
      FailedEntryCount: 0,
      Entries: Array.from({ length: count }, (_, index) => ({ EventId: `warmup-${index}` })),
    });
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'warmup' });
    response.end(body);
  });
}

/**
 * Sends `calls` PutEvents (10 entries of ~512 B each, `concurrency` in flight) through the SDK to a local sink.
 * @param calls - how many calls to make (a few hundred is enough for the hot paths to be optimised)
 * @param concurrency - calls in flight at once
 * @param transport - which sender to warm (the lean one also captures the SDK's user agent)
 */
export async function warmSdkPath(
  calls: number,
  concurrency = 16,
  transport: Transport = 'sdk',
): Promise<void> {
  const server = createServer(answer);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const create = transport === 'lean' ? createLeanSender : createSdkSender;
  const sender = create({
    producer: WARMUP_PRODUCER,
    credentials: { accessKeyId: 'AKIDWARMUP', secretAccessKey: 'warmup-secret-not-a-credential' },
    endpointUrl: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    maxSockets: concurrency,
    onAttempt: () => {},
  });
  const detail = JSON.stringify({ padding: 'x'.repeat(480) });
  const entries = Array.from({ length: 10 }, () => ({
    Source: WARMUP_PRODUCER.source,
    DetailType: 'Warmup',
    Detail: detail,
    EventBusName: 'default',
  }));
  const signal = new AbortController().signal;
  setMaxListeners(concurrency + 1, signal);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < calls) {
      next++;
      await sender.send(entries, signal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, lane));
  } finally {
    sender.destroy();
    server.closeAllConnections();
    server.close();
  }
}

/**
 * Runs a worker's progress path `rounds` times on a throw-away bus (50 batch latencies, then the progress
 * delta with its compressed histogram, per round), so that it is compiled before the first real progress
 * message. Nothing of it is counted.
 * @returns the progress messages made that carried a histogram (one per round)
 */
export function warmProgressPath(rounds: number): number {
  const buses = new WorkerBuses(1_000, 1_000);
  const state = buses.bus('warmup');
  let withHistogram = 0;
  for (let round = 0; round < rounds; round++) {
    // latencies spread over 1-50 ms, so the encoding has many buckets to write
    for (let batch = 0; batch < 50; batch++) {
      buses.recordBatchLatency('warmup', state, batch, 1 + ((batch * 31 + round) % 50));
    }
    if (buses.takeProgress().warmup?.latencyHistogram !== '') withHistogram += 1;
  }
  return withHistogram;
}
