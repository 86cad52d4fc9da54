/**
 * Counting one producer's planned batches over a window of profile time without sending anything: the very
 * plan a run sends (src/schedule/plan.ts), with the expected calls and failed entries of the declared
 * endpoint's outcome (./entry-outcome.ts). Pure: no I/O, no clock.
 */

import { billableChunks, MAX_ENTRIES_PER_REQUEST } from '../eventbridge/limits.js';
import type { ProducerSpec } from '../scenario/types.js';
import { planArrivals, planStreamBatches } from '../schedule/plan.js';
import { batchExpectation, type EntryOutcome } from './entry-outcome.js';
import type { ShapePeriod } from './shape-period.js';

/** What one producer's streams added up to over the counted window. */
export interface WindowCounts {
  /** Calls, resends of failed entries included (expected values under declared faults). */
  calls: number;
  /** Entries that end succeeded. */
  entries: number;
  /** Entries that end failed (denied by the bus policy, or still failing after the last resend). */
  entriesFailed: number;
  /** 64 KB chunks of the entries that end succeeded. */
  chunks: number;
  /** Entries sent per detail type, resends included (what the calls' records carry). */
  entriesByType: number[];
  /** The busiest replay second's calls (replay time runs at real rates). */
  peakCallsPerSec: number;
}

/**
 * Counts one producer's planned batches whose first entry arrives in [startMs, endMs) of profile time,
 * simulated at time scale `timeScale` (ramps span `profileMs`). The plan runs one linger past the end, so
 * the batches opened in the window close as they would in a longer run (a fixed-size batch still open at
 * the end is counted as sent).
 * `arrivalsOf` gives an instance's arrival times already computed for the same window and time scale
 * ({@link windowArrivals}); without it they are computed from the shape.
 */
export function countWindow(
  producer: ProducerSpec,
  seed: number,
  profileMs: number,
  period: Pick<ShapePeriod, 'startMs' | 'endMs'>,
  timeScale: number,
  outcome: EntryOutcome | null = null,
  arrivalsOf?: (instance: number) => Iterable<number>,
): WindowCounts {
  const startReplayMs = period.startMs / timeScale;
  const endReplayMs = period.endMs / timeScale;
  const shapeDurationMs = profileMs / timeScale;
  const counts: WindowCounts = {
    calls: 0,
    entries: 0,
    entriesFailed: 0,
    chunks: 0,
    entriesByType: producer.detailTypes.map(() => 0),
    peakCallsPerSec: 0,
  };
  const expectations = Array.from({ length: MAX_ENTRIES_PER_REQUEST + 1 }, (_, k) =>
    batchExpectation(outcome, k),
  );
  const perSecond = new Map<number, number>();
  const planEndMs = windowPlanEndMs(producer, period, timeScale);
  for (let instance = 0; instance < producer.instances; instance += 1) {
    const batches = planStreamBatches({
      producer,
      instance,
      seed,
      shapeDurationMs,
      endMs: planEndMs,
      timeScale,
      arrivalsMs: arrivalsOf?.(instance),
    });
    for (const batch of batches) {
      const openedMs = batch.entries[0]!.arrivalMs;
      if (openedMs < startReplayMs || openedMs >= endReplayMs) continue;
      const k = batch.entries.length;
      const expected = expectations[k] ?? batchExpectation(outcome, k);
      counts.calls += expected.calls;
      counts.entries += k * expected.succeededShare;
      counts.entriesFailed += k * (1 - expected.succeededShare);
      let chunks = 0;
      for (const entry of batch.entries) {
        chunks += billableChunks(entry.bytes);
        counts.entriesByType[entry.detailTypeIndex]! += expected.sendsPerEntry;
      }
      counts.chunks += chunks * expected.succeededShare;
      const second = Math.floor(batch.intendedSendMs / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + expected.calls);
    }
  }
  for (const calls of perSecond.values()) counts.peakCallsPerSec = Math.max(counts.peakCallsPerSec, calls);
  return counts;
}

/** Where the plan of a counted window stops (replay ms): one linger past the window's end. */
function windowPlanEndMs(
  producer: ProducerSpec,
  period: Pick<ShapePeriod, 'endMs'>,
  timeScale: number,
): number {
  return period.endMs / timeScale + (producer.batching.kind === 'linger' ? producer.batching.lingerMs : 0);
}

/**
 * The arrival times of each instance over a counted window, computed once, for a shape whose arrivals no
 * seed changes (every shape but bursts): the seeds then only redraw sizes and detail types, and reading the
 * same times from memory instead of inverting the shape again for every seed leaves every count as it was.
 * Null for bursts (their Poisson arrivals are the seed's).
 */
export function windowArrivals(
  producer: ProducerSpec,
  profileMs: number,
  period: Pick<ShapePeriod, 'endMs'>,
  timeScale: number,
): ((instance: number) => Float64Array) | null {
  if (producer.shape.kind === 'bursts') return null;
  const endMs = windowPlanEndMs(producer, period, timeScale);
  const byInstance = Array.from({ length: producer.instances }, (_, instance) =>
    Float64Array.from(
      planArrivals({ producer, instance, seed: 1, shapeDurationMs: profileMs / timeScale, endMs, timeScale }),
    ),
  );
  return (instance) => byInstance[instance]!;
}
