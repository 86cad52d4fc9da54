/**
 * Checks that span several fields of a scenario file. They read the RAW parsed file (before the
 * schema) and skip whatever is malformed, so they run even when the schema found problems elsewhere
 * and every problem is reported in one pass; malformed values themselves are the schema's to report.
 */
import { parseBytes, parseRatePerSec, SIZE_FORMS } from './units.js';

/**
 * Largest total entry size of one PutEvents request: "< 1 MB" per the current API reference
 * (aws-facts §2). The exact byte value is unconfirmed; 1,048,576 B as with SQS's 1 MiB. A single entry
 * can be no larger.
 */
export const PUTEVENTS_REQUEST_LIMIT_BYTES = 1_048_576;

/** Bytes of the smallest Detail a PutEvents entry may carry: an empty JSON object, `{}`. */
export const EMPTY_DETAIL_BYTES = 2;

/** A problem at a path of the raw file (keys and list indexes). */
export interface RawProblem {
  path: ReadonlyArray<string | number>;
  message: string;
}

type Path = ReadonlyArray<string | number>;

/**
 * Runs every cross-field check on the raw parsed file.
 * @param raw - the YAML/JSON document as plain data (anything; non-mappings yield no problems here).
 */
export function checkCrossFields(raw: unknown): RawProblem[] {
  const root = asRecord(raw);
  if (root === null) return [];
  const problems: RawProblem[] = [];
  const buses = asArray(root['buses']);
  const producers = asArray(root['producers']);

  const busNames = checkUniqueNames(buses, 'buses', 'bus', problems);
  checkUniqueNames(producers, 'producers', 'producer', problems);
  producers.forEach((producer, index) => {
    const record = asRecord(producer);
    if (record !== null) checkProducer(record, ['producers', index], busNames, problems);
  });
  const endpoint = asRecord(root['endpoint']);
  if (endpoint !== null) checkEndpoint(endpoint, ['endpoint'], problems);
  return problems;
}

/** Reports repeated names; returns the set of (string) names declared. */
function checkUniqueNames(
  items: unknown[],
  listKey: string,
  kind: string,
  problems: RawProblem[],
): Set<string> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const itemName = asRecord(item)?.['name'];
    if (typeof itemName !== 'string') return;
    const first = firstIndex.get(itemName);
    if (first === undefined) {
      firstIndex.set(itemName, index);
      return;
    }
    problems.push({
      path: [listKey, index, 'name'],
      message: `duplicate ${kind} name "${itemName}" (first declared at ${listKey}[${first}]); ${kind} names must be unique`,
    });
  });
  return new Set(firstIndex.keys());
}

function checkProducer(
  producer: Record<string, unknown>,
  at: Path,
  busNames: Set<string>,
  problems: RawProblem[],
) {
  const bus = producer['bus'];
  if (typeof bus === 'string' && bus !== '' && !busNames.has(bus)) {
    const declared = busNames.size === 0 ? 'none are declared' : [...busNames].join(', ');
    problems.push({
      path: [...at, 'bus'],
      message: `unknown bus "${bus}"; expected the name of a bus declared under buses (${declared})`,
    });
  }
  checkRateAndShape(producer, at, problems);
  checkEntrySize(producer, at, problems);
}

/** With a ramp the rate comes from `from`/`to` and `rate` must be absent; otherwise `rate` is required. */
function checkRateAndShape(producer: Record<string, unknown>, at: Path, problems: RawProblem[]) {
  const shape = producer['shape'];
  const shapeKind = shape === undefined ? 'constant' : asRecord(shape)?.['kind'];
  const hasRate = producer['rate'] !== undefined;
  if (shapeKind === 'ramp') {
    if (hasRate) {
      problems.push({
        path: [...at, 'rate'],
        message: 'must be absent when shape.kind is ramp (the ramp gives the rate with from and to)',
      });
    }
    const ramp = asRecord(shape);
    const fromPerSec = ratePerSecOf(ramp?.['from']);
    const toPerSec = ratePerSecOf(ramp?.['to']);
    if (fromPerSec === 0 && toPerSec === 0) {
      problems.push({
        path: [...at, 'shape', 'to'],
        message: 'a ramp from 0 to 0 sends nothing; expected from or to > 0',
      });
    }
  } else if (shapeKind === 'constant' && !hasRate) {
    problems.push({
      path: [...at, 'rate'],
      message: 'is required unless shape.kind is ramp; expected a rate such as "50/s", "3000/min" or "100/h"',
    });
  }
}

/**
 * Entry sizes against the request limit (fixed size, lognormal p99), against the smallest entry this
 * producer can send (fixed size, lognormal p50), and p99 > p50.
 */
function checkEntrySize(producer: Record<string, unknown>, at: Path, problems: RawProblem[]) {
  const entryBytes = producer['entryBytes'];
  const dist = asRecord(entryBytes);
  const minimum = smallestEntryBytes(producer);
  if (dist === null || dist['dist'] === 'fixed') {
    const sizeAt = dist === null ? [...at, 'entryBytes'] : [...at, 'entryBytes', 'bytes'];
    const bytes = bytesOf(dist === null ? entryBytes : dist['bytes']);
    if (bytes === null) return;
    checkAboveLimit(bytes, 'entry size', sizeAt, problems);
    checkBelowMinimum(bytes, 'entry size', minimum, sizeAt, problems);
    return;
  }
  if (dist['dist'] !== 'lognormal') return;
  const p50Bytes = bytesOf(dist['p50']);
  const p99Bytes = bytesOf(dist['p99']);
  if (p99Bytes !== null) checkAboveLimit(p99Bytes, 'p99 entry size', [...at, 'entryBytes', 'p99'], problems);
  if (p50Bytes !== null)
    checkBelowMinimum(p50Bytes, 'p50 entry size', minimum, [...at, 'entryBytes', 'p50'], problems);
  if (p50Bytes !== null && p99Bytes !== null && p99Bytes <= p50Bytes) {
    problems.push({
      path: [...at, 'entryBytes', 'p99'],
      message: `must be greater than p50 (${p50Bytes} bytes); got ${p99Bytes} bytes`,
    });
  }
}

function checkAboveLimit(bytes: number, what: string, path: Path, problems: RawProblem[]) {
  if (bytes <= PUTEVENTS_REQUEST_LIMIT_BYTES) return;
  problems.push({
    path,
    message:
      `${what} ${bytes} bytes is above the PutEvents request limit; ` +
      `expected at most ${PUTEVENTS_REQUEST_LIMIT_BYTES} bytes ("1MB")`,
  });
}

interface SmallestEntry {
  bytes: number;
  explanation: string;
}

function checkBelowMinimum(
  bytes: number,
  what: string,
  minimum: SmallestEntry | null,
  path: Path,
  problems: RawProblem[],
) {
  if (minimum === null || bytes >= minimum.bytes) return;
  problems.push({
    path,
    message:
      `${what} ${bytes} bytes is below the smallest entry this producer can send: ${minimum.bytes} bytes ` +
      `(${minimum.explanation}); expected ${SIZE_FORMS} of at least ${minimum.bytes} bytes`,
  });
}

/**
 * The smallest entry by AWS's entry-size formula: Source + DetailType + Detail bytes (UTF-8), with the
 * longest detail type and an empty JSON object as Detail. Null when source or detail types are malformed.
 */
function smallestEntryBytes(producer: Record<string, unknown>): SmallestEntry | null {
  const source = producer['source'];
  const detailTypes = asArray(producer['detailTypes']).filter(
    (type): type is string => typeof type === 'string',
  );
  if (typeof source !== 'string' || detailTypes.length === 0) return null;
  let longest = detailTypes[0] ?? '';
  for (const type of detailTypes) if (utf8Bytes(type) > utf8Bytes(longest)) longest = type;
  const sourceBytes = utf8Bytes(source);
  const detailTypeBytes = utf8Bytes(longest);
  return {
    bytes: sourceBytes + detailTypeBytes + EMPTY_DETAIL_BYTES,
    explanation:
      `source "${source}" ${sourceBytes} B + detail type "${longest}" ${detailTypeBytes} B + ` +
      `an empty Detail {} ${EMPTY_DETAIL_BYTES} B`,
  };
}

function checkEndpoint(endpoint: Record<string, unknown>, at: Path, problems: RawProblem[]) {
  const latency = asRecord(endpoint['latencyMs']);
  const p50Ms = latency?.['p50'];
  const p99Ms = latency?.['p99'];
  if (typeof p50Ms === 'number' && typeof p99Ms === 'number' && p99Ms < p50Ms) {
    problems.push({
      path: [...at, 'latencyMs', 'p99'],
      message: `must be >= p50 (${p50Ms} ms); got ${p99Ms} ms`,
    });
  }
  const faults = asRecord(endpoint['faults']);
  const internalFailure = faults?.['entryInternalFailureRate'];
  const throttle = faults?.['entryThrottleRate'];
  if (typeof internalFailure === 'number' && typeof throttle === 'number' && internalFailure + throttle > 1) {
    problems.push({
      path: [...at, 'faults', 'entryThrottleRate'],
      message:
        `entryInternalFailureRate + entryThrottleRate is ${internalFailure + throttle}; ` +
        'expected at most 1 (an entry fails in one way at most)',
    });
  }
}

function ratePerSecOf(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const result = parseRatePerSec(value);
  return result.ok ? result.value : null;
}

function bytesOf(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const result = parseBytes(value);
  return result.ok ? result.value : null;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
