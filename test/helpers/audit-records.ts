/**
 * CloudTrail PutEvents data-event records for the audit tests: a record builder, a sample of seven records
 * (successes, throttled and denied entries, a whole-request throttle, two buses, one management event and one
 * malformed record) and the summary of a set of records.
 */
import { AuditAccumulator, type AuditFilter, type AuditSummary } from '../../src/audit/summarize.js';

export const ROLE = 'arn:aws:iam::111122223333:role/checkout-producer';
export const ROGUE = 'arn:aws:iam::111122223333:role/legacy-batch-job';
export const BUS_ARN = (name: string) => `arn:aws:events:us-east-1:111122223333:event-bus/${name}`;

/** One PutEvents record (role session, source IP, entries with their errors, or a request error). */
export function record(options: {
  time: string;
  role?: string;
  ip?: string;
  buses?: string[];
  entries: Array<{ bus?: string; error?: string }>;
  errorCode?: string;
}): unknown {
  const role = options.role ?? ROLE;
  const name = role.split('/').at(-1);
  return {
    eventVersion: '1.11',
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::111122223333:assumed-role/${name}/busload`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: role } },
    },
    eventTime: options.time,
    eventSource: 'events.amazonaws.com',
    eventName: 'PutEvents',
    sourceIPAddress: options.ip ?? '10.0.0.1',
    ...(options.errorCode ? { errorCode: options.errorCode } : {}),
    requestParameters: {
      entries: options.entries.map((entry) => ({ source: 's', eventBusName: entry.bus ?? 'orders' })),
    },
    responseElements: options.errorCode
      ? null
      : {
          failedEntryCount: options.entries.filter((entry) => entry.error).length,
          entries: options.entries.map((entry) =>
            entry.error ? { errorCode: entry.error, errorMessage: 'x' } : { eventId: 'e' },
          ),
        },
    resources: (options.buses ?? ['orders']).map((bus) => ({
      type: 'AWS::Events::EventBus',
      ARN: BUS_ARN(bus),
    })),
    eventCategory: 'Data',
  };
}

/** No filter. */
export const ALL: AuditFilter = { buses: [], sinceEpochMs: null, untilEpochMs: null };

/** The summary of records under a filter. */
export function summarise(records: unknown[], filter: AuditFilter = ALL): AuditSummary {
  const accumulator = new AuditAccumulator(filter);
  for (const one of records) accumulator.add(one);
  return accumulator.summary();
}

/** Seven records, at 10:00:01 to 10:00:09 on 2026-11-24. */
export const sample = [
  record({ time: '2026-11-24T10:00:05Z', entries: [{}, {}, { error: 'ThrottlingException' }] }),
  record({ time: '2026-11-24T10:00:01Z', entries: [{}] }),
  record({
    time: '2026-11-24T10:00:03Z',
    role: ROGUE,
    ip: '10.9.9.9',
    entries: [{ error: 'AccessDeniedException' }, { error: 'AccessDeniedException' }],
  }),
  record({ time: '2026-11-24T10:00:09Z', errorCode: 'ThrottlingException', entries: [{}, {}] }),
  record({
    time: '2026-11-24T10:00:07Z',
    buses: ['orders', 'audit'],
    entries: [{}, { bus: BUS_ARN('audit') }],
  }),
  { eventName: 'CreateEventBus', eventSource: 'events.amazonaws.com' },
  { eventName: 'PutEvents', eventSource: 'events.amazonaws.com', eventTime: 'yesterday' },
];
