/**
 * Fuzz: thousands of seeded random and malformed requests over raw sockets. Every request gets an HTTP
 * answer with a status the endpoint is meant to give, and the server stays up and keeps counting.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import { createRng, type UniformRng } from '../../src/endpoint/rng.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient, RAW_AUTHORIZATION, rawExchange } from '../helpers/endpoint-client.js';

const REQUESTS = 3_000;
const CONCURRENCY = 32;
const SEED = 20261124;
const MAX_BODY_BYTES = 128 * 1024;

let endpoint: RunningEndpoint;

beforeAll(async () => {
  endpoint = await startEndpoint(
    defaultEndpointConfig({
      maxBodyBytes: MAX_BODY_BYTES,
      clientTimeoutMs: 1_000,
      buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
      quota: { ratePerSec: 1_000_000, burst: 1_000_000 },
    }),
  );
});
afterAll(async () => {
  await endpoint.close();
});

function pick<T>(rng: UniformRng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function randomText(rng: UniformRng, maxLength: number): string {
  const length = Math.floor(rng() * maxLength);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(rng() * 0x250));
  return text;
}

function randomJsonValue(rng: UniformRng, depth: number): unknown {
  const kind = Math.floor(rng() * (depth > 3 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return pick(rng, [0, -1, 1.5, 1e308, 2 ** 63, Number.MAX_SAFE_INTEGER, 2 ** 70]);
    case 3:
      return randomText(rng, 20);
    case 4:
      return pick(rng, ['s', 'T', '{}', '[]', '{"a":1}', '', 'orders', 'default']);
    case 5:
      return Array.from({ length: Math.floor(rng() * 12) }, () => randomJsonValue(rng, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const keys = [
        'Entries',
        'Source',
        'DetailType',
        'Detail',
        'EventBusName',
        'Time',
        'Resources',
        'TraceHeader',
      ];
      for (let i = Math.floor(rng() * 6); i > 0; i--) {
        object[rng() < 0.8 ? pick(rng, keys) : randomText(rng, 8)] = randomJsonValue(rng, depth + 1);
      }
      return object;
    }
  }
}

function validEntry(rng: UniformRng): Record<string, unknown> {
  return {
    Source: 'com.fuzz',
    DetailType: rng() < 0.05 ? 'T'.repeat(129) : 'T',
    Detail: pick(rng, [
      '{}',
      '{"a":[1,2,{"b":null}]}',
      '[1]',
      '"x"',
      '{"a":',
      `${'{"a":'.repeat(1001)}1${'}'.repeat(1001)}`,
      '{"n":99999999999999999999}',
    ]),
    EventBusName:
      rng() < 0.03
        ? pick(rng, ['', 'bad name!'])
        : pick(rng, [
            'orders',
            'default',
            'missing',
            'arn:aws:events:us-east-1:111122223333:event-bus/orders',
          ]),
  };
}

function randomBody(rng: UniformRng): string {
  const kind = Math.floor(rng() * 8);
  switch (kind) {
    case 0:
    case 1:
      return JSON.stringify({
        Entries: Array.from(
          { length: rng() < 0.05 ? pick(rng, [0, 11, 12]) : 1 + Math.floor(rng() * 10) },
          () => validEntry(rng),
        ),
      });
    case 2:
      return JSON.stringify(randomJsonValue(rng, 0));
    case 3: {
      // A valid body with random bytes changed or cut.
      const body = JSON.stringify({ Entries: [validEntry(rng), validEntry(rng)] });
      const chars = [...body];
      for (let i = Math.floor(rng() * 5); i >= 0; i--)
        chars[Math.floor(rng() * chars.length)] = String.fromCharCode(Math.floor(rng() * 128));
      return chars.slice(0, Math.floor(rng() * chars.length) + 1).join('');
    }
    case 4:
      return randomText(rng, 300);
    case 5:
      return '['.repeat(Math.floor(rng() * 50_000));
    case 6:
      return JSON.stringify({
        Entries: [{ ...validEntry(rng), Detail: `{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}` }],
      });
    default:
      return JSON.stringify({
        MetricDataQueries: randomJsonValue(rng, 0),
        StartTime: 1,
        EndTime: 2,
        Namespace: 'X',
        MetricData: randomJsonValue(rng, 0),
      });
  }
}

/** One request as raw bytes, plus whether it is well-formed HTTP (so the endpoint's handler sees it). */
function randomRequest(rng: UniformRng): { raw: Buffer; wellFormedHttp: boolean } {
  if (rng() < 0.05) {
    const garbage = pick(rng, [
      'GARBAGE\r\n\r\n',
      'POST / HTTP/9.9\r\n\r\n',
      'POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc',
      'POST / HTTP/1.1\r\nBad Header Line\r\n\r\n',
      `POST /${'a'.repeat(20_000)} HTTP/1.1\r\n\r\n`,
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ]);
    return { raw: Buffer.from(garbage, 'latin1'), wellFormedHttp: false };
  }
  const body = Buffer.from(randomBody(rng), 'utf8');
  const target = pick(rng, [
    'AWSEvents.PutEvents',
    'AWSEvents.PutEvents',
    'AWSEvents.PutEvents',
    'AWSEvents.ListRules',
    'GraniteServiceVersion20100801.GetMetricData',
    'GraniteServiceVersion20100801.PutMetricData',
    'GraniteServiceVersion20100801.Nope',
    null,
    randomText(rng, 10).replace(/[^\x21-\x7e]/g, 'x'),
  ]);
  const authorization = pick(rng, [
    RAW_AUTHORIZATION,
    RAW_AUTHORIZATION,
    RAW_AUTHORIZATION.replace('/events/', '/monitoring/'),
    null,
    'AWS4-HMAC-SHA256 Credential=a/b',
    'Bearer x',
    RAW_AUTHORIZATION.replace('us-east-1', 'eu-west-1'),
  ]);
  const contentType = pick(rng, [
    'application/x-amz-json-1.1',
    'application/x-amz-json-1.0',
    'text/plain',
    null,
  ]);
  const method = pick(rng, ['POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE']);
  const headers = [`${method} / HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  if (rng() < 0.5) {
    // Half the requests look like a real client's (right operation and headers): only the body is random.
    headers[0] = 'POST / HTTP/1.1';
    headers.push('X-Amz-Target: AWSEvents.PutEvents', `Authorization: ${RAW_AUTHORIZATION}`);
    headers.push('Content-Type: application/x-amz-json-1.1', `Content-Length: ${body.length}`);
    const plausibleHead = Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1');
    return { raw: Buffer.concat([plausibleHead, body]), wellFormedHttp: true };
  }
  if (target !== null) headers.push(`X-Amz-Target: ${target}`);
  if (authorization !== null) headers.push(`Authorization: ${authorization}`);
  if (contentType !== null) headers.push(`Content-Type: ${contentType}`);
  if (rng() < 0.03) headers.push('Content-Encoding: gzip');
  const chunked = rng() < 0.1;
  if (chunked) headers.push('Transfer-Encoding: chunked');
  else headers.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1');
  const payload = chunked
    ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
    : body;
  return { raw: Buffer.concat([head, payload]), wellFormedHttp: true };
}

describe('endpoint fuzz', () => {
  it(`answers ${REQUESTS} seeded random and malformed requests and stays up`, async () => {
    const rng = createRng(SEED);
    const requests = Array.from({ length: REQUESTS }, () => randomRequest(rng));
    const statuses = new Map<number, number>();
    let next = 0;
    let answeredWithoutRequestId = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const { status, hasRequestId } = await rawExchange(endpoint.port, request.raw);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (request.wellFormedHttp && !hasRequestId && status !== 408) answeredWithoutRequestId++;
        if (status === 0 || status === 500)
          throw new Error(`no valid answer (${status}) to:\n${request.raw.toString('latin1').slice(0, 600)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    // Every request was answered with a status the endpoint is meant to give.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(REQUESTS);
    expect(
      [...statuses.keys()].every((status) => [200, 400, 408, 413, 431].includes(status)),
      JSON.stringify([...statuses]),
    ).toBe(true);
    expect(statuses.get(200) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(answeredWithoutRequestId).toBe(0);

    // Still up, still answering correctly, still counting.
    const client = createTestClient(endpoint.url);
    const answer = await client.send(
      new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'T', Detail: '{}' }] }),
    );
    client.destroy();
    expect(answer.FailedEntryCount).toBe(0);
    const stats = endpoint.stats();
    expect(stats.requests).toBe(stats.requestsOk + stats.requestsThrottled + stats.requestsRejected);
  });
});
