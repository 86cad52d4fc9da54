/**
 * The lean transport sends the SDK's wire request: captured side by side on a loopback server, the two
 * requests are equal byte for byte except the signature, the signing date and the random invocation id.
 * Then the lean sender against the real endpoint (signatures verified), its standard-mode retries and the
 * write and response stamps of its last attempt.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../../src/endpoint/types.js';
import {
  createLeanSender,
  parseEntryErrors,
  serializePutEventsBody,
} from '../../../src/workers/lean/sender.js';
import { createSdkSender } from '../../../src/workers/sdk-sender.js';
import type { AttemptOutcome, OutgoingEntry } from '../../../src/workers/sender-contract.js';
import { makeProducer } from '../../helpers/scenario-builder.js';

interface Captured {
  head: string;
  body: string;
}

async function captureServer(): Promise<{ url: string; requests: Captured[]; close(): Promise<void> }> {
  const requests: Captured[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const pairs: string[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        pairs.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      requests.push({
        head: `${req.method} ${req.url} HTTP/${req.httpVersion}\n${pairs.join('\n')}`,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const count = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: unknown[] }).Entries
        .length;
      const answer = JSON.stringify({
        FailedEntryCount: 0,
        Entries: Array.from({ length: count }, (_, i) => ({ EventId: `id-${i}` })),
      });
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Masks what legitimately differs between two signed requests: signature, date, invocation id. */
function masked(request: Captured): Captured {
  return {
    head: request.head
      .replace(/^x-amz-date: \d{8}T\d{6}Z$/m, 'x-amz-date: <date>')
      .replace(/^amz-sdk-invocation-id: [0-9a-f-]{36}$/m, 'amz-sdk-invocation-id: <uuid>')
      .replace(/Credential=(\w+)\/\d{8}\//, 'Credential=$1/<day>/')
      .replace(/Signature=[0-9a-f]{64}$/m, 'Signature=<signature>'),
    body: request.body,
  };
}

const entries: OutgoingEntry[] = [
  {
    Source: 'com.shop.checkout',
    DetailType: 'OrderPlaced',
    Detail: '{"seq":1,"pad":"xx"}',
    EventBusName: 'orders',
  },
  {
    Source: 'com.shop.checkout',
    DetailType: 'Ordre "passé" ✓',
    Detail: '{"note":"tab\\there, quote \\" and \\u2028 and 😀","n":[1,2.5,null]}',
    EventBusName: 'orders',
  },
];
const credentials = { accessKeyId: 'AKIDLEANTEST0000000', secretAccessKey: 'lean-secret-not-real' };

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

describe('lean transport wire format', () => {
  it('sends what the SDK sends, byte for byte, less signature, date and invocation id', async () => {
    const server = await captureServer();
    cleanup.push(server.close);
    const options = {
      producer: makeProducer(),
      credentials,
      endpointUrl: server.url,
      region: 'eu-west-1',
      maxSockets: 1,
      onAttempt: () => {},
    };
    const sdk = createSdkSender(options);
    const lean = createLeanSender(options);
    cleanup.push(async () => {
      sdk.destroy();
      lean.destroy();
    });
    const signal = new AbortController().signal;
    const viaSdk = await sdk.send(entries, signal);
    const viaLean = await lean.send(entries, signal);
    expect(viaSdk).toEqual({ kind: 'response', entryErrors: [null, null], attempts: 1, retryDelayMs: 0 });
    expect(viaLean).toEqual(viaSdk);
    expect(server.requests).toHaveLength(2);
    const [fromSdk, fromLean] = server.requests.map(masked);
    expect(fromLean!.body).toBe(fromSdk!.body);
    expect(fromLean!.head).toBe(fromSdk!.head);
    // the masks hid only what they should: both requests are signed and carry the same header set
    expect(fromSdk!.head).toContain('Signature=<signature>');
    expect(fromSdk!.head).toMatch(
      /^authorization: AWS4-HMAC-SHA256 Credential=AKIDLEANTEST0000000\/<day>\/eu-west-1\/events\/aws4_request/m,
    );
    expect(server.requests[0]!.head).not.toBe(server.requests[1]!.head);
  });

  it('serialises entries in the model order with JSON escaping', () => {
    expect(serializePutEventsBody([entries[0]!])).toBe(
      '{"Entries":[{"Source":"com.shop.checkout","DetailType":"OrderPlaced","Detail":"{\\"seq\\":1,\\"pad\\":\\"xx\\"}","EventBusName":"orders"}]}',
    );
    expect(parseEntryErrors('{"Entries":[{"EventId":"a"},{"ErrorCode":"InternalFailure"}]}', 2)).toEqual([
      null,
      'InternalFailure',
    ]);
    expect(parseEntryErrors('not json', 2)).toEqual(['MalformedResponse', 'MalformedResponse']);
  });
});

describe('lean transport against the embedded endpoint', () => {
  async function endpointWith(
    faults: Partial<{ internalErrorRate: number }>,
    quotaPerSec = 10_000,
  ): Promise<RunningEndpoint> {
    const endpoint = await startEndpoint(
      defaultEndpointConfig({
        buses: [{ name: 'orders', logging: false, allowedPrincipals: null }],
        quota: { ratePerSec: quotaPerSec, burst: quotaPerSec },
        faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0, ...faults },
        secretsByAccessKey: { [credentials.accessKeyId]: credentials.secretAccessKey },
        seed: 3,
      }),
    );
    cleanup.push(() => endpoint.close());
    return endpoint;
  }

  /** A lean sender for `endpoint` (its producer's retry settings, and options such as random and nowMs). */
  function leanFor(
    endpoint: RunningEndpoint,
    attempts: AttemptOutcome[],
    extra: { maxAttempts?: number; random?: () => number; nowMs?: () => number } = {},
  ) {
    const { maxAttempts = 3, ...rest } = extra;
    const lean = createLeanSender({
      producer: makeProducer({ retry: { mode: 'standard', maxAttempts, resendFailedEntries: 0 } }),
      credentials,
      endpointUrl: endpoint.url,
      region: 'us-east-1',
      maxSockets: 4,
      onAttempt: (outcome) => attempts.push(outcome),
      ...rest,
    });
    cleanup.push(async () => lean.destroy());
    return lean;
  }

  it('is accepted by the signature check and counted once per attempt', async () => {
    const endpoint = await endpointWith({});
    const attempts: AttemptOutcome[] = [];
    const lean = leanFor(endpoint, attempts);
    const outcome = await lean.send(entries, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'response', entryErrors: [null, null], attempts: 1, retryDelayMs: 0 });
    expect(attempts).toEqual(['succeeded']);
    expect(endpoint.stats()).toMatchObject({ requests: 1, requestsOk: 1, entriesAccepted: 2 });
  });

  it('retries InternalException (HTTP 500) like the SDK: up to maxAttempts, with jittered delays', async () => {
    const endpoint = await endpointWith({ internalErrorRate: 1 });
    const attempts: AttemptOutcome[] = [];
    const lean = leanFor(endpoint, attempts, { random: () => 0.5 });
    const outcome = await lean.send(entries, new AbortController().signal);
    // delays: 0.5 x 2^1 x 100 ms = 100 ms, then 0.5 x 2^2 x 100 ms = 200 ms
    expect(outcome).toEqual({ kind: 'error', name: 'InternalException', attempts: 3, retryDelayMs: 300 });
    expect(attempts).toEqual(['failed', 'failed', 'failed']);
    expect(endpoint.stats().requests).toBe(3);
  });

  it("stamps the first and last attempts' writes and the last response's arrival on the runner clock", async () => {
    const endpoint = await endpointWith({ internalErrorRate: 1 });
    let clockMs = 0;
    const lean = leanFor(endpoint, [], { maxAttempts: 2, random: () => 0, nowMs: () => clockMs++ });
    const outcome = await lean.send(entries, new AbortController().signal);
    // attempt 1 written at 0 and answered at 1; attempt 2 written at 2 and answered at 3
    expect(outcome).toEqual({
      kind: 'error',
      name: 'InternalException',
      attempts: 2,
      retryDelayMs: 0,
      sentMs: 2,
      firstSentMs: 0,
      respondedMs: 3,
    });
  });
});
