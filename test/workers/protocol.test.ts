/**
 * The main-thread <-> worker contract: the progress fields, and which plan slice a worker
 * of a shard runs (the shards' union is the whole plan: see test/run/shard.test.ts for it on real plans).
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { emptyCounters } from '../../src/metrics/counters.js';
import { PROGRESS_COUNT_FIELDS, type WorkerProgress, workerSlice } from '../../src/workers/protocol.js';

describe('PROGRESS_COUNT_FIELDS', () => {
  it('names counters a worker has, each once', () => {
    const counters = emptyCounters();
    expect(PROGRESS_COUNT_FIELDS).toEqual([
      'entriesPlanned',
      'calls',
      'attempts',
      'attemptsSucceeded',
      'attemptsThrottled',
      'entriesSucceeded',
      'entriesFailed',
      'entriesDropped',
      'billableChunks',
    ]);
    for (const field of PROGRESS_COUNT_FIELDS) expect(counters).toHaveProperty(field, 0);
  });
});

describe('workerSlice', () => {
  it('is the worker itself without a shard', () => {
    expect(workerSlice({ workerIndex: 0, workerCount: 1 })).toEqual({ index: 0, count: 1 });
    expect(workerSlice({ workerIndex: 2, workerCount: 4 })).toEqual({ index: 2, count: 4 });
    expect(workerSlice({ workerIndex: 2, workerCount: 4, shard: { index: 0, count: 1 } })).toEqual({
      index: 2,
      count: 4,
    });
  });

  it('interleaves the shards: worker w of W on shard s of n runs slice w*n + s of W*n', () => {
    const slices = (shardIndex: number): number[] =>
      [0, 1, 2].map(
        (workerIndex) =>
          workerSlice({ workerIndex, workerCount: 3, shard: { index: shardIndex, count: 2 } }).index,
      );
    expect(slices(0)).toEqual([0, 2, 4]);
    expect(slices(1)).toEqual([1, 3, 5]);
    expect(workerSlice({ workerIndex: 1, workerCount: 3, shard: { index: 1, count: 2 } }).count).toBe(6);
    // every slice index mod n is the shard's index: a shard's batches do not depend on its worker count
    for (const workerCount of [1, 2, 5]) {
      for (let workerIndex = 0; workerIndex < workerCount; workerIndex++) {
        expect(workerSlice({ workerIndex, workerCount, shard: { index: 2, count: 3 } }).index % 3).toBe(2);
      }
    }
  });
});

describe('messages', () => {
  it('a progress message survives the structured clone of a MessagePort unchanged', async () => {
    const { port1, port2 } = new MessageChannel();
    const message: WorkerProgress = {
      kind: 'progress',
      workerIndex: 1,
      atEpochMs: 1_765_000_000_000,
      buses: {
        orders: {
          entriesPlanned: 10,
          calls: 1,
          attempts: 2,
          attemptsSucceeded: 1,
          billableChunks: 10,
          entriesSucceeded: 10,
          entriesFailed: 0,
          entriesDropped: 0,
          attemptsThrottled: 1,
          maxLatencyMs: 12.5,
          latencyHistogram: '',
        },
      },
    };
    const received = new Promise((resolve) => port2.once('message', resolve));
    port1.postMessage(message);
    expect(await received).toEqual(message);
    port1.close();
    port2.close();
  });
});
