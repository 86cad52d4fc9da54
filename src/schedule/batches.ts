/**
 * The batcher: how one producer instance groups its arriving entries into PutEvents requests.
 * Pure and streaming: it reads entries in arrival order and yields each batch as soon as it is closed.
 *
 * Every batch respects AWS's limits (docs/aws-behaviour.md §2): at most 10 entries and at most 1,048,576 entry bytes in
 * total. An entry that would break the byte budget closes the batch early and starts the next one.
 */

import { MAX_ENTRIES_PER_REQUEST, REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import type { Batching } from '../scenario/types.js';

/** One planned entry: when it arrives at its producer instance and how big it will be. */
export interface PlannedEntry {
  /** Intended arrival, ms from the start of the schedule. */
  arrivalMs: number;
  /** Size by AWS's entry-size formula (the built entry hits it exactly). */
  bytes: number;
  /** Index into the producer's detailTypes. */
  detailTypeIndex: number;
  /** 0-based number of the entry within its producer instance. */
  seq: number;
}

/** A closed batch: the entries of one PutEvents request and when the producer intends to send it. */
export interface EntryBatch {
  /** Intended send time, ms from the start of the schedule. */
  intendedSendMs: number;
  entries: PlannedEntry[];
  /** Sum of the entries' bytes (<= REQUEST_LIMIT_BYTES). */
  bytes: number;
}

/** Limits the batcher works under (defaults: AWS's). */
export interface BatchLimits {
  maxEntries: number;
  maxBytes: number;
}

const AWS_LIMITS: BatchLimits = { maxEntries: MAX_ENTRIES_PER_REQUEST, maxBytes: REQUEST_LIMIT_BYTES };

/**
 * Groups entries (ascending arrivalMs) into batches.
 *
 * - fixed `entriesPerRequest: n`: a batch closes at its n-th entry and is sent at that entry's arrival;
 *   the last batch of the run may carry fewer and is sent at its last entry's arrival.
 * - linger `maxEntries: n, lingerMs: w`: a batch is sent at its n-th entry's arrival or at its first
 *   entry's arrival + w, whichever is first (an entry arriving exactly at the deadline goes to the next one).
 * - byte budget (both): an entry that would take the batch over the producer's `maxBytes` (at most the
 *   request limit) closes it; the producer learns that when the entry arrives, so the batch is sent at that
 *   entry's arrival and the entry starts the next. Entries are never larger than the budget (the plan clamps
 *   sizes to it), so every batch is a valid request.
 *
 * Intended send times are non-decreasing.
 * @param entries - one instance's planned entries in arrival order
 * @param batching - the producer's batching
 * @param limits - request limits (AWS's by default); the producer's byte budget applies within them
 */
export function* batchEntries(
  entries: Iterable<PlannedEntry>,
  batching: Batching,
  limits: BatchLimits = AWS_LIMITS,
): Generator<EntryBatch, void, undefined> {
  const wanted = batching.kind === 'fixed' ? batching.entriesPerRequest : batching.maxEntries;
  const maxEntries = Math.max(1, Math.min(limits.maxEntries, Math.floor(wanted)));
  const lingerMs = batching.kind === 'linger' ? Math.max(0, batching.lingerMs) : Number.POSITIVE_INFINITY;
  const maxBytes = Math.min(limits.maxBytes, batching.maxBytes ?? limits.maxBytes);
  let current: PlannedEntry[] = [];
  let currentBytes = 0;
  let deadlineMs = Number.POSITIVE_INFINITY;

  for (const entry of entries) {
    if (current.length > 0) {
      if (entry.arrivalMs >= deadlineMs) {
        yield { intendedSendMs: deadlineMs, entries: current, bytes: currentBytes };
        current = [];
        currentBytes = 0;
      } else if (currentBytes + entry.bytes > maxBytes) {
        yield { intendedSendMs: entry.arrivalMs, entries: current, bytes: currentBytes };
        current = [];
        currentBytes = 0;
      }
    }
    if (current.length === 0) deadlineMs = entry.arrivalMs + lingerMs;
    current.push(entry);
    currentBytes += entry.bytes;
    if (current.length >= maxEntries) {
      yield { intendedSendMs: entry.arrivalMs, entries: current, bytes: currentBytes };
      current = [];
      currentBytes = 0;
    }
  }
  if (current.length > 0) {
    const lastArrivalMs = current[current.length - 1]!.arrivalMs;
    const sendMs = batching.kind === 'fixed' ? lastArrivalMs : deadlineMs;
    yield { intendedSendMs: sendMs, entries: current, bytes: currentBytes };
  }
}
