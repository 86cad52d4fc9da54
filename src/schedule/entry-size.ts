/**
 * Entry sizes as AWS measures them, and entries built to hit a size exactly.
 *
 * AWS's "Calculating PutEvents event entry size" (aws-facts §2): Time counts 14 bytes when present;
 * Source, DetailType and Detail count their UTF-8 byte length; each Resources item its UTF-8 byte length.
 * EventBusName, TraceHeader and JSON syntax are not counted.
 */
import type { EntrySize } from '../scenario/types.js';
import type { Rng } from './rng.js';

/** Largest total entry size of one PutEvents request: "less than 1 MB" (aws-facts §2), as 1,048,576 B. */
export const REQUEST_LIMIT_BYTES = 1_048_576;

/** Most entries one PutEvents request may carry (aws-facts §1.2). */
export const MAX_ENTRIES_PER_REQUEST = 10;

/** What Time counts in AWS's entry-size formula, when present. */
export const TIME_FIELD_BYTES = 14;

/** The standard normal's 0.99 quantile (z such that P(Z <= z) = 0.99). */
export const Z_P99 = 2.3263478740408408;

/** The fields of a PutEvents entry that AWS's size formula reads (structurally an SDK PutEventsRequestEntry). */
export interface SizedEntry {
  Time?: Date | undefined;
  Source?: string | undefined;
  DetailType?: string | undefined;
  Detail?: string | undefined;
  Resources?: string[] | undefined;
}

/** An entry built by the generator: the three fields every successful entry needs. */
export interface BuiltEntry {
  Source: string;
  DetailType: string;
  Detail: string;
}

/** UTF-8 byte length of a string. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * An entry's size by AWS's formula.
 * Example: Source "a.b" (3) + DetailType "X" (1) + Detail '{}' (2) + Time (14) = 20 bytes.
 * @param entry - the entry (only Time, Source, DetailType, Detail and Resources count)
 */
export function entrySizeBytes(entry: SizedEntry): number {
  let bytes = entry.Time === undefined ? 0 : TIME_FIELD_BYTES;
  if (entry.Source !== undefined) bytes += utf8Bytes(entry.Source);
  if (entry.DetailType !== undefined) bytes += utf8Bytes(entry.DetailType);
  if (entry.Detail !== undefined) bytes += utf8Bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) bytes += utf8Bytes(resource);
  return bytes;
}

/**
 * The smallest entry `buildEntry` can make for this source and detail type: Detail `{}`.
 * @param source - the entry's Source
 * @param detailType - the entry's DetailType
 */
export function minEntryBytes(source: string, detailType: string): number {
  return utf8Bytes(source) + utf8Bytes(detailType) + 2;
}

/**
 * An entry whose AWS entry size is exactly `targetBytes`: Detail is a JSON object
 * `{"seq":N,"pad":"xxx..."}` padded with ASCII. When that does not fit, `{"seq":N   }` or `{   }`
 * (insignificant whitespace) is used, so every target from `minEntryBytes` up is reachable.
 * @param source - Source
 * @param detailType - DetailType
 * @param targetBytes - the wanted entry size (integer, >= minEntryBytes(source, detailType))
 * @param seq - a sequence number written into Detail when there is room
 * @throws RangeError when the target is below the minimum or not an integer
 */
export function buildEntry(source: string, detailType: string, targetBytes: number, seq: number): BuiltEntry {
  const fixedBytes = utf8Bytes(source) + utf8Bytes(detailType);
  const detailBytes = targetBytes - fixedBytes;
  if (!Number.isInteger(targetBytes) || detailBytes < 2) {
    throw new RangeError(
      `entry size ${targetBytes} B is below the minimum ${fixedBytes + 2} B for source "${source}" and detail type "${detailType}"`,
    );
  }
  const head = `{"seq":${seq},"pad":"`;
  const padded = detailBytes - head.length - 2;
  let detail: string;
  if (padded >= 0) {
    detail = head + 'x'.repeat(padded) + '"}';
  } else {
    const short = `{"seq":${seq}`;
    const spaces = detailBytes - short.length - 1;
    detail = spaces >= 0 ? short + ' '.repeat(spaces) + '}' : '{' + ' '.repeat(detailBytes - 2) + '}';
  }
  return { Source: source, DetailType: detailType, Detail: detail };
}

/**
 * A sampler of entry sizes (bytes, integers) for one producer, clamped to [minBytes, maxBytes].
 * - fixed: always `bytes` (clamped).
 * - lognormal: `exp(mu + sigma*z)` with mu = ln p50 and sigma = (ln p99 - ln p50) / z(0.99), z standard
 *   normal (Box-Muller from two uniforms of `rng`), rounded to whole bytes.
 * @param spec - the scenario's entry size
 * @param rng - the stream's seeded uniform source
 * @param minBytes - the smallest entry the producer can build (see minEntryBytes)
 * @param maxBytes - the request limit
 */
export function createSizeSampler(
  spec: EntrySize,
  rng: Rng,
  minBytes: number,
  maxBytes: number = REQUEST_LIMIT_BYTES,
): () => number {
  const clamp = (bytes: number): number => Math.min(maxBytes, Math.max(minBytes, Math.round(bytes)));
  if (spec.dist === 'fixed') {
    const bytes = clamp(spec.bytes);
    return () => bytes;
  }
  const mu = Math.log(spec.p50Bytes);
  const sigma = Math.max(0, (Math.log(spec.p99Bytes) - mu) / Z_P99);
  return () => {
    const u1 = 1 - rng(); // (0, 1]: keeps log finite
    const u2 = rng();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return clamp(Math.exp(mu + sigma * z));
  };
}
