/**
 * The SDK transport against a real loopback stand-in for PutEvents: what one send() returns for accepted,
 * failed and throttled calls, one onAttempt per HTTP attempt, sentMs (socket write) and respondedMs (response
 * arrival) stamped from the runner's clock, the
 * held first write, and the abort of a call in flight.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBridgeClient, createSdkSender, isThrottleError } from '../../src/workers/sdk-sender.js';
import type { AttemptOutcome, OutgoingEntry } from '../../src/workers/sender-contract.js';
import { waitingAttempts } from '../../src/workers/wire-stamps.js';
import { makeProducer } from '../helpers/scenario-builder.js';
import { type StubEventBridge, type StubOptions, startStubEventBridge } from '../helpers/stub-eventbridge.js';

const credentials = { accessKeyId: 'AKIDSENDERTEST', secretAccessKey: 'sender-test-secret' };

const entries = (count: number): OutgoingEntry[] =>
  Array.from({ length: count }, (_, index) => ({
    Source: 'com.shop.checkout',
    DetailType: 'OrderPlaced',
    Detail: JSON.stringify({ order: index }),
    EventBusName: 'orders',
  }));

let stub: StubEventBridge | undefined;
const destroyers: Array<() => void> = [];
afterEach(async () => {
  for (const destroy of destroyers.splice(0)) destroy();
  await stub?.close();
  stub = undefined;
});

async function senderFor(
  options: StubOptions,
  extra: { maxAttempts?: number; abortSignal?: AbortSignal; nowMs?: () => number } = {},
) {
  stub = await startStubEventBridge(options);
  const attempts: AttemptOutcome[] = [];
  const sender = createSdkSender({
    producer: makeProducer({
      retry: { mode: 'standard', maxAttempts: extra.maxAttempts ?? 3, resendFailedEntries: 0 },
    }),
    credentials,
    endpointUrl: stub.url,
    region: 'us-east-1',
    maxSockets: 4,
    onAttempt: (outcome) => attempts.push(outcome),
    ...(extra.abortSignal === undefined ? {} : { abortSignal: extra.abortSignal }),
    ...(extra.nowMs === undefined ? {} : { nowMs: extra.nowMs }),
  });
  destroyers.push(() => sender.destroy());
  return { sender, attempts, stub };
}

describe('isThrottleError', () => {
  it('is a ThrottlingException by name or an HTTP 429, nothing else', () => {
    const named = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(isThrottleError(named)).toBe(true);
    expect(isThrottleError({ name: 'SomeError', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottleError({ name: 'InternalException', $metadata: { httpStatusCode: 500 } })).toBe(false);
    expect(isThrottleError(new Error('socket hang up'))).toBe(false);
    expect(isThrottleError(null)).toBe(false);
  });
});

describe('createEventBridgeClient', () => {
  it("carries the producer's retry settings, the endpoint and the credentials", async () => {
    const client = createEventBridgeClient({
      producer: makeProducer({ retry: { mode: 'adaptive', maxAttempts: 7, resendFailedEntries: 0 } }),
      credentials: { ...credentials, sessionToken: 'token-1' },
      endpointUrl: 'http://127.0.0.1:4010',
      region: 'eu-west-1',
      maxSockets: 8,
    });
    try {
      expect(await client.config.maxAttempts()).toBe(7);
      expect(client.config.retryMode).toBe('adaptive');
      expect((await client.config.retryStrategy()).constructor.name).toBe('AdaptiveRetryStrategy');
      expect(await client.config.endpoint?.()).toMatchObject({
        hostname: '127.0.0.1',
        port: 4010,
        protocol: 'http:',
      });
      expect(await client.config.region()).toBe('eu-west-1');
      const resolved = await client.config.credentials();
      expect(resolved).toMatchObject({ ...credentials, sessionToken: 'token-1' });
    } finally {
      client.destroy();
    }
  });
});

describe('createSdkSender', () => {
  it('returns null per accepted entry and the ErrorCode per failed one, with one attempt', async () => {
    const { sender, attempts, stub } = await senderFor({ failEntriesAlwaysWith: 'InternalFailure' });
    const failed = await sender.send(entries(2), new AbortController().signal);
    expect(failed).toEqual({
      kind: 'response',
      entryErrors: ['InternalFailure', 'InternalFailure'],
      attempts: 1,
      retryDelayMs: 0,
    });
    expect(attempts).toEqual(['succeeded']);
    expect(stub.stats).toMatchObject({ requests: 1, entries: 2, entriesFailed: 2 });
  });

  it('stamps sentMs at the socket write and respondedMs when the response arrived, on the runner clock', async () => {
    // a counting clock: 1,000 = handed to the HTTP handler, 1,001 = written, 1,002 = response arrived
    let clockMs = 1_000;
    const { sender, attempts, stub } = await senderFor({}, { nowMs: () => clockMs++ });
    const outcome = await sender.send(entries(3), new AbortController().signal);
    expect(outcome).toEqual({
      kind: 'response',
      entryErrors: [null, null, null],
      attempts: 1,
      retryDelayMs: 0,
      sentMs: 1_001,
      firstSentMs: 1_001,
      respondedMs: 1_002,
    });
    expect(clockMs).toBe(1_003);
    expect(attempts).toEqual(['succeeded']);
    expect(stub.stats.acceptedByBus).toEqual({ orders: 3 });
    expect(waitingAttempts()).toBe(0);
  });

  it("stamps an error's last attempt: written and answered (a throttle), or written and never answered", async () => {
    let clockMs = 0;
    const nowMs = (): number => clockMs++;
    const { sender } = await senderFor({ throttleRequest: () => true }, { maxAttempts: 2, nowMs });
    const throttled = await sender.send(entries(1), new AbortController().signal);
    // attempt 1: 0 handed, 1 written, 2 answered; attempt 2: 3 handed, 4 written, 5 answered
    expect(throttled).toMatchObject({
      kind: 'error',
      name: 'ThrottlingException',
      sentMs: 4,
      firstSentMs: 1,
      respondedMs: 5,
    });

    let refusedMs = 500;
    const { sender: refused } = await senderFor({}, { maxAttempts: 1, nowMs: () => refusedMs++ });
    // nothing listens on the stub's port any more: the sender's first connection is refused
    await stub!.close();
    stub = undefined;
    const outcome = await refused.send(entries(1), new AbortController().signal);
    // 500 handed to the HTTP handler, 501 written into the connecting socket; nothing answered
    expect(outcome).toEqual({
      kind: 'error',
      name: 'ECONNREFUSED',
      attempts: 1,
      retryDelayMs: 0,
      sentMs: 501,
      firstSentMs: 501,
    });
    expect(waitingAttempts()).toBe(0);
  });

  it('counts each throttled attempt and returns the error after maxAttempts', async () => {
    const { sender, attempts, stub } = await senderFor({ throttleRequest: () => true }, { maxAttempts: 2 });
    const outcome = await sender.send(entries(1), new AbortController().signal);
    expect(outcome).toMatchObject({ kind: 'error', name: 'ThrottlingException', attempts: 2 });
    expect(outcome.retryDelayMs).toBeGreaterThan(0);
    expect(attempts).toEqual(['throttled', 'throttled']);
    expect(stub.stats.throttledRequests).toBe(2);
  });

  it('retries a throttled attempt and succeeds, counting both attempts', async () => {
    let clockMs = 0;
    const { sender, attempts } = await senderFor(
      { throttleRequest: (n) => n === 1 },
      { nowMs: () => clockMs++ },
    );
    const outcome = await sender.send(entries(1), new AbortController().signal);
    // attempt 1: 0 handed, 1 written, 2 answered (throttled); attempt 2: 3 handed, 4 written, 5 answered
    expect(outcome).toMatchObject({
      kind: 'response',
      entryErrors: [null],
      attempts: 2,
      firstSentMs: 1,
      sentMs: 4,
      respondedMs: 5,
    });
    expect(attempts).toEqual(['throttled', 'succeeded']);
  });

  it('holds the first write until notBeforeMs on the runner clock', async () => {
    const nowMs = (): number => performance.now();
    const { sender } = await senderFor({}, { nowMs });
    const notBeforeMs = nowMs() + 60;
    const outcome = await sender.send(entries(1), new AbortController().signal, notBeforeMs);
    expect(outcome.kind).toBe('response');
    // Node starts a timer from the event loop's cached clock, which lags performance.now() by the time the
    // loop has spent in this turn (a few ms on a loaded machine), so the hold may end that much early; a
    // sender that did not hold would write 60 ms early
    expect(outcome.sentMs!).toBeGreaterThanOrEqual(notBeforeMs - 10);
  });

  it('ends a call in flight with AbortError when the abort signal fires', async () => {
    const controller = new AbortController();
    const { sender, attempts } = await senderFor({ delayMs: 30_000 }, { abortSignal: controller.signal });
    const sending = sender.send(entries(1), controller.signal);
    while (stub!.stats.requests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await sending).toMatchObject({ kind: 'error', name: 'AbortError', attempts: 1 });
    expect(attempts).toEqual(['failed']);
  });
});
