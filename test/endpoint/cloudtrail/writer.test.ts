/**
 * The CloudTrail writer delivers from its own thread: the files are exactly what gzip (level 1) of
 * `{"Records":[...]}` gives for the records in the order they were queued (byte for byte), split at
 * 10,000 records per file, and the serving thread still counts every record's bytes at once.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudTrailWriter, randomUnique16, trailObjectKey } from '../../../src/endpoint/cloudtrail/writer.js';
import { TrailRecordSerializer } from '../../../src/eventbridge/cloudtrail-record.js';
import { numberedDraft } from '../../helpers/trail-drafts.js';

const ACCOUNT = '111122223333';
const AT_MS = Date.UTC(2026, 2, 7, 0, 51, 7, 456);

const draft = numberedDraft;

let trailDir: string;
beforeEach(async () => {
  trailDir = await mkdtemp(join(tmpdir(), 'busload-writer-'));
});
afterEach(async () => {
  await rm(trailDir, { recursive: true, force: true });
});

/** A writer into this test's trailDir whose timer never fires during a test. */
function newWriter(): CloudTrailWriter {
  return new CloudTrailWriter({
    trailDir,
    accountId: ACCOUNT,
    region: 'us-east-1',
    flushIntervalMs: 60_000,
    nowEpochMs: () => AT_MS,
  });
}

async function deliveredFiles(): Promise<string[]> {
  const entries = await readdir(trailDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('CloudTrailWriter delivery thread', () => {
  it('writes byte-identical gzip files of the records in queue order, and counts bytes at once', async () => {
    const writer = newWriter();
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      writer.add(draft(i));
      expected.push(serializer.serialize(draft(i)));
    }
    writer.serializePending();
    const expectedBytes = expected.reduce((sum, json) => sum + Buffer.byteLength(json), 0);
    // counted on the serving thread before any file exists
    expect(writer.countsOf('orders')).toEqual({ records: 300, bytes: expectedBytes });
    expect(writer.bytesTotal).toBe(expectedBytes);
    await writer.flush();
    for (let i = 300; i < 310; i++) {
      writer.add(draft(i));
      expected.push(serializer.serialize(draft(i)));
    }
    await writer.close();
    expect(writer.filesWritten).toBe(2);
    const files = await deliveredFiles();
    expect(files).toHaveLength(2);
    const contents = await Promise.all(files.map((file) => readFile(file)));
    const first = contents.find((gz) => gunzipSync(gz).toString('utf8').includes('"req-0"'))!;
    const second = contents.find((gz) => gz !== first)!;
    const gzipOf = (records: string[]): Buffer =>
      gzipSync(Buffer.from(`{"Records":[${records.join(',')}]}`, 'utf8'), { level: 1 });
    expect(first.equals(gzipOf(expected.slice(0, 300)))).toBe(true);
    expect(second.equals(gzipOf(expected.slice(300)))).toBe(true);
    const parsed = JSON.parse(gunzipSync(first).toString('utf8')) as {
      Records: Array<{ requestID: string }>;
    };
    expect(parsed.Records.map((record) => record.requestID)).toEqual(
      Array.from({ length: 300 }, (_, i) => `req-${i}`),
    );
  });

  it('keeps the bytes exact when records outgrow a batch buffer and a file spans several buffers', async () => {
    const writer = newWriter();
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    const expected: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      // Every 4,000th record is 3 MB of two-byte characters: bigger than a batch buffer, it gets its own.
      const next = i % 4_000 === 1_999 ? { ...draft(i), userAgent: 'ü'.repeat(1_500_000) } : draft(i);
      writer.add(next);
      expected.push(serializer.serialize(next));
    }
    await writer.close();
    const expectedBytes = expected.reduce((sum, json) => sum + Buffer.byteLength(json), 0);
    expect(writer.countsOf('orders')).toEqual({ records: 12_000, bytes: expectedBytes });
    const contents = await Promise.all((await deliveredFiles()).map((file) => readFile(file)));
    const texts = contents.map((gz) => gunzipSync(gz).toString('utf8')).sort((a, b) => a.length - b.length);
    expect(texts).toEqual([
      `{"Records":[${expected.slice(10_000).join(',')}]}`,
      `{"Records":[${expected.slice(0, 10_000).join(',')}]}`,
    ]);
  });

  it('splits a large delivery into files of at most 10,000 records, none lost', async () => {
    const writer = newWriter();
    for (let i = 0; i < 10_001; i++) writer.add(draft(i));
    await writer.close();
    const files = await deliveredFiles();
    const counts = await Promise.all(
      files.map(async (file) => {
        const parsed = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as {
          Records: unknown[];
        };
        return parsed.Records.length;
      }),
    );
    expect(counts.sort((a, b) => a - b)).toEqual([1, 10_000]);
    expect(writer.filesWritten).toBe(2);
  });
});

describe('CloudTrailWriter when the delivery thread falls behind', () => {
  it('makes the serving thread wait for it: never more than maxUnrenderedRecords queued, nothing lost', async () => {
    const writer = new CloudTrailWriter({
      trailDir,
      accountId: ACCOUNT,
      region: 'us-east-1',
      flushIntervalMs: 60_000,
      nowEpochMs: () => AT_MS,
      maxUnrenderedRecords: 100,
    });
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    let mostUnrendered = 0;
    let expectedBytes = 0;
    // One synchronous burst: the thread (still starting) cannot keep up without the serving thread waiting.
    for (let i = 0; i < 3_000; i++) {
      writer.add(draft(i));
      expectedBytes += Buffer.byteLength(serializer.serialize(draft(i)), 'utf8');
      mostUnrendered = Math.max(mostUnrendered, writer.unrenderedRecords);
    }
    expect(mostUnrendered).toBeGreaterThan(0);
    expect(mostUnrendered).toBeLessThanOrEqual(100);
    await writer.close();
    expect(writer.unrenderedRecords).toBe(0);
    expect(writer.countsOf('orders')).toEqual({ records: 3_000, bytes: expectedBytes });
    const [file] = await deliveredFiles();
    const parsed = JSON.parse(gunzipSync(await readFile(file!)).toString('utf8')) as {
      Records: Array<{ requestID: string }>;
    };
    expect(parsed.Records.map((record) => record.requestID)).toEqual(
      Array.from({ length: 3_000 }, (_, i) => `req-${i}`),
    );
  });

  it('keeps nothing more once the thread died, and close() says why', async () => {
    const writer = newWriter();
    writer.add(draft(0));
    writer.serializePending();
    // A batch the thread cannot render kills it (as a bug in it would).
    const thread = (writer as unknown as { delivery: { postMessage(message: unknown): void } }).delivery;
    thread.postMessage({ kind: 'records', batch: null });
    // The write after it is answered by the thread's death.
    await writer.flush();
    for (let i = 1; i <= 1_000; i++) writer.add(draft(i));
    writer.serializePending();
    expect(writer.unrenderedRecords).toBe(0);
    expect(writer.countsOf('orders').records).toBe(1_001);
    await expect(writer.close()).rejects.toThrow(/Cannot read properties of null/);
  });

  it('counts without a delivery thread when there is no trailDir', () => {
    const writer = new CloudTrailWriter({
      trailDir: null,
      accountId: ACCOUNT,
      region: 'us-east-1',
      flushIntervalMs: 60_000,
      nowEpochMs: () => AT_MS,
    });
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    writer.add(draft(1));
    writer.serializePending();
    expect(writer.countsOf('orders')).toEqual({
      records: 1,
      bytes: Buffer.byteLength(serializer.serialize(draft(1)), 'utf8'),
    });
    expect(writer.unrenderedRecords).toBe(0);
    return writer.close();
  });
});

describe('trailObjectKey', () => {
  it('follows the AWSLogs layout', () => {
    expect(trailObjectKey(ACCOUNT, 'us-east-1', AT_MS, 'AbCdEfGh12345678')).toBe(
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/07/' +
        '111122223333_CloudTrail_us-east-1_20260307T0051Z_AbCdEfGh12345678.json.gz',
    );
  });
});

describe('randomUnique16', () => {
  it('gives 16 alphanumerics, different each time', () => {
    const names = Array.from({ length: 50 }, () => randomUnique16());
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(new Set(names).size).toBe(50);
  });
});
