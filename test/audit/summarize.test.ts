import { describe, expect, it } from 'vitest';
import { ALL, BUS_ARN, ROGUE, ROLE, sample, summarise } from '../helpers/audit-records.js';

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
});
