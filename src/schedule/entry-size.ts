/**
 * Entries built to hit a size exactly, entry sizes drawn from a producer's distribution, and the expected
 * billable chunks of a distribution. The size formula, the request limit and the 64 KB chunk are
 * EventBridge facts: src/eventbridge/limits.ts.
 */
import {
  BILLING_CHUNK_BYTES,
  billableChunks,
  REQUEST_LIMIT_BYTES,
  utf8Bytes,
} from '../eventbridge/limits.js';
import type { EntrySize } from '../scenario/types.js';
import type { Rng } from './rng.js';

/** The standard normal's 0.99 quantile (z such that P(Z <= z) = 0.99). */
export const Z_P99 = 2.3263478740408408;

/** An entry built by the generator: the three fields every successful entry needs. */
export interface BuiltEntry {
  Source: string;
  DetailType: string;
  Detail: string;
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
 * - uniform: an integer drawn uniformly from [minBytes, maxBytes] of the spec (both included).
 * - lognormal: `exp(mu + sigma*z)` with mu = ln p50 and sigma = (ln p99 - ln p50) / z(0.99), z standard
 *   normal (Box-Muller from two uniforms of `rng`), rounded to whole bytes.
 * - empirical: a row of the table with probability weight / total weight; its bytes.
 * @param spec - the scenario's entry size
 * @param rng - the stream's seeded uniform source
 * @param minBytes - the smallest entry the producer can build (see minEntryBytes)
 * @param maxBytes - the largest entry allowed (the request limit, or the producer's byte budget)
 */
export function createSizeSampler(
  spec: EntrySize,
  rng: Rng,
  minBytes: number,
  maxBytes: number = REQUEST_LIMIT_BYTES,
): () => number {
  const clamp = (bytes: number): number => Math.min(maxBytes, Math.max(minBytes, Math.round(bytes)));
  switch (spec.dist) {
    case 'fixed': {
      const bytes = clamp(spec.bytes);
      return () => bytes;
    }
    case 'uniform': {
      const low = Math.ceil(spec.minBytes);
      const span = Math.floor(spec.maxBytes) - low + 1;
      return () => clamp(low + Math.floor(rng() * span));
    }
    case 'lognormal': {
      const mu = Math.log(spec.p50Bytes);
      const sigma = Math.max(0, (Math.log(spec.p99Bytes) - mu) / Z_P99);
      return () => {
        const u1 = 1 - rng(); // (0, 1]: keeps log finite
        const u2 = rng();
        const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return clamp(Math.exp(mu + sigma * z));
      };
    }
    case 'empirical': {
      const pick = createWeightedPicker(
        spec.table.map((row) => row.weight),
        rng,
      );
      const sizes = spec.table.map((row) => clamp(row.bytes));
      return () => sizes[pick()]!;
    }
  }
}

/**
 * A sampler of indexes 0..n-1 with probability weight[i] / sum(weights) (one uniform per draw; a single
 * weight or equal weights never consume more randomness than needed: one weight consumes none).
 * @param weights - positive weights
 * @param rng - the seeded uniform source
 * @throws RangeError when there is no weight or a weight is not > 0
 */
export function createWeightedPicker(weights: readonly number[], rng: Rng): () => number {
  if (weights.length === 0 || weights.some((weight) => !(weight > 0) || !Number.isFinite(weight))) {
    throw new RangeError(`weights must be finite and > 0, got [${weights.join(', ')}]`);
  }
  if (weights.length === 1) return () => 0;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const bounds: number[] = [];
  let running = 0;
  for (const weight of weights) {
    running += weight;
    bounds.push(running / total);
  }
  const last = weights.length - 1;
  return () => {
    const u = rng();
    for (let i = 0; i < last; i++) if (u < bounds[i]!) return i;
    return last;
  };
}

/**
 * Expected billable 64 KB chunks per entry, exactly, for the distributions where it has a closed form
 * (fixed, uniform, empirical); null for lognormal (the cost model integrates it).
 * Worked example: uniform from 60 KB to 70 KB (61,440..71,680 B): 4,097 sizes bill 1 chunk and 6,144 bill 2,
 * so 1 + 6,144 / 10,241 = 1.59994...
 * @param spec - the entry size
 */
export function expectedChunksPerEntry(spec: EntrySize): number | null {
  switch (spec.dist) {
    case 'fixed':
      return billableChunks(spec.bytes);
    case 'uniform': {
      const low = Math.ceil(spec.minBytes);
      const high = Math.floor(spec.maxBytes);
      let sum = 0;
      // Count the integers of [low, high] in each chunk band ((k-1)*64K, k*64K].
      for (let k = billableChunks(low); (k - 1) * BILLING_CHUNK_BYTES < high; k++) {
        const bandLow = Math.max(low, (k - 1) * BILLING_CHUNK_BYTES + 1);
        const bandHigh = Math.min(high, k * BILLING_CHUNK_BYTES);
        if (bandHigh >= bandLow) sum += k * (bandHigh - bandLow + 1);
      }
      return sum / (high - low + 1);
    }
    case 'empirical': {
      const total = spec.table.reduce((s, row) => s + row.weight, 0);
      return spec.table.reduce((s, row) => s + (row.weight * billableChunks(row.bytes)) / total, 0);
    }
    case 'lognormal':
      return null;
  }
}
