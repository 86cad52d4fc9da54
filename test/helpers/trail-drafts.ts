/**
 * Generated CloudTrail record drafts (fast-check) for the tests of everything that renders or carries them:
 * odd text in every field, entries with members missing, failed results, whole-request errors, global
 * endpoints, several principals. The principal and access key come apart from the draft; toDraft joins them.
 */
import fc from 'fast-check';
import { describeUserIdentity, type TrailRecordDraft } from '../../src/eventbridge/cloudtrail-record.js';

const ACCOUNT = '111122223333';
const text = fc.string({ unit: 'binary', maxLength: 40 });
const entry = fc.record(
  {
    source: text,
    detailType: text,
    timeEpochSec: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800 }), text),
    eventBusName: text,
    hasDetail: fc.boolean(),
  },
  { requiredKeys: ['hasDetail'] },
);
const result = fc.oneof(
  fc.uuid().map((eventId) => ({ eventId })),
  fc.record({
    errorCode: fc.constantFrom('InvalidArgument', 'MalformedDetail', 'ThrottlingException' as const),
    errorMessage: text,
  }),
);
const outcome = fc.oneof(
  fc.array(result, { maxLength: 10 }).map((results) => ({ kind: 'answered' as const, results })),
  fc.record({
    kind: fc.constant('error' as const),
    errorCode: text,
    errorMessage: fc.string({ maxLength: 1500 }),
  }),
);
const principal = fc.constantFrom(
  `arn:aws:iam::${ACCOUNT}:role/checkout-producer`,
  `arn:aws:iam::${ACCOUNT}:user/ops/alice`,
  `arn:aws:iam::${ACCOUNT}:root`,
  'not-an-arn "quoted"',
);

/** A draft's fields, with its caller as a principal ARN and an access key id. */
export const draftParts = fc.record({
  eventTimeEpochMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  requestId: fc.uuid(),
  eventId: fc.uuid(),
  principal,
  sourceIpAddress: fc.constantFrom('127.0.0.1', '::1'),
  userAgent: text,
  hostHeader: fc.oneof(fc.constantFrom('events.eu-west-1.amazonaws.com', '127.0.0.1:4010', ''), text),
  entries: fc.array(entry, { maxLength: 10 }),
  outcome,
  busNames: fc.array(fc.constantFrom('orders', 'payments', 'default', 'we"ird\\bus'), { maxLength: 3 }),
  endpoint: fc.option(fc.record({ endpointId: fc.constantFrom('abcde.veo', 'x.y'), arn: text }), {
    nil: null,
  }),
  accessKeyId: fc.constantFrom('AKIDEXAMPLE', 'ASIAEXAMPLE'),
});

/** The draft of generated parts: its userIdentity described from the principal, every named bus logged. */
export function toDraft({
  principal: arn,
  accessKeyId,
  ...rest
}: typeof draftParts extends fc.Arbitrary<infer T> ? T : never): TrailRecordDraft {
  return {
    ...rest,
    userIdentity: describeUserIdentity(arn, accessKeyId, '2026-03-07T00:00:00Z'),
    loggedBusNames: rest.busNames,
  };
}

/** A small answered draft numbered i (its request id `req-<i>`, one entry to the logged bus `orders`). */
export function numberedDraft(i: number): TrailRecordDraft {
  return {
    eventTimeEpochMs: Date.UTC(2026, 2, 7, 0, 51, 7, 456) + i,
    requestId: `req-${i}`,
    eventId: `evt-${i}`,
    userIdentity: describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'AKIDEXAMPLE', ''),
    sourceIpAddress: '127.0.0.1',
    userAgent: 'aws-sdk-js/3 "quoted" ✓',
    hostHeader: '127.0.0.1:4010',
    entries: [{ source: 'com.shop', detailType: `Order${i}`, eventBusName: 'orders', hasDetail: true }],
    outcome: { kind: 'answered', results: [{ eventId: `e-${i}` }] },
    busNames: ['orders'],
    loggedBusNames: ['orders'],
    endpoint: null,
  };
}
