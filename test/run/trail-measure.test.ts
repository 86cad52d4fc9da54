/**
 * measureTrailFiles against a real trail directory in a temp dir: gzip files laid out as CloudTrail
 * delivers them (AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/), beside files that are not trail files.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTrailFiles } from '../../src/run/trail-measure.js';

const ACCOUNT = '111122223333';
const busArn = (bus: string): string => `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${bus}`;
const CHECKOUT = `arn:aws:sts::${ACCOUNT}:assumed-role/checkout/session`;
const SENSORS = `arn:aws:sts::${ACCOUNT}:assumed-role/sensors/session`;

/** A PutEvents data-event record naming the buses of its entries. */
function record(callerArn: string | undefined, buses: string[], requestId: string): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    ...(callerArn === undefined ? {} : { userIdentity: { type: 'AssumedRole', arn: callerArn } }),
    eventSource: 'events.amazonaws.com',
    eventName: 'PutEvents',
    requestID: requestId,
    resources: buses.map((bus) => ({ type: 'AWS::Events::EventBus', ARN: busArn(bus) })),
  };
}

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

let root = '';
let trailDir = '';
const day1 = [
  record(CHECKOUT, ['orders'], 'r1'),
  record(CHECKOUT, ['orders'], 'r2-ünïcode'),
  record(SENSORS, ['telemetry'], 'r3'),
];
const day2 = [
  // one call naming two buses counts once on each
  record(SENSORS, ['orders', 'telemetry'], 'r4'),
  // a caller CloudTrail could not name
  record(undefined, ['orders'], 'r5'),
  // resources that are not event buses, and a bus resource without an ARN, count nowhere
  {
    ...record(CHECKOUT, [], 'r6'),
    resources: [
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::bucket/key' },
      { type: 'AWS::Events::EventBus' },
    ],
  },
];
let gzipBytes = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'busload-trail-'));
  trailDir = join(root, 'trail');
  const region = join(trailDir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '12');
  await mkdir(join(region, '06'), { recursive: true });
  await mkdir(join(region, '07'), { recursive: true });
  const files = [
    [join(region, '06', `${ACCOUNT}_CloudTrail_us-east-1_20261206T2355Z_aaaaaaaaaaaaaaaa.json.gz`), day1],
    [join(region, '07', `${ACCOUNT}_CloudTrail_us-east-1_20261207T0000Z_bbbbbbbbbbbbbbbb.json.gz`), day2],
  ] as const;
  for (const [file, records] of files) {
    await writeFile(file, gzipSync(JSON.stringify({ Records: records })));
    gzipBytes += (await stat(file)).size;
  }
  // not trail files: a digest-like plain JSON, a half-written temp file
  await writeFile(join(region, '07', 'digest.json'), '{"Records":[]}');
  await writeFile(join(region, '07', 'partial.json.gz.tmp'), 'not gzip');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('measureTrailFiles', () => {
  it('counts the delivered .json.gz files and their bytes, without reading them', async () => {
    const measure = await measureTrailFiles(trailDir, false);
    expect(measure).toEqual({ files: 2, gzipBytes, callersByBus: null });
    expect(gzipBytes).toBeGreaterThan(0);
  });

  it('with perCaller, counts records per bus and caller with their JSON bytes', async () => {
    const measure = await measureTrailFiles(trailDir, true);
    expect(measure.files).toBe(2);
    expect(measure.gzipBytes).toBe(gzipBytes);
    const byBus = Object.fromEntries(
      [...measure.callersByBus!].map(([bus, callers]) => [
        bus,
        [...callers].sort((a, b) => a.principalArn.localeCompare(b.principalArn)),
      ]),
    );
    expect(byBus).toEqual({
      orders: [
        { principalArn: CHECKOUT, requests: 2, recordBytes: bytesOf(day1[0]) + bytesOf(day1[1]) },
        { principalArn: SENSORS, requests: 1, recordBytes: bytesOf(day2[0]) },
        { principalArn: 'unknown', requests: 1, recordBytes: bytesOf(day2[1]) },
      ],
      telemetry: [{ principalArn: SENSORS, requests: 2, recordBytes: bytesOf(day1[2]) + bytesOf(day2[0]) }],
    });
    // the bytes are UTF-8 bytes, not characters
    expect(bytesOf(day1[1])).toBe(JSON.stringify(day1[1]).length + 2);
  });

  it('measures nothing (and does not fail) when the trail delivered no file', async () => {
    await expect(measureTrailFiles(join(root, 'never-created'), true)).resolves.toEqual({
      files: 0,
      gzipBytes: 0,
      callersByBus: new Map(),
    });
    await expect(measureTrailFiles(join(root, 'never-created'), false)).resolves.toEqual({
      files: 0,
      gzipBytes: 0,
      callersByBus: null,
    });
  });

  it('fails loudly on a trail directory it cannot read or a file that is not gzip', async () => {
    const notADir = join(root, 'a-file');
    await writeFile(notADir, 'x');
    await expect(measureTrailFiles(notADir, false)).rejects.toMatchObject({ code: 'ENOTDIR' });
    const broken = join(root, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'x.json.gz'), 'not gzip at all');
    await expect(measureTrailFiles(broken, true)).rejects.toThrow();
  });
});
