import { describe, expect, it } from 'vitest';
import { REQUEST_LIMIT_BYTES } from '../../src/eventbridge/limits.js';
import type { Batching } from '../../src/scenario/types.js';
import { batchEntries, type PlannedEntry } from '../../src/schedule/batches.js';

/** Entries arriving at the given times (ms) with the given sizes (bytes, default 100). */
const entries = (times: number[], sizes: number[] = []): PlannedEntry[] =>
  times.map((arrivalMs, seq) => ({ arrivalMs, bytes: sizes[seq] ?? 100, detailTypeIndex: 0, seq }));

const summarize = (input: PlannedEntry[], batching: Batching) =>
  [...batchEntries(input, batching)].map((batch) => ({
    sendMs: batch.intendedSendMs,
    seqs: batch.entries.map((entry) => entry.seq),
    bytes: batch.bytes,
  }));

describe('batchEntries: fixed', () => {
  it('sends every n entries at the n-th arrival; the last batch may be short', () => {
    const fixed: Batching = { kind: 'fixed', entriesPerRequest: 3 };
    expect(summarize(entries([0, 10, 20, 30, 40, 50, 60, 70]), fixed)).toEqual([
      { sendMs: 20, seqs: [0, 1, 2], bytes: 300 },
      { sendMs: 50, seqs: [3, 4, 5], bytes: 300 },
      { sendMs: 70, seqs: [6, 7], bytes: 200 },
    ]);
  });

  it('never exceeds 10 entries even if asked for more', () => {
    const times = Array.from({ length: 25 }, (_, i) => i);
    const batches = summarize(entries(times), { kind: 'fixed', entriesPerRequest: 50 });
    expect(batches.map((b) => b.seqs.length)).toEqual([10, 10, 5]);
    expect(batches.map((b) => b.sendMs)).toEqual([9, 19, 24]);
  });

  it('closes a batch early at the byte budget; sent when the entry that did not fit arrives', () => {
    const big = 400_000;
    const input = entries([0, 1, 2, 3, 4], [big, big, big, 100, 100]);
    expect(summarize(input, { kind: 'fixed', entriesPerRequest: 10 })).toEqual([
      { sendMs: 2, seqs: [0, 1], bytes: 800_000 },
      { sendMs: 4, seqs: [2, 3, 4], bytes: 400_200 },
    ]);
  });

  it('a batch exactly at the byte budget is allowed', () => {
    const half = REQUEST_LIMIT_BYTES / 2;
    const batches = summarize(entries([0, 1, 2], [half, half, 10]), { kind: 'fixed', entriesPerRequest: 10 });
    expect(batches.map((b) => b.bytes)).toEqual([REQUEST_LIMIT_BYTES, 10]);
    expect(batches[0]!.sendMs).toBe(2);
  });

  it('a single entry of the full request limit goes alone', () => {
    const batches = summarize(entries([0, 1, 2], [100, REQUEST_LIMIT_BYTES, 100]), {
      kind: 'fixed',
      entriesPerRequest: 10,
    });
    expect(batches.map((b) => b.seqs)).toEqual([[0], [1], [2]]);
  });
});

describe('batchEntries: linger', () => {
  it('sends at maxEntries or first arrival + lingerMs, whichever is first', () => {
    const linger: Batching = { kind: 'linger', maxEntries: 3, lingerMs: 20 };
    // 0,5,10 -> full at 10; 30,35 -> linger cut at 50 (next arrives at 60); 60 alone -> 80 (end of run)
    expect(summarize(entries([0, 5, 10, 30, 35, 60]), linger)).toEqual([
      { sendMs: 10, seqs: [0, 1, 2], bytes: 300 },
      { sendMs: 50, seqs: [3, 4], bytes: 200 },
      { sendMs: 80, seqs: [5], bytes: 100 },
    ]);
  });

  it('an entry arriving exactly at the deadline starts the next batch', () => {
    const linger: Batching = { kind: 'linger', maxEntries: 10, lingerMs: 20 };
    expect(summarize(entries([0, 20, 25]), linger)).toEqual([
      { sendMs: 20, seqs: [0], bytes: 100 },
      { sendMs: 40, seqs: [1, 2], bytes: 200 },
    ]);
  });

  it('lingerMs 0 sends each entry on arrival (unless several arrive at once)', () => {
    const linger: Batching = { kind: 'linger', maxEntries: 10, lingerMs: 0 };
    expect(summarize(entries([0, 1, 2]), linger).map((b) => b.sendMs)).toEqual([0, 1, 2]);
  });

  it('the byte budget cuts before the linger deadline', () => {
    const linger: Batching = { kind: 'linger', maxEntries: 10, lingerMs: 100 };
    const input = entries([0, 10, 20], [600_000, 600_000, 10]);
    expect(summarize(input, linger)).toEqual([
      { sendMs: 10, seqs: [0], bytes: 600_000 },
      { sendMs: 110, seqs: [1, 2], bytes: 600_010 },
    ]);
  });

  it('intended send times never decrease and every entry is batched once', () => {
    const times = Array.from({ length: 500 }, (_, i) => i * 3.7);
    const sizes = times.map((_, i) => (i % 7 === 0 ? 300_000 : 1000));
    for (const batching of [
      { kind: 'linger', maxEntries: 4, lingerMs: 9 },
      { kind: 'fixed', entriesPerRequest: 10 },
    ] as Batching[]) {
      const batches = [...batchEntries(entries(times, sizes), batching)];
      const seqs = batches.flatMap((b) => b.entries.map((e) => e.seq));
      expect(seqs).toEqual(times.map((_, i) => i));
      for (let i = 1; i < batches.length; i++) {
        expect(batches[i]!.intendedSendMs).toBeGreaterThanOrEqual(batches[i - 1]!.intendedSendMs);
      }
      for (const batch of batches) {
        expect(batch.bytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
        expect(batch.entries.length).toBeLessThanOrEqual(10);
        // sent no earlier than its last entry arrived
        expect(batch.intendedSendMs).toBeGreaterThanOrEqual(
          batch.entries[batch.entries.length - 1]!.arrivalMs,
        );
      }
    }
  });
});

describe('batchEntries: the producer byte budget (batching.maxBytes)', () => {
  it('closes linger batches before they exceed the budget, and never exceeds 10 entries', () => {
    const input = entries([0, 1, 2, 3, 4, 5], [3000, 3000, 3000, 3000, 100, 100]);
    const batching: Batching = { kind: 'linger', maxEntries: 10, lingerMs: 100, maxBytes: 8000 };
    expect(summarize(input, batching)).toEqual([
      { sendMs: 2, seqs: [0, 1], bytes: 6000 }, // the third 3,000 B entry would make 9,000 > 8,000
      { sendMs: 102, seqs: [2, 3, 4, 5], bytes: 6200 },
    ]);
  });

  it('a budget above the request limit is capped at the limit', () => {
    const big = 600_000;
    const input = entries([0, 1], [big, big]);
    const batching: Batching = { kind: 'fixed', entriesPerRequest: 10, maxBytes: 5 * REQUEST_LIMIT_BYTES };
    expect(summarize(input, batching).map((b) => b.seqs)).toEqual([[0], [1]]);
  });

  it('every batch of a random stream respects 10 entries and the budget (property)', () => {
    const sizes = Array.from({ length: 500 }, (_, i) => 100 + ((i * 7919) % 4000));
    const input = entries(
      sizes.map((_, i) => i * 3),
      sizes,
    );
    const batching: Batching = { kind: 'linger', maxEntries: 10, lingerMs: 25, maxBytes: 12_000 };
    const batches = [...batchEntries(input, batching)];
    expect(batches.flatMap((b) => b.entries.map((e) => e.seq))).toEqual(sizes.map((_, i) => i));
    for (const batch of batches) {
      expect(batch.entries.length).toBeLessThanOrEqual(10);
      expect(batch.bytes).toBeLessThanOrEqual(12_000);
      expect(batch.bytes).toBe(batch.entries.reduce((sum, e) => sum + e.bytes, 0));
    }
  });
});
