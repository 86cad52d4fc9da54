/**
 * The CloudTrail delivery thread's work (writer.ts starts the thread and loads this module in it): it
 * renders the record drafts the serving thread sends (draft-batch.ts) with the same serializer as the rest
 * of busload, keeps their UTF-8 bytes in order, and on request joins the next records into
 * `{"Records":[...]}`, gzips them and writes the file. Nothing here runs on the thread that serves requests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TrailRecordSerializer } from '../../eventbridge/cloudtrail-record.js';
import { type DraftBatch, DraftBatchDecoder } from './draft-batch.js';

/** Room reserved per record when a chunk's buffer is sized (records of 10-entry requests are ~3 KB). */
const RECORD_BYTES_GUESS = 4_096;
/** A chunk's buffer grows no larger than this (a bigger record gets its own). */
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
const HEAD = Buffer.from('{"Records":[', 'utf8');
const TAIL = Buffer.from(']}', 'utf8');
const COMMA = Buffer.from(',', 'utf8');

/** How the delivery thread renders and writes. */
export interface TrailDeliveryOptions {
  region: string;
  accountId: string;
  /** gzip level of the files. */
  gzipLevel: number;
}

/** One file to write: the next `count` records go to `path`. */
export interface TrailFileOrder {
  path: string;
  count: number;
}

/** What a write did: files written (in order), and the first error, if one stopped it. */
export interface TrailWriteOutcome {
  written: number;
  error?: { message: string; code: string | undefined };
}

/**
 * Rendered records in order, in chunks: `bytes` holds records each followed by a comma, `ends[i]` is where
 * record i ends (before its comma); `next` and `from` are the first record not yet in a file.
 */
interface Chunk {
  bytes: Buffer;
  ends: number[];
  next: number;
  from: number;
}

/** Renders, keeps and writes a trail's records (one per delivery thread). */
export class TrailDelivery {
  private readonly serializer: TrailRecordSerializer;
  private readonly decoder = new DraftBatchDecoder();
  private readonly gzipLevel: number;
  private readonly chunks: Chunk[] = [];
  private readonly createdDirs = new Set<string>();

  constructor(options: TrailDeliveryOptions) {
    this.serializer = new TrailRecordSerializer(options.region, options.accountId);
    this.gzipLevel = options.gzipLevel;
  }

  /** Records rendered and not yet written to a file. */
  get pendingRecords(): number {
    let pending = 0;
    for (const chunk of this.chunks) pending += chunk.ends.length - chunk.next;
    return pending;
  }

  /**
   * Renders a batch's records into the pending chunks (UTF-8 encoded straight into a buffer: the encoding
   * gives the byte count).
   * @returns each record's JSON size in bytes, in order
   */
  render(batch: DraftBatch): Uint32Array {
    const drafts = this.decoder.decode(batch);
    const sizes = new Uint32Array(drafts.length);
    let chunk = Buffer.allocUnsafeSlow(Math.min(drafts.length * RECORD_BYTES_GUESS, MAX_CHUNK_BYTES));
    let offset = 0;
    let ends: number[] = [];
    for (let i = 0; i < drafts.length; i++) {
      const json = this.serializer.serialize(drafts[i]!);
      // A UTF-16 code unit takes at most 3 UTF-8 bytes; one more for the comma.
      const room = json.length * 3 + 1;
      if (offset + room > chunk.length) {
        if (offset > 0) this.keep(chunk, offset, ends);
        chunk = Buffer.allocUnsafeSlow(
          Math.max(room, Math.min((drafts.length - i) * RECORD_BYTES_GUESS, MAX_CHUNK_BYTES)),
        );
        offset = 0;
        ends = [];
      }
      const bytes = chunk.write(json, offset, 'utf8');
      sizes[i] = bytes;
      offset += bytes;
      ends.push(offset);
      chunk[offset++] = 0x2c; // ','
    }
    this.keep(chunk, offset, ends);
    return sizes;
  }

  /**
   * Writes files of the next records, in order; stops at the first error (its records are then gone).
   * @param files - paths and record counts; the counts add up to at most pendingRecords
   */
  write(files: readonly TrailFileOrder[]): TrailWriteOutcome {
    let written = 0;
    try {
      for (const file of files) {
        const gz = gzipSync(this.takeRecords(file.count), { level: this.gzipLevel });
        const dir = dirname(file.path);
        if (!this.createdDirs.has(dir)) {
          mkdirSync(dir, { recursive: true });
          this.createdDirs.add(dir);
        }
        writeFileSync(file.path, gz);
        written++;
      }
      return { written };
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      return { written, error: { message: String(failure?.message), code: failure?.code } };
    }
  }

  private keep(chunk: Buffer, usedBytes: number, ends: number[]): void {
    if (ends.length > 0) this.chunks.push({ bytes: chunk.subarray(0, usedBytes), ends, next: 0, from: 0 });
  }

  /** `{"Records":[...]}` of the next `count` records. */
  private takeRecords(count: number): Buffer {
    const parts: Buffer[] = [HEAD];
    for (let left = count; left > 0; ) {
      const chunk = this.chunks[0];
      if (chunk === undefined) throw new Error(`${left} of ${count} records to deliver were never rendered`);
      const take = Math.min(left, chunk.ends.length - chunk.next);
      const end = chunk.ends[chunk.next + take - 1]!;
      if (parts.length > 1) parts.push(COMMA);
      parts.push(chunk.bytes.subarray(chunk.from, end));
      chunk.next += take;
      chunk.from = end + 1;
      if (chunk.next === chunk.ends.length) this.chunks.shift();
      left -= take;
    }
    parts.push(TAIL);
    return Buffer.concat(parts);
  }
}
