/**
 * The `buses` of a scenario file: each bus's name, classification, planned CloudTrail logging (a mode, or
 * an object with trail copies, exclusions, Insights and Lake queries) and allowed principals.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, LOGGING_MODES, LOGGING_WINDOWS, SELECTOR_FIELDS } from '../types.js';
import { integer, listOf, name, nonEmptyString, principalArn, says, strictObject } from './fields.js';

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

/** One bus of the scenario file. */
export const busSchema = strictObject(
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
