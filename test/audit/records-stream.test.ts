import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  listTrailFiles,
  NotTrailFileError,
  RecordsScanner,
  readTrailRecords,
} from '../../src/audit/records-stream.js';
import { InputError } from '../../src/errors.js';

const records = [
  { eventName: 'PutEvents', note: 'braces } { and ] [ in a string, an escaped quote \\" here' },
  { eventName: 'PutEvents', nested: { a: [1, { b: '}' }], c: null } },
  { eventName: 'Other', list: [] },
];
const text = JSON.stringify({ Before: { x: [1, 2, { y: '"Records":[' }] }, Records: records, After: 'z' });

function scanInChunks(input: string, size: number): unknown[] {
  const scanner = new RecordsScanner('f.json');
  const out: unknown[] = [];
  for (let i = 0; i < input.length; i += size) {
    out.push(...scanner.push(input.slice(i, i + size)).map((record) => JSON.parse(record)));
  }
  scanner.end();
  return out;
}

async function collect(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const record of readTrailRecords(path)) out.push(record);
  return out;
}

describe('RecordsScanner', () => {
  it('yields every record whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 7, 64, text.length])
      expect(scanInChunks(text, size), `chunks of ${size}`).toEqual(records);
    expect(scanInChunks(JSON.stringify({ Records: records }, null, 2), 5)).toEqual(records);
    expect(scanInChunks('{"Records":[]}', 3)).toEqual([]);
  });

  it.each([
    ['[]', NotTrailFileError, /\(top level\): expected \{"Records":\[\.\.\.\]\}/],
    ['{"records":[]}', NotTrailFileError, /Records: expected a CloudTrail file/],
    ['{"Records":{}}', InputError, /Records: expected an array of records/],
    ['{"Records":[1]}', InputError, /Records\[\]: expected each record to be an object/],
    ['{"Records":[{"a":1}', InputError, /ends in the middle of its Records/],
    ['{"Records":[]} x', InputError, /unexpected text after the top-level object/],
  ])('refuses %s', (input, type, message) => {
    const run = () => scanInChunks(input, 4);
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});

describe('readTrailRecords and listTrailFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'busload-audit-read-'));
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, 'a', 'b', 'one.json.gz'), gzipSync(text));
  writeFileSync(join(dir, 'a', 'plain.json'), JSON.stringify({ Records: [records[0]] }));
  writeFileSync(join(dir, 'a', 'notes.txt'), 'not a trail file');
  writeFileSync(join(dir, 'broken.json'), '{"Records":[{"a":');

  it('reads gzip and plain files (gzip detected from the content)', async () => {
    expect(await collect(join(dir, 'a', 'b', 'one.json.gz'))).toEqual(records);
    expect(await collect(join(dir, 'a', 'plain.json'))).toEqual([records[0]]);
  });

  it('walks folders in name order, only *.json and *.json.gz', async () => {
    const files: string[] = [];
    for await (const file of listTrailFiles([dir])) files.push(file.path.slice(dir.length + 1));
    expect(files).toEqual(['a/b/one.json.gz', 'a/plain.json', 'broken.json']);
  });

  it('names the file of a truncated record and of a missing path', async () => {
    await expect(collect(join(dir, 'broken.json'))).rejects.toThrow(
      `${join(dir, 'broken.json')}: the file ends`,
    );
    await expect(async () => {
      for await (const _ of listTrailFiles([join(dir, 'nope')])) void _;
    }).rejects.toThrow(/nope: no such file or directory/);
  });
});
