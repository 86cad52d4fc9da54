/**
 * How counts become monthly counts: from a run (measured counts x a stated factor) or from a scenario's
 * declared volumes (`busload cost <scenario>` without load). Pure and deterministic.
 */
import type { Scenario } from '../scenario/types.js';
import { billableChunks, CHUNK_BYTES } from './components/eventbridge.js';
import { Dec, MONTH_HOURS, MONTH_SECONDS } from './money.js';
import type { BusUsage, Projection, UsageCounts } from './types.js';

const MONTH_MS = MONTH_SECONDS * 1000;

/**
 * The projection of a replay to a 730-hour month: one replay second stands for `timeScale` profile
 * seconds, so factor = 730 h / (replay seconds x timeScale).
 *
 * Worked example: 30 s at timeScale 1 -> 2,628,000 s / 30 s = 87,600; 30 s at timeScale 720 (30 s of
 * replay = 6 h of profile) -> 2,628,000 / 21,600 = 121.666... (shown as "121.666667", priced exactly
 * through `ratio`).
 * @param replayDurationMs - the replay time the counts cover (> 0)
 * @param timeScale - profile seconds per replay second (> 0)
 */
export function projectionFromRun(replayDurationMs: number, timeScale: number): Projection {
  if (!(replayDurationMs > 0) || !Number.isFinite(replayDurationMs)) {
    throw new RangeError(`replayDurationMs must be a positive number, got ${replayDurationMs}`);
  }
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  }
  const profileMs = new Dec(replayDurationMs).times(timeScale);
  const factor = new Dec(MONTH_MS).div(profileMs);
  const replayS = new Dec(replayDurationMs).div(1000).toFixed();
  const profileS = profileMs.div(1000).toFixed();
  const factorText = factor.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed();
  const basis =
    timeScale === 1
      ? `${replayS} s of replay at real time -> ${MONTH_HOURS} h month (x ${factorText})`
      : `${replayS} s of replay x timeScale ${timeScale} = ${profileS} s of profile -> ${MONTH_HOURS} h month (x ${factorText})`;
  return {
    basis,
    factor: factorText,
    ratio: { numerator: String(MONTH_MS), denominator: profileMs.toFixed() },
  };
}

/** Two-sided 99th percentile of the standard normal: Phi(Z_P99) = 0.99. */
export const Z_P99 = 2.3263478740408408;

/**
 * Standard normal CDF Phi(x), to about double precision (Hart's rational approximation as published by
 * G. West, "Better approximations to cumulative normal functions", 2005). Deterministic.
 *
 * Worked example: Phi(0) = 0.5; Phi(1) = 0.841344746...; Phi(-Z_P99) = 0.01.
 */
export function normalCdf(x: number): number {
  const xAbs = Math.abs(x);
  let tail: number;
  if (xAbs > 37) {
    tail = 0;
  } else {
    const exponential = Math.exp(-(xAbs * xAbs) / 2);
    if (xAbs < 7.07106781186547) {
      let numerator = 3.52624965998911e-2 * xAbs + 0.700383064443688;
      numerator = numerator * xAbs + 6.37396220353165;
      numerator = numerator * xAbs + 33.912866078383;
      numerator = numerator * xAbs + 112.079291497871;
      numerator = numerator * xAbs + 221.213596169931;
      numerator = numerator * xAbs + 220.206867912376;
      let denominator = 8.83883476483184e-2 * xAbs + 1.75566716318264;
      denominator = denominator * xAbs + 16.064177579207;
      denominator = denominator * xAbs + 86.7807322029461;
      denominator = denominator * xAbs + 296.564248779674;
      denominator = denominator * xAbs + 637.333633378831;
      denominator = denominator * xAbs + 793.826512519948;
      denominator = denominator * xAbs + 440.413735824752;
      tail = (exponential * numerator) / denominator;
    } else {
      let continued = xAbs + 0.65;
      continued = xAbs + 4 / continued;
      continued = xAbs + 3 / continued;
      continued = xAbs + 2 / continued;
      continued = xAbs + 1 / continued;
      tail = exponential / continued / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** Largest PutEvents request (and so entry) the generator sends: 1 MiB (aws-facts §2). */
export const DEFAULT_MAX_ENTRY_BYTES = 1_048_576;

/**
 * Expected billable chunks per entry, E[ceil(X / 65,536)], for a lognormal entry size X with the given
 * median and 99th percentile (mu = ln p50, sigma = ln(p99 / p50) / Z_P99). Sizes above `maxEntryBytes`
 * count as `maxEntryBytes` (the generator cannot send more). Uses E[ceil(X/c)] = sum over k >= 0 of
 * P(X > k c) for X > 0, with P(X > y) = 1 - Phi((ln y - mu) / sigma).
 *
 * Worked example: p50 = 64 KB, p99 = 128 KB -> 1 + P(X > 64 KB) + P(X > 128 KB) + P(X > 192 KB) + ...
 * = 1 + 0.5 + 0.01 + (1 - Phi(Z_P99 x log2 3)) + ... ~= 1.51011. With p99 below 64 KB the answer is
 * 1 + (less than 0.01) ~= 1.0.
 */
export function expectedChunksLognormal(
  p50Bytes: number,
  p99Bytes: number,
  maxEntryBytes: number = DEFAULT_MAX_ENTRY_BYTES,
): number {
  if (!(p50Bytes > 0) || !(p99Bytes >= p50Bytes)) {
    throw new RangeError(`lognormal entry size needs 0 < p50 <= p99, got p50 ${p50Bytes}, p99 ${p99Bytes}`);
  }
  const maxChunks = billableChunks(maxEntryBytes);
  if (p99Bytes === p50Bytes) return billableChunks(Math.min(p50Bytes, maxEntryBytes));
  const mu = Math.log(p50Bytes);
  const sigma = Math.log(p99Bytes / p50Bytes) / Z_P99;
  let expected = 1; // P(X > 0) = 1
  for (let k = 1; k < maxChunks; k += 1) {
    const above = 1 - normalCdf((Math.log(k * CHUNK_BYTES) - mu) / sigma);
    expected += above;
    if (above < 1e-15) break;
  }
  return expected;
}

/** Mean rate of a producer's shape over its profile, entries per second. */
function meanRatePerSec(shape: Scenario['producers'][number]['shape']): number {
  return shape.kind === 'constant' ? shape.ratePerSec : (shape.fromPerSec + shape.toPerSec) / 2;
}

/**
 * Expected entries per request for linger batching with evenly spaced arrivals at one instance: the first
 * entry opens a batch that closes lingerMs later (or when full), catching the floor(rate x linger)
 * arrivals that follow: min(maxEntries, floor(ratePerInstance x lingerMs / 1000) + 1). An approximation:
 * real arrivals are not evenly spaced.
 *
 * Worked example: 50 entries/s over 4 instances (12.5/s each), linger 200 ms, max 10 -> floor(2.5) + 1 = 3.
 */
export function lingerBatchSize(ratePerInstancePerSec: number, lingerMs: number, maxEntries: number): number {
  return Math.min(maxEntries, Math.floor((ratePerInstancePerSec * lingerMs) / 1000) + 1);
}

const round6 = (value: Dec): number => value.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toNumber();

/**
 * Monthly usage per bus from a scenario's declared volumes, for `busload cost <scenario>` without load.
 * Per producer: entries = mean rate x 730 h; calls = entries / entries per request (exact for fixed
 * batching, {@link lingerBatchSize} for linger batching); chunks = entries x chunks per entry
 * (ceil(bytes / 64 KB) for a fixed size, {@link expectedChunksLognormal} for a lognormal one). Every
 * request and entry is taken to succeed. The projection factor is 1 (the counts are already monthly).
 *
 * Worked example: 50 entries/s constant, fixed batches of 10, fixed 2 KB entries -> 131,400,000 entries,
 * 13,140,000 calls and 131,400,000 chunks a month.
 * @returns the usage, its projection, and the approximations made (empty when everything was exact)
 */
export function usageFromScenario(scenario: Scenario): {
  usage: BusUsage[];
  projection: Projection;
  approximations: string[];
} {
  const approximations: string[] = [];
  const totals = new Map<string, { calls: Dec; entries: Dec; chunks: Dec }>();
  for (const bus of scenario.buses)
    totals.set(bus.name, { calls: new Dec(0), entries: new Dec(0), chunks: new Dec(0) });

  for (const producer of scenario.producers) {
    const ratePerSec = meanRatePerSec(producer.shape);
    if (producer.shape.kind === 'ramp') {
      approximations.push(
        `producers.${producer.name}: ramp ${producer.shape.fromPerSec}/s -> ${producer.shape.toPerSec}/s priced at its mean ${ratePerSec}/s for the whole month`,
      );
    }
    const entries = new Dec(ratePerSec).times(MONTH_SECONDS);
    let entriesPerRequest: number;
    if (producer.batching.kind === 'fixed') {
      entriesPerRequest = producer.batching.entriesPerRequest;
    } else {
      const perInstance = ratePerSec / producer.instances;
      entriesPerRequest = lingerBatchSize(
        perInstance,
        producer.batching.lingerMs,
        producer.batching.maxEntries,
      );
      approximations.push(
        `producers.${producer.name}: linger batching approximated as ${entriesPerRequest} ${entriesPerRequest === 1 ? 'entry' : 'entries'} per request ` +
          `(evenly spaced arrivals: min(${producer.batching.maxEntries}, floor(${perInstance}/s x ${producer.batching.lingerMs} ms) + 1)); a run measures the real ratio`,
      );
    }
    let chunksPerEntry: number;
    if (producer.entryBytes.dist === 'fixed') {
      chunksPerEntry = billableChunks(producer.entryBytes.bytes);
    } else {
      chunksPerEntry = expectedChunksLognormal(producer.entryBytes.p50Bytes, producer.entryBytes.p99Bytes);
      approximations.push(
        `producers.${producer.name}: lognormal entry sizes average ${chunksPerEntry.toFixed(6)} billable chunks per entry (expected value; sizes capped at ${DEFAULT_MAX_ENTRY_BYTES} B)`,
      );
    }
    const total = totals.get(producer.bus);
    if (!total) throw new RangeError(`producers.${producer.name}.bus: unknown bus "${producer.bus}"`);
    total.entries = total.entries.plus(entries);
    total.calls = total.calls.plus(entries.div(entriesPerRequest));
    total.chunks = total.chunks.plus(entries.times(chunksPerEntry));
  }
  if (scenario.producers.length > 0) {
    approximations.push(
      'declared volumes: every request and entry is taken to succeed (no throttles or failures)',
    );
  }

  const usage: BusUsage[] = scenario.buses.map((bus) => {
    const total = totals.get(bus.name)!;
    const counts: UsageCounts = {
      requestsSucceeded: round6(total.calls),
      requestsFailed: 0,
      entriesSucceeded: round6(total.entries),
      entriesFailed: 0,
      billableChunks: round6(total.chunks),
    };
    return {
      name: bus.name,
      classification: bus.classification,
      loggingMode: bus.logging,
      trailCopies: bus.trailCopies,
      counts,
    };
  });
  return {
    usage,
    projection: {
      basis: `declared rates over one ${MONTH_HOURS} h month (no replay)`,
      factor: '1',
      ratio: { numerator: '1', denominator: '1' },
    },
    approximations,
  };
}
