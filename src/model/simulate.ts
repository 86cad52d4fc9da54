/**
 * Declared volumes by simulation: what `busload cost <scenario>` prices. Each producer's month is read off
 * the very plan a run sends (src/schedule/plan.ts `planStreamBatches`: the same seeded arrivals, sizes,
 * detail types and batcher per (producer, instance) stream), over whole periods of its shape, counting
 * calls, entries, 64 KB chunks and entries per detail type without sending anything. Pure: no I/O, no clock.
 *
 * Periods (profile time): a diurnal day; whole burst cycles from t = 0 (the first burst starts there; more
 * cycles when one is small); a steps sequence; a replay file; a constant or ramp
 * shape over the scenario's profile (duration x timeScale, which a ramp spans).
 *
 * Sampling: a period with more entries than the budget is simulated at a time scale T, exactly as a
 * compressed run replays it (replay second t plays profile second t x T at its real instantaneous rate,
 * src/schedule/arrivals.ts), so batches form at the real rates and 1/T of the period's entries are drawn.
 * T is held low enough that the shape's shortest feature (a step, a burst, a replay interval) still spans
 * 100 lingers in replay time. The sampling error is stated as how far the figures move when sampled twice as
 * sparsely (2T).
 *
 * Randomness: where arrivals (bursts), sizes or detail types are random, the period is simulated with each
 * of {@link COST_SEEDS} (seed 1 is `busload run`'s default) and the mean is the estimate; the spread
 * (min..max over the seeds) is reported. Deterministic producers are simulated once.
 *
 * Closed form: fixed `entriesPerRequest` with a constant shape and sizes that never reach the byte budget
 * is exactly rate x month entries in batches of n, so it is not simulated (test/model/simulate.test.ts
 * proves it equal to the simulation).
 */
import { MAX_ENTRIES_PER_REQUEST, REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import type { ProducerSpec, Scenario } from '../scenario/types.js';
import { expectedChunksPerEntry, minEntryBytes } from '../schedule/entry-size.js';
import { createIntensity } from '../schedule/shapes/index.js';
import { type EntryOutcome, entryOutcomeOf } from './entry-outcome.js';
import { MONTH_SECONDS } from './money.js';
import { type ShapePeriod, shapePeriod } from './shape-period.js';
import { countWindow, type WindowCounts, windowArrivals } from './window-counts.js';

/** The seeds a random producer is simulated with (1 is `busload run`'s default seed). */
export const COST_SEEDS: readonly number[] = [1, 2, 3, 4, 5];

/** Entries simulated per producer and seed before a period is sampled rather than enumerated. */
const DEFAULT_ENTRY_BUDGET = 50_000;

/** In replay time, a shape's shortest feature spans at least this many lingers when sampled. */
const FEATURE_LINGERS = 100;

const MONTH_MS = MONTH_SECONDS * 1000;

/** One producer's monthly volumes (means over the seeds) and how they were found. */
export interface ProducerVolumes {
  producerIndex: number;
  period: ShapePeriod;
  /** 'closed-form', 'enumerated' (timeScale 1) or 'sampled' (timeScale > 1). */
  method: 'closed-form' | 'enumerated' | 'sampled';
  /** Profile seconds per simulated second (1 = enumerated). */
  timeScale: number;
  /** The seeds simulated (one when nothing is random). */
  seeds: number[];
  /** Monthly means over the seeds. */
  calls: number;
  entries: number;
  entriesFailed: number;
  chunks: number;
  entriesByType: number[];
  /** What the declared endpoint does to the producer's entries (null: every entry succeeds at once). */
  outcome: EntryOutcome | null;
  /** Min and max monthly values over the seeds. */
  spread: { calls: [number, number]; entries: [number, number]; chunks: [number, number] };
  /** Largest relative move of calls, entries or chunks when sampled at 2T (0 when enumerated). */
  samplingError: number;
  /** Entries simulated per seed. */
  simulatedEntries: number;
  /**
   * Bursts: how far the mean rate over the scenario's own profile (what a run of it replays, a partial
   * last cycle included) is from the period's; 0 when the profile is whole cycles; null for other shapes.
   */
  profileRateShare: number | null;
  peakCallsPerSec: number;
}

/** Options of {@link simulateProducer}. */
export interface SimulateOptions {
  /** Entries per producer and seed before sampling (default {@link DEFAULT_ENTRY_BUDGET}). */
  entryBudget?: number;
  /** Seeds for random producers (default {@link COST_SEEDS}). */
  seeds?: readonly number[];
  /** Never use the closed form (tests prove it equal to the simulation). */
  forceSimulation?: boolean;
}

/** Whether anything a seed draws can change the producer's counts. */
export function isRandom(producer: ProducerSpec): boolean {
  return (
    producer.shape.kind === 'bursts' ||
    producer.entryBytes.dist !== 'fixed' ||
    producer.detailTypes.length > 1
  );
}

/** Largest entry (bytes) the plan can draw for the producer, or null when unbounded (lognormal). */
function largestEntryBytes(producer: ProducerSpec): number | null {
  const size = producer.entryBytes;
  const smallest = Math.max(...producer.detailTypes.map((type) => minEntryBytes(producer.source, type)));
  switch (size.dist) {
    case 'fixed':
      return Math.max(smallest, size.bytes);
    case 'uniform':
      return Math.max(smallest, size.maxBytes);
    case 'empirical':
      return Math.max(smallest, ...size.table.map((row) => row.bytes));
    case 'lognormal':
      return null;
  }
}

/** Entries per request of a fixed-batching producer whose byte budget never binds; null otherwise. */
export function closedFormBatchSize(producer: ProducerSpec): number | null {
  if (producer.batching.kind !== 'fixed' || producer.shape.kind !== 'constant') return null;
  const perRequest = Math.max(
    1,
    Math.min(MAX_ENTRIES_PER_REQUEST, Math.floor(producer.batching.entriesPerRequest)),
  );
  const budget = Math.min(REQUEST_LIMIT_BYTES, producer.batching.maxBytes ?? REQUEST_LIMIT_BYTES);
  const largest = largestEntryBytes(producer);
  if (largest === null || largest * perRequest > budget) return null;
  return perRequest;
}

function weightsOf(producer: ProducerSpec): number[] {
  return producer.detailTypeWeights?.length === producer.detailTypes.length
    ? [...producer.detailTypeWeights]
    : producer.detailTypes.map(() => 1);
}

const relativeMove = (a: number, b: number): number =>
  a === 0 && b === 0 ? 0 : Math.abs(a - b) / Math.abs(a);

/**
 * One producer's monthly volumes.
 * Worked example: 40 entries/s constant, 1 instance, linger 50 ms: arrivals every 25 ms, and the entry
 * arriving exactly at a batch's deadline opens the next one, so every batch holds 2 entries:
 * 105,120,000 entries and 52,560,000 calls a month.
 * @param scenario - the normalised scenario (its duration x timeScale is the profile a ramp spans)
 * @param producerIndex - which producer
 */
export function simulateProducer(
  scenario: Scenario,
  producerIndex: number,
  options: SimulateOptions = {},
): ProducerVolumes {
  const producer = scenario.producers[producerIndex]!;
  const profileMs = scenario.durationMs * scenario.timeScale;
  const period = shapePeriod(producer.shape, profileMs);
  const outcome = entryOutcomeOf(scenario, producer);
  const closedSize = options.forceSimulation || outcome !== null ? null : closedFormBatchSize(producer);
  if (closedSize !== null && producer.shape.kind === 'constant') {
    const entries = producer.shape.ratePerSec * MONTH_SECONDS;
    const calls = entries / closedSize;
    const chunks = entries * (expectedChunksPerEntry(producer.entryBytes) ?? 1);
    const weights = weightsOf(producer);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return {
      producerIndex,
      period: { ...period, label: 'a constant rate in batches of a fixed size' },
      method: 'closed-form',
      timeScale: 1,
      seeds: [],
      calls,
      entries,
      entriesFailed: 0,
      chunks,
      entriesByType: weights.map((weight) => (entries * weight) / total),
      outcome: null,
      spread: { calls: [calls, calls], entries: [entries, entries], chunks: [chunks, chunks] },
      samplingError: 0,
      simulatedEntries: 0,
      profileRateShare: null,
      peakCallsPerSec: producer.shape.ratePerSec / closedSize,
    };
  }
  const budget = options.entryBudget ?? DEFAULT_ENTRY_BUDGET;
  const intensity = createIntensity(producer.shape, profileMs);
  const expected = intensity.cumulative(period.endMs) - intensity.cumulative(period.startMs);
  const lingerMs = producer.batching.kind === 'linger' ? producer.batching.lingerMs : 0;
  const featureCap =
    lingerMs > 0 ? period.featureMs / (FEATURE_LINGERS * lingerMs) : Number.POSITIVE_INFINITY;
  // The denser of what the budget allows and what the features need, but never more than 8 budgets.
  let timeScale = Math.max(1, Math.min(expected / budget, featureCap));
  timeScale = Math.max(timeScale, expected / (8 * budget), 1);
  // Whole time scales; under 2 the period is enumerated (at most twice the budget).
  timeScale = timeScale >= 2 ? Math.ceil(timeScale) : 1;
  const seeds = isRandom(producer) ? [...(options.seeds ?? COST_SEEDS)] : [(options.seeds ?? COST_SEEDS)[0]!];
  const countedReplayMs = (period.endMs - period.startMs) / timeScale;
  const monthly = (value: number, replayMs: number) => (value * MONTH_MS) / replayMs;
  // Several seeds of a shape whose arrivals no seed changes: compute its arrival times once.
  const arrivalsOf = seeds.length > 1 ? windowArrivals(producer, profileMs, period, timeScale) : null;
  const runs = seeds.map((seed) =>
    countWindow(producer, seed, profileMs, period, timeScale, outcome, arrivalsOf ?? undefined),
  );
  const mean = (pick: (counts: WindowCounts) => number) =>
    monthly(runs.reduce((sum, counts) => sum + pick(counts), 0) / runs.length, countedReplayMs);
  const range = (pick: (counts: WindowCounts) => number): [number, number] => {
    const values = runs.map((counts) => monthly(pick(counts), countedReplayMs));
    return [Math.min(...values), Math.max(...values)];
  };
  let samplingError = 0;
  if (timeScale > 1) {
    const sparse = countWindow(producer, seeds[0]!, profileMs, period, timeScale * 2, outcome);
    const sparseMs = countedReplayMs / 2;
    const dense = runs[0]!;
    samplingError = Math.max(
      relativeMove(monthly(dense.calls, countedReplayMs), monthly(sparse.calls, sparseMs)),
      relativeMove(monthly(dense.entries, countedReplayMs), monthly(sparse.entries, sparseMs)),
      relativeMove(monthly(dense.chunks, countedReplayMs), monthly(sparse.chunks, sparseMs)),
    );
  }
  return {
    producerIndex,
    period,
    method: timeScale > 1 ? 'sampled' : 'enumerated',
    timeScale,
    seeds,
    calls: mean((counts) => counts.calls),
    entries: mean((counts) => counts.entries),
    entriesFailed: mean((counts) => counts.entriesFailed),
    chunks: mean((counts) => counts.chunks),
    entriesByType: producer.detailTypes.map((_, index) => mean((counts) => counts.entriesByType[index]!)),
    outcome,
    spread: {
      calls: range((counts) => counts.calls),
      entries: range((counts) => counts.entries),
      chunks: range((counts) => counts.chunks),
    },
    samplingError,
    simulatedEntries: Math.round(
      runs.reduce((sum, counts) => sum + counts.entries + counts.entriesFailed, 0) / runs.length,
    ),
    peakCallsPerSec: Math.max(...runs.map((counts) => counts.peakCallsPerSec)),
    profileRateShare:
      producer.shape.kind === 'bursts' && expected > 0 && profileMs > 0
        ? intensity.cumulative(profileMs) / profileMs / (expected / (period.endMs - period.startMs)) - 1
        : null,
  };
}

const percent = (share: number): string => `${Number((share * 100).toFixed(2))}%`;
const spreadOf = (mean: number, [low, high]: [number, number]): string =>
  mean > 0 ? `-${percent((mean - low) / mean)}/+${percent((high - mean) / mean)}` : '0%';

/** How a producer's volumes were found, for the estimate's notes (one line). */
export function describeVolumes(producer: ProducerSpec, volumes: ProducerVolumes): string {
  const head = `producers.${producer.name}: `;
  if (volumes.method === 'closed-form') {
    return `${head}volumes in closed form (constant rate, batches of a fixed size the byte budget never cuts: exact, equal to the simulation)`;
  }
  const how =
    volumes.method === 'enumerated'
      ? `enumerated over ${volumes.period.label} (${volumes.simulatedEntries.toLocaleString('en-US')} entries)`
      : `sampled over ${volumes.period.label} at timeScale ${volumes.timeScale} (${volumes.simulatedEntries.toLocaleString('en-US')} entries, 1/${volumes.timeScale} of the period, at real rates; sampling error ${percent(volumes.samplingError)}: the move at timeScale ${volumes.timeScale * 2})`;
  const seeds =
    volumes.seeds.length > 1
      ? `; expected value over seeds ${volumes.seeds.join(', ')}, spread (min/max vs mean) calls ${spreadOf(volumes.calls, volumes.spread.calls)}, entries ${spreadOf(volumes.entries, volumes.spread.entries)}, chunks ${spreadOf(volumes.chunks, volumes.spread.chunks)}`
      : '; nothing random in it (one seed)';
  const outcome = volumes.outcome;
  const faults =
    outcome === null
      ? ''
      : outcome.denied
        ? '; the bus policy (allowedPrincipals) denies this producer: every entry fails with AccessDeniedException (not billed, not resent), each call is still a data event'
        : `; the scenario's endpoint fails ${percent(outcome.failShare)} of entry attempts, resent up to ${outcome.resends} times: expected values of the resend calls and of the entries that end failed (a share of ${(outcome.failShare ** (outcome.resends + 1)).toPrecision(2)})`;
  const share = volumes.profileRateShare;
  const leadIn =
    share !== null && Math.abs(share) >= 0.005
      ? `; a run of the scenario as written does not replay whole burst cycles, so its projection counts ${percent(Math.abs(share))} ${share < 0 ? 'fewer' : 'more'} entries than this month of whole cycles (replay a whole number of cycles to match)`
      : '';
  return `${head}volumes from the run's arrivals and batcher, ${how}${seeds}${faults}${leadIn}`;
}
