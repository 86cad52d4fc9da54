/**
 * Shards of a plan: the union of every shard's batches (each shard run by any number of workers) is the
 * whole plan with no overlap; and the shard is resolved from the flag or the Kubernetes environment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseStartAt, resolveShard } from '../../src/run/shard.js';
import type { Batching, ProducerSpec } from '../../src/scenario/types.js';
import { type PlannedBatch, planBatches } from '../../src/schedule/plan.js';
import { workerSlice } from '../../src/workers/protocol.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

/** Everything that identifies a batch and its contents. */
const describeBatch = (batch: PlannedBatch): string =>
  JSON.stringify([
    batch.stream,
    batch.batchIndex,
    batch.intendedSendMs,
    batch.entries.map((entry) => [entry.arrivalMs, entry.bytes, entry.detailTypeIndex, entry.seq]),
  ]);

const producerArb: fc.Arbitrary<Partial<ProducerSpec>> = fc.record({
  instances: fc.integer({ min: 1, max: 4 }),
  shape: fc.oneof(
    fc.record({ kind: fc.constant('constant' as const), ratePerSec: fc.integer({ min: 1, max: 60 }) }),
    fc.record({
      kind: fc.constant('ramp' as const),
      fromPerSec: fc.integer({ min: 0, max: 40 }),
      toPerSec: fc.integer({ min: 1, max: 40 }),
    }),
  ),
  batching: fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), entriesPerRequest: fc.integer({ min: 1, max: 10 }) }),
    fc.record({
      kind: fc.constant('linger' as const),
      maxEntries: fc.integer({ min: 1, max: 10 }),
      lingerMs: fc.integer({ min: 1, max: 300 }),
    }),
  ) as fc.Arbitrary<Batching>,
});

describe('shards of a plan', () => {
  it('cover the whole plan exactly once, whatever the shard and worker counts', () => {
    fc.assert(
      fc.property(
        fc.array(producerArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 1000 }),
        (overrides, shardCount, workersPerShard, seed) => {
          const producers = overrides.map((override, index) =>
            makeProducer({ ...override, name: `p${index}`, bus: index % 2 === 0 ? 'orders' : 'payments' }),
          );
          const scenario = makeScenario(producers, 2000);
          const whole = [...planBatches(scenario, { index: 0, count: 1 }, seed, 2000)].map(describeBatch);
          const union: string[] = [];
          for (let shard = 0; shard < shardCount; shard++) {
            const workerCount = workersPerShard[shard]!;
            for (let workerIndex = 0; workerIndex < workerCount; workerIndex++) {
              const slice = workerSlice({
                workerIndex,
                workerCount,
                shard: { index: shard, count: shardCount },
              });
              union.push(...[...planBatches(scenario, slice, seed, 2000)].map(describeBatch));
            }
          }
          expect(union.length).toBe(whole.length);
          expect(new Set(union).size).toBe(union.length);
          expect([...union].sort()).toEqual([...whole].sort());
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('gives a shard the same batches whatever its worker count', () => {
    const scenario = makeScenario([
      makeProducer({ instances: 3, shape: { kind: 'constant', ratePerSec: 50 } }),
    ]);
    const shardBatches = (workerCount: number): string[] =>
      Array.from({ length: workerCount }, (_, workerIndex) =>
        [
          ...planBatches(
            scenario,
            workerSlice({ workerIndex, workerCount, shard: { index: 1, count: 3 } }),
            1,
            3000,
          ),
        ].map(describeBatch),
      )
        .flat()
        .sort();
    expect(shardBatches(1).length).toBeGreaterThan(0);
    expect(shardBatches(2)).toEqual(shardBatches(1));
    expect(shardBatches(3)).toEqual(shardBatches(1));
  });

  it('runs the whole plan without a shard', () => {
    expect(workerSlice({ workerIndex: 1, workerCount: 2 })).toEqual({ index: 1, count: 2 });
    expect(workerSlice({ workerIndex: 1, workerCount: 2, shard: { index: 2, count: 3 } })).toEqual({
      index: 5,
      count: 6,
    });
  });
});

describe('resolveShard', () => {
  const cases: Array<[string, Parameters<typeof resolveShard>[0], { index: number; count: number }]> = [
    ['no flag, no env', { env: {} }, { index: 0, count: 1 }],
    ['--shard 2/4', { flag: '2/4', env: { JOB_COMPLETION_INDEX: '1' } }, { index: 2, count: 4 }],
    [
      'Indexed Job + BUSLOAD_SHARD_COUNT',
      { env: { JOB_COMPLETION_INDEX: '3', BUSLOAD_SHARD_COUNT: '4' } },
      { index: 3, count: 4 },
    ],
    [
      'Indexed Job + --shard-count',
      { countFlag: 5, env: { JOB_COMPLETION_INDEX: '0', BUSLOAD_SHARD_COUNT: '4' } },
      { index: 0, count: 5 },
    ],
    ['count 1 without an index', { env: { BUSLOAD_SHARD_COUNT: '1' } }, { index: 0, count: 1 }],
  ];
  it.each(cases)('%s', (_, sources, expected) => {
    expect(resolveShard(sources)).toEqual(expected);
  });

  const bad: Array<[Parameters<typeof resolveShard>[0], RegExp]> = [
    [{ flag: '4/4', env: {} }, /--shard 4\/4: index: expected a whole number from 0 to 3/],
    [{ flag: '1/0', env: {} }, /--shard 1\/0: count: expected a whole number from 1/],
    [{ flag: 'a/b', env: {} }, /--shard a\/b: expected <index>\/<count>/],
    [{ flag: '-1/2', env: {} }, /expected <index>\/<count>/],
    [{ flag: '1/2', countFlag: 3, env: {} }, /--shard-count 3: contradicts --shard 1\/2/],
    [{ env: { JOB_COMPLETION_INDEX: '2' } }, /JOB_COMPLETION_INDEX=2: the shard count is missing/],
    [
      { env: { JOB_COMPLETION_INDEX: '4', BUSLOAD_SHARD_COUNT: '4' } },
      /JOB_COMPLETION_INDEX=4: expected a whole number from 0 to 3/,
    ],
    [{ env: { BUSLOAD_SHARD_COUNT: '3' } }, /shard count 3: the shard index is missing/],
    [
      { env: { JOB_COMPLETION_INDEX: '0', BUSLOAD_SHARD_COUNT: 'x' } },
      /BUSLOAD_SHARD_COUNT=x: expected a whole number/,
    ],
  ];
  it.each(bad)('refuses %j', (sources, message) => {
    expect(() => resolveShard(sources)).toThrow(InputError);
    expect(() => resolveShard(sources)).toThrow(message);
  });
});

describe('parseStartAt', () => {
  const now = Date.parse('2026-11-24T22:40:00Z');
  it('accepts an ISO time with a zone within the next day', () => {
    expect(parseStartAt('2026-11-24T22:41:00Z', now)).toBe(now + 60_000);
    expect(parseStartAt('2026-11-24T23:41:00.5+01:00', now)).toBe(now + 60_500);
  });
  it.each([
    ['2026-11-24 22:41', /expected an ISO 8601 time with a zone/],
    ['2026-11-24T22:41:00', /expected an ISO 8601 time with a zone/],
    ['2026-11-24T22:39:59Z', /that time has passed/],
    ['2026-11-26T22:41:00Z', /more than 24 h ahead/],
  ])('refuses %s', (value, message) => {
    expect(() => parseStartAt(value, now)).toThrow(message);
  });
});
