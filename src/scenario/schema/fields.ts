/**
 * The building blocks of the scenario schema: every field type carries its own error message saying what
 * was expected, so a problem reads `producers[2].rate: must not be negative; ...` rather than zod's generic
 * text, and every object is strict (an unknown key is an error that names the keys allowed).
 */
import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID } from '../../eventbridge/limits.js';
import {
  DURATION_FORMS,
  DURATION_PATTERN,
  describeValue,
  parseBytes,
  parseDurationMs,
  parseRatePerSec,
  RATE_FORMS,
  RATE_PATTERN,
  SIZE_FORMS,
  SIZE_PATTERN,
  type UnitResult,
} from '../units.js';

/** Names of scenarios, buses and producers: lowercase letters, digits and '-'. */
const NAME_RE = /^[a-z0-9-]+$/;
/** AWS region codes: us-east-1, eu-west-2, ap-southeast-2, us-gov-west-1, ... */
export const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** IAM principals a producer can publish as (role, user, assumed-role session, account root). */
const PRINCIPAL_RE = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/-]+$/;

export type RawIssue = z.core.$ZodRawIssue;

/**
 * An error map that says what was expected: `is required; expected X` when the key is missing,
 * `expected X; got Y` otherwise.
 */
export function expecting(expected: string): (issue: RawIssue) => string {
  return (issue) =>
    issue.input === undefined
      ? `is required; expected ${expected}`
      : `expected ${expected}; got ${describeValue(issue.input)}`;
}

/** The `{ error }` parameter of a schema or check that expects `expected`. */
export function says(expected: string): { error: (issue: RawIssue) => string } {
  return { error: expecting(expected) };
}

/**
 * A strict object: an unknown key is reported (one problem per key by the loader) with the keys that
 * are allowed; anything but a mapping is reported as "expected <what>".
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, what: string) {
  const allowed = Object.keys(shape).join(', ');
  const wrongType = expecting(what);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${allowed}` : wrongType(issue),
  });
}

export function integer(min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  const params = says(`an integer ${range}`);
  const schema = z.int(params).min(min, params);
  return max === undefined ? schema : schema.max(max, params);
}

export function probability() {
  const params = says('a probability from 0 to 1');
  return z.number(params).min(0, params).max(1, params);
}

export function nonNegativeMs(what: string) {
  const params = says(`${what} in milliseconds (a number >= 0)`);
  return z.number(params).min(0, params);
}

export function name(kind: string, maxChars: number) {
  const params = says(
    `a ${kind} name of lowercase letters, digits and '-' ([a-z0-9-]+), 1 to ${maxChars} chars`,
  );
  return z.string(params).min(1, params).max(maxChars, params).regex(NAME_RE, params);
}

export function nonEmptyString(what: string) {
  const params = says(what);
  return z.string(params).min(1, params);
}

/** A DetailType: the PutEvents documentation gives 128 characters as its maximum. */
export function detailType() {
  const params = says('a detail type of 1 to 128 chars such as OrderPlaced');
  return z.string(params).min(1, params).max(128, params);
}

export function principalArn() {
  const params = says(
    `an IAM principal ARN such as arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/checkout-producer`,
  );
  return z.string(params).regex(PRINCIPAL_RE, params);
}

export function listOf<T extends z.ZodType>(item: T, what: string) {
  const params = says(`a list of at least one ${what}`);
  return z.array(item, params).min(1, params);
}

export type UnitPolicy = 'positive' | 'non-negative';

/**
 * A value with a unit, written as a string or a number, transformed to its canonical number.
 * The JSON Schema gets the accepted string pattern; validation goes through the parser so the message
 * names the forms that are accepted.
 */
export function unitValue(
  parse: (input: string | number) => UnitResult,
  forms: string,
  pattern: string,
  policy: UnitPolicy,
  meta: { description: string; examples: Array<string | number> },
) {
  const numberBound = policy === 'positive' ? { exclusiveMinimum: 0 } : { minimum: 0 };
  return z
    .union([z.string().meta({ pattern }), z.number().meta(numberBound)], says(forms))
    .transform((input, ctx) => {
      const result = parse(input);
      if (!result.ok) {
        ctx.issues.push({ code: 'custom', message: result.message, input });
        return z.NEVER;
      }
      if (policy === 'positive' && result.value <= 0) {
        ctx.issues.push({
          code: 'custom',
          message: `must be > 0; got ${describeValue(input)} (expected ${forms})`,
          input,
        });
        return z.NEVER;
      }
      return result.value;
    })
    .meta(meta);
}

export function rate(policy: UnitPolicy, description: string) {
  return unitValue(parseRatePerSec, RATE_FORMS, RATE_PATTERN, policy, {
    description,
    examples: ['50/s', '3000/min', '100/h', 25],
  });
}

export function size(description: string) {
  return unitValue(parseBytes, SIZE_FORMS, SIZE_PATTERN, 'positive', {
    description,
    examples: [600, '512B', '1.2KB', '2MB'],
  });
}

export const durationSchema = (description: string) =>
  unitValue(parseDurationMs, DURATION_FORMS, DURATION_PATTERN, 'positive', {
    description,
    examples: ['30s', '2m', '1h'],
  });

/** Message for a discriminator value that is missing or unknown. */
export function unsupportedKindMessage(what: string, input: unknown, supported: readonly string[]): string {
  const field = what.split(' ').pop() ?? what;
  const value =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
  const list = supported.join(', ');
  if (value === undefined) return `is required; expected one of: ${list}`;
  return `unknown ${what} ${describeValue(value)} (supported: ${list})`;
}
