/**
 * How a producer's entries are sized (`entryBytes`: a size, or a fixed, uniform, lognormal or empirical
 * distribution) and grouped into requests (`batching`: fixed or linger, with a byte budget).
 */
import { z } from 'zod';
import { MAX_ENTRIES_PER_REQUEST } from '../../eventbridge/limits.js';
import { SIZE_FORMS } from '../units.js';
import {
  expecting,
  integer,
  listOf,
  nonNegativeMs,
  says,
  size,
  strictObject,
  unsupportedKindMessage,
} from './fields.js';

/** Entry-size distributions. */
export const SUPPORTED_SIZE_DISTS = ['fixed', 'uniform', 'lognormal', 'empirical'] as const;

const BATCHING_FORMS =
  '{ entriesPerRequest: 1..10, maxBytes? } or { maxEntries: 1..10, lingerMs: >= 0, maxBytes? }';

function byteBudget() {
  return size('Byte budget of one request (AWS entry-size formula; default and at most 1MB).').optional();
}

/** A producer's `batching`. */
export const batchingSchema = z
  .union(
    [
      strictObject(
        {
          entriesPerRequest: integer(1, MAX_ENTRIES_PER_REQUEST).meta({
            description: 'Every request carries exactly this many entries.',
          }),
          maxBytes: byteBudget(),
        },
        '{ entriesPerRequest: 1..10, maxBytes?: <size> }',
      ),
      strictObject(
        {
          maxEntries: integer(1, MAX_ENTRIES_PER_REQUEST).meta({
            description: 'A batch is sent when it holds this many entries...',
          }),
          lingerMs: nonNegativeMs('a linger time').meta({
            description: '...or this long after its first entry arrived, whichever comes first.',
          }),
          maxBytes: byteBudget(),
        },
        '{ maxEntries: 1..10, lingerMs: >= 0, maxBytes?: <size> }',
      ),
    ],
    says(BATCHING_FORMS),
  )
  .meta({ description: 'How entries are grouped into PutEvents requests (1 to 10 entries each).' });

const SIZE_DIST_FORMS =
  `${SIZE_FORMS}, { dist: fixed, bytes: <size> }, { dist: uniform, min: <size>, max: <size> }, ` +
  '{ dist: lognormal, p50: <size>, p99: <size> } or { dist: empirical, table: [{ bytes: <size>, weight: <n> }] }';

const sizeDistSchema = z.discriminatedUnion(
  'dist',
  [
    strictObject(
      { dist: z.literal('fixed'), bytes: size('Size of every entry.') },
      '{ dist: fixed, bytes: <size> }',
    ),
    strictObject(
      {
        dist: z.literal('lognormal'),
        p50: size('Median entry size.'),
        p99: size('99th percentile entry size (greater than p50).'),
      },
      '{ dist: lognormal, p50: <size>, p99: <size> }',
    ),
    strictObject(
      {
        dist: z.literal('uniform'),
        min: size('Smallest entry size.'),
        max: size('Largest entry size (at least min).'),
      },
      '{ dist: uniform, min: <size>, max: <size> }',
    ),
    strictObject(
      {
        dist: z.literal('empirical'),
        table: listOf(
          strictObject(
            {
              bytes: size('An entry size.'),
              weight: z
                .number(says('a weight > 0'))
                .positive(says('a weight > 0'))
                .meta({ description: 'Relative frequency of this size.' }),
            },
            '{ bytes: <size>, weight: <number > 0> }',
          ),
          'row { bytes, weight }',
        ),
      },
      '{ dist: empirical, table: [{ bytes: 512, weight: 70 }, { bytes: 4KB, weight: 30 }] }',
    ),
  ],
  {
    error: (issue) => {
      if (issue.code === 'invalid_union' && issue.discriminator === 'dist') {
        return unsupportedKindMessage('entry size dist', issue.input, SUPPORTED_SIZE_DISTS);
      }
      return expecting(SIZE_DIST_FORMS)(issue);
    },
  },
);

/** A producer's `entryBytes`. */
export const entryBytesSchema = z
  .union([size('Fixed size of every entry.'), sizeDistSchema], says(SIZE_DIST_FORMS))
  .meta({ description: "Entry size by AWS's PutEvents entry-size formula; Detail is padded to reach it." });
