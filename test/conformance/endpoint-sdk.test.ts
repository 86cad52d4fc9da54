import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { EndpointConfig, RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient } from '../helpers/endpoint-client.js';

const ACCOUNT = '111122223333';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENTRY: PutEventsRequestEntry = {
  Source: 'com.shop.checkout',
  DetailType: 'OrderPlaced',
  Detail: '{"orderId":1}',
};

let endpoint: RunningEndpoint | null = null;
const clients: EventBridgeClient[] = [];

async function start(overrides: Partial<EndpointConfig> = {}): Promise<RunningEndpoint> {
  endpoint = await startEndpoint(defaultEndpointConfig(overrides));
  return endpoint;
}

function client(url: string, accessKeyId?: string): EventBridgeClient {
  const created = createTestClient(url, accessKeyId);
  clients.push(created);
  return created;
}

async function sendError(target: EventBridgeClient, entries: PutEventsRequestEntry[]): Promise<Error> {
  try {
    await target.send(new PutEventsCommand({ Entries: entries }));
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected PutEvents to throw');
}

afterEach(async () => {
  for (const created of clients.splice(0)) created.destroy();
  await endpoint?.close();
  endpoint = null;
});

describe('endpoint through the real SDK', () => {
  it('accepts entries with EventIds and a request id, and counts them', async () => {
    const running = await start({ buses: [{ name: 'orders', logging: false, allowedPrincipals: null }] });
    const answer = await client(running.url).send(
      new PutEventsCommand({ Entries: [ENTRY, { ...ENTRY, EventBusName: 'orders' }, ENTRY] }),
    );
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries?.map((entry) => UUID.test(entry.EventId ?? ''))).toEqual([true, true, true]);
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(answer.$metadata.requestId).toMatch(UUID);
    const stats = running.stats();
    expect([stats.requests, stats.requestsOk, stats.entriesAccepted]).toEqual([1, 1, 3]);
    const byBus = Object.fromEntries(stats.buses.map((bus) => [bus.bus, bus]));
    expect(byBus['default']).toMatchObject({
      requests: 1,
      requestsOk: 1,
      entriesAccepted: 2,
      entriesFailed: 0,
    });
    expect(byBus['orders']).toMatchObject({ requests: 1, requestsOk: 1, entriesAccepted: 1 });
  });

  it('accepts a bus ARN as EventBusName', async () => {
    const running = await start({ buses: [{ name: 'orders', logging: false, allowedPrincipals: null }] });
    const answer = await client(running.url).send(
      new PutEventsCommand({
        Entries: [{ ...ENTRY, EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders` }],
      }),
    );
    expect(answer.FailedEntryCount).toBe(0);
    expect(running.stats().buses.find((bus) => bus.bus === 'orders')?.entriesAccepted).toBe(1);
  });

  it('refuses 11 entries with ValidationException', async () => {
    const running = await start();
    const error = await sendError(client(running.url), Array(11).fill(ENTRY));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('Member must have length less than or equal to 10');
    expect(running.stats().requestsRejected).toBe(1);
  });

  it('refuses entries whose total size is over the limit', async () => {
    const running = await start({ maxRequestEntryBytes: 100 });
    const error = await sendError(client(running.url), [
      { ...ENTRY, Detail: `{"pad":"${'x'.repeat(100)}"}` },
    ]);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Total size of the entries in the request is over the limit.');
  });

  it('fails entries without Source (InvalidArgument) and with an array Detail (MalformedDetail)', async () => {
    const running = await start();
    const answer = await client(running.url).send(
      new PutEventsCommand({
        Entries: [{ DetailType: 'OrderPlaced', Detail: '{}' }, ENTRY, { ...ENTRY, Detail: '[1,2]' }],
      }),
    );
    expect(answer.FailedEntryCount).toBe(2);
    expect(answer.Entries?.[0]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(answer.Entries?.[1]?.EventId).toMatch(UUID);
    expect(answer.Entries?.[2]).toEqual({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed.',
    });
    expect(running.stats().buses[0]).toMatchObject({ bus: 'default', entriesAccepted: 1, entriesFailed: 2 });
  });

  it('gives an entry to an unknown bus an EventId and counts it as dropped', async () => {
    const running = await start();
    const answer = await client(running.url).send(
      new PutEventsCommand({ Entries: [{ ...ENTRY, EventBusName: 'no-such-bus' }] }),
    );
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries?.[0]?.EventId).toMatch(UUID);
    const stats = running.stats();
    expect(stats.entriesToUnknownBus).toBe(1);
    expect(stats.buses.map((bus) => bus.bus)).toEqual(['default']);
  });

  it('denies entries from principals a bus does not allow, per entry', async () => {
    const allowed = `arn:aws:iam::${ACCOUNT}:role/checkout-producer`;
    const rogue = `arn:aws:iam::${ACCOUNT}:role/rogue`;
    const running = await start({
      buses: [{ name: 'orders', logging: false, allowedPrincipals: [allowed] }],
      principalsByAccessKey: { AKIDALLOWED: allowed, AKIDROGUE: rogue },
    });
    const entries = [
      { ...ENTRY, EventBusName: 'orders' },
      { ...ENTRY, EventBusName: 'default' },
    ];
    const denied = await client(running.url, 'AKIDROGUE').send(new PutEventsCommand({ Entries: entries }));
    expect(denied.FailedEntryCount).toBe(1);
    expect(denied.Entries?.[0]).toEqual({
      ErrorCode: 'AccessDeniedException',
      // IAM names the STS session the role's credentials belong to, not the role.
      ErrorMessage: `User: arn:aws:sts::${ACCOUNT}:assumed-role/rogue/busload is not authorized to perform: events:PutEvents on resource: arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`,
    });
    expect(denied.Entries?.[1]?.EventId).toMatch(UUID);
    const ok = await client(running.url, 'AKIDALLOWED').send(new PutEventsCommand({ Entries: entries }));
    expect(ok.FailedEntryCount).toBe(0);
  });

  it('throttles past the account quota with ThrottlingException', async () => {
    const running = await start({ quota: { ratePerSec: 1, burst: 2 } });
    const sdk = client(running.url);
    await sdk.send(new PutEventsCommand({ Entries: [ENTRY] }));
    await sdk.send(new PutEventsCommand({ Entries: [ENTRY] }));
    const error = await sendError(sdk, [ENTRY]);
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Rate exceeded');
    const stats = running.stats();
    expect([stats.requests, stats.requestsOk, stats.requestsThrottled]).toEqual([3, 2, 1]);
    expect(stats.buses[0]).toMatchObject({ requests: 3, requestsOk: 2, requestsThrottled: 1 });
  });

  it('fails every entry with InternalFailure at an entry fault rate of 1', async () => {
    const running = await start({
      faults: { entryInternalFailureRate: 1, entryThrottleRate: 0, internalErrorRate: 0 },
    });
    const answer = await client(running.url).send(new PutEventsCommand({ Entries: [ENTRY, ENTRY, ENTRY] }));
    expect(answer.FailedEntryCount).toBe(3);
    expect(answer.Entries?.map((entry) => entry.ErrorCode)).toEqual([
      'InternalFailure',
      'InternalFailure',
      'InternalFailure',
    ]);
  });

  it('throttles entries at an entry throttle rate of 1', async () => {
    const running = await start({
      faults: { entryInternalFailureRate: 0, entryThrottleRate: 1, internalErrorRate: 0 },
    });
    const answer = await client(running.url).send(new PutEventsCommand({ Entries: [ENTRY, ENTRY] }));
    expect(answer.Entries).toEqual([
      { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
      { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
    ]);
  });

  it('answers 500 InternalException at a request fault rate of 1', async () => {
    const running = await start({
      faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 1 },
    });
    const error = (await sendError(client(running.url), [ENTRY])) as Error & {
      $metadata: { httpStatusCode: number };
    };
    expect(error.name).toBe('InternalException');
    expect(error.$metadata.httpStatusCode).toBe(500);
  });

  it('injects faults reproducibly from the seed', async () => {
    const outcomes: string[][] = [];
    for (let round = 0; round < 2; round++) {
      const running = await start({
        seed: 99,
        faults: { entryInternalFailureRate: 0.5, entryThrottleRate: 0, internalErrorRate: 0 },
      });
      const answer = await client(running.url).send(new PutEventsCommand({ Entries: Array(10).fill(ENTRY) }));
      outcomes.push(answer.Entries?.map((entry) => entry.ErrorCode ?? 'ok') ?? []);
      await running.close();
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(new Set(outcomes[0]).size, 'a 0.5 rate over 10 entries mixes outcomes').toBe(2);
  });

  it('delays answers by the latency model', async () => {
    const running = await start({ latencyMs: { p50Ms: 40, p99Ms: 40 } });
    const startedMs = performance.now();
    await client(running.url).send(new PutEventsCommand({ Entries: [ENTRY] }));
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(39);
  });
});
