import { connect } from 'node:net';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { EndpointConfig, RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient, EXAMPLE_SECRET, RAW_AUTHORIZATION, rawPost } from '../helpers/endpoint-client.js';

const ENTRIES = [{ Source: 's', DetailType: 'T', Detail: '{}' }];
const ROLE = 'arn:aws:iam::111122223333:role/checkout-producer';

let endpoint: RunningEndpoint | null = null;
const clients: Array<{ destroy(): void }> = [];

async function start(overrides: Partial<EndpointConfig> = {}): Promise<RunningEndpoint> {
  endpoint = await startEndpoint(defaultEndpointConfig(overrides));
  return endpoint;
}

function events(url: string, accessKeyId?: string, secretAccessKey = EXAMPLE_SECRET): EventBridgeClient {
  const client = createTestClient(url, accessKeyId);
  if (secretAccessKey !== EXAMPLE_SECRET) {
    client.config.credentials = async () => ({ accessKeyId: accessKeyId ?? 'AKIDEXAMPLE', secretAccessKey });
  }
  clients.push(client);
  return client;
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

/** Opens a raw connection, writes `text`, and resolves with what came back and how long until close. */
function rawExchange(port: number, text: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const startedMs = performance.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, closedAfterMs: performance.now() - startedMs }));
    if (text.length > 0) socket.write(text);
  });
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await endpoint?.close();
  endpoint = null;
});

describe('SigV4 verification with configured secrets', () => {
  const secrets = { AKIDCHECKOUT: EXAMPLE_SECRET };

  it('accepts a request the SDK signed with the right secret and maps the key to its principal', async () => {
    const running = await start({
      secretsByAccessKey: secrets,
      principalsByAccessKey: { AKIDCHECKOUT: ROLE },
      buses: [{ name: 'orders', logging: false, allowedPrincipals: [ROLE] }],
    });
    const answer = await events(running.url, 'AKIDCHECKOUT').send(
      new PutEventsCommand({ Entries: [{ ...ENTRIES[0]!, EventBusName: 'orders' }] }),
    );
    expect(answer.FailedEntryCount).toBe(0);
  });

  it('answers a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException', async () => {
    const running = await start({ secretsByAccessKey: secrets });
    const wrong = await errorOf(
      events(running.url, 'AKIDCHECKOUT', 'not-the-secret').send(new PutEventsCommand({ Entries: ENTRIES })),
    );
    expect(wrong.name).toBe('InvalidSignatureException');
    expect(wrong.message).toContain('does not match');
    const unknown = await errorOf(
      events(running.url, 'AKIDOTHER').send(new PutEventsCommand({ Entries: ENTRIES })),
    );
    expect(unknown.name).toBe('UnrecognizedClientException');
    expect(running.stats()).toMatchObject({ requests: 2, requestsRejected: 2, requestsOk: 0 });
  });

  it('rejects a body changed after signing', async () => {
    const running = await start({ secretsByAccessKey: secrets });
    const client = events(running.url, 'AKIDCHECKOUT');
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: string };
        request.body = request.body.replace('"s"', '"x"');
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'tamper' },
    );
    // The signing middleware runs in finalizeRequest too; 'low' priority runs after it.
    const error = await errorOf(client.send(new PutEventsCommand({ Entries: ENTRIES })));
    expect(error.name).toBe('InvalidSignatureException');
  });

  it('verifies CloudWatch requests (scope monitoring) with the same secrets', async () => {
    const running = await start({ secretsByAccessKey: secrets });
    const good = new CloudWatchClient({
      endpoint: running.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDCHECKOUT', secretAccessKey: EXAMPLE_SECRET },
      maxAttempts: 1,
    });
    const bad = new CloudWatchClient({
      endpoint: running.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDCHECKOUT', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    clients.push(good, bad);
    // Verified and answered (no PutEvents yet, so no AWS/Events metric has data to list).
    const listed = await good.send(new ListMetricsCommand({ Namespace: 'AWS/Events' }));
    expect(listed.Metrics).toEqual([]);
    // awsQueryCompatible: the SDK names the error by the query code CloudWatch uses for a bad signature.
    const error = await errorOf(bad.send(new ListMetricsCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toMatch(/^The request signature we calculated does not match/);
  });
});

describe('wire checks', () => {
  it('answers another content type with UnknownOperationException', async () => {
    const running = await start();
    const answer = await rawPost(
      running.url,
      {
        'content-type': 'application/json',
        'x-amz-target': 'AWSEvents.PutEvents',
        authorization: RAW_AUTHORIZATION,
      },
      JSON.stringify({ Entries: ENTRIES }),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });

  it('accepts a content type with a charset parameter', async () => {
    const running = await start();
    const answer = await rawPost(
      running.url,
      {
        'content-type': 'application/x-amz-json-1.1; charset=utf-8',
        'x-amz-target': 'AWSEvents.PutEvents',
        authorization: RAW_AUTHORIZATION,
      },
      JSON.stringify({ Entries: ENTRIES }),
    );
    expect(answer.status).toBe(200);
  });

  it('applies a configured request size limit by the entry-size formula', async () => {
    const running = await start({ maxRequestEntryBytes: 100 });
    const client = events(running.url);
    // 1 + 1 + 98 = 100 bytes passes; one byte more fails.
    const at = (detailBytes: number) => [
      { Source: 's', DetailType: 'T', Detail: `{"p":"${'x'.repeat(detailBytes - 8)}"}` },
    ];
    await expect(client.send(new PutEventsCommand({ Entries: at(98) }))).resolves.toMatchObject({
      FailedEntryCount: 0,
    });
    expect((await errorOf(client.send(new PutEventsCommand({ Entries: at(99) })))).name).toBe(
      'ValidationException',
    );
  });
});

describe('connection faults and latency', () => {
  it('resets the connection after processing at a reset rate of 1 (the SDK sees ECONNRESET)', async () => {
    const running = await start({
      faults: {
        entryInternalFailureRate: 0,
        entryThrottleRate: 0,
        internalErrorRate: 0,
        connectionResetRate: 1,
      },
    });
    const error = await errorOf(events(running.url).send(new PutEventsCommand({ Entries: ENTRIES })));
    expect(error.code ?? error.name).toBe('ECONNRESET');
    expect(running.stats()).toMatchObject({
      requests: 1,
      requestsOk: 1,
      entriesAccepted: 1,
      connectionsReset: 1,
    });
  });

  it('resets a seeded share of requests and the SDK retries them', async () => {
    const running = await start({
      seed: 7,
      faults: {
        entryInternalFailureRate: 0,
        entryThrottleRate: 0,
        internalErrorRate: 0,
        connectionResetRate: 0.3,
      },
    });
    const client = new EventBridgeClient({
      endpoint: running.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: EXAMPLE_SECRET },
      maxAttempts: 8,
    });
    clients.push(client);
    for (let i = 0; i < 20; i++) await client.send(new PutEventsCommand({ Entries: ENTRIES }));
    const stats = running.stats();
    expect(stats.connectionsReset).toBeGreaterThan(0);
    expect(stats.requestsOk).toBe(20 + stats.connectionsReset);
  });

  it('stalls answers by stallMs at a stall rate of 1', async () => {
    const running = await start({
      faults: {
        entryInternalFailureRate: 0,
        entryThrottleRate: 0,
        internalErrorRate: 0,
        stallRate: 1,
        stallMs: 150,
      },
    });
    const client = events(running.url);
    await client.send(new PutEventsCommand({ Entries: ENTRIES })); // warm the connection
    const startedMs = performance.now();
    await client.send(new PutEventsCommand({ Entries: ENTRIES }));
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(145);
    expect(running.stats().answersStalled).toBe(2);
  });
});

describe('slow and half-open clients', () => {
  it.each([
    ['a connection that sends nothing', ''],
    [
      'a request whose headers never end',
      'POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.PutEvents\r\n',
    ],
    ['a body that stops short', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"Entries":'],
  ])('cuts %s after clientTimeoutMs with 408', async (_label, text) => {
    const running = await start({ clientTimeoutMs: 200 });
    const { answer, closedAfterMs } = await rawExchange(running.port, text);
    expect(answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(closedAfterMs).toBeGreaterThanOrEqual(190);
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('does not cut a client waiting for a delayed answer', async () => {
    const running = await start({ clientTimeoutMs: 100, latencyMs: { p50Ms: 300, p99Ms: 300 } });
    const answer = await events(running.url).send(new PutEventsCommand({ Entries: ENTRIES }));
    expect(answer.FailedEntryCount).toBe(0);
  });
});
