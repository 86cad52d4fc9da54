import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { EndpointConfig } from '../../src/endpoint/types.js';
import type { CloudTrailRecord } from '../../src/eventbridge/cloudtrail-record.js';
import { createTestClient } from '../helpers/endpoint-client.js';

const ACCOUNT = '111122223333';
const FIXED_EPOCH_MS = Date.UTC(2026, 2, 7, 0, 51, 7);
const ROLE = `arn:aws:iam::${ACCOUNT}:role/checkout-producer`;
const entry = (bus: string): PutEventsRequestEntry => ({
  Source: 'com.shop.checkout',
  DetailType: 'OrderPlaced',
  Detail: '{"secret":"card-4111"}',
  EventBusName: bus,
});

let trailDir: string;
let sdk: EventBridgeClient | null = null;

beforeEach(async () => {
  trailDir = await mkdtemp(join(tmpdir(), 'busload-trail-'));
});
afterEach(async () => {
  sdk?.destroy();
  sdk = null;
  await rm(trailDir, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (item.isFile()) found.push(relative(trailDir, join(item.parentPath, item.name)));
  }
  return found.sort();
}

async function readRecords(files: string[]): Promise<CloudTrailRecord[]> {
  const records: CloudTrailRecord[] = [];
  for (const file of files) {
    const parsed = JSON.parse(gunzipSync(await readFile(join(trailDir, file))).toString('utf8')) as {
      Records: CloudTrailRecord[];
    };
    records.push(...parsed.Records);
  }
  return records;
}

function config(overrides: Partial<EndpointConfig> = {}): EndpointConfig {
  return defaultEndpointConfig({
    buses: [
      { name: 'orders', logging: true, allowedPrincipals: null },
      { name: 'telemetry', logging: false, allowedPrincipals: null },
    ],
    principalsByAccessKey: { AKIDCHECKOUT: ROLE },
    trailDir,
    trailFlushIntervalMs: 60_000,
    clock: { nowEpochMs: () => FIXED_EPOCH_MS, monotonicMs: () => performance.now() },
    ...overrides,
  });
}

describe('CloudTrail delivery', () => {
  it('writes one record per logged request, detail redacted, delivered on close', async () => {
    const endpoint = await startEndpoint(config());
    sdk = createTestClient(endpoint.url, 'AKIDCHECKOUT');
    for (let i = 0; i < 5; i++)
      await sdk.send(new PutEventsCommand({ Entries: [entry('orders'), entry('orders')] }));
    for (let i = 0; i < 3; i++) await sdk.send(new PutEventsCommand({ Entries: [entry('telemetry')] }));
    await sdk.send(new PutEventsCommand({ Entries: [{ ...entry('orders'), Detail: '[]' }] }));
    await endpoint.close();

    const files = await listFiles(trailDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(
      /^AWSLogs\/111122223333\/CloudTrail\/us-east-1\/2026\/03\/07\/111122223333_CloudTrail_us-east-1_20260307T0051Z_[A-Za-z0-9]{16}\.json\.gz$/,
    );
    const records = await readRecords(files);
    expect(records).toHaveLength(6);
    expect(new Set(records.map((record) => record.requestID)).size).toBe(6);
    for (const record of records) {
      expect(record.eventName).toBe('PutEvents');
      expect(record.eventCategory).toBe('Data');
      expect(record.eventTime).toBe('2026-03-07T00:51:07Z');
      expect(record.userIdentity.accessKeyId).toBe('AKIDCHECKOUT');
      expect(record.userIdentity.sessionContext?.sessionIssuer?.arn).toBe(ROLE);
      expect(record.sourceIPAddress).toBe('127.0.0.1');
      expect(record.resources).toEqual([
        { type: 'AWS::Events::EventBus', ARN: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders` },
      ]);
      for (const item of record.requestParameters.entries)
        expect(item['detail']).toBe('HIDDEN_DUE_TO_SECURITY_REASONS');
    }
    expect(records[0]?.responseElements?.failedEntryCount).toBe(0);
    expect(records[0]?.responseElements?.entries).toHaveLength(2);
    expect(records[5]?.responseElements).toEqual({
      failedEntryCount: 1,
      entries: [{ errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' }],
    });

    const stats = endpoint.stats();
    const orders = stats.buses.find((bus) => bus.bus === 'orders');
    const jsonBytes = records.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(record)), 0);
    expect(orders).toMatchObject({ requests: 6, trailRecords: 6, trailBytes: jsonBytes });
    expect(stats.buses.find((bus) => bus.bus === 'telemetry')).toMatchObject({
      requests: 3,
      trailRecords: 0,
    });
    expect([stats.trailRecords, stats.trailBytes, stats.trailFilesWritten]).toEqual([6, jsonBytes, 1]);
  });

  it('records throttled and invalid requests with errorCode when logFailedRequests is on', async () => {
    const endpoint = await startEndpoint(config({ quota: { ratePerSec: 0.001, burst: 2 } }));
    sdk = createTestClient(endpoint.url, 'AKIDCHECKOUT');
    await sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }));
    await expect(
      sdk.send(new PutEventsCommand({ Entries: Array(11).fill(entry('orders')) })),
    ).rejects.toThrow(/less than or equal to 10/);
    await expect(sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }))).rejects.toThrow(
      'Rate exceeded',
    );
    await endpoint.close();
    const records = await readRecords(await listFiles(trailDir));
    expect(records.map((record) => record.errorCode ?? 'ok')).toEqual([
      'ok',
      'ValidationException',
      'ThrottlingException',
    ]);
    expect(records[2]?.errorMessage).toBe('Rate exceeded');
    expect(records[2]?.responseElements).toBeNull();
    expect(records[1]?.requestParameters.entries).toHaveLength(11);
  });

  it('leaves failed requests out when logFailedRequests is off', async () => {
    const endpoint = await startEndpoint(
      config({ quota: { ratePerSec: 0.001, burst: 1 }, logFailedRequests: false }),
    );
    sdk = createTestClient(endpoint.url, 'AKIDCHECKOUT');
    await sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }));
    await expect(sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }))).rejects.toThrow(
      'Rate exceeded',
    );
    await endpoint.close();
    expect(await readRecords(await listFiles(trailDir))).toHaveLength(1);
    expect(endpoint.stats().buses.find((bus) => bus.bus === 'orders')).toMatchObject({
      requests: 2,
      requestsThrottled: 1,
      trailRecords: 1,
    });
  });

  it('delivers on flushTrail and on close without losing or repeating records', async () => {
    const endpoint = await startEndpoint(config());
    sdk = createTestClient(endpoint.url, 'AKIDCHECKOUT');
    await sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }));
    await endpoint.flushTrail();
    expect(await listFiles(trailDir)).toHaveLength(1);
    await endpoint.flushTrail();
    expect(await listFiles(trailDir), 'nothing queued: no empty file').toHaveLength(1);
    for (let i = 0; i < 300; i++) await sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }));
    await endpoint.close();
    const files = await listFiles(trailDir);
    expect(files).toHaveLength(2);
    expect(new Set((await readRecords(files)).map((record) => record.requestID)).size).toBe(301);
  });

  it('counts records and bytes without writing files when trailDir is null', async () => {
    const endpoint = await startEndpoint(config({ trailDir: null }));
    sdk = createTestClient(endpoint.url, 'AKIDCHECKOUT');
    await sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }));
    const stats = endpoint.stats();
    await endpoint.close();
    expect(stats.trailRecords).toBe(1);
    expect(stats.trailBytes).toBeGreaterThan(1000);
    expect(stats.trailFilesWritten).toBe(0);
    expect(await listFiles(trailDir)).toEqual([]);
  });

  it('rejects close() when trail files cannot be written', async () => {
    const blocked = join(trailDir, 'not-a-directory');
    await writeFile(blocked, 'x');
    const endpoint = await startEndpoint(config({ trailDir: blocked }));
    sdk = createTestClient(endpoint.url, 'AKIDCHECKOUT');
    await sdk.send(new PutEventsCommand({ Entries: [entry('orders')] }));
    await expect(endpoint.close()).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});
