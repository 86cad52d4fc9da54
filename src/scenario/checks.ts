/**
 * Checks that span several fields of a scenario file. They read the RAW parsed file (before the
 * schema) and skip whatever is malformed, so they run even when the schema found problems elsewhere
 * and every problem is reported in one pass; malformed values themselves are the schema's to report.
 */
import { REQUEST_LIMIT_BYTES, utf8Bytes } from '../eventbridge/limits.js';
import { shapeFormat } from './schema/shapes.js';
import { parseBytes, parseDurationMs, parseRatePerSec, SIZE_FORMS } from './units.js';

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

/**
 * `rate` is required with constant, diurnal and bursts shapes and must be absent with ramp, steps and
 * replay; plus per-shape rules: a ramp or steps that never sends, a burst longer than its period, a
 * replay with both or neither of file and counts.
 */
function checkRateAndShape(producer: Record<string, unknown>, at: Path, problems: RawProblem[]) {
  const shapeValue = producer['shape'];
  const shape = asRecord(shapeValue);
  const shapeKind = shapeValue === undefined ? 'constant' : shape?.['kind'];
  const hasRate = producer['rate'] !== undefined;
  if (typeof shapeKind !== 'string') return;
  // Shapes that take the producer's `rate` (constant: the rate; diurnal: the mean; bursts: the base rate)
  // need it; shapes that carry their own rates (ramp, steps, replay) must not have it.
  const usesRate = shapeFormat(shapeKind)?.usesRate;
  if (usesRate === false && hasRate) {
    problems.push({
      path: [...at, 'rate'],
      message: `must be absent when shape.kind is ${shapeKind} (the shape gives the rates)`,
    });
  } else if (usesRate === true && !hasRate) {
    problems.push({
      path: [...at, 'rate'],
      message: `is required with shape.kind ${shapeKind}; expected a rate such as "50/s", "3000/min" or "100/h"`,
    });
  }
  if (shape === null) return;
  if (shapeKind === 'ramp') {
    if (ratePerSecOf(shape['from']) === 0 && ratePerSecOf(shape['to']) === 0) {
      problems.push({
        path: [...at, 'shape', 'to'],
        message: 'a ramp from 0 to 0 sends nothing; expected from or to > 0',
      });
    }
  } else if (shapeKind === 'steps') {
    const rates = asArray(shape['steps']).map((step) => ratePerSecOf(asRecord(step)?.['rate']));
    if (rates.length > 0 && rates.every((rate) => rate === 0)) {
      problems.push({
        path: [...at, 'shape', 'steps'],
        message: 'every step has rate 0, so nothing is sent; expected at least one step with a rate > 0',
      });
    }
  } else if (shapeKind === 'bursts') {
    const everyMs = durationMsOf(shape['every']);
    const burstMs = durationMsOf(shape['burstDuration']);
    if (everyMs !== null && burstMs !== null && burstMs > everyMs) {
      problems.push({
        path: [...at, 'shape', 'burstDuration'],
        message: `must be at most every (${everyMs} ms); got ${burstMs} ms`,
      });
    }
  } else if (shapeKind === 'replay') {
    const hasFile = shape['file'] !== undefined;
    const hasCounts = shape['counts'] !== undefined;
    if (hasFile === hasCounts) {
      problems.push({
        path: [...at, 'shape', hasFile ? 'counts' : 'file'],
        message: hasFile
          ? 'give either file or counts, not both'
          : 'is required; expected file (a CSV or JSON series) or counts (a list of entries per interval)',
      });
    }
  }
}

/**
 * Entry sizes against the request limit and the producer's byte budget (fixed size, uniform max,
 * lognormal p99, every empirical row), against the smallest entry this producer can send (fixed size,
 * uniform min, lognormal p50, every empirical row), p99 > p50 and max >= min.
 */
function checkEntrySize(producer: Record<string, unknown>, at: Path, problems: RawProblem[]) {
  const entryBytes = producer['entryBytes'];
  const dist = asRecord(entryBytes);
  const minimum = smallestEntryBytes(producer);
  const budgetBytes = bytesOf(asRecord(producer['batching'])?.['maxBytes']);
  if (budgetBytes !== null) {
    checkAboveLimit(budgetBytes, 'byte budget', [...at, 'batching', 'maxBytes'], problems);
    checkBelowMinimum(budgetBytes, 'byte budget', minimum, [...at, 'batching', 'maxBytes'], problems);
  }
  const limit = (bytes: number, what: string, path: Path): void => {
    checkAboveLimit(bytes, what, path, problems);
    if (budgetBytes !== null && budgetBytes <= REQUEST_LIMIT_BYTES && bytes > budgetBytes) {
      problems.push({
        path,
        message: `${what} ${bytes} bytes is above the producer's byte budget batching.maxBytes (${budgetBytes} bytes)`,
      });
    }
  };
  if (dist === null || dist['dist'] === 'fixed') {
    const sizeAt = dist === null ? [...at, 'entryBytes'] : [...at, 'entryBytes', 'bytes'];
    const bytes = bytesOf(dist === null ? entryBytes : dist['bytes']);
    if (bytes === null) return;
    limit(bytes, 'entry size', sizeAt);
    checkBelowMinimum(bytes, 'entry size', minimum, sizeAt, problems);
    return;
  }
  if (dist['dist'] === 'lognormal' || dist['dist'] === 'uniform') {
    const [lowKey, highKey] = dist['dist'] === 'lognormal' ? ['p50', 'p99'] : ['min', 'max'];
    const lowBytes = bytesOf(dist[lowKey]);
    const highBytes = bytesOf(dist[highKey]);
    const what = (key: string): string => `${key} entry size`;
    if (highBytes !== null) limit(highBytes, what(highKey), [...at, 'entryBytes', highKey]);
    if (lowBytes !== null)
      checkBelowMinimum(lowBytes, what(lowKey), minimum, [...at, 'entryBytes', lowKey], problems);
    const strictly = dist['dist'] === 'lognormal';
    if (
      lowBytes !== null &&
      highBytes !== null &&
      (strictly ? highBytes <= lowBytes : highBytes < lowBytes)
    ) {
      problems.push({
        path: [...at, 'entryBytes', highKey],
        message: `must be ${strictly ? 'greater than' : 'at least'} ${lowKey} (${lowBytes} bytes); got ${highBytes} bytes`,
      });
    }
    return;
  }
  if (dist['dist'] === 'empirical') {
    asArray(dist['table']).forEach((row, index) => {
      const rowAt = [...at, 'entryBytes', 'table', index, 'bytes'];
      const bytes = bytesOf(asRecord(row)?.['bytes']);
      if (bytes === null) return;
      limit(bytes, 'entry size', rowAt);
      checkBelowMinimum(bytes, 'entry size', minimum, rowAt, problems);
    });
  }
}

function checkAboveLimit(bytes: number, what: string, path: Path, problems: RawProblem[]) {
  if (bytes <= REQUEST_LIMIT_BYTES) return;
  problems.push({
    path,
    message:
      `${what} ${bytes} bytes is above the PutEvents request limit; ` +
      `expected at most ${REQUEST_LIMIT_BYTES} bytes ("1MB")`,
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
  const detailTypes = asArray(producer['detailTypes'])
    .map((type) => (typeof type === 'string' ? type : asRecord(type)?.['name']))
    .filter((type): type is string => typeof type === 'string');
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

function durationMsOf(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const result = parseDurationMs(value);
  return result.ok ? result.value : null;
}

function bytesOf(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const result = parseBytes(value);
  return result.ok ? result.value : null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
