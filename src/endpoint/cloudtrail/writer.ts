/**
 * Delivers CloudTrail records like a trail does to S3: gzip files of `{"Records":[...]}` under
 * AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/. The request path only queues a draft; records are
 * serialised in small batches after the answers went out (their bytes are counted exactly, here), and
 * handed to a delivery thread (a worker thread) as they are serialised; joining, gzip and the file writes
 * run there, on a timer and on close, never on the thread that serves requests (nothing queued is lost).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type TrailRecordDraft, TrailRecordSerializer } from '../../eventbridge/cloudtrail-record.js';

/**
 * Drafts queued before a serialisation batch is scheduled: about half a millisecond of serialisation, so a
 * batch delays the requests that arrive meanwhile by no more than that.
 */
const SERIALIZE_BATCH_RECORDS = 64;
/** Records per delivered file at most (bounds the memory of one gzip call). */
const MAX_RECORDS_PER_FILE = 10_000;
/**
 * gzip level of delivered files: 1 (fastest). CloudTrail's own level is not documented. Measured on these
 * records: level 1 compresses 8.8:1 at ~170 MB/s, level 6 9.1:1 at ~94 MB/s; on a 2-core machine shared with
 * the load generator the CPU matters more than 3% of file size.
 */
const GZIP_LEVEL = 1;
/** Room reserved per record when a batch's buffer is sized (records of 10-entry requests are ~3 KB). */
const RECORD_BYTES_GUESS = 4_096;
/** A batch's buffer grows no larger than this before it is handed over (a bigger record gets its own). */
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
const UNIQUE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The delivery thread (plain JavaScript, evaluated as the worker's code, so it runs the same from source
 * and from the build). Messages in: `{ kind: 'records', bytes, ends }` (serialised records in order, as UTF-8
 * bytes each followed by a comma, the buffer transferred, not copied; `ends[i]` is where record i ends) and
 * `{ kind: 'write', id, files: [{ path, count }] }` (the next `count` records go to `path`, gzipped).
 * Out: `{ id, written }` or `{ id, written, error: { message, code } }`.
 */
const DELIVERY_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { gzipSync } = require('node:zlib');
const HEAD = Buffer.from('{"Records":[', 'utf8');
const TAIL = Buffer.from(']}', 'utf8');
const COMMA = Buffer.from(',', 'utf8');
// Chunks of records in order: { bytes, ends, next, from }; bytes holds records each followed by a comma,
// ends[i] is where record i ends (before its comma); next and from are the first record not yet in a file.
const chunks = [];
const createdDirs = new Set();
function takeRecords(count) {
  const parts = [HEAD];
  for (let left = count; left > 0; ) {
    const chunk = chunks[0];
    const take = Math.min(left, chunk.ends.length - chunk.next);
    const end = chunk.ends[chunk.next + take - 1];
    if (parts.length > 1) parts.push(COMMA);
    parts.push(chunk.bytes.subarray(chunk.from, end));
    chunk.next += take;
    chunk.from = end + 1;
    if (chunk.next === chunk.ends.length) chunks.shift();
    left -= take;
  }
  parts.push(TAIL);
  return Buffer.concat(parts);
}
parentPort.on('message', (message) => {
  if (message.kind === 'records') {
    const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
    chunks.push({ bytes, ends: message.ends, next: 0, from: 0 });
    return;
  }
  let written = 0;
  try {
    for (const file of message.files) {
      const gz = gzipSync(takeRecords(file.count), { level: workerData.level });
      const dir = dirname(file.path);
      if (!createdDirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        createdDirs.add(dir);
      }
      writeFileSync(file.path, gz);
      written++;
    }
    parentPort.postMessage({ id: message.id, written });
  } catch (error) {
    parentPort.postMessage({ id: message.id, written, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;
/** Options of a CloudTrailWriter. */
export interface CloudTrailWriterOptions {
  /** Where files go; null = count records and bytes only. */
  trailDir: string | null;
  accountId: string;
  region: string;
  flushIntervalMs: number;
  /** Wall clock for file names and folders. */
  nowEpochMs: () => number;
}

/** Records and their JSON bytes (before gzip) counted for one bus. */
export interface TrailCounts {
  records: number;
  bytes: number;
}

/**
 * The S3-style key of a delivered file (docs/aws-behaviour.md §5.3):
 * `AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique16>.json.gz`.
 * @param atEpochMs - the delivery time (UTC folders and timestamp)
 * @param unique16 - 16 random alphanumerics
 */
export function trailObjectKey(
  accountId: string,
  region: string,
  atEpochMs: number,
  unique16: string,
): string {
  const iso = new Date(atEpochMs).toISOString(); // 2026-03-07T00:51:07.000Z
  const yyyy = iso.slice(0, 4);
  const mm = iso.slice(5, 7);
  const dd = iso.slice(8, 10);
  const stamp = `${yyyy}${mm}${dd}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  return (
    `AWSLogs/${accountId}/CloudTrail/${region}/${yyyy}/${mm}/${dd}/` +
    `${accountId}_CloudTrail_${region}_${stamp}_${unique16}.json.gz`
  );
}

/** 16 random alphanumerics, the unique part of a delivered file's name. */
export function randomUnique16(): string {
  const bytes = randomBytes(16);
  let unique = '';
  for (const byte of bytes) unique += UNIQUE_ALPHABET[byte % UNIQUE_ALPHABET.length];
  return unique;
}

/** Queues, serialises, counts and delivers PutEvents data-event records. */
export class CloudTrailWriter {
  private readonly options: CloudTrailWriterOptions;
  private readonly serializer: TrailRecordSerializer;
  private drafts: TrailRecordDraft[] = [];
  /** Records handed to the delivery thread and not yet assigned to a file. */
  private undelivered = 0;
  private readonly countsByBus = new Map<string, TrailCounts>();
  private serializeScheduled = false;
  private writeChain: Promise<void> = Promise.resolve();
  private firstError: unknown = null;
  private readonly timer: NodeJS.Timeout;
  private delivery: Worker | null = null;
  private deliveryDead = false;
  private nextWriteId = 0;
  private readonly writesInFlight = new Map<number, (reply: DeliveryReply) => void>();
  /** Records queued in total (one per logged request). */
  recordsTotal = 0;
  /** JSON bytes of the records serialised so far. */
  bytesTotal = 0;
  /** Files delivered so far. */
  filesWritten = 0;

  /** Starts the flush timer (unref'd: it never keeps the process alive). */
  constructor(options: CloudTrailWriterOptions) {
    this.options = options;
    this.serializer = new TrailRecordSerializer(options.region, options.accountId);
    this.timer = setInterval(() => {
      void this.flush();
    }, options.flushIntervalMs);
    this.timer.unref();
  }

  /** Queues one request's record; it counts towards each logged bus the request named. */
  add(draft: TrailRecordDraft): void {
    this.drafts.push(draft);
    this.recordsTotal++;
    for (const busName of draft.loggedBusNames) this.countsFor(busName).records++;
    if (this.drafts.length >= SERIALIZE_BATCH_RECORDS && !this.serializeScheduled) {
      this.serializeScheduled = true;
      setImmediate(() => {
        this.serializeScheduled = false;
        this.serializePending();
      });
    }
  }

  /** Counts of one bus (zeros if it has none). Call serializePending() first for exact bytes. */
  countsOf(busName: string): TrailCounts {
    return this.countsByBus.get(busName) ?? { records: 0, bytes: 0 };
  }

  /**
   * Turns every queued draft into its JSON text, counts its bytes, and hands it to the delivery thread: the
   * records are encoded straight into a buffer that is transferred to the thread (no copy of the text, and
   * the UTF-8 encoding gives the byte count).
   */
  serializePending(): void {
    const drafts = this.drafts;
    if (drafts.length === 0) return;
    this.drafts = [];
    if (this.options.trailDir === null) {
      for (const draft of drafts)
        this.count(draft, Buffer.byteLength(this.serializer.serialize(draft), 'utf8'));
      return;
    }
    let chunk = Buffer.allocUnsafeSlow(Math.min(drafts.length * RECORD_BYTES_GUESS, MAX_CHUNK_BYTES));
    let offset = 0;
    let ends: number[] = [];
    for (let i = 0; i < drafts.length; i++) {
      const draft = drafts[i]!;
      const json = this.serializer.serialize(draft);
      // A UTF-16 code unit takes at most 3 UTF-8 bytes; one more for the comma.
      const room = json.length * 3 + 1;
      if (offset + room > chunk.length) {
        if (offset > 0) this.postRecords(chunk, offset, ends);
        chunk = Buffer.allocUnsafeSlow(
          Math.max(room, Math.min((drafts.length - i) * RECORD_BYTES_GUESS, MAX_CHUNK_BYTES)),
        );
        offset = 0;
        ends = [];
      }
      const bytes = chunk.write(json, offset, 'utf8');
      this.count(draft, bytes);
      offset += bytes;
      ends.push(offset);
      chunk[offset++] = 0x2c; // ','
    }
    this.postRecords(chunk, offset, ends);
  }

  private count(draft: TrailRecordDraft, bytes: number): void {
    this.bytesTotal += bytes;
    for (const busName of draft.loggedBusNames) this.countsFor(busName).bytes += bytes;
  }

  private postRecords(chunk: Buffer<ArrayBuffer>, usedBytes: number, ends: number[]): void {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, usedBytes);
    this.deliveryThread().postMessage({ kind: 'records', bytes, ends }, [chunk.buffer]);
    this.undelivered += ends.length;
  }

  /** Serialises what is queued and delivers it as one or more files; resolves when they are written. */
  flush(): Promise<void> {
    this.serializePending();
    const trailDir = this.options.trailDir;
    if (trailDir !== null && this.undelivered > 0 && !this.deliveryDead) {
      const files: Array<{ path: string; count: number }> = [];
      const { accountId, region, nowEpochMs } = this.options;
      for (let left = this.undelivered; left > 0; left -= MAX_RECORDS_PER_FILE) {
        const key = trailObjectKey(accountId, region, nowEpochMs(), randomUnique16());
        files.push({ path: join(trailDir, key), count: Math.min(left, MAX_RECORDS_PER_FILE) });
      }
      this.undelivered = 0;
      const id = this.nextWriteId++;
      const written = new Promise<DeliveryReply>((resolve) => this.writesInFlight.set(id, resolve));
      const thread = this.deliveryThread();
      // While files are being written, the thread keeps the process alive (a caller awaiting close()).
      thread.ref();
      thread.postMessage({ kind: 'write', id, files });
      this.writeChain = this.writeChain.then(async () => {
        const reply = await written;
        this.filesWritten += reply.written;
        if (reply.error !== undefined) {
          this.firstError ??= Object.assign(new Error(reply.error.message), { code: reply.error.code });
        }
      });
    }
    return this.writeChain;
  }

  /** Stops the timer, delivers everything queued, ends the delivery thread, and rejects if any delivery failed. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.delivery?.terminate();
    this.delivery = null;
    if (this.firstError !== null) throw this.firstError;
  }

  private countsFor(busName: string): TrailCounts {
    let counts = this.countsByBus.get(busName);
    if (counts === undefined) {
      counts = { records: 0, bytes: 0 };
      this.countsByBus.set(busName, counts);
    }
    return counts;
  }

  /** The delivery thread, started on first use (it never keeps the process alive on its own). */
  private deliveryThread(): Worker {
    if (this.delivery === null) {
      const worker = new Worker(DELIVERY_THREAD_SOURCE, { eval: true, workerData: { level: GZIP_LEVEL } });
      worker.unref();
      worker.on('message', (reply: DeliveryReply & { id: number }) => {
        const resolve = this.writesInFlight.get(reply.id);
        this.writesInFlight.delete(reply.id);
        if (this.writesInFlight.size === 0) worker.unref();
        resolve?.(reply);
      });
      worker.on('error', (error: Error) => {
        // The thread died (a bug, or out of memory): every delivery waiting on it, and every later one,
        // fails with that error instead of waiting forever.
        this.firstError ??= error;
        for (const resolve of this.writesInFlight.values()) {
          resolve({ written: 0, error: { message: error.message, code: undefined } });
        }
        this.writesInFlight.clear();
        worker.unref();
        this.deliveryDead = true;
      });
      this.delivery = worker;
    }
    return this.delivery;
  }
}

/** What the delivery thread answers to a write. */
interface DeliveryReply {
  written: number;
  error?: { message: string; code: string | undefined };
}
