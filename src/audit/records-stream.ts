/**
 * Streams the records of CloudTrail files (`{"Records":[...]}`, gzip or plain) one at a time, so that a
 * directory of any size, and a file of any size, is read with memory bounded by the largest single record.
 *
 * Files are found by walking the given paths (directories recursively, in name order); in a directory only
 * `*.json` and `*.json.gz` files are read, and files without a top-level `Records` array (CloudTrail digest
 * files, other JSON) are skipped and counted. A file named explicitly must be a CloudTrail file.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

/** A file the audit reads, and whether it was named explicitly. */
export interface TrailFile {
  path: string;
  explicit: boolean;
}

const TRAIL_FILE = /\.json(\.gz)?$/i;

/**
 * The files under `paths`, lazily (a directory is listed one level at a time).
 * @throws InputError for a path that does not exist
 */
export async function* listTrailFiles(paths: readonly string[]): AsyncGenerator<TrailFile> {
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(
        `${path}: no such file or directory (expected CloudTrail files or a folder of them)`,
      );
    }
    if (info.isDirectory()) yield* walk(path);
    else yield { path, explicit: true };
  }
}

async function* walk(dir: string): AsyncGenerator<TrailFile> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && TRAIL_FILE.test(entry.name)) yield { path, explicit: false };
  }
}

/** Thrown for a file that is not a CloudTrail record file (no top-level `Records` array). */
export class NotTrailFileError extends Error {
  override readonly name = 'NotTrailFileError';
}

type Phase = 'start' | 'top' | 'records' | 'after';

/**
 * An incremental scanner of `{"Records":[{...},{...}]}`: feed it text in chunks of any size; it returns
 * each complete record's text. Strings (with escapes) are tracked so braces inside them do not count.
 * Other top-level keys are skipped whatever their value.
 */
export class RecordsScanner {
  private phase: Phase = 'start';
  /** Nesting depth inside the top-level object (1 = its own keys). */
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The last top-level key read (at depth 1), to spot "Records". */
  private keyText = '';
  private readingKey = false;
  private expectRecordsArray = false;
  private sawRecords = false;
  /** Depth inside the record being captured (0 = between records). */
  private recordDepth = 0;
  private record: string[] = [];
  private recordStart = -1;

  constructor(private readonly file: string) {}

  private fail(message: string): never {
    throw new InputError(`${this.file}: ${message}`);
  }

  /** Feeds text; returns the records completed in it. */
  push(text: string): string[] {
    const out: string[] = [];
    if (this.recordDepth > 0) this.recordStart = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') {
          this.inString = false;
          if (this.readingKey) this.readingKey = false;
        } else if (this.readingKey) this.keyText += ch;
        continue;
      }
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
      switch (this.phase) {
        case 'start':
          if (ch !== '{')
            throw new NotTrailFileError(`${this.file}: (top level): expected {"Records":[...]}`);
          this.phase = 'top';
          this.depth = 1;
          break;
        case 'after':
          this.fail('unexpected text after the top-level object');
          break;
        case 'top':
          if (this.expectRecordsArray) {
            if (ch !== '[') this.fail('Records: expected an array of records');
            this.phase = 'records';
            this.sawRecords = true;
            this.expectRecordsArray = false;
            this.depth = 2;
          } else if (ch === '"') {
            this.inString = true;
            if (this.depth === 1) {
              this.readingKey = true;
              this.keyText = '';
            }
          } else if (ch === ':' && this.depth === 1) {
            this.expectRecordsArray = this.keyText === 'Records';
          } else if (ch === '{' || ch === '[') {
            this.depth += 1;
          } else if (ch === '}' || ch === ']') {
            this.depth -= 1;
            if (this.depth === 0) this.phase = 'after';
          }
          break;
        case 'records':
          if (this.recordDepth === 0) {
            if (ch === ',') continue;
            if (ch === ']') {
              this.phase = 'top';
              this.depth = 1;
              continue;
            }
            if (ch !== '{') this.fail('Records[]: expected each record to be an object');
            this.recordDepth = 1;
            this.record = [];
            this.recordStart = i;
            continue;
          }
          if (ch === '"') this.inString = true;
          else if (ch === '{' || ch === '[') this.recordDepth += 1;
          else if (ch === '}' || ch === ']') {
            this.recordDepth -= 1;
            if (this.recordDepth === 0) {
              this.record.push(text.slice(this.recordStart, i + 1));
              out.push(this.record.join(''));
              this.record = [];
              this.recordStart = -1;
            }
          }
          break;
      }
    }
    if (this.recordDepth > 0 && this.recordStart >= 0) this.record.push(text.slice(this.recordStart));
    return out;
  }

  /** Call after the last chunk: throws when the file ended early or had no Records array. */
  end(): void {
    if (this.phase === 'start' || !this.sawRecords) {
      throw new NotTrailFileError(`${this.file}: Records: expected a CloudTrail file {"Records":[...]}`);
    }
    if (this.phase === 'records' || this.depth !== 0 || this.inString) {
      this.fail('the file ends in the middle of its Records (truncated?)');
    }
  }
}

/**
 * The parsed records of one file, one at a time (gzip is detected from the content, not the name).
 * @throws NotTrailFileError when the file is not a CloudTrail record file; InputError when it is corrupt
 */
export async function* readTrailRecords(path: string): AsyncGenerator<unknown> {
  const head = await readHead(path);
  const gzipped = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const source = createReadStream(path);
  const stream = gzipped ? source.pipe(createGunzip()) : source;
  source.on('error', (error) => stream.destroy(error));
  const decoder = new StringDecoder('utf8');
  const scanner = new RecordsScanner(path);
  let index = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const text of scanner.push(decoder.write(chunk))) {
        yield parseRecord(path, index, text);
        index += 1;
      }
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof NotTrailFileError) throw error;
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  } finally {
    source.destroy();
  }
  for (const text of scanner.push(decoder.end())) {
    yield parseRecord(path, index, text);
    index += 1;
  }
  scanner.end();
}

function parseRecord(path: string, index: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: Records[${index}]: not valid JSON (${(error as Error).message})`);
  }
}

async function readHead(path: string): Promise<Buffer> {
  const stream = createReadStream(path, { start: 0, end: 1 });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return Buffer.concat(chunks);
}
