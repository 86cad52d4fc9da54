/**
 * The scenario file format (YAML or JSON) as a zod schema: the RAW file, before units are resolved. This
 * file holds the top level (name, region, duration, endpoint, thresholds); its parts are in schema/ (field
 * types, buses, producers, rate shapes, sizes and batching).
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
import { busSchema } from './schema/buses.js';
import {
  integer,
  listOf,
  name,
  nonEmptyString,
  nonNegativeMs,
  probability,
  REGION_RE,
  says,
  strictObject,
  unitValue,
} from './schema/fields.js';
import { producerSchema } from './schema/producers.js';
import { DURATION_FORMS, DURATION_PATTERN, parseDurationMs } from './units.js';

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
