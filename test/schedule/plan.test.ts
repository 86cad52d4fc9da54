import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Batching, EntrySize, RateShape } from '../../src/scenario/types.js';
import { type PlannedBatch, planBatches, planEntries } from '../../src/schedule/plan.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

const key = (batch: PlannedBatch): string => `${batch.stream}/${batch.batchIndex}`;

describe('planBatches', () => {
  it('plans a constant producer exactly (whole plan)', () => {
    const scenario = makeScenario([makeProducer({ shape: { kind: 'constant', ratePerSec: 10 } })], 3000);
    const batches = [...planBatches(scenario, { index: 0, count: 1 }, 1, 3000)];
    // 30 entries at 0, 100, ..., 2900 ms; batches of 10 sent at the 10th arrival
    expect(batches.map((b) => b.intendedSendMs)).toEqual([900, 1900, 2900]);
    expect(batches.map((b) => b.entries.length)).toEqual([10, 10, 10]);
    expect(batches.map((b) => b.bytes)).toEqual([2560, 2560, 2560]);
    expect(batches[1]!.entries[0]!).toMatchObject({ arrivalMs: 1000, bytes: 256, seq: 10 });
  });

  it('merges streams in intended-send order (ties by stream)', () => {
    const scenario = makeScenario(
      [
        makeProducer({ name: 'a', instances: 2, shape: { kind: 'constant', ratePerSec: 4 } }),
        makeProducer({ name: 'b', bus: 'payments', shape: { kind: 'constant', ratePerSec: 2 } }),
      ],
      2000,
    );
    const fixedOne: Batching = { kind: 'fixed', entriesPerRequest: 1 };
    scenario.producers.forEach((producer) => {
      producer.batching = fixedOne;
    });
    const batches = [...planBatches(scenario, { index: 0, count: 1 }, 1, 2000)];
    expect(batches.map((b) => [b.intendedSendMs, b.stream])).toEqual([
      [0, 0],
      [0, 2],
      [250, 1],
      [500, 0],
      [500, 2],
      [750, 1],
      [1000, 0],
      [1000, 2],
      [1250, 1],
      [1500, 0],
      [1500, 2],
      [1750, 1],
    ]);
  });

  it('is reproducible by seed and changes with it', () => {
    const scenario = makeScenario([
      makeProducer({ entryBytes: { dist: 'lognormal', p50Bytes: 1000, p99Bytes: 20_000 }, instances: 3 }),
    ]);
    const sizes = (seed: number) =>
      [...planBatches(scenario, { index: 0, count: 1 }, seed, 5000)].map((b) => b.bytes);
    expect(sizes(7)).toEqual(sizes(7));
    expect(sizes(7)).not.toEqual(sizes(8));
  });

  it('draws detail types uniformly from the seeded stream', () => {
    const producer = makeProducer({
      detailTypes: ['A', 'B', 'C', 'D'],
      shape: { kind: 'constant', ratePerSec: 1000 },
    });
    const counts = [0, 0, 0, 0];
    for (const entry of planEntries({
      producer,
      instance: 0,
      seed: 5,
      shapeDurationMs: 40_000,
      endMs: 40_000,
    }))
      counts[entry.detailTypeIndex]! += 1;
    expect(counts.reduce((a, b) => a + b)).toBe(40_000);
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('clamps sizes so every entry can be built (minimum = source + longest detail type + "{}")', () => {
    const producer = makeProducer({
      detailTypes: ['X', 'MuchLongerDetailType'],
      entryBytes: { dist: 'fixed', bytes: 1 },
    });
    const entry = planEntries({ producer, instance: 0, seed: 1, shapeDurationMs: 1000, endMs: 1000 }).next();
    expect(entry.done).toBe(false);
    expect(entry.value).toMatchObject({
      bytes: 'com.shop.checkout'.length + 'MuchLongerDetailType'.length + 2,
    });
  });

  it('a 30 s x 3000/s plan streams without materialising (90,000 entries)', () => {
    const scenario = makeScenario(
      [makeProducer({ shape: { kind: 'constant', ratePerSec: 3000 }, instances: 6 })],
      30_000,
    );
    let entries = 0;
    let previous = -1;
    for (const batch of planBatches(scenario, { index: 0, count: 1 }, 1, 30_000)) {
      entries += batch.entries.length;
      expect(batch.intendedSendMs >= previous).toBe(true);
      previous = batch.intendedSendMs;
    }
    expect(entries).toBe(90_000);
  });

  it('rejects invalid slices', () => {
    const scenario = makeScenario([makeProducer()]);
    expect(() => planBatches(scenario, { index: 2, count: 2 }, 1, 1000).next()).toThrow(RangeError);
    expect(() => planBatches(scenario, { index: 0, count: 0 }, 1, 1000).next()).toThrow(RangeError);
  });

  it('property: the union of all slices is exactly the whole plan, no overlap, each slice in order', () => {
    const shapeArb: fc.Arbitrary<RateShape> = fc.oneof(
      fc.record({
        kind: fc.constant('constant' as const),
        ratePerSec: fc.double({ min: 0.5, max: 80, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('ramp' as const),
        fromPerSec: fc.double({ min: 0, max: 60, noNaN: true }),
        toPerSec: fc.double({ min: 0, max: 60, noNaN: true }),
      }),
    );
    const batchingArb: fc.Arbitrary<Batching> = fc.oneof(
      fc.record({ kind: fc.constant('fixed' as const), entriesPerRequest: fc.integer({ min: 1, max: 10 }) }),
      fc.record({
        kind: fc.constant('linger' as const),
        maxEntries: fc.integer({ min: 1, max: 10 }),
        lingerMs: fc.integer({ min: 0, max: 500 }),
      }),
    );
    const sizeArb: fc.Arbitrary<EntrySize> = fc.oneof(
      fc.record({ dist: fc.constant('fixed' as const), bytes: fc.integer({ min: 1, max: 400_000 }) }),
      fc.record({
        dist: fc.constant('lognormal' as const),
        p50Bytes: fc.constant(2000),
        p99Bytes: fc.constant(300_000),
      }),
    );
    const producerArb = fc.record({
      shape: shapeArb,
      batching: batchingArb,
      entryBytes: sizeArb,
      instances: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(producerArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 100, max: 3000 }),
        (specs, workerCount, seed, durationMs) => {
          const scenario = makeScenario(
            specs.map((spec, i) =>
              makeProducer({ ...spec, name: `p${i}`, bus: i % 2 === 0 ? 'orders' : 'payments' }),
            ),
            durationMs,
          );
          const whole = [...planBatches(scenario, { index: 0, count: 1 }, seed, durationMs)];
          const union = new Map<string, PlannedBatch>();
          for (let index = 0; index < workerCount; index++) {
            let previous = Number.NEGATIVE_INFINITY;
            for (const batch of planBatches(scenario, { index, count: workerCount }, seed, durationMs)) {
              expect(union.has(key(batch))).toBe(false);
              union.set(key(batch), batch);
              expect(batch.intendedSendMs).toBeGreaterThanOrEqual(previous);
              previous = batch.intendedSendMs;
            }
          }
          expect(union.size).toBe(whole.length);
          for (const batch of whole) expect(union.get(key(batch))).toEqual(batch);
        },
      ),
      { numRuns: 60, seed: 20261124 },
    );
  });
});

describe('planEntries: weighted detail types and the byte budget', () => {
  it('draws detail types by weight, reproducibly, and clamps sizes to the budget', () => {
    const producer = makeProducer({
      detailTypes: ['OrderPlaced', 'OrderCancelled'],
      detailTypeWeights: [9, 1],
      shape: { kind: 'constant', ratePerSec: 1000 },
      entryBytes: { dist: 'fixed', bytes: 50_000 },
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 10, maxBytes: 20_000 },
    });
    const entries = [
      ...planEntries({ producer, instance: 0, seed: 3, shapeDurationMs: 20_000, endMs: 20_000 }),
    ];
    expect(entries).toHaveLength(20_000);
    const cancelled = entries.filter((entry) => entry.detailTypeIndex === 1).length / entries.length;
    expect(cancelled).toBeGreaterThan(0.09);
    expect(cancelled).toBeLessThan(0.11);
    expect(new Set(entries.map((entry) => entry.bytes))).toEqual(new Set([20_000]));
    expect(
      [...planEntries({ producer, instance: 0, seed: 3, shapeDurationMs: 20_000, endMs: 20_000 })].map(
        (e) => e.detailTypeIndex,
      ),
    ).toEqual(entries.map((e) => e.detailTypeIndex));
  });
});
