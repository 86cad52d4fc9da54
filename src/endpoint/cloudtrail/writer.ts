/**
 * Delivers CloudTrail records like a trail does to S3: gzip files of `{"Records":[...]}` under
 * AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/. The request path only queues a draft: drafts are posted
 * in batches (one message per SERIALIZE_BATCH_RECORDS drafts, or POST_DELAY_MS after the first) to a delivery thread
 * (a worker thread, delivery.ts), which renders the records, reports each record's byte size back, and
 * joins, gzips and writes the files on a timer and on close. Nothing of that runs on the thread that serves
 * requests, and nothing queued is lost. When the thread falls behind, the serving thread waits for it
 * (maxUnrenderedRecords) rather than queueing without bound.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import { type TrailRecordDraft, TrailRecordSerializer } from '../../eventbridge/cloudtrail-record.js';
import type { TrailWriteOutcome } from './delivery.js';
import { startDeliveryThread } from './delivery-thread.js';
import { DraftBatchEncoder } from './draft-batch.js';

/**
 * Drafts in one message to the delivery thread at most: a turn of the event loop that queues more posts
 * them in several messages (each costs the serving thread little; the thread renders ~64 records in ~0.5 ms).
 */
const SERIALIZE_BATCH_RECORDS = 64;
/**
 * A batch smaller than that is posted this long after its first draft (every post wakes the delivery
 * thread, which costs the serving thread a few microseconds of kernel time: a post per event-loop turn
 * cost 2-4 us per record at ~15,000 requests/s).
 */
const POST_DELAY_MS = 5;
/** Records per delivered file at most (bounds the memory of one gzip call). */
const MAX_RECORDS_PER_FILE = 10_000;
/**
 * gzip level of delivered files: 1 (fastest). CloudTrail's own level is not documented. Measured on these
 * records: level 1 compresses 8.8:1 at ~170 MB/s, level 6 9.1:1 at ~94 MB/s; on a 2-core machine shared with
 * the load generator the CPU matters more than 3% of file size.
 */
const GZIP_LEVEL = 1;
/**
 * Drafts posted and not yet rendered at most, by default: about 25 MB of drafts (10-entry requests), a few
 * seconds of the delivery thread's work. Past it the serving thread waits for the thread to catch up.
 */
const MAX_UNRENDERED_RECORDS = 50_000;
/**
 * How long the serving thread waits at most for the delivery thread to render what it needs (exact byte
 * counts, or room under maxUnrenderedRecords): a thread that does not answer in that time is taken as dead.
 */
const RENDER_WAIT_MS = 30_000;
const UNIQUE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Options of a CloudTrailWriter. */
export interface CloudTrailWriterOptions {
  /** Where files go; null = count records and bytes only (rendered on the serving thread, no files). */
  trailDir: string | null;
  accountId: string;
  region: string;
  flushIntervalMs: number;
  /** Wall clock for file names and folders. */
  nowEpochMs: () => number;
  /** Drafts posted to the delivery thread and not yet rendered, at most (default 50,000). */
  maxUnrenderedRecords?: number;
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

/** Queues, counts and delivers PutEvents data-event records. */
export class CloudTrailWriter {
  private readonly options: CloudTrailWriterOptions;
  private readonly maxUnrendered: number;
  /** Renders on the serving thread when there is no trailDir (counting only). */
  private readonly serializer: TrailRecordSerializer;
  private drafts: TrailRecordDraft[] = [];
  private readonly encoder = new DraftBatchEncoder();
  /** The logged buses of each record posted and not yet rendered, a list per batch, in posting order. */
  private readonly unrenderedBuses: Array<string[][]> = [];
  /** The logged buses of the records in the batch being built. */
  private batchBuses: string[][] = [];
  private unrendered = 0;
  /** Records handed to the delivery thread and not yet assigned to a file. */
  private undelivered = 0;
  private readonly countsByBus = new Map<string, TrailCounts>();
  private postScheduled = false;
  private writeChain: Promise<void> = Promise.resolve();
  private firstError: unknown = null;
  private readonly timer: NodeJS.Timeout;
  private delivery: Worker | null = null;
  private replies: MessagePort | null = null;
  /** Bumped by the delivery thread after each batch's sizes are posted (Atomics.wait wakes on it). */
  private readonly renderedSignal = new Int32Array(new SharedArrayBuffer(4));
  private deliveryDead = false;
  /** Set when close() ends the thread (its exit is then no failure). */
  private closing = false;
  private nextWriteId = 0;
  private readonly writesInFlight = new Map<number, (reply: TrailWriteOutcome) => void>();
  /** Records queued in total (one per logged request). */
  recordsTotal = 0;
  /** JSON bytes of the records rendered so far. */
  bytesTotal = 0;
  /** Files delivered so far. */
  filesWritten = 0;

  /** Starts the flush timer (unref'd: it never keeps the process alive). */
  constructor(options: CloudTrailWriterOptions) {
    this.options = options;
    this.maxUnrendered = Math.max(
      SERIALIZE_BATCH_RECORDS,
      options.maxUnrenderedRecords ?? MAX_UNRENDERED_RECORDS,
    );
    this.serializer = new TrailRecordSerializer(options.region, options.accountId);
    this.timer = setInterval(() => {
      void this.flush();
    }, options.flushIntervalMs);
    this.timer.unref();
    // Started now, so that its start-up (loading the renderer) is done before the first request.
    if (options.trailDir !== null) this.deliveryThread();
  }

  /** Drafts posted to the delivery thread and not yet rendered (at most maxUnrenderedRecords). */
  get unrenderedRecords(): number {
    return this.unrendered;
  }

  /** Queues one request's record; it counts towards each logged bus the request named. */
  add(draft: TrailRecordDraft): void {
    this.recordsTotal++;
    for (const busName of draft.loggedBusNames) this.countsFor(busName).records++;
    if (this.options.trailDir === null) {
      this.drafts.push(draft);
      if (this.drafts.length >= SERIALIZE_BATCH_RECORDS) this.schedulePost();
      return;
    }
    this.encoder.add(draft);
    this.batchBuses.push(draft.loggedBusNames);
    if (this.encoder.count >= SERIALIZE_BATCH_RECORDS) this.postBatch();
    else this.schedulePost();
  }

  /** Counts of one bus (zeros if it has none). Call serializePending() first for exact bytes. */
  countsOf(busName: string): TrailCounts {
    return this.countsByBus.get(busName) ?? { records: 0, bytes: 0 };
  }

  /**
   * Makes the byte counts exact: every queued record is rendered (on the delivery thread, which this call
   * waits for; without a trailDir, here) and counted before it returns.
   */
  serializePending(): void {
    if (this.options.trailDir === null) {
      const drafts = this.drafts;
      this.drafts = [];
      for (const draft of drafts) {
        this.count(draft.loggedBusNames, Buffer.byteLength(this.serializer.serialize(draft), 'utf8'));
      }
      return;
    }
    this.postBatch();
    this.waitRendered(0);
  }

  /** Serialises what is queued and delivers it as one or more files; resolves when they are written. */
  flush(): Promise<void> {
    if (this.options.trailDir === null) this.serializePending();
    else this.postBatch();
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
      const written = new Promise<TrailWriteOutcome>((resolve) => this.writesInFlight.set(id, resolve));
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

  /**
   * Stops the timer, delivers everything queued, counts every record's bytes, ends the delivery thread, and
   * rejects if any delivery failed.
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    // Every batch was rendered before the last write was answered: its sizes are waiting on the port.
    if (!this.deliveryDead) this.waitRendered(0);
    this.closing = true;
    await this.delivery?.terminate();
    this.delivery = null;
    this.replies?.close();
    this.replies = null;
    if (this.firstError !== null) throw this.firstError;
  }

  private schedulePost(): void {
    if (this.postScheduled) return;
    this.postScheduled = true;
    setTimeout(() => {
      this.postScheduled = false;
      if (this.options.trailDir === null) this.serializePending();
      else this.postBatch();
    }, POST_DELAY_MS).unref();
  }

  /** Posts the batch being built, after waiting for room when the thread is that far behind. */
  private postBatch(): void {
    const batch = this.encoder.take();
    // A dead delivery thread renders nothing more: its error is what flush() and close() report, and the
    // drafts are not kept (they could never be delivered).
    if (batch === null || this.deliveryDead) {
      this.batchBuses = [];
      return;
    }
    const thread = this.deliveryThread();
    if (this.unrendered + batch.count > this.maxUnrendered) {
      this.waitRendered(this.maxUnrendered - batch.count);
    }
    thread.postMessage({ kind: 'records', batch });
    this.unrenderedBuses.push(this.batchBuses);
    this.batchBuses = [];
    this.unrendered += batch.count;
    this.undelivered += batch.count;
  }

  /** Counts a rendered batch's bytes (the delivery thread's sizes, in posting order). */
  private onRendered(sizes: Uint32Array): void {
    const buses = this.unrenderedBuses.shift();
    if (buses === undefined) return;
    for (let i = 0; i < sizes.length; i++) this.count(buses[i]!, sizes[i]!);
    this.unrendered -= sizes.length;
  }

  /**
   * Blocks the serving thread until at most `atMost` posted records are unrendered: the delivery thread's
   * answers are taken from the port as they come (receiveMessageOnPort), and between them the thread sleeps
   * on the signal (Atomics.wait). Gives up when the delivery thread is dead or silent for RENDER_WAIT_MS.
   */
  private waitRendered(atMost: number): void {
    const replies = this.replies;
    if (replies === null) return;
    const deadline = Date.now() + RENDER_WAIT_MS;
    while (this.unrendered > atMost && !this.deliveryDead) {
      const seen = Atomics.load(this.renderedSignal, 0);
      let reply = receiveMessageOnPort(replies);
      if (reply === undefined) {
        const leftMs = deadline - Date.now();
        if (leftMs <= 0) {
          this.firstError ??= new Error(
            `the CloudTrail delivery thread did not answer within ${RENDER_WAIT_MS} ms`,
          );
          return;
        }
        Atomics.wait(this.renderedSignal, 0, seen, Math.min(leftMs, 100));
        reply = receiveMessageOnPort(replies);
      }
      if (reply !== undefined) this.onRendered(reply.message as Uint32Array);
    }
  }

  private count(busNames: readonly string[], bytes: number): void {
    this.bytesTotal += bytes;
    for (const busName of busNames) this.countsFor(busName).bytes += bytes;
  }

  private countsFor(busName: string): TrailCounts {
    let counts = this.countsByBus.get(busName);
    if (counts === undefined) {
      counts = { records: 0, bytes: 0 };
      this.countsByBus.set(busName, counts);
    }
    return counts;
  }

  /** The delivery thread, started with the writer (it never keeps the process alive on its own). */
  private deliveryThread(): Worker {
    if (this.delivery === null) {
      const { worker, replies } = startDeliveryThread(
        { region: this.options.region, accountId: this.options.accountId, gzipLevel: GZIP_LEVEL },
        this.renderedSignal,
      );
      worker.unref();
      replies.on('message', (sizes: Uint32Array) => this.onRendered(sizes));
      replies.unref();
      worker.on('message', (reply: TrailWriteOutcome & { id: number }) => {
        const resolve = this.writesInFlight.get(reply.id);
        this.writesInFlight.delete(reply.id);
        if (this.writesInFlight.size === 0) worker.unref();
        resolve?.(reply);
      });
      const died = (error: Error): void => {
        // The thread died (a bug, or out of memory): every delivery waiting on it, and every later one,
        // fails with that error instead of waiting forever.
        this.firstError ??= error;
        for (const resolve of this.writesInFlight.values()) {
          resolve({ written: 0, error: { message: error.message, code: undefined } });
        }
        this.writesInFlight.clear();
        worker.unref();
        this.deliveryDead = true;
      };
      worker.on('error', died);
      worker.on('exit', (code) => {
        if (!this.closing) died(new Error(`the CloudTrail delivery thread exited (code ${code})`));
      });
      this.delivery = worker;
      this.replies = replies;
    }
    return this.delivery;
  }
}
