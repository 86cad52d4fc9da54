/**
 * The delivery thread's work, run here in the test's thread: rendered sizes are the records' UTF-8 sizes,
 * files hold exactly the gzip of `{"Records":[...]}` of the next records in order, and a failed write says
 * which error stopped it and how many files were written before.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrailDelivery } from '../../../src/endpoint/cloudtrail/delivery.js';
import { DraftBatchEncoder } from '../../../src/endpoint/cloudtrail/draft-batch.js';
import { type TrailRecordDraft, TrailRecordSerializer } from '../../../src/eventbridge/cloudtrail-record.js';
import { numberedDraft } from '../../helpers/trail-drafts.js';

const ACCOUNT = '111122223333';

function draft(i: number, userAgent?: string): TrailRecordDraft {
  const numbered = numberedDraft(i);
  return userAgent === undefined ? numbered : { ...numbered, userAgent };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'busload-delivery-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TrailDelivery', () => {
  it('renders batches, answers each record size, and writes files of the next records in order', async () => {
    const delivery = new TrailDelivery({ region: 'us-east-1', accountId: ACCOUNT, gzipLevel: 1 });
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    const encoder = new DraftBatchEncoder();
    const expected: string[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Record 3 is bigger than a whole batch buffer (two-byte characters): it gets its own.
      const next = draft(i, i === 3 ? 'ü'.repeat(3_000_000) : undefined);
      expected.push(serializer.serialize(next));
      encoder.add(next);
      if (i % 2 === 1) sizes.push(...delivery.render(encoder.take()!));
    }
    sizes.push(...delivery.render(encoder.take()!));
    expect(sizes).toEqual(expected.map((json) => Buffer.byteLength(json, 'utf8')));
    expect(delivery.pendingRecords).toBe(5);
    const files = [
      { path: join(dir, 'a', 'first.json.gz'), count: 2 },
      { path: join(dir, 'b', 'second.json.gz'), count: 3 },
    ];
    expect(delivery.write(files)).toEqual({ written: 2 });
    expect(delivery.pendingRecords).toBe(0);
    const gzipOf = (records: string[]): Buffer =>
      gzipSync(Buffer.from(`{"Records":[${records.join(',')}]}`, 'utf8'), { level: 1 });
    expect((await readFile(files[0]!.path)).equals(gzipOf(expected.slice(0, 2)))).toBe(true);
    expect((await readFile(files[1]!.path)).equals(gzipOf(expected.slice(2)))).toBe(true);
  });

  it('stops at a file it cannot write and says why, after the files written before it', async () => {
    const delivery = new TrailDelivery({ region: 'us-east-1', accountId: ACCOUNT, gzipLevel: 1 });
    const encoder = new DraftBatchEncoder();
    for (let i = 0; i < 3; i++) encoder.add(draft(i));
    delivery.render(encoder.take()!);
    await writeFile(join(dir, 'taken'), 'a file where a folder should be');
    const outcome = delivery.write([
      { path: join(dir, 'ok', 'one.json.gz'), count: 1 },
      { path: join(dir, 'taken', 'two.json.gz'), count: 1 },
    ]);
    expect(outcome.written).toBe(1);
    expect(outcome.error?.code).toBe('EEXIST');
    expect(
      JSON.parse(gunzipSync(await readFile(join(dir, 'ok', 'one.json.gz'))).toString()).Records,
    ).toHaveLength(1);
  });

  it('refuses to deliver records it never rendered', () => {
    const delivery = new TrailDelivery({ region: 'us-east-1', accountId: ACCOUNT, gzipLevel: 1 });
    expect(delivery.write([{ path: join(dir, 'x.json.gz'), count: 1 }])).toEqual({
      written: 0,
      error: { message: '1 of 1 records to deliver were never rendered', code: undefined },
    });
  });
});
