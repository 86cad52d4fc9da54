/**
 * One producer of a scenario file: who it is, which bus it publishes to, its rate and shape, batching,
 * entry sizes and retry policy.
 */
import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID } from '../../eventbridge/limits.js';
import {
  detailType,
  integer,
  listOf,
  name,
  nonEmptyString,
  principalArn,
  rate,
  says,
  strictObject,
} from './fields.js';
import { shapeSchema } from './shapes.js';
import { batchingSchema, entryBytesSchema } from './sizes.js';

const retrySchema = strictObject(
  {
    mode: z.enum(['standard', 'adaptive'], says('one of standard | adaptive')).default('standard'),
    maxAttempts: integer(1, 10)
      .default(3)
      .meta({ description: "The SDK's maxAttempts (attempts, not retries)." }),
    resendFailedEntries: integer(0, 10).default(2).meta({
      description: 'Times a producer resends entries that failed with throttling or InternalFailure.',
    }),
  },
  '{ mode: standard | adaptive, maxAttempts: 1..10, resendFailedEntries: 0..10 }',
).meta({ description: "The SDK's retry settings and the producer's resend policy for failed entries." });

/** One producer of the scenario file. */
export const producerSchema = strictObject(
  {
    name: name('producer', 64).meta({ description: 'Producer name, unique in the scenario.' }),
    bus: nonEmptyString('the name of a bus declared under buses').meta({
      description: 'The bus it publishes to.',
    }),
    principal: principalArn()
      .optional()
      .meta({
        description: `IAM principal it publishes as (default: arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/<name>).`,
      }),
    source: nonEmptyString('an event source such as com.shop.checkout').meta({
      description: 'The Source of its entries.',
    }),
    detailTypes: listOf(
      z.union(
        [
          detailType(),
          strictObject(
            {
              name: detailType(),
              weight: z
                .number(says('a weight > 0'))
                .positive(says('a weight > 0'))
                .meta({ description: 'Relative frequency of this detail type.' }),
            },
            '{ name: OrderPlaced, weight: 9 }',
          ),
        ],
        says('a detail type such as OrderPlaced, or { name: OrderPlaced, weight: 9 }'),
      ),
      'detail type',
    ).meta({
      description: 'DetailType values of its entries, drawn at random by weight (equal weights by default).',
    }),
    instances: integer(1, 1000)
      .default(1)
      .meta({ description: 'Independent producer processes, each batching on its own.' }),
    rate: rate(
      'positive',
      'Entries per second, all instances together (the mean for diurnal, the base rate for bursts). ' +
        'Required for constant, diurnal and bursts shapes; absent for ramp, steps and replay.',
    ).optional(),
    shape: shapeSchema.optional(),
    batching: batchingSchema,
    entryBytes: entryBytesSchema,
    retry: retrySchema.prefault({}),
  },
  'a producer such as { name: checkout, bus: orders, source: com.shop.checkout, detailTypes: [OrderPlaced], ... }',
);
