import { describe, expect, it } from 'vitest';
import { busSchema } from '../../../src/scenario/schema/buses.js';

describe('busSchema', () => {
  it('fills logging off and one trail copy', () => {
    expect(busSchema.parse({ name: 'orders', classification: 'regulated' })).toEqual({
      name: 'orders',
      classification: 'regulated',
      logging: 'off',
      trailCopies: 1,
    });
  });

  it('takes the logging object with its defaults and exclusions', () => {
    const bus = busSchema.parse({
      name: 'orders',
      classification: 'production',
      logging: { mode: 'trail', exclude: [{ field: 'eventName', equals: ['PutEvents'] }] },
    });
    expect(bus.logging).toEqual({
      mode: 'trail',
      insights: false,
      lakeQueryGbPerMonth: 0,
      exclude: [{ field: 'eventName', equals: ['PutEvents'] }],
    });
  });

  it('says what a classification and a logging mode must be', () => {
    const result = busSchema.safeParse({ name: 'orders', classification: 'secret', logging: 'always' });
    const messages = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(messages[0]).toMatch(/^classification: expected one of .* got "secret"$/);
    expect(messages[1]).toMatch(/^logging: expected one of .*; got "always"$/);
  });

  it('an exclusion takes exactly one operator', () => {
    const result = busSchema.safeParse({
      name: 'orders',
      classification: 'regulated',
      logging: { mode: 'trail', exclude: [{ field: 'eventName', equals: ['a'], endsWith: ['b'] }] },
    });
    expect(result.success).toBe(false);
  });
});
