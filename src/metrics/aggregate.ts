/**
 * Main-thread aggregation: worker results -> per-bus counters and histograms -> report BusResults.
 * The main thread is the only place results are merged; counts are summed exactly, histograms added.
 */
import { type BusCounters, emptyCounters, type WorkerBusResult } from './counters.js';
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  type Histogram,
  summarizeMs,
} from './histogram.js';
import { mergeSeries, SERIES_COUNTERS, type WorkerSeries } from './time-series.js';
import type { BusResult } from './types.js';

/** One bus, merged over workers. */
export interface MergedBus {
  counters: BusCounters;
  /** Intended send -> response, microseconds. */
  latency: Histogram;
  /** Actual send -> response, microseconds. */
  serviceLatency: Histogram;
  /** The per-interval series to merge (one per worker or per source BusResult); empty = no series. */
  series: WorkerSeries[];
}

type NumericCounter = Exclude<keyof BusCounters, 'errors'>;

const NUMERIC_COUNTERS = Object.keys(emptyCounters()).filter(
  (key): key is NumericCounter => key !== 'errors',
);

/**
 * Adds `source` into `target` (numbers summed, error counts merged by name).
 * @param target - changed in place
 * @param source - left unchanged
 */
function addCounters(target: BusCounters, source: BusCounters): void {
  for (const key of NUMERIC_COUNTERS) target[key] += source[key];
  for (const [name, count] of Object.entries(source.errors)) {
    target.errors[name] = (target.errors[name] ?? 0) + count;
  }
}

/** An empty merged bus. */
export function emptyMergedBus(): MergedBus {
  return {
    counters: emptyCounters(),
    latency: createLatencyHistogram(),
    serviceLatency: createLatencyHistogram(),
    series: [],
  };
}

/**
 * Merges the workers' results per bus (in order of first appearance).
 * @param results - one result per worker (src/workers/protocol.ts WorkerResult), of which only the buses are read
 */
export function mergeWorkerResults(
  results: ReadonlyArray<{ buses: readonly WorkerBusResult[] }>,
): Map<string, MergedBus> {
  const merged = new Map<string, MergedBus>();
  for (const result of results) {
    for (const bus of result.buses) {
      let target = merged.get(bus.bus);
      if (target === undefined) {
        target = emptyMergedBus();
        merged.set(bus.bus, target);
      }
      addCounters(target.counters, bus.counters);
      addHistogram(target.latency, decodeHistogram(bus.latencyHistogram));
      addHistogram(target.serviceLatency, decodeHistogram(bus.serviceLatencyHistogram));
      if (bus.timeSeries !== undefined) target.series.push(bus.timeSeries);
    }
  }
  return merged;
}

function sortedErrors(errors: Record<string, number>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const name of Object.keys(errors).sort()) sorted[name] = errors[name]!;
  return sorted;
}

/**
 * The report's shape of one merged bus.
 * entriesPerCall = (succeeded + failed entries) / calls, 3 decimals (0 without calls).
 * @param name - the bus name ("*" for totals)
 * @param merged - the bus's merged counters and histograms; undefined = a bus no worker reported (all zero)
 */
export function toBusResult(name: string, merged: MergedBus | undefined): BusResult {
  const bus = merged ?? emptyMergedBus();
  const c = bus.counters;
  const timeSeries = bus.series.length > 0 ? mergeSeries(bus.series) : undefined;
  const entriesPerCall =
    c.calls === 0 ? 0 : Math.round(((c.entriesSucceeded + c.entriesFailed) / c.calls) * 1000) / 1000;
  return {
    name,
    requests: {
      calls: c.calls,
      attempts: c.attempts,
      succeeded: c.attemptsSucceeded,
      throttled: c.attemptsThrottled,
      failed: c.callsFailed,
    },
    entries: {
      planned: c.entriesPlanned,
      succeeded: c.entriesSucceeded,
      failed: c.entriesFailed,
      dropped: c.entriesDropped,
      resent: c.entriesResent,
      bytes: c.entryBytes,
      billableChunks: c.billableChunks,
    },
    latencyMs: summarizeMs(bus.latency),
    serviceLatencyMs: summarizeMs(bus.serviceLatency),
    histograms: {
      latencyMs: encodeHistogram(bus.latency),
      serviceLatencyMs: encodeHistogram(bus.serviceLatency),
    },
    errors: sortedErrors(c.errors),
    schedule: { batchesLate: c.batchesLate, batchesDropped: c.batchesDropped },
    entriesPerCall,
    ...(timeSeries === undefined ? {} : { timeSeries }),
  };
}

/**
 * Back from a BusResult to counters + histograms (for totals and for merging shard reports).
 * Counters that BusResult does not carry (retryDelayMs) are 0.
 * @param result - a BusResult, e.g. from a report.json
 */
function fromBusResult(result: BusResult): MergedBus {
  const counters: BusCounters = {
    ...emptyCounters(),
    calls: result.requests.calls,
    attempts: result.requests.attempts,
    attemptsSucceeded: result.requests.succeeded,
    attemptsThrottled: result.requests.throttled,
    callsFailed: result.requests.failed,
    entriesPlanned: result.entries.planned,
    entriesSucceeded: result.entries.succeeded,
    entriesFailed: result.entries.failed,
    entriesDropped: result.entries.dropped,
    entriesResent: result.entries.resent,
    entryBytes: result.entries.bytes,
    billableChunks: result.entries.billableChunks,
    batchesLate: result.schedule.batchesLate,
    batchesDropped: result.schedule.batchesDropped,
    errors: { ...result.errors },
  };
  const series: WorkerSeries[] = [];
  if (result.timeSeries !== undefined) {
    const { intervalMs, points } = result.timeSeries;
    series.push({
      intervalMs,
      points: points.map((point) => {
        const counts = {} as WorkerSeries['points'][number]['counts'];
        for (const counter of SERIES_COUNTERS) counts[counter] = point[counter];
        return {
          index: Math.round(point.startMs / intervalMs),
          counts,
          latencyHistogram: point.latencyMs.count > 0 ? point.latencyHistogram : '',
        };
      }),
    });
  }
  return {
    counters,
    latency: decodeHistogram(result.histograms.latencyMs),
    serviceLatency: decodeHistogram(result.histograms.serviceLatencyMs),
    series,
  };
}

/**
 * The exact sum of several BusResults (counts summed, histograms added, summaries recomputed):
 * the report's totals (name "*") or the same bus across shard reports.
 * @param results - the BusResults to sum
 * @param name - the result's name (default "*")
 */
export function sumBusResults(results: BusResult[], name = '*'): BusResult {
  return toBusResult(name, sumMergedBuses(results.map(fromBusResult)));
}

/**
 * The exact sum of merged buses (counts summed, histograms added) as a new MergedBus.
 * @param buses - e.g. the values of mergeWorkerResults' map (left unchanged)
 */
function sumMergedBuses(buses: Iterable<MergedBus>): MergedBus {
  const total = emptyMergedBus();
  for (const bus of buses) {
    addCounters(total.counters, bus.counters);
    addHistogram(total.latency, bus.latency);
    addHistogram(total.serviceLatency, bus.serviceLatency);
    total.series.push(...bus.series);
  }
  return total;
}
