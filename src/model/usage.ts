/**
 * The cost model's input for one bus (BusUsage), built here and nowhere else: the bus as declared decides its
 * classification, logging, trail copies, ARN and selector scope; the counts come from wherever the bus was
 * measured or simulated (a report's BusResult, a run's progress counters, a scenario's simulation, an
 * account's metrics). A run, `busload merge`, `busload cost <report.json>`, the progress line and
 * `busload cost <scenario>` therefore price the same bus the same way.
 */

import { DEFAULT_ACCOUNT_ID, eventBusArn } from '../eventbridge/limits.js';
import type { BusCounters } from '../metrics/counters.js';
import type { BusResult } from '../metrics/types.js';
import type { BusSpec, LoggingMode } from '../scenario/types.js';
import type { BusUsage, MeasuredTrail, UsageCounts } from './types.js';

/** The ARN of a bus in the scenario's region and the default account (what `resources.ARN` shows). */
function busArnOf(region: string, busName: string): string {
  return eventBusArn(region, DEFAULT_ACCOUNT_ID, busName);
}

/** The counters the model counts requests and entries from (a worker's BusCounters, the progress totals). */
export type CountedCalls = Pick<
  BusCounters,
  'attempts' | 'attemptsSucceeded' | 'entriesSucceeded' | 'entriesFailed' | 'billableChunks'
>;

/**
 * The model's counts from counters: every attempt answered HTTP 200 is a succeeded request, every other
 * attempt (throttled, failed, retried) a failed one; entries and chunks as counted.
 * Worked example: 12 attempts of which 10 succeeded -> requestsSucceeded 10, requestsFailed 2.
 * @param counted - the counters; undefined = nothing counted yet (all 0)
 */
export function countsOf(counted: CountedCalls | undefined): UsageCounts {
  return {
    requestsSucceeded: counted?.attemptsSucceeded ?? 0,
    requestsFailed: (counted?.attempts ?? 0) - (counted?.attemptsSucceeded ?? 0),
    entriesSucceeded: counted?.entriesSucceeded ?? 0,
    entriesFailed: counted?.entriesFailed ?? 0,
    billableChunks: counted?.billableChunks ?? 0,
  };
}

/** The model's counts of a report's BusResult (requests.succeeded are the attempts answered HTTP 200). */
function countsOfBusResult(bus: BusResult): UsageCounts {
  return countsOf({
    attempts: bus.requests.attempts,
    attemptsSucceeded: bus.requests.succeeded,
    entriesSucceeded: bus.entries.succeeded,
    entriesFailed: bus.entries.failed,
    billableChunks: bus.entries.billableChunks,
  });
}

/**
 * The usage of a declared bus with the given counts: classification, logging mode and trail copies from its
 * spec, its ARN in `region` (what selector exclusions on resources.ARN match), and its selector scope.
 * @param spec - the bus as declared in the scenario
 * @param region - the region the bus lives in
 * @param counts - what it was measured or simulated to do
 */
export function declaredBusUsage(spec: BusSpec, region: string, counts: UsageCounts): BusUsage {
  const usage: BusUsage = {
    name: spec.name,
    classification: spec.classification,
    loggingMode: spec.logging,
    trailCopies: spec.trailCopies,
    counts,
    busArn: busArnOf(region, spec.name),
  };
  if (spec.loggingScope) usage.scope = spec.loggingScope;
  return usage;
}

/**
 * Builds the usage of one bus: counts from the report's BusResult, classification and logging from its spec.
 * @param bus - measured counts
 * @param spec - the bus as declared in the scenario
 * @param region - the run's region (for the bus ARN that exclusions may match)
 * @param measuredTrail - what the endpoint's trail wrote for the bus, when known
 */
export function busUsageOf(
  bus: BusResult,
  spec: BusSpec,
  region: string,
  measuredTrail?: MeasuredTrail | null,
): BusUsage {
  const usage = declaredBusUsage(spec, region, countsOfBusResult(bus));
  if (measuredTrail) usage.measuredTrail = measuredTrail;
  return usage;
}

/** What the endpoint's trail wrote for one bus, as a report's reconciliation row records it. */
export interface TrailRow {
  bus: string;
  trailRecords: number | null;
  trailBytes: number | null;
  /** Gzip ratio of the run's delivered files (absent in reports written before it was recorded). */
  trailGzipRatio?: number | null;
}

/**
 * Where the gzip ratio of a report's trail files comes from: `recorded`, the row's own (merging shard
 * reports); `assumed`, none, so the model's default prices S3 (rebuilding an old report's input).
 */
export type TrailGzipSource = 'recorded' | 'assumed';

/**
 * The measured trail of a reconciliation row, or null when its trail wrote nothing for the bus (logging off,
 * no row, no records).
 */
function measuredTrailOf(row: TrailRow | undefined, gzip: TrailGzipSource): MeasuredTrail | null {
  if (!row?.trailRecords || !row.trailBytes) return null;
  return {
    records: row.trailRecords,
    recordBytes: row.trailBytes,
    gzipRatio: gzip === 'recorded' ? (row.trailGzipRatio ?? null) : null,
  };
}

/**
 * The usage of a report's buses: counts from each BusResult, the bus as declared, the measured trail from the
 * reconciliation rows (when the report has them).
 * @param specOf - the declared bus of a name (may throw when the report lacks it)
 * @param region - the run's region
 */
export function usageOfBusResults(
  buses: readonly BusResult[],
  specOf: (name: string) => BusSpec,
  region: string,
  trails: readonly TrailRow[] | null | undefined,
  gzip: TrailGzipSource,
): BusUsage[] {
  return buses.map((bus) => {
    const spec = specOf(bus.name);
    const row = trails?.find((candidate) => candidate.bus === bus.name);
    return busUsageOf(bus, spec, region, measuredTrailOf(row, gzip));
  });
}

/**
 * The usage with some buses' logging mode replaced (`busload cost --logging bus=mode`); the others as they are.
 * @param overrides - bus name -> the mode to price it with
 */
export function withLoggingModes(
  usage: readonly BusUsage[],
  overrides: ReadonlyMap<string, LoggingMode>,
): BusUsage[] {
  return usage.map((bus) => ({ ...bus, loggingMode: overrides.get(bus.name) ?? bus.loggingMode }));
}
