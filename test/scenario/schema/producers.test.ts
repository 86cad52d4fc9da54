import { describe, expect, it } from 'vitest';
import { producerSchema } from '../../../src/scenario/schema/producers.js';

const BASE = {
  name: 'checkout',
  bus: 'orders',
  source: 'com.shop',
  detailTypes: ['OrderPlaced', { name: 'OrderCancelled', weight: 2 }],
  rate: '10/s',
  batching: { entriesPerRequest: 10 },
  entryBytes: 512,
};

describe('producerSchema', () => {
  it('fills one instance and the default retry policy', () => {
    expect(producerSchema.parse(BASE)).toEqual({
      ...BASE,
      rate: 10,
      instances: 1,
      retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 2 },
    });
  });

  it('says what instances, a principal and a detail type must be', () => {
    const result = producerSchema.safeParse({
      ...BASE,
      instances: 0,
      principal: 'me',
      detailTypes: [{ name: 'X', weight: 0 }],
    });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'principal: expected an IAM principal ARN such as arn:aws:iam::111122223333:role/checkout-producer; got "me"',
      'detailTypes.0.weight: expected a weight > 0; got 0',
      'instances: expected an integer from 1 to 1000; got 0',
    ]);
  });

  it('refuses a retry with more than 10 attempts', () => {
    expect(producerSchema.safeParse({ ...BASE, retry: { maxAttempts: 11 } }).error?.issues[0]?.message).toBe(
      'expected an integer from 1 to 10; got 11',
    );
  });
});
