import { describe, expect, it } from 'vitest';
import { renderAuditMarkdown } from '../../src/audit/render.js';
import { AuditAccumulator, type AuditFilter } from '../../src/audit/summarize.js';

const ROLE = 'arn:aws:iam::111122223333:role/checkout-producer';
const ROGUE = 'arn:aws:iam::111122223333:role/legacy-batch-job';
const BUS_ARN = (name: string) => `arn:aws:events:us-east-1:111122223333:event-bus/${name}`;

function record(options: {
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

const ALL: AuditFilter = { buses: [], sinceEpochMs: null, untilEpochMs: null };

function summarise(records: unknown[], filter: AuditFilter = ALL) {
  const accumulator = new AuditAccumulator(filter);
  for (const one of records) accumulator.add(one);
  return accumulator.summary();
}

const sample = [
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

describe('AuditAccumulator', () => {
  it('groups by bus x principal x source IP x outcome with calls, entries, first and last time', () => {
    const summary = summarise(sample);
    expect(summary.records).toBe(7);
    expect(summary.putEventsRecords).toBe(5);
    expect(summary.recordsIgnored).toBe(1);
    expect(summary.recordsMalformed).toBe(1);
    expect(
      summary.rows.map((row) => [
        row.bus,
        row.principal,
        row.sourceIp,
        row.outcome,
        row.scope,
        row.calls,
        row.entries,
        row.firstTime,
        row.lastTime,
      ]),
    ).toEqual([
      [
        'audit',
        ROLE,
        '10.0.0.1',
        'success',
        'entry',
        1,
        1,
        '2026-11-24T10:00:07.000Z',
        '2026-11-24T10:00:07.000Z',
      ],
      [
        'orders',
        ROLE,
        '10.0.0.1',
        'success',
        'entry',
        3,
        4,
        '2026-11-24T10:00:01.000Z',
        '2026-11-24T10:00:07.000Z',
      ],
      [
        'orders',
        ROLE,
        '10.0.0.1',
        'ThrottlingException',
        'entry',
        1,
        1,
        '2026-11-24T10:00:05.000Z',
        '2026-11-24T10:00:05.000Z',
      ],
      [
        'orders',
        ROLE,
        '10.0.0.1',
        'ThrottlingException',
        'request',
        1,
        2,
        '2026-11-24T10:00:09.000Z',
        '2026-11-24T10:00:09.000Z',
      ],
      [
        'orders',
        ROGUE,
        '10.9.9.9',
        'AccessDeniedException',
        'entry',
        1,
        2,
        '2026-11-24T10:00:03.000Z',
        '2026-11-24T10:00:03.000Z',
      ],
    ]);
    expect(summary.rows[4]!.sessions).toEqual([
      'arn:aws:sts::111122223333:assumed-role/legacy-batch-job/busload',
    ]);
  });

  it('filters by bus (name or ARN) and by time window [since, until)', () => {
    const byBus = summarise(sample, { ...ALL, buses: [BUS_ARN('audit')] });
    expect(byBus.rows.map((row) => [row.bus, row.entries])).toEqual([['audit', 1]]);
    const window = summarise(sample, {
      ...ALL,
      sinceEpochMs: Date.parse('2026-11-24T10:00:03Z'),
      untilEpochMs: Date.parse('2026-11-24T10:00:07Z'),
    });
    expect(window.putEventsRecords).toBe(2);
    expect(window.rows.map((row) => row.firstTime)).toEqual([
      '2026-11-24T10:00:05.000Z',
      '2026-11-24T10:00:05.000Z',
      '2026-11-24T10:00:03.000Z',
    ]);
  });

  it('renders the denied role as a finding', () => {
    const markdown = renderAuditMarkdown(summarise(sample));
    expect(markdown).toContain(
      `- ${ROGUE} was denied 2 entries in 1 calls on bus orders from 10.9.9.9 (AccessDeniedException, 2026-11-24T10:00:03Z .. 2026-11-24T10:00:03Z)`,
    );
    expect(markdown).toContain(
      '| orders | arn:aws:iam::111122223333:role/checkout-producer | 10.0.0.1 | ThrottlingException (whole request) | 1 | 2 |',
    );
  });
});
