import { describe, expect, it } from 'vitest';
import { entrySizeBytes, REQUEST_LIMIT_BYTES } from '../../src/eventbridge/limits.js';
import type { EntrySize } from '../../src/scenario/types.js';
import {
  buildEntry,
  createSizeSampler,
  createWeightedPicker,
  expectedChunksPerEntry,
  minEntryBytes,
  Z_P99,
} from '../../src/schedule/entry-size.js';
import { createRng } from '../../src/schedule/rng.js';

describe('buildEntry', () => {
  const source = 'com.shop.checkout';
  const type = 'OrderPlaced';

  it.each([
    minEntryBytes(source, type),
    minEntryBytes(source, type) + 1,
    minEntryBytes(source, type) + 8,
    minEntryBytes(source, type) + 9,
    minEntryBytes(source, type) + 20,
    100,
    1229,
    65_536,
    65_537,
    262_144,
    REQUEST_LIMIT_BYTES,
  ])('hits %d bytes exactly with a JSON object Detail', (target) => {
    const entry = buildEntry(source, type, target, 12345);
    expect(entrySizeBytes(entry)).toBe(target);
    const detail: unknown = JSON.parse(entry.Detail);
    expect(typeof detail === 'object' && detail !== null && !Array.isArray(detail)).toBe(true);
    expect(entry.Source).toBe(source);
    expect(entry.DetailType).toBe(type);
  });

  it('writes the sequence number when there is room', () => {
    expect(JSON.parse(buildEntry('s', 't', 200, 7).Detail)).toMatchObject({ seq: 7 });
    expect(buildEntry('s', 't', 2 + 9, 7).Detail).toBe('{"seq":7}');
    expect(buildEntry('s', 't', 2 + 10, 7).Detail).toBe('{"seq":7 }');
    expect(buildEntry('s', 't', 2 + 4, 7).Detail).toBe('{  }');
  });

  it('counts multi-byte Source and DetailType in UTF-8', () => {
    const entry = buildEntry('ü.src', 'Typé', 64, 1);
    expect(entrySizeBytes(entry)).toBe(64);
  });

  it('rejects a target below the minimum', () => {
    expect(minEntryBytes('s', 't')).toBe(4);
    expect(() => buildEntry('s', 't', 3, 0)).toThrow(RangeError);
    expect(() => buildEntry('s', 't', 10.5, 0)).toThrow(RangeError);
  });
});

describe('createSizeSampler', () => {
  it('fixed sizes are clamped to [min, limit]', () => {
    const rng = createRng(1);
    expect(createSizeSampler({ dist: 'fixed', bytes: 2048 }, rng, 40)()).toBe(2048);
    expect(createSizeSampler({ dist: 'fixed', bytes: 10 }, rng, 40)()).toBe(40);
    expect(createSizeSampler({ dist: 'fixed', bytes: 5_000_000 }, rng, 40)()).toBe(REQUEST_LIMIT_BYTES);
  });

  it('lognormal from p50/p99: empirical quantiles match, reproducible by seed', () => {
    const spec = { dist: 'lognormal', p50Bytes: 1229, p99Bytes: 24_576 } as const;
    const sample = createSizeSampler(spec, createRng(99), 30);
    const sizes = Array.from({ length: 200_000 }, sample).sort((a, b) => a - b);
    const p50 = sizes[100_000]!;
    const p99 = sizes[198_000]!;
    expect(Math.abs(p50 / 1229 - 1)).toBeLessThan(0.02);
    expect(Math.abs(p99 / 24_576 - 1)).toBeLessThan(0.05);
    for (const size of sizes.slice(0, 10)) expect(Number.isInteger(size) && size >= 30).toBe(true);
    const again = createSizeSampler(spec, createRng(99), 30);
    expect(Array.from({ length: 5 }, again)).toEqual(
      Array.from({ length: 5 }, createSizeSampler(spec, createRng(99), 30)),
    );
    expect(Z_P99).toBeCloseTo(2.326347874, 9);
  });

  it('lognormal is clamped to the request limit', () => {
    const sample = createSizeSampler(
      { dist: 'lognormal', p50Bytes: 900_000, p99Bytes: 10_000_000 },
      createRng(3),
      30,
    );
    const sizes = Array.from({ length: 1000 }, sample);
    expect(Math.max(...sizes)).toBe(REQUEST_LIMIT_BYTES);
  });
});

describe('createSizeSampler: uniform and empirical', () => {
  it('uniform draws whole bytes from [min, max], both ends included, each about equally often', () => {
    const sample = createSizeSampler({ dist: 'uniform', minBytes: 100, maxBytes: 103 }, createRng(5), 30);
    const counts = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const size = sample();
      counts.set(size, (counts.get(size) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([100, 101, 102, 103]);
    for (const count of counts.values()) expect(Math.abs(count / 10_000 - 1)).toBeLessThan(0.05);
  });

  it("empirical draws the table's sizes by weight, clamped to the producer's budget", () => {
    const spec: EntrySize = {
      dist: 'empirical',
      table: [
        { bytes: 512, weight: 7 },
        { bytes: 4096, weight: 2 },
        { bytes: 200_000, weight: 1 },
      ],
    };
    const sample = createSizeSampler(spec, createRng(11), 30, 100_000);
    const sizes = Array.from({ length: 50_000 }, sample);
    const share = (bytes: number): number => sizes.filter((size) => size === bytes).length / sizes.length;
    expect(share(512)).toBeCloseTo(0.7, 1);
    expect(share(4096)).toBeCloseTo(0.2, 1);
    expect(share(100_000)).toBeCloseTo(0.1, 1); // 200,000 B clamped to the 100,000 B budget
  });
});

describe('createWeightedPicker', () => {
  it('maps uniforms to indexes by cumulative weight', () => {
    const values = [0, 0.49, 0.5, 0.74, 0.75, 0.999];
    let i = 0;
    const pick = createWeightedPicker([2, 1, 1], () => values[i++]!);
    expect(values.map(() => pick())).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('one weight never draws; bad weights are refused', () => {
    const pick = createWeightedPicker([5], () => {
      throw new Error('drew');
    });
    expect(pick()).toBe(0);
    expect(() => createWeightedPicker([], Math.random)).toThrow(RangeError);
    expect(() => createWeightedPicker([1, 0], Math.random)).toThrow(RangeError);
  });
});

describe('expectedChunksPerEntry', () => {
  it.each([
    [{ dist: 'fixed', bytes: 65_536 }, 1],
    [{ dist: 'fixed', bytes: 65_537 }, 2],
    // 61,440..71,680 B: 4,097 sizes bill 1 chunk, 6,144 bill 2
    [{ dist: 'uniform', minBytes: 61_440, maxBytes: 71_680 }, 1 + 6144 / 10_241],
    [
      {
        dist: 'empirical',
        table: [
          { bytes: 1024, weight: 3 },
          { bytes: 102_400, weight: 1 },
        ],
      },
      1.25,
    ],
    [{ dist: 'lognormal', p50Bytes: 1000, p99Bytes: 2000 }, null],
  ] as Array<[EntrySize, number | null]>)('%o -> %s', (spec, expected) => {
    const value = expectedChunksPerEntry(spec);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 12);
  });
});

describe("expectedChunksPerEntry: exact values (moved from the model's test-only copy)", () => {
  it('uniform and empirical sizes are exact expected chunks', () => {
    expect(expectedChunksPerEntry({ dist: 'uniform', minBytes: 60_000, maxBytes: 70_000 })).toBe(
      1 + 4464 / 10_001,
    );
    expect(
      expectedChunksPerEntry({
        dist: 'empirical',
        table: [
          { bytes: 1024, weight: 3 },
          { bytes: 102_400, weight: 1 },
        ],
      }),
    ).toBe(1.25);
  });
});
