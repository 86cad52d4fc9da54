/**
 * Rate shapes in the scenario file: each kind's schema, whether it takes the producer's `rate`, and how its
 * parsed form becomes the normalised {@link RateShape}. This is all the scenario floor knows about a shape;
 * its behaviour over time (intensity, peak, period, scaling) is src/schedule/shapes/<kind>.ts.
 */
import { z } from 'zod';
import type { RateShape } from '../types.js';
import {
  durationSchema,
  expecting,
  listOf,
  nonEmptyString,
  rate,
  says,
  strictObject,
  unsupportedKindMessage,
} from './fields.js';

const constantShapeSchema = strictObject(
  { kind: z.literal('constant') },
  'a constant shape: { kind: constant } (the rate is the producer rate)',
).meta({ description: 'The producer `rate` all the time.' });

const rampShapeSchema = strictObject(
  {
    kind: z.literal('ramp'),
    from: rate('non-negative', 'Rate at the start of the profile.'),
    to: rate('non-negative', 'Rate at the end of the profile.'),
  },
  'a ramp shape: { kind: ramp, from: "50/s", to: "150/s" }',
).meta({ description: 'Linear from `from` to `to` over the profile; the producer has no `rate`.' });

const stepsShapeSchema = strictObject(
  {
    kind: z.literal('steps'),
    steps: listOf(
      strictObject(
        {
          rate: rate('non-negative', 'Rate during this step.'),
          duration: durationSchema('How long the step lasts (profile time).'),
        },
        '{ rate: "100/s", duration: "10m" }',
      ),
      'step { rate, duration }',
    ),
  },
  'a steps shape: { kind: steps, steps: [{ rate: "100/s", duration: "10m" }, ...] }',
).meta({
  description: 'Each step in turn (profile time); after the last, its rate continues. No producer `rate`.',
});

const hourParams = says('an hour of the day from 0 to 24 (fractions allowed)');

const diurnalShapeSchema = strictObject(
  {
    kind: z.literal('diurnal'),
    peakHour: z.number(hourParams).min(0, hourParams).max(24, hourParams).meta({
      description: 'Hour of the day with the highest rate.',
    }),
    peakToTrough: z
      .number(says('a ratio >= 1'))
      .min(1, says('a ratio >= 1'))
      .meta({ description: 'Highest rate / lowest rate of the day (1 = flat).' }),
    startHour: z
      .number(hourParams)
      .min(0, hourParams)
      .max(24, hourParams)
      .default(0)
      .meta({ description: 'Hour of the day at which the profile starts (default 0).' }),
  },
  'a diurnal shape: { kind: diurnal, peakHour: 14, peakToTrough: 4, startHour: 0 }',
).meta({
  description:
    'A 24 h cosine around the producer `rate` (its daily mean), highest at peakHour (profile time).',
});

const burstsShapeSchema = strictObject(
  {
    kind: z.literal('bursts'),
    every: durationSchema(
      "Time between the starts of burst episodes (profile time); the first starts at the profile's start, so a profile of N x `every` holds N whole periods.",
    ),
    burstRate: rate('non-negative', 'Rate during a burst episode.'),
    burstDuration: durationSchema('Length of a burst episode (at most `every`).'),
  },
  'a bursts shape: { kind: bursts, every: "10m", burstRate: "2000/s", burstDuration: "30s" }',
).meta({
  description: 'Poisson arrivals (seeded) at the producer `rate`, with burst episodes at `burstRate`.',
});

const replayShapeSchema = strictObject(
  {
    kind: z.literal('replay'),
    interval: durationSchema('Length of one interval of the series (e.g. the CloudWatch period, 1m).'),
    file: nonEmptyString('a CSV or JSON file, relative to the scenario file').optional().meta({
      description: 'Series file: CSV (last column = count) or JSON (numbers, or CloudWatch output).',
    }),
    counts: z
      .array(
        z.number(says('an entry count >= 0')).min(0, says('an entry count >= 0')),
        says('a list of counts'),
      )
      .min(1, says('a list of at least one count'))
      .optional()
      .meta({ description: 'The series inline: entries per interval.' }),
    speed: z
      .number(says('a number > 0'))
      .positive(says('a number > 0'))
      .default(1)
      .meta({ description: 'Play the series this many times faster (each interval keeps its count).' }),
  },
  'a replay shape: { kind: replay, interval: 1m, file: putevents.csv } or { ..., counts: [120, 80] }',
).meta({
  description: 'A recorded series of entry counts per interval (file or counts); no producer `rate`.',
});

const SHAPE_FORMS =
  'a shape such as { kind: constant }, { kind: ramp, from: "50/s", to: "150/s" }, { kind: steps, ... }, ' +
  '{ kind: diurnal, ... }, { kind: bursts, ... } or { kind: replay, ... }';

/** A producer's `shape`. */
export const shapeSchema = z
  .discriminatedUnion(
    'kind',
    [
      constantShapeSchema,
      rampShapeSchema,
      stepsShapeSchema,
      diurnalShapeSchema,
      burstsShapeSchema,
      replayShapeSchema,
    ],
    {
      error: (issue) => {
        if (issue.code === 'invalid_union' && issue.discriminator === 'kind') {
          return unsupportedKindMessage('shape kind', issue.input, SUPPORTED_SHAPE_KINDS);
        }
        return expecting(SHAPE_FORMS)(issue);
      },
    },
  )
  .meta({ description: 'How the rate varies over the profile (default: constant).' });

/** What the normaliser gives a shape format: the producer's rate (throws when absent) and its name. */
export interface ShapeContext {
  producerName: string;
  rate: () => number;
}

/** One shape kind of the scenario format. */
export interface ShapeFormat<Parsed, K extends RateShape['kind']> {
  /** Whether the producer's `rate` feeds the shape (required with it) or the shape gives its own rates. */
  usesRate: boolean;
  /** The normalised shape of a parsed one. */
  toShape(parsed: Parsed, context: ShapeContext): Extract<RateShape, { kind: K }>;
}

type Parsed<Schema extends z.ZodType> = z.output<Schema>;

/** Every shape kind of the format, in the order messages list them. */
export const SHAPE_FORMATS: {
  constant: ShapeFormat<Parsed<typeof constantShapeSchema>, 'constant'>;
  ramp: ShapeFormat<Parsed<typeof rampShapeSchema>, 'ramp'>;
  steps: ShapeFormat<Parsed<typeof stepsShapeSchema>, 'steps'>;
  diurnal: ShapeFormat<Parsed<typeof diurnalShapeSchema>, 'diurnal'>;
  bursts: ShapeFormat<Parsed<typeof burstsShapeSchema>, 'bursts'>;
  replay: ShapeFormat<Parsed<typeof replayShapeSchema>, 'replay'>;
} = {
  constant: {
    usesRate: true,
    toShape: (_shape, { rate }) => ({ kind: 'constant', ratePerSec: rate() }),
  },
  ramp: {
    usesRate: false,
    toShape: (shape) => ({ kind: 'ramp', fromPerSec: shape.from, toPerSec: shape.to }),
  },
  steps: {
    usesRate: false,
    toShape: (shape) => ({
      kind: 'steps',
      steps: shape.steps.map((step) => ({ ratePerSec: step.rate, durationMs: step.duration })),
    }),
  },
  diurnal: {
    usesRate: true,
    toShape: (shape, { rate }) => ({
      kind: 'diurnal',
      meanPerSec: rate(),
      peakHour: shape.peakHour,
      peakToTrough: shape.peakToTrough,
      startHour: shape.startHour,
    }),
  },
  bursts: {
    usesRate: true,
    toShape: (shape, { rate }) => ({
      kind: 'bursts',
      ratePerSec: rate(),
      everyMs: shape.every,
      burstRatePerSec: shape.burstRate,
      burstDurationMs: shape.burstDuration,
    }),
  },
  replay: {
    usesRate: false,
    toShape(shape, { producerName }) {
      if (shape.counts === undefined) {
        throw new Error(
          `internal: producer ${producerName}'s replay series was not loaded before normalising`,
        );
      }
      return { kind: 'replay', intervalMs: shape.interval, counts: [...shape.counts], speed: shape.speed };
    },
  },
};

/** Shape kinds of the format. */
export const SUPPORTED_SHAPE_KINDS = Object.keys(SHAPE_FORMATS) as Array<keyof typeof SHAPE_FORMATS>;

/** The format of a shape kind named in a file, or undefined for an unknown kind. */
export function shapeFormat(kind: string): ShapeFormat<never, RateShape['kind']> | undefined {
  return Object.hasOwn(SHAPE_FORMATS, kind)
    ? (SHAPE_FORMATS[kind as keyof typeof SHAPE_FORMATS] as ShapeFormat<never, RateShape['kind']>)
    : undefined;
}

/** A parsed shape's normalised form (the parsed shape's kind picks its format). */
export function normaliseShape(shape: Parsed<typeof shapeSchema>, context: ShapeContext): RateShape {
  const format = SHAPE_FORMATS[shape.kind] as ShapeFormat<typeof shape, RateShape['kind']>;
  return format.toShape(shape, context);
}
