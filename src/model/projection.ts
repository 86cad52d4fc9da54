/**
 * How counts become monthly counts: from a run (measured counts x a stated factor) or from a scenario's
 * declared volumes (`busload cost <scenario>` without load). Pure and deterministic.
 */
import { BILLING_CHUNK_BYTES, billableChunks, REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import type { RateShape, Scenario } from '../scenario/types.js';
import { Z_P99 } from '../schedule/entry-size.js';
import { peakRatePerSec as shapePeak } from '../schedule/shapes/index.js';
import { createRecordSizer, declaredCallContext } from './components/record-size.js';
import { Dec, MONTH_HOURS, MONTH_SECONDS } from './money.js';
import { recordedPrincipalArn } from './scope.js';
import { COST_SEEDS, describeVolumes, type SimulateOptions, simulateProducer } from './simulate.js';
import type { Assumption, BusUsage, Projection } from './types.js';
import { declaredBusUsage } from './usage.js';

const MONTH_MS = MONTH_SECONDS * 1000;

/**
 * The projection of a replay to a 730-hour month. With timeScale T, replay second t plays profile second
 * t x T at its real instantaneous rate (src/schedule/arrivals.ts): the replay samples the profile, so its
 * counts over D replay seconds are the profile's mean rate x D, and factor = 730 h / D whatever T is.
 *
 * Worked example: 30 s of replay -> 2,628,000 s / 30 s = 87,600, at timeScale 1 (real time) and at
 * timeScale 720 (30 s sampling 6 h of profile) alike; 7 s -> 375,428.571428... (shown as "375428.571429",
 * priced exactly through `ratio`).
 * @param replayDurationMs - the replay time the counts cover (> 0)
 * @param timeScale - profile seconds per replay second (> 0); it only changes the stated basis
 */
export function projectionFromRun(replayDurationMs: number, timeScale: number): Projection {
  if (!(replayDurationMs > 0) || !Number.isFinite(replayDurationMs)) {
    throw new RangeError(`replayDurationMs must be a positive number, got ${replayDurationMs}`);
  }
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  }
  const replayMs = new Dec(replayDurationMs);
  const factor = new Dec(MONTH_MS).div(replayMs);
  const replayS = replayMs.div(1000).toFixed();
  const profileS = replayMs.times(timeScale).div(1000).toFixed();
  const factorText = factor.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed();
  const basis =
    timeScale === 1
      ? `${replayS} s of replay at real time -> ${MONTH_HOURS} h month (x ${factorText})`
      : `${replayS} s of replay sampling ${profileS} s of profile (timeScale ${timeScale}) at real rates -> ${MONTH_HOURS} h month (x ${factorText})`;
  return {
    basis,
    factor: factorText,
    ratio: { numerator: String(MONTH_MS), denominator: replayMs.toFixed() },
  };
}

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
  maxEntryBytes: number = REQUEST_LIMIT_BYTES,
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
    const above = 1 - normalCdf((Math.log(k * BILLING_CHUNK_BYTES) - mu) / sigma);
    expected += above;
    if (above < 1e-15) break;
  }
  return expected;
}

const round6 = (value: Dec): number => value.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toNumber();

/** Highest instantaneous rate (entries/s) of a shape over its profile (the shape registry's peak). */
export function peakRatePerSec(shape: RateShape): number {
  return shapePeak(shape);
}

/** What {@link usageFromScenario} returns. */
export interface ScenarioUsage {
  usage: BusUsage[];
  projection: Projection;
  /** The approximations made (empty when everything was exact). */
  approximations: string[];
  /** How the volumes were found, as an assumption for the estimate (`volumeAssumptions`). */
  assumptions: Assumption[];
  /** Sum over producers of their peak PutEvents requests/s (an upper bound of the account's peak). */
  peakCallsPerSec: number;
}

/**
 * Monthly usage per bus from a scenario's declared volumes, for `busload cost <scenario>` without load.
 * Per producer, the run's own plan (arrivals, sizes, detail types, batcher) over whole periods of its shape,
 * counted without sending ({@link simulateProducer}: enumerated, or sampled at a time scale when a period is
 * too long, expected values over several seeds when anything is random): calls, entries, 64 KB chunks and
 * entries per detail type, scaled to 730 h. Record bytes are the serializer's: calls x the record's base
 * plus each detail type's entries x what an entry of it adds. Every request and entry is taken to succeed.
 * Calls are also given per caller (as CloudTrail records it) for exclusions. The projection factor is 1
 * (the counts are monthly).
 *
 * Worked example: 50 entries/s constant, fixed batches of 10, fixed 2 KB entries -> 131,400,000 entries,
 * 13,140,000 calls and 131,400,000 chunks a month; 40 entries/s, 1 instance, linger 50 ms -> 2 entries a
 * batch (the entry arriving exactly at the deadline opens the next), 52,560,000 calls.
 */
export function usageFromScenario(scenario: Scenario, options: SimulateOptions = {}): ScenarioUsage {
  const approximations: string[] = [];
  const totals = new Map<
    string,
    {
      calls: Dec;
      entries: Dec;
      entriesFailed: Dec;
      sentEntries: Dec;
      chunks: Dec;
      recordBytes: Dec;
      entryRecordBytes: Dec;
      principals: Map<string, { calls: Dec; recordBytes: Dec }>;
    }
  >();
  for (const bus of scenario.buses) {
    totals.set(bus.name, {
      calls: new Dec(0),
      entries: new Dec(0),
      entriesFailed: new Dec(0),
      sentEntries: new Dec(0),
      chunks: new Dec(0),
      recordBytes: new Dec(0),
      entryRecordBytes: new Dec(0),
      principals: new Map(),
    });
  }
  const callContext = declaredCallContext(scenario.region);
  let peakCallsPerSec = 0;
  const methods = { 'closed-form': 0, enumerated: 0, sampled: 0 };
  let samplingError = 0;
  let widestSpread = 0;

  scenario.producers.forEach((producer, producerIndex) => {
    const total = totals.get(producer.bus);
    if (!total) throw new RangeError(`producers.${producer.name}.bus: unknown bus "${producer.bus}"`);
    const volumes = simulateProducer(scenario, producerIndex, options);
    approximations.push(describeVolumes(producer, volumes));
    methods[volumes.method] += 1;
    samplingError = Math.max(samplingError, volumes.samplingError);
    for (const [low, high] of [volumes.spread.calls, volumes.spread.entries, volumes.spread.chunks]) {
      const mid = (low + high) / 2;
      if (mid > 0) widestSpread = Math.max(widestSpread, (high - low) / 2 / mid);
    }
    const entries = new Dec(volumes.entries);
    const calls = new Dec(volumes.calls);
    const sizer = createRecordSizer({
      principalArn: producer.principal,
      region: scenario.region,
      busName: producer.bus,
      source: producer.source,
      detailTypes: producer.detailTypes,
      context: callContext,
    });
    const entryRecordBytes = volumes.entriesByType.reduce(
      (sum, typeEntries, index) => sum.plus(new Dec(typeEntries).times(sizer.entryBytes[index] ?? 0)),
      new Dec(0),
    );
    const recordBytes = calls.times(sizer.baseBytes).plus(entryRecordBytes);
    total.entryRecordBytes = total.entryRecordBytes.plus(entryRecordBytes);
    total.entries = total.entries.plus(entries);
    total.entriesFailed = total.entriesFailed.plus(volumes.entriesFailed);
    total.sentEntries = volumes.entriesByType.reduce((sum, sent) => sum.plus(sent), total.sentEntries);
    total.calls = total.calls.plus(calls);
    total.chunks = total.chunks.plus(volumes.chunks);
    total.recordBytes = total.recordBytes.plus(recordBytes);
    const caller = recordedPrincipalArn(producer.principal);
    const callerTotal = total.principals.get(caller) ?? { calls: new Dec(0), recordBytes: new Dec(0) };
    total.principals.set(caller, {
      calls: callerTotal.calls.plus(calls),
      recordBytes: callerTotal.recordBytes.plus(recordBytes),
    });
    peakCallsPerSec += volumes.peakCallsPerSec;
  });
  if (scenario.producers.length > 0) {
    approximations.push(
      "declared volumes: every request is answered (no quota throttles or whole-request errors); per-entry faults and bus-policy denials as the scenario's endpoint declares them",
    );
  }

  const usage: BusUsage[] = scenario.buses.map((bus) => {
    const total = totals.get(bus.name)!;
    const result = declaredBusUsage(bus, scenario.region, {
      requestsSucceeded: round6(total.calls),
      requestsFailed: 0,
      entriesSucceeded: round6(total.entries),
      entriesFailed: round6(total.entriesFailed),
      billableChunks: round6(total.chunks),
    });
    result.principals = [...total.principals].map(([principalArn, caller]) => ({
      principalArn,
      requests: round6(caller.calls),
      recordBytes: round6(caller.recordBytes),
    }));
    if (total.calls.gt(0)) {
      result.serializedRecords = {
        records: round6(total.calls),
        recordBytes: round6(total.recordBytes),
        entryBytes: round6(total.entryRecordBytes.div(total.sentEntries)),
      };
    }
    return result;
  });
  const pct = (share: number) => `${Number((share * 100).toFixed(2))}%`;
  const assumptions: Assumption[] =
    scenario.producers.length === 0
      ? []
      : [
          {
            id: 'declared-volumes',
            value:
              "simulated from the run's own plan (seeded arrivals, sizes, detail types, the batcher) over whole periods of each shape, nothing sent: " +
              `${methods.enumerated} producer(s) enumerated, ${methods.sampled} sampled at a time scale (largest sampling error ${pct(samplingError)}), ${methods['closed-form']} in closed form; ` +
              `random producers are the mean over seeds ${COST_SEEDS.join(', ')} (widest half-spread ${pct(widestSpread)}); ` +
              "per-entry faults and bus-policy denials as the scenario's endpoint declares them; no quota throttles, whole-request errors or SDK retries",
            source:
              'busload (src/model/simulate.ts; the notes give each producer; a run measures the real counts: busload run)',
            confirmed: false,
          },
        ];
  return {
    usage,
    assumptions,
    projection: {
      basis: `declared rates over one ${MONTH_HOURS} h month (no replay)`,
      factor: '1',
      ratio: { numerator: '1', denominator: '1' },
    },
    approximations,
    peakCallsPerSec,
  };
}
