/**
 * The scenario file format (YAML or JSON) as a zod schema: the RAW file, before units are resolved.
 *
 * Every object is strict (an unknown key is an error that names it). Every schema carries its own
 * error message saying what was expected, so a problem reads `producers[2].rate: must not be negative; ...`
 * rather than zod's generic text. Unit fields (`duration`, rates, sizes) accept strings or numbers and are
 * transformed to ms / entries per second / bytes on the way out. Checks that span several fields (unique
 * names, a producer's bus, rate vs ramp, size limits) live in `checks.ts`, and `normalise.ts` turns the
 * output into the `Scenario` type.
 *
 * `scenarios/schema.json` is generated from {@link buildScenarioJsonSchema} (`npm run schema`).
 */
import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, MAX_ENTRIES_PER_REQUEST } from '../eventbridge/limits.js';
import { CLASSIFICATIONS, LOGGING_MODES, LOGGING_WINDOWS, SELECTOR_FIELDS } from './types.js';
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
} from './units.js';

/** Shape kinds that later issues add; naming one gives "not supported yet" rather than "unknown". */
export const PLANNED_SHAPE_KINDS = [] as const;
/** Shape kinds supported now. */
export const SUPPORTED_SHAPE_KINDS = ['constant', 'ramp', 'steps', 'diurnal', 'bursts', 'replay'] as const;
/** Shape kinds whose rate comes from the producer's `rate` (the others carry their own rates). */
export const SHAPES_USING_RATE = ['constant', 'diurnal', 'bursts'] as const;
/** Entry-size distributions that later issues add. */
export const PLANNED_SIZE_DISTS = [] as const;
/** Entry-size distributions supported now. */
export const SUPPORTED_SIZE_DISTS = ['fixed', 'uniform', 'lognormal', 'empirical'] as const;

/** Names of scenarios, buses and producers: lowercase letters, digits and '-'. */
const NAME_RE = /^[a-z0-9-]+$/;
/** AWS region codes: us-east-1, eu-west-2, ap-southeast-2, us-gov-west-1, ... */
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** IAM principals a producer can publish as (role, user, assumed-role session, account root). */
const PRINCIPAL_RE = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/-]+$/;

type RawIssue = z.core.$ZodRawIssue;

/**
 * An error map that says what was expected: `is required; expected X` when the key is missing,
 * `expected X; got Y` otherwise.
 */
function expecting(expected: string): (issue: RawIssue) => string {
  return (issue) =>
    issue.input === undefined
      ? `is required; expected ${expected}`
      : `expected ${expected}; got ${describeValue(issue.input)}`;
}

/** The `{ error }` parameter of a schema or check that expects `expected`. */
function says(expected: string): { error: (issue: RawIssue) => string } {
  return { error: expecting(expected) };
}

/**
 * A strict object: an unknown key is reported (one problem per key by the loader) with the keys that
 * are allowed; anything but a mapping is reported as "expected <what>".
 */
function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, what: string) {
  const allowed = Object.keys(shape).join(', ');
  const wrongType = expecting(what);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${allowed}` : wrongType(issue),
  });
}

function integer(min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  const params = says(`an integer ${range}`);
  const schema = z.int(params).min(min, params);
  return max === undefined ? schema : schema.max(max, params);
}

function probability() {
  const params = says('a probability from 0 to 1');
  return z.number(params).min(0, params).max(1, params);
}

function nonNegativeMs(what: string) {
  const params = says(`${what} in milliseconds (a number >= 0)`);
  return z.number(params).min(0, params);
}

function name(kind: string, maxChars: number) {
  const params = says(
    `a ${kind} name of lowercase letters, digits and '-' ([a-z0-9-]+), 1 to ${maxChars} chars`,
  );
  return z.string(params).min(1, params).max(maxChars, params).regex(NAME_RE, params);
}

function nonEmptyString(what: string) {
  const params = says(what);
  return z.string(params).min(1, params);
}

/** A DetailType: the PutEvents documentation gives 128 characters as its maximum. */
function detailType() {
  const params = says('a detail type of 1 to 128 chars such as OrderPlaced');
  return z.string(params).min(1, params).max(128, params);
}

function principalArn() {
  const params = says(
    `an IAM principal ARN such as arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/checkout-producer`,
  );
  return z.string(params).regex(PRINCIPAL_RE, params);
}

function listOf<T extends z.ZodType>(item: T, what: string) {
  const params = says(`a list of at least one ${what}`);
  return z.array(item, params).min(1, params);
}

type UnitPolicy = 'positive' | 'non-negative';

/**
 * A value with a unit, written as a string or a number, transformed to its canonical number.
 * The JSON Schema gets the accepted string pattern; validation goes through the parser so the message
 * names the forms that are accepted.
 */
function unitValue(
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

function rate(policy: UnitPolicy, description: string) {
  return unitValue(parseRatePerSec, RATE_FORMS, RATE_PATTERN, policy, {
    description,
    examples: ['50/s', '3000/min', '100/h', 25],
  });
}

function size(description: string) {
  return unitValue(parseBytes, SIZE_FORMS, SIZE_PATTERN, 'positive', {
    description,
    examples: [600, '512B', '1.2KB', '2MB'],
  });
}

const LOGGING_FORMS = `one of ${LOGGING_MODES.join(' | ')}, or { mode, trailCopies?, insights?, lakeQueryGbPerMonth?, window?, exclude? }`;

function loggingModeSchema() {
  return z.enum(LOGGING_MODES, says(`one of ${LOGGING_MODES.join(' | ')}`));
}

/** The string form: a string first (so a mapping is judged against the object form), then a mode. */
function loggingModeString() {
  return z
    .string(says(`one of ${LOGGING_MODES.join(' | ')}`))
    .meta({ enum: [...LOGGING_MODES] })
    .pipe(loggingModeSchema());
}

function selectorValues(what: string) {
  return listOf(nonEmptyString(what), what);
}

function selectorField() {
  return z
    .enum(SELECTOR_FIELDS, says(`one of ${SELECTOR_FIELDS.join(' | ')}`))
    .meta({ description: 'Advanced event selector field.' });
}

/** One exclusion: a selector field and exactly one operator with its values. */
const exclusionSchema = z
  .union(
    [
      strictObject(
        { field: selectorField(), equals: selectorValues('selector value') },
        '{ field, equals: [values] }',
      ),
      strictObject(
        { field: selectorField(), startsWith: selectorValues('selector value') },
        '{ field, startsWith: [values] }',
      ),
      strictObject(
        { field: selectorField(), endsWith: selectorValues('selector value') },
        '{ field, endsWith: [values] }',
      ),
    ],
    says('{ field: userIdentity.arn, startsWith: [...] } (one of equals | startsWith | endsWith)'),
  )
  .meta({
    description: 'Calls left out of logging (NotEquals / NotStartsWith / NotEndsWith in the selector).',
  });

const loggingObjectSchema = strictObject(
  {
    mode: loggingModeSchema().meta({ description: 'Planned CloudTrail mode.' }),
    trailCopies: integer(1).optional().meta({
      description: 'Trails that deliver the same data event (overrides the bus-level trailCopies).',
    }),
    insights: z
      .boolean(says('true or false'))
      .default(false)
      .meta({ description: 'CloudTrail Insights on the data events (one trail analyses them).' }),
    lakeQueryGbPerMonth: z
      .number(says('GB scanned per month (a number >= 0)'))
      .min(0, says('GB scanned per month (a number >= 0)'))
      .default(0)
      .meta({ description: 'CloudTrail Lake queries: GB scanned per month (lake modes).' }),
    window: z
      .enum(LOGGING_WINDOWS, says(`one of ${LOGGING_WINDOWS.join(' | ')}`))
      .optional()
      .meta({
        description: 'Logging planned only for a window: incident, migration or producer onboarding.',
      }),
    exclude: z
      .array(exclusionSchema, says('a list of exclusions'))
      .default([])
      .meta({ description: 'Calls not logged: principals, event names, ... (advanced event selectors).' }),
  },
  '{ mode: trail, trailCopies: 2, exclude: [{ field: userIdentity.arn, startsWith: [...] }] }',
);

const busSchema = strictObject(
  {
    name: name('bus', 256).meta({ description: 'Event bus name, unique in the scenario.' }),
    classification: z
      .enum(CLASSIFICATIONS, says(`one of ${CLASSIFICATIONS.join(' | ')}`))
      .meta({ description: 'What the bus carries; drives the logging recommendation.' }),
    logging: z
      .union([loggingModeString(), loggingObjectSchema], says(LOGGING_FORMS))
      .default('off')
      .meta({
        description:
          'Planned CloudTrail mode for PutEvents data events on this bus, or an object with the mode, ' +
          'trail copies, exclusions (advanced event selector conditions), Insights and Lake queries.',
      }),
    trailCopies: integer(1)
      .default(1)
      .meta({ description: 'Trails that deliver the same data event (each copy is billed).' }),
    allowedPrincipals: listOf(principalArn(), 'IAM principal ARN')
      .optional()
      .meta({ description: 'Bus policy for PutEvents; absent = any principal of the account may publish.' }),
  },
  'a bus such as { name: orders, classification: regulated, logging: trail }',
);

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

const durationSchema = (description: string) =>
  unitValue(parseDurationMs, DURATION_FORMS, DURATION_PATTERN, 'positive', {
    description,
    examples: ['30s', '2m', '1h'],
  });

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

const shapeSchema = z
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
          return unsupportedKindMessage(
            'shape kind',
            issue.input,
            SUPPORTED_SHAPE_KINDS,
            PLANNED_SHAPE_KINDS,
          );
        }
        return expecting(SHAPE_FORMS)(issue);
      },
    },
  )
  .meta({ description: 'How the rate varies over the profile (default: constant).' });

/** Message for a discriminator value that is missing, planned for later, or unknown. */
function unsupportedKindMessage(
  what: string,
  input: unknown,
  supported: readonly string[],
  planned: readonly string[],
): string {
  const field = what.split(' ').pop() ?? what;
  const value =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
  const list = supported.join(', ');
  if (value === undefined) return `is required; expected one of: ${list}`;
  if (typeof value === 'string' && planned.includes(value)) {
    return `${what} "${value}" is not supported yet (supported: ${list})`;
  }
  return `unknown ${what} ${describeValue(value)} (supported: ${list})`;
}

const BATCHING_FORMS =
  '{ entriesPerRequest: 1..10, maxBytes? } or { maxEntries: 1..10, lingerMs: >= 0, maxBytes? }';

function byteBudget() {
  return size('Byte budget of one request (AWS entry-size formula; default and at most 1MB).').optional();
}

const batchingSchema = z
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
        return unsupportedKindMessage(
          'entry size dist',
          issue.input,
          SUPPORTED_SIZE_DISTS,
          PLANNED_SIZE_DISTS,
        );
      }
      return expecting(SIZE_DIST_FORMS)(issue);
    },
  },
);

const entryBytesSchema = z
  .union([size('Fixed size of every entry.'), sizeDistSchema], says(SIZE_DIST_FORMS))
  .meta({ description: "Entry size by AWS's PutEvents entry-size formula; Detail is padded to reach it." });

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

const producerSchema = strictObject(
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

const endpointSchema = strictObject(
  {
    quotaTps: integer(1)
      .nullable()
      .default(null)
      .meta({ description: "Account-level PutEvents requests/s (default: the region's quota)." }),
    burst: integer(1)
      .nullable()
      .default(null)
      .meta({ description: 'Token-bucket burst in requests (default: one second of the quota).' }),
    latencyMs: strictObject(
      { p50: nonNegativeMs('a median latency'), p99: nonNegativeMs('a 99th percentile latency') },
      '{ p50: <ms>, p99: <ms> }',
    )
      .nullable()
      .default(null)
      .meta({ description: 'Added service latency (default: none).' }),
    faults: strictObject(
      {
        entryInternalFailureRate: probability()
          .default(0)
          .meta({ description: 'Probability that an entry fails with InternalFailure.' }),
        entryThrottleRate: probability()
          .default(0)
          .meta({ description: 'Probability that an entry fails with ThrottlingException.' }),
        internalErrorRate: probability()
          .default(0)
          .meta({ description: 'Probability that a whole request fails with HTTP 500 InternalException.' }),
      },
      '{ entryInternalFailureRate, entryThrottleRate, internalErrorRate } (probabilities 0..1)',
    ).prefault({}),
  },
  '{ quotaTps, burst, latencyMs: { p50, p99 }, faults: { ... } }',
).meta({ description: "The embedded endpoint's behaviour for this scenario." });

/** The raw scenario file format. Parse output has units resolved (ms, entries/s, bytes). */
export const scenarioFileSchema = strictObject(
  {
    $schema: z
      .string(says('a JSON Schema reference'))
      .optional()
      .meta({ description: 'Editor hint; ignored.' }),
    name: name('scenario', 64).meta({ description: 'Scenario name.' }),
    family: name('scenario family', 64).optional().meta({
      description:
        'Scenario family: variants of one design (e.g. batching-before and batching-after) share it, so `busload compare` compares them without a different-scenarios warning.',
    }),
    region: z
      .string(says('an AWS region such as us-east-1, eu-west-2 or us-gov-west-1'))
      .regex(REGION_RE, says('an AWS region such as us-east-1, eu-west-2 or us-gov-west-1'))
      .meta({ description: 'AWS region: prices and the default PutEvents quota.' }),
    duration: unitValue(parseDurationMs, DURATION_FORMS, DURATION_PATTERN, 'positive', {
      description: 'Wall-clock length of the replay.',
      examples: ['30s', '2m', '1.5h', 45],
    }),
    timeScale: z
      .number(says('a number >= 1'))
      .min(1, says('a number >= 1'))
      .default(1)
      .meta({ description: '1 s of replay stands for timeScale s of the profile.' }),
    buses: listOf(busSchema, 'bus'),
    producers: listOf(producerSchema, 'producer'),
    endpoint: endpointSchema.prefault({}),
    thresholds: z
      .array(
        nonEmptyString('a threshold expression such as "buses.orders.latencyMs.p99 < 250"'),
        says('a list'),
      )
      .default([])
      .meta({ description: 'Threshold expressions, e.g. "buses.orders.latencyMs.p99 < 250".' }),
  },
  'a scenario mapping with name, region, duration, buses and producers',
);

/** The scenario file as written (units as strings or numbers, defaults not applied). */
export type ScenarioFileInput = z.input<typeof scenarioFileSchema>;
/** The scenario file after schema parsing: defaults applied, units resolved. */
export type ScenarioFileParsed = z.output<typeof scenarioFileSchema>;

/** The JSON Schema (draft 2020-12) of the scenario file, generated from {@link scenarioFileSchema}. */
export function buildScenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioFileSchema, { target: 'draft-2020-12', io: 'input' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'busload scenario',
    description:
      'A busload scenario: event buses, the producers that publish to them with PutEvents, and the ' +
      "embedded endpoint's behaviour. Sizes: a number or B is bytes, KB = 1,024 B, MB = 1,048,576 B. " +
      'Rates: N/s, N/min, N/h (entries). Durations: ms, s, m, h (a number is seconds). ' +
      'Generated by `npm run schema` from src/scenario/schema.ts; do not edit.',
    ...rest,
  };
}

/** {@link buildScenarioJsonSchema} as the exact text of `scenarios/schema.json`. */
export function renderScenarioJsonSchema(): string {
  return `${JSON.stringify(buildScenarioJsonSchema(), null, 2)}\n`;
}
