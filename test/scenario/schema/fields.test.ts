import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  detailType,
  durationSchema,
  integer,
  listOf,
  name,
  nonNegativeMs,
  principalArn,
  probability,
  REGION_RE,
  rate,
  size,
  strictObject,
  unsupportedKindMessage,
} from '../../../src/scenario/schema/fields.js';

/** The messages of a failed parse, as `path: message`. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('field types say what they expected', () => {
  it('integers in a range', () => {
    expect(problems(integer(1, 10), 11)).toEqual([': expected an integer from 1 to 10; got 11']);
    expect(problems(integer(1), 1.5)).toEqual([': expected an integer >= 1; got 1.5']);
    expect(problems(z.object({ n: integer(1) }), {})).toEqual(['n: is required; expected an integer >= 1']);
  });

  it('probabilities and milliseconds', () => {
    expect(problems(probability(), 1.5)).toEqual([': expected a probability from 0 to 1; got 1.5']);
    expect(problems(nonNegativeMs('a linger time'), -1)).toEqual([
      ': expected a linger time in milliseconds (a number >= 0); got -1',
    ]);
  });

  it('names, detail types and principals', () => {
    expect(problems(name('bus', 8), 'Orders')).toEqual([
      `: expected a bus name of lowercase letters, digits and '-' ([a-z0-9-]+), 1 to 8 chars; got "Orders"`,
    ]);
    expect(problems(detailType(), 'x'.repeat(129))[0]).toMatch(
      /^: expected a detail type of 1 to 128 chars such as OrderPlaced; got/,
    );
    expect(problems(principalArn(), 'arn:aws:iam::111122223333:role/x')).toEqual([]);
    expect(problems(principalArn(), 'role/x')).toEqual([
      ': expected an IAM principal ARN such as arn:aws:iam::111122223333:role/checkout-producer; got "role/x"',
    ]);
  });

  it('non-empty lists', () => {
    expect(problems(listOf(z.string(), 'bus'), [])).toEqual([
      ': expected a list of at least one bus; got an empty list',
    ]);
  });

  it('AWS region codes', () => {
    expect(['us-east-1', 'us-gov-west-1', 'ap-southeast-2'].every((region) => REGION_RE.test(region))).toBe(
      true,
    );
    expect(['us-east', 'US-EAST-1', 'mars'].some((region) => REGION_RE.test(region))).toBe(false);
  });
});

describe('unit values become numbers', () => {
  it('rates to entries/s, sizes to bytes, durations to ms', () => {
    expect(rate('positive', 'r').parse('3000/min')).toBe(50);
    expect(rate('non-negative', 'r').parse(0)).toBe(0);
    expect(size('s').parse('1.5KB')).toBe(1536);
    expect(durationSchema('d').parse('2m')).toBe(120_000);
    expect(durationSchema('d').parse(3)).toBe(3000);
  });

  it('a positive unit refuses 0, naming the forms', () => {
    expect(problems(rate('positive', 'r'), '0/s')).toEqual([
      ': must be > 0; got "0/s" (expected a rate such as "50/s", "3000/min", "100/h" or a number of entries per second)',
    ]);
  });
});

describe('strictObject', () => {
  it('lists the keys allowed for an unknown one, and the form for something else', () => {
    const schema = strictObject({ a: z.number(), b: z.number().optional() }, '{ a, b? }');
    expect(problems(schema, { a: 1, c: 2 })).toEqual([': unknown key; expected one of: a, b']);
    expect(problems(schema, 'text')).toEqual([': expected { a, b? }; got "text"']);
  });
});

describe('unsupportedKindMessage', () => {
  it('says the discriminator is required, or unknown with the supported values', () => {
    expect(unsupportedKindMessage('shape kind', {}, ['constant', 'ramp'])).toBe(
      'is required; expected one of: constant, ramp',
    );
    expect(unsupportedKindMessage('shape kind', { kind: 'zigzag' }, ['constant', 'ramp'])).toBe(
      'unknown shape kind "zigzag" (supported: constant, ramp)',
    );
    expect(unsupportedKindMessage('entry size dist', { dist: 3 }, ['fixed'])).toBe(
      'unknown entry size dist 3 (supported: fixed)',
    );
  });
});
