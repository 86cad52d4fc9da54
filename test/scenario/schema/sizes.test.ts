import { describe, expect, it } from 'vitest';
import {
  batchingSchema,
  entryBytesSchema,
  SUPPORTED_SIZE_DISTS,
} from '../../../src/scenario/schema/sizes.js';

const messageOf = (result: { error?: { issues: Array<{ message: string }> } | undefined }) =>
  result.error?.issues[0]?.message;

describe('entryBytesSchema', () => {
  it('takes a size or a distribution, in bytes', () => {
    expect(entryBytesSchema.parse('2KB')).toBe(2048);
    expect(entryBytesSchema.parse({ dist: 'uniform', min: 100, max: '1KB' })).toEqual({
      dist: 'uniform',
      min: 100,
      max: 1024,
    });
    expect(entryBytesSchema.parse({ dist: 'empirical', table: [{ bytes: 512, weight: 7 }] })).toEqual({
      dist: 'empirical',
      table: [{ bytes: 512, weight: 7 }],
    });
  });

  it('names an unknown distribution with the supported ones', () => {
    expect(SUPPORTED_SIZE_DISTS).toEqual(['fixed', 'uniform', 'lognormal', 'empirical']);
    const union = entryBytesSchema.safeParse({ dist: 'pareto' });
    expect(JSON.stringify(union.error?.issues)).toContain(
      'unknown entry size dist \\"pareto\\" (supported: fixed, uniform, lognormal, empirical)',
    );
  });
});

describe('batchingSchema', () => {
  it('is fixed or linger, with 1 to 10 entries', () => {
    expect(batchingSchema.parse({ entriesPerRequest: 10 })).toEqual({ entriesPerRequest: 10 });
    expect(batchingSchema.parse({ maxEntries: 3, lingerMs: 0, maxBytes: '1MB' })).toEqual({
      maxEntries: 3,
      lingerMs: 0,
      maxBytes: 1_048_576,
    });
    expect(batchingSchema.safeParse({ entriesPerRequest: 11 }).success).toBe(false);
    expect(messageOf(batchingSchema.safeParse('ten'))).toBe(
      'expected { entriesPerRequest: 1..10, maxBytes? } or { maxEntries: 1..10, lingerMs: >= 0, maxBytes? }; got "ten"',
    );
  });
});
