/**
 * Fuzzing (fast-check) of the emulator's HTTP input: hostile requests over raw sockets against a real
 * endpoint on loopback that delivers a CloudTrail trail. Request lines, headers and bodies are generated
 * (PutEvents bodies as mutations of a valid one, with hostile values at its field paths), so a failure
 * shrinks to the smallest request that breaks it. Every request must get an HTTP answer with a status the
 * endpoint is meant to give (never 500, never a dropped connection without an answer); afterwards the
 * endpoint still answers a real client, its counts add up, every delivered trail file is valid gzip JSON,
 * and the process stayed under 1 GB at its peak.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient, RAW_AUTHORIZATION, rawExchange } from '../helpers/endpoint-client.js';

const RUNS = 2_000;
const MAX_BODY_BYTES = 64 * 1024;
/**
 * Statuses the endpoint gives: ok, client error, client timeout, body too large, headers too large, and
 * node:http's own 417 for an `Expect` header other than 100-continue.
 */
const EXPECTED_STATUSES = [200, 400, 408, 413, 417, 431];

/** fast-check's report of a failure, with the request cut to its first 600 bytes (bodies can be 64 KB). */
function shortReport(details: fc.RunDetails<[Buffer<ArrayBuffer>]>): void {
  if (!details.failed) return;
  const request = details.counterexample?.[0]?.toString('latin1') ?? '(none)';
  throw new Error(
    `failed after ${details.numRuns} requests (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}\nrequest (first 600 bytes):\n${JSON.stringify(request.slice(0, 600))}`,
  );
}

let endpoint: RunningEndpoint;
let trailDir: string;

beforeAll(async () => {
  trailDir = await mkdtemp(join(tmpdir(), 'busload-http-fuzz-'));
  endpoint = await startEndpoint(
    defaultEndpointConfig({
      maxBodyBytes: MAX_BODY_BYTES,
      // A request one byte short of its Content-Length waits this long for a 408: short, so the fuzz stays fast.
      clientTimeoutMs: 300,
      buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
      quota: { ratePerSec: 1_000_000, burst: 1_000_000 },
      trailDir,
      trailFlushIntervalMs: 200,
    }),
  );
});
afterAll(async () => {
  await endpoint?.close();
  await rm(trailDir, { recursive: true, force: true });
});

/** Values a hostile client puts where a PutEvents field is expected. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    'orders',
    'default',
    'missing',
    'arn:aws:events:us-east-1:111122223333:event-bus/orders',
    'arn:aws:events:us-east-1:999999999999:event-bus/orders',
    '{"a":',
    '[1]',
    `${'{"a":'.repeat(600)}1${'}'.repeat(600)}`,
    '{"n":99999999999999999999}',
    'T'.repeat(300),
    '__proto__',
    '\u0000\ud800',
    -1,
    1e308,
    2 ** 63,
    null,
    [],
    {},
  ),
);

const ENTRY_FIELDS = [
  'Source',
  'DetailType',
  'Detail',
  'EventBusName',
  'Time',
  'Resources',
  'TraceHeader',
  '__proto__',
  'constructor',
];

const validEntry = (): Record<string, unknown> => ({
  Source: 'com.fuzz',
  DetailType: 'Fuzzed',
  Detail: '{"id":1}',
  EventBusName: 'orders',
});

/** A PutEvents body: 1-12 entries, each valid or with hostile fields set or removed; or the whole body hostile. */
const putEventsBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.array(fc.tuple(fc.constantFrom(...ENTRY_FIELDS), fc.option(hostileJson, { nil: undefined })), {
          maxLength: 3,
        }),
        { minLength: 0, maxLength: 12 },
      )
      .map((entries) =>
        JSON.stringify({
          Entries: entries.map((mutations) => {
            const entry = validEntry();
            for (const [field, value] of mutations) {
              if (value === undefined) delete entry[field];
              else
                Object.defineProperty(entry, field, {
                  value,
                  enumerable: true,
                  writable: true,
                  configurable: true,
                });
            }
            return entry;
          }),
        }),
      ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '['.repeat(40_000),
      JSON.stringify({ Entries: [{ ...validEntry(), Detail: `{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}` }] }),
      '{"Entries":[',
      '',
    ),
  },
);

const target = fc.constantFrom(
  'AWSEvents.PutEvents',
  'AWSEvents.PutEvents',
  'AWSEvents.ListRules',
  'GraniteServiceVersion20100801.GetMetricData',
  'GraniteServiceVersion20100801.PutMetricData',
  'x',
  null,
);

const authorization = fc.constantFrom(
  RAW_AUTHORIZATION,
  RAW_AUTHORIZATION,
  RAW_AUTHORIZATION.replace('/events/', '/monitoring/'),
  RAW_AUTHORIZATION.replace('us-east-1', 'eu-west-1'),
  'AWS4-HMAC-SHA256 Credential=a/b',
  'Bearer x',
  null,
);

/** Header values a hostile client may send: printable, or long. */
const headerValue = fc.oneof(
  { weight: 9, arbitrary: fc.string({ maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/g, 'x')) },
  { weight: 1, arbitrary: fc.constant('y'.repeat(20_000)) },
);

/** One request as raw bytes: well-formed HTTP with generated parts, or a malformed head. */
const rawRequest = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        // Half the requests look like a real client's (right operation and headers): only the body is hostile.
        plausible: fc.boolean(),
        method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'OPTIONS'),
        path: fc.constantFrom('/', '/', '/', '/?a=1', '/x/../', `/${'a'.repeat(9_000)}`),
        target,
        authorization,
        contentType: fc.constantFrom(
          'application/x-amz-json-1.1',
          'application/x-amz-json-1.0',
          'text/plain',
          null,
        ),
        extraHeaders: fc.array(
          fc.tuple(
            fc.constantFrom('X-Amz-Date', 'Content-Encoding', 'Expect', 'X-Custom', 'Host'),
            headerValue,
          ),
          { maxLength: 3 },
        ),
        chunked: fc.boolean(),
        lengthDelta: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, -1, 1),
        body: putEventsBody,
      })
      .map((generated) => {
        const request = generated.plausible
          ? {
              ...generated,
              method: 'POST',
              path: '/',
              target: 'AWSEvents.PutEvents',
              authorization: RAW_AUTHORIZATION,
              contentType: 'application/x-amz-json-1.1',
              extraHeaders: [],
              chunked: false,
              lengthDelta: 0,
            }
          : generated;
        const body = Buffer.from(request.body, 'utf8');
        const lines = [`${request.method} ${request.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
        if (request.target !== null) lines.push(`X-Amz-Target: ${request.target}`);
        if (request.authorization !== null) lines.push(`Authorization: ${request.authorization}`);
        if (request.contentType !== null) lines.push(`Content-Type: ${request.contentType}`);
        for (const [name, value] of request.extraHeaders) lines.push(`${name}: ${value}`);
        if (request.chunked) lines.push('Transfer-Encoding: chunked');
        // A declared length one byte short cuts the body; one byte long leaves the server waiting (408).
        else lines.push(`Content-Length: ${Math.max(0, body.length + request.lengthDelta)}`);
        const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
        const payload = request.chunked
          ? Buffer.concat([
              Buffer.from(`${body.length.toString(16)}\r\n`),
              body,
              Buffer.from('\r\n0\r\n\r\n'),
            ])
          : body;
        return Buffer.concat([head, payload]);
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'GARBAGE\r\n\r\n',
        'POST / HTTP/9.9\r\n\r\n',
        'POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n',
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc',
        'POST / HTTP/1.1\r\nBad Header Line\r\n\r\n',
        'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      )
      .map((text) => Buffer.from(text, 'latin1')),
  },
);

describe('fuzz: the emulator HTTP input', () => {
  it(`answers ${RUNS.toLocaleString('en-US')} generated hostile requests with an expected status, and stays up`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(rawRequest, async (raw) => {
        const { status } = await rawExchange(endpoint.port, raw);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(EXPECTED_STATUSES).toContain(status);
      }),
      { numRuns: RUNS, seed: 15, reporter: shortReport },
    );
    // The generators reach both sides of the endpoint: accepted PutEvents and refused requests.
    expect(statuses.get(200) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(50);

    // Still up and answering a real client; its counts add up.
    const client = createTestClient(endpoint.url);
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [{ Source: 's', DetailType: 'T', Detail: '{}', EventBusName: 'orders' }],
      }),
    );
    client.destroy();
    expect(answer.FailedEntryCount).toBe(0);
    const stats = endpoint.stats();
    expect(stats.requests).toBe(stats.requestsOk + stats.requestsThrottled + stats.requestsRejected);
  }, 240_000);

  it('delivers only valid trail files (gzip JSON with a Records array) after the hostile input', async () => {
    await endpoint.close();
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(trailDir);
    expect(files.length).toBeGreaterThan(0);
    let records = 0;
    for (const file of files) {
      expect(file).toMatch(/\.json\.gz$/);
      const document = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] };
      expect(Array.isArray(document.Records), file).toBe(true);
      records += document.Records.length;
    }
    expect(records).toBeGreaterThan(50);
  });

  it('stayed under 1 GB of memory at its peak', () => {
    // maxRSS is the peak resident set of this test process (KiB), not its size now.
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(1024 ** 3);
  });
});
