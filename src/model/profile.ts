/**
 * A profile of a real account from its `AWS/Events` PutEvents metrics (docs/aws-behaviour.md §7): hourly calls,
 * entries, request bytes, throttles and failures -> per-bus usage for the cost model, and a scenario whose
 * producers replay the hourly entry counts. Pure: src/aws/cloudwatch.ts reads the metrics.
 *
 * The PutEvents metrics have no bus dimension, so the account's series is split per bus by stated shares
 * (`--split orders=0.6,...`) or by the buses' rule metrics; every profile says which.
 */
import { billableChunks } from '../eventbridge/limits.js';
import { Dec, MONTH_HOURS } from './money.js';
import type { BusUsage, Projection } from './types.js';
import { declaredBusUsage } from './usage.js';

/** One hour of the account's PutEvents metrics (Sums over the hour; 0 when CloudWatch had no point). */
export interface HourlyPutEvents {
  startEpochMs: number;
  /**
   * How much of the hour the Sums cover, ms (default 3,600,000). Less for the current hour, read while it is
   * still going (partial): the projection then counts only the time covered.
   */
  durationMs?: number;
  calls: number;
  entries: number;
  requestBytes: number;
  throttledCalls: number;
  failedCalls: number;
  failedEntries: number;
}

/** How the account's series is split per bus. */
export interface BusSplit {
  /** Bus name -> share of the account's PutEvents (shares sum to 1). */
  shares: Map<string, number>;
  /** What the shares come from, e.g. "--split (stated by the user)". */
  basis: string;
}

/** What {@link profileFromMetrics} returns. */
export interface MetricsProfile {
  usage: BusUsage[];
  projection: Projection;
  /** The scenario file (the raw YAML form) replaying the hours. */
  scenario: Record<string, unknown>;
  /** Mean entries per call and mean entry bytes of the account. */
  entriesPerCall: number;
  entryBytes: number;
  /** Highest calls/s of the account (from the peak minute when given, else the peak hour). */
  peakCallsPerSec: number;
  peakBasis: string;
  notes: string[];
}

/**
 * Parses `--split orders=0.6,payments=0.3,telemetry=0.1`: bus names ([a-z0-9-]+) and shares in (0, 1]
 * summing to 1 (within 0.001). Returns the problem as a string when the text is not such a list.
 *
 * Worked example: "orders=0.6,payments=0.4" -> { orders: 0.6, payments: 0.4 }.
 */
export function parseSplit(text: string): Map<string, number> | string {
  const shares = new Map<string, number>();
  for (const part of text.split(',')) {
    const match = /^([a-z0-9-]+)=(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!match) return `"${part}": expected <bus>=<share>, e.g. orders=0.6`;
    const share = Number(match[2]);
    if (!(share > 0 && share <= 1)) return `"${part}": a share must be > 0 and <= 1`;
    if (shares.has(match[1]!)) return `"${part}": bus ${match[1]} given twice`;
    shares.set(match[1]!, share);
  }
  const total = [...shares.values()].reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > 0.001) return `shares sum to ${Number(total.toFixed(6))}; expected 1`;
  return shares;
}

/**
 * Shares from per-bus rule metrics (the Sum of MatchedEvents over each bus's rules): bus / all. An
 * approximation: events that match no rule are not counted, events matching several rules count more
 * than once. Null when no bus has any.
 *
 * Worked example: orders 600, payments 400 -> 0.6 / 0.4.
 */
export function sharesFromRuleMetrics(matchedByBus: ReadonlyMap<string, number>): Map<string, number> | null {
  const total = [...matchedByBus.values()].reduce((sum, value) => sum + value, 0);
  if (!(total > 0)) return null;
  return new Map([...matchedByBus].map(([bus, value]) => [bus, value / total]));
}

/** Inputs of {@link profileFromMetrics}. */
export interface ProfileInput {
  hours: HourlyPutEvents[];
  split: BusSplit;
  region: string;
  /** The region's PutEvents quota (requests/s), written into the scenario's endpoint. */
  quotaTps: number;
  /** Peak calls in one minute, when the 1-minute metrics were read. */
  peakMinuteCalls: number | null;
  /** Replay length of the scenario. */
  replayDurationMs: number;
  /** Scenario name ([a-z0-9-]+). */
  name: string;
}

const sum = (hours: readonly HourlyPutEvents[], pick: (hour: HourlyPutEvents) => number) =>
  hours.reduce((acc, hour) => acc + pick(hour), 0);

const HOUR_MS = 3_600_000;

/** The time an hour's Sums cover (a whole hour unless said otherwise), ms. */
function hourDurationMs(hour: HourlyPutEvents): number {
  return hour.durationMs !== undefined && hour.durationMs > 0 && hour.durationMs < HOUR_MS
    ? hour.durationMs
    : HOUR_MS;
}

/** "17 min", "1.5 min" (at most one decimal). */
function formatMinutes(ms: number): string {
  return `${Number((ms / 60_000).toFixed(1))} min`;
}

/**
 * The profile: per bus, its share of the account's calls, entries, failures and chunks over the window,
 * projected to a 730-hour month (factor 730 / hours); a scenario with one producer per bus replaying its
 * share of the hourly entry counts (`replay`, interval 1h) at real rates (timeScale = window / replay
 * length), batching fixed at the account's mean entries per call, entries at the mean entry size.
 * Entry bytes are approximated from the HTTP request bytes (they include JSON syntax, so entries are
 * somewhat smaller), and chunks as ceil(mean entry bytes / 64 KB) per entry: both flagged in `notes`.
 *
 * Worked example: 168 hours with 36,000 calls and 180,000 entries each, split orders 0.6 -> orders has
 * 3,628,800 calls and 18,144,000 entries in the week, x 730 / 168 = 15,768,000 calls a month.
 */
export function profileFromMetrics(input: ProfileInput): MetricsProfile {
  const { hours, split } = input;
  if (hours.length === 0) throw new RangeError('no hourly PutEvents metrics to profile');
  const calls = sum(hours, (h) => h.calls);
  const entries = sum(hours, (h) => h.entries);
  const requestBytes = sum(hours, (h) => h.requestBytes);
  const failedCalls = sum(hours, (h) => h.throttledCalls + h.failedCalls);
  const failedEntries = sum(hours, (h) => h.failedEntries);
  const entriesPerCall = calls > 0 ? Math.min(10, Math.max(1, entries / calls)) : 1;
  const entryBytes = entries > 0 ? Math.max(1, Math.round(requestBytes / entries)) : 1;
  const chunksPerEntry = billableChunks(entryBytes);
  const notes = [
    `split per bus: ${split.basis} (the PutEvents metrics have no bus dimension)`,
    `entries per call: ${entriesPerCall.toFixed(3)} (PutEventsEntriesCount / PutEventsApproximateCallCount), replayed as fixed batches of ${Math.round(entriesPerCall)}`,
    `entry size: ${entryBytes} B from PutEventsRequestSize / entries (HTTP bodies include JSON syntax: entries are somewhat smaller); ${chunksPerEntry} billable chunk(s) per entry`,
    'the metrics are best-effort ("not meant to be a complete accounting", docs/aws-behaviour.md §7)',
  ];
  // Covered time in ms (a partial current hour counts for what it covers), as an exact ratio of the month.
  const coveredMs = sum(hours, hourDurationMs);
  const partial = hours.filter((hour) => hourDurationMs(hour) < HOUR_MS);
  const wholeHours = hours.length - partial.length;
  const coveredText =
    partial.length === 0
      ? `${hours.length} h`
      : `${wholeHours} h and ${partial.map((hour) => `${formatMinutes(hourDurationMs(hour))} of a partial hour`).join(', ')}`;
  const projection: Projection = {
    basis: `${coveredText} of AWS/Events PutEvents metrics -> ${MONTH_HOURS} h month`,
    factor: new Dec(MONTH_HOURS * HOUR_MS).div(coveredMs).toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed(),
    ratio:
      partial.length === 0
        ? { numerator: String(MONTH_HOURS), denominator: String(hours.length) }
        : { numerator: String(MONTH_HOURS * HOUR_MS), denominator: String(coveredMs) },
  };
  if (partial.length > 0) {
    notes.push(
      `the current hour is partial (${formatMinutes(hourDurationMs(partial[0]!))} read): its counts are projected over the time covered, and the replay plays it at its rate so far`,
    );
  }
  // Every profiled bus is declared production, trail-logged once, as the scenario below declares it.
  const usage: BusUsage[] = [...split.shares].map(([bus, share]) => {
    const failed = failedCalls * share;
    return declaredBusUsage(
      { name: bus, classification: 'production', logging: 'trail', trailCopies: 1, allowedPrincipals: null },
      input.region,
      {
        requestsSucceeded: calls * share - failed,
        requestsFailed: failed,
        entriesSucceeded: (entries - failedEntries) * share,
        entriesFailed: failedEntries * share,
        billableChunks: (entries - failedEntries) * share * chunksPerEntry,
      },
    );
  });
  const peakCallsPerSec =
    input.peakMinuteCalls !== null
      ? input.peakMinuteCalls / 60
      : Math.max(...hours.map((hour) => hour.calls)) / 3600;
  const windowMs = hours.length * HOUR_MS;
  const timeScale = Math.max(1, Math.round(windowMs / input.replayDurationMs));
  const batch = Math.round(entriesPerCall);
  const scenario: Record<string, unknown> = {
    name: input.name,
    region: input.region,
    duration: `${input.replayDurationMs / 1000}s`,
    timeScale,
    buses: [...split.shares.keys()].map((bus) => ({
      name: bus,
      classification: 'production',
      logging: 'trail',
    })),
    producers: [...split.shares].map(([bus, share]) => ({
      name: `${bus}-producers`,
      bus,
      source: `com.profiled.${bus}`,
      detailTypes: ['Profiled'],
      shape: {
        kind: 'replay',
        interval: '1h',
        // A partial hour is replayed at its rate so far over the whole interval.
        counts: hours.map((hour) => Math.round(((hour.entries * HOUR_MS) / hourDurationMs(hour)) * share)),
      },
      batching: { entriesPerRequest: batch },
      entryBytes: `${entryBytes}B`,
    })),
    endpoint: { quotaTps: input.quotaTps },
  };
  return {
    usage,
    projection,
    scenario,
    entriesPerCall,
    entryBytes,
    peakCallsPerSec,
    peakBasis:
      input.peakMinuteCalls !== null
        ? 'busiest minute of PutEventsApproximateCallCount (all buses: the metric is account-level)'
        : 'busiest hour of PutEventsApproximateCallCount / 3,600 (minute data not read: the real peak is higher)',
    notes,
  };
}
