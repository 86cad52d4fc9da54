/**
 * One batch on the wire: builds its entries, sends them through the producer's Sender, resends the entries
 * that failed with a retryable code (with a capped exponential delay), and counts every outcome and the
 * batch's latencies. The runner hands batches over; this is the worker's per-call hot path.
 */

import { billableChunks } from '../eventbridge/limits.js';
import { recordLatencyUs } from '../metrics/histogram.js';
import type { ProducerSpec } from '../scenario/types.js';
import { buildEntry } from '../schedule/entry-size.js';
import type { PlannedBatch } from '../schedule/plan.js';
import { type BusState, countAt, countError, type WorkerBuses } from './bus-state.js';
import type { Clock } from './clock.js';
import { errorName, type OutgoingEntry, type Sender, type SendOutcome } from './sender-contract.js';

/** Per-entry error codes a producer resends (AWS marks them retryable, docs/aws-behaviour.md §1.4). */
export const RESENDABLE_ENTRY_ERRORS: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'InternalFailure',
]);

/** A producer as the runner drives it: its spec, its bus's state and its Sender. */
export interface ProducerRuntime {
  producer: ProducerSpec;
  bus: BusState;
  sender: Sender;
}

/** What sendBatch needs from the runner (one object per runner, not per batch). */
export interface BatchContext {
  clock: Clock;
  buses: WorkerBuses;
  /** Given to every send(): aborts the calls still in flight (after a stop's bounded drain). */
  abortSignal: AbortSignal;
  /** Aborted when the run is asked to stop: no resends after it, and a resend's wait ends at once. */
  stopSignal: AbortSignal;
  /** Delay before the n-th resend of failed entries: base * 2^(n-1), capped at 1 s. */
  resendBaseDelayMs: number;
  /** Called once when the batch is done, whatever happened (the runner frees its in-flight slot). */
  releaseSlot(): void;
  /** Told how far behind its intended time the batch's first call was written (ms; negative: early). */
  noteWriteLag(lagMs: number): void;
}

/**
 * Sends one batch, resending retryable failed entries, and counts everything. Never throws.
 * @param hold - the batch was handed over ahead of its intended time: the first call's write waits for it
 */
export async function sendBatch(
  context: BatchContext,
  runtime: ProducerRuntime,
  batch: PlannedBatch,
  hold: boolean,
): Promise<void> {
  const { producer, bus, sender } = runtime;
  const counters = bus.counters;
  const { clock, abortSignal: signal, stopSignal } = context;
  let lastResponseMs = clock.nowMs();
  // Where the batch's latency starts: its intended time, or its first write if that came earlier (a
  // timer may fire a fraction of a millisecond early), so it is never shorter than the service latency.
  let latencyStartMs = batch.intendedSendMs;
  try {
    let pending = batch.entries;
    let outgoing: OutgoingEntry[];
    try {
      outgoing = pending.map((entry) => ({
        ...buildEntry(producer.source, producer.detailTypes[entry.detailTypeIndex]!, entry.bytes, entry.seq),
        EventBusName: producer.bus,
      }));
    } catch (error) {
      // Only a bug can get here (the plan clamps sizes to what buildEntry can make); keep the invariant.
      countError(counters, `HarnessError:${errorName(error)}`);
      countAt(bus, 'entriesFailed', clock.nowMs(), pending.length);
      return;
    }
    for (let resend = 0; ; resend++) {
      const sentMs = clock.nowMs();
      countAt(bus, 'calls', clock.nowMs());
      let outcome: SendOutcome;
      try {
        outcome =
          resend === 0 && hold
            ? await sender.send(outgoing, signal, batch.intendedSendMs)
            : await sender.send(outgoing, signal);
      } catch (error) {
        outcome = { kind: 'error', name: errorName(error), attempts: 1, retryDelayMs: 0 };
      }
      // The latencies end when the response arrived, if the sender could tell: reading and parsing it is
      // the generator's own work, not the endpoint's.
      lastResponseMs = outcome.respondedMs ?? clock.nowMs();
      recordLatencyUs(bus.serviceLatency, (lastResponseMs - (outcome.sentMs ?? sentMs)) * 1000);
      if (resend === 0) {
        // The schedule is kept, or not, at the write: a batch handed over on time may still be written late.
        // It is the call's first attempt that was scheduled; a retry's wait is the SDK's, not lag.
        const firstWriteMs = outcome.firstSentMs ?? outcome.sentMs ?? sentMs;
        latencyStartMs = Math.min(latencyStartMs, firstWriteMs);
        const writeLagMs = firstWriteMs - batch.intendedSendMs;
        if (writeLagMs > 1) counters.batchesLate += 1;
        context.noteWriteLag(writeLagMs);
      }
      countAt(bus, 'attempts', clock.nowMs(), outcome.attempts);
      counters.retryDelayMs += outcome.retryDelayMs;
      if (outcome.kind === 'error' && outcome.name === 'AbortError' && stopSignal.aborted) {
        // Aborted by the user's own stop (after the bounded drain): cut by the interruption, not failed.
        countAt(bus, 'entriesDropped', clock.nowMs(), pending.length);
        break;
      }
      if (outcome.kind === 'error') {
        counters.callsFailed += 1;
        countError(counters, outcome.name);
        countAt(bus, 'entriesFailed', clock.nowMs(), pending.length);
        break;
      }
      const entryErrors = outcome.entryErrors;
      const canResend = resend < producer.retry.resendFailedEntries && !stopSignal.aborted;
      const retry: typeof pending = [];
      const retryOutgoing: OutgoingEntry[] = [];
      pending.forEach((entry, i) => {
        // A response with fewer result entries than sent is malformed: the missing ones failed.
        const result = entryErrors[i];
        const code = result === undefined ? 'MissingResultEntry' : result;
        if (code === null) {
          countAt(bus, 'entriesSucceeded', clock.nowMs());
          counters.entryBytes += entry.bytes;
          counters.billableChunks += billableChunks(entry.bytes);
          return;
        }
        countError(counters, code);
        if (canResend && RESENDABLE_ENTRY_ERRORS.has(code)) {
          retry.push(entry);
          retryOutgoing.push(outgoing[i]!);
        } else {
          countAt(bus, 'entriesFailed', clock.nowMs());
        }
      });
      if (retry.length === 0) break;
      const delayMs = Math.min(1_000, context.resendBaseDelayMs * 2 ** resend);
      await clock.sleepUntilMs(clock.nowMs() + delayMs, stopSignal);
      if (stopSignal.aborted) {
        // No resends after a stop: those entries end failed (they were sent and failed).
        countAt(bus, 'entriesFailed', clock.nowMs(), retry.length);
        break;
      }
      counters.entriesResent += retry.length;
      pending = retry;
      outgoing = retryOutgoing;
    }
  } finally {
    context.buses.recordBatchLatency(producer.bus, bus, lastResponseMs, lastResponseMs - latencyStartMs);
    context.releaseSlot();
  }
}
