import { describe, expect, it } from 'vitest';
import {
  deniedFindings,
  describeInput,
  renderAuditJson,
  renderAuditMarkdown,
  renderAuditTable,
} from '../../src/audit/render.js';
import type { AuditRow, AuditSummary } from '../../src/audit/summarize.js';
import { ROGUE, sample, summarise } from '../helpers/audit-records.js';

const APP = 'arn:aws:iam::111122223333:role/app';
const LEGACY = 'arn:aws:iam::111122223333:role/legacy';

function row(overrides: Partial<AuditRow>): AuditRow {
  return {
    bus: 'orders',
    principal: APP,
    sourceIp: '10.0.0.1',
    outcome: 'success',
    scope: 'entry',
    calls: 4000,
    entries: 12_000,
    firstTime: '2026-11-24T10:00:01.000Z',
    lastTime: '2026-11-24T10:59:59.500Z',
    sessions: [],
    ...overrides,
  };
}

const SUMMARY: AuditSummary = {
  files: 1234,
  filesSkipped: 2,
  records: 5000,
  putEventsRecords: 4990,
  recordsIgnored: 9,
  recordsMalformed: 1,
  rows: [
    row({}),
    row({
      bus: 'a|b',
      principal: LEGACY,
      sourceIp: '10.9.9.9',
      outcome: 'AccessDeniedException',
      scope: 'request',
      calls: 3,
      entries: 30,
      firstTime: '2026-11-24T10:00:03.000Z',
      lastTime: '2026-11-24T10:00:04.000Z',
    }),
  ],
};

const EMPTY: AuditSummary = {
  files: 1,
  filesSkipped: 0,
  records: 3,
  putEventsRecords: 0,
  recordsIgnored: 3,
  recordsMalformed: 0,
  rows: [],
};

describe('audit renderers', () => {
  it('describes what was read, with grouped thousands, skipped files and malformed records only when there are some', () => {
    expect(describeInput(SUMMARY)).toBe(
      '1,234 files (2 not CloudTrail record files, skipped), 5,000 records: 4,990 PutEvents data events kept, 9 other or filtered out, 1 malformed',
    );
    expect(describeInput(EMPTY)).toBe(
      '1 files, 3 records: 0 PutEvents data events kept, 3 other or filtered out',
    );
  });

  it('writes a denied group as a sentence: calls for a whole request, entries for per-entry denials', () => {
    const entryDenied = row({ principal: LEGACY, outcome: 'AccessDeniedException', calls: 2, entries: 1500 });
    expect(deniedFindings({ ...SUMMARY, rows: [...SUMMARY.rows, entryDenied] })).toEqual([
      `${LEGACY} was denied 3 PutEvents calls on bus a|b from 10.9.9.9 (AccessDeniedException, 2026-11-24T10:00:03Z .. 2026-11-24T10:00:04Z)`,
      `${LEGACY} was denied 1,500 entries in 2 calls on bus orders from 10.0.0.1 (AccessDeniedException, 2026-11-24T10:00:01Z .. 2026-11-24T10:59:59.500Z)`,
    ]);
    expect(deniedFindings({ ...SUMMARY, rows: [row({ outcome: 'ThrottlingException' })] })).toEqual([]);
  });

  it('renders Markdown: the input line, the table (pipes escaped, counts right-aligned) and the findings', () => {
    expect(renderAuditMarkdown(SUMMARY)).toBe(
      [
        '# PutEvents audit',
        '',
        '1,234 files (2 not CloudTrail record files, skipped), 5,000 records: 4,990 PutEvents data events kept, 9 other or filtered out, 1 malformed',
        '',
        '| bus | principal | source IP | outcome | calls | entries | first | last |',
        '|---|---|---|---|---:|---:|---|---|',
        `| orders | ${APP} | 10.0.0.1 | success | 4,000 | 12,000 | 2026-11-24T10:00:01Z | 2026-11-24T10:59:59.500Z |`,
        `| a\\|b | ${LEGACY} | 10.9.9.9 | AccessDeniedException (whole request) | 3 | 30 | 2026-11-24T10:00:03Z | 2026-11-24T10:00:04Z |`,
        '',
        '## Denied',
        '',
        `- ${LEGACY} was denied 3 PutEvents calls on bus a\\|b from 10.9.9.9 (AccessDeniedException, 2026-11-24T10:00:03Z .. 2026-11-24T10:00:04Z)`,
        '',
      ].join('\n'),
    );
    expect(renderAuditMarkdown(EMPTY)).toBe(
      [
        '# PutEvents audit',
        '',
        '1 files, 3 records: 0 PutEvents data events kept, 3 other or filtered out',
        '',
        'No PutEvents data events found.',
        '',
      ].join('\n'),
    );
  });

  it('renders a terminal table with the counts right-aligned, then the input line and DENIED lines', () => {
    const lines = renderAuditTable(SUMMARY).split('\n');
    expect(lines[1]).toBe(
      '│ bus    │ principal                             │ source IP │ outcome                               │ calls │ entries │ first                │ last                     │',
    );
    expect(lines[3]).toBe(
      `│ orders │ ${APP}    │ 10.0.0.1  │ success                               │ 4,000 │  12,000 │ 2026-11-24T10:00:01Z │ 2026-11-24T10:59:59.500Z │`,
    );
    expect(lines[4]).toBe(
      `│ a|b    │ ${LEGACY} │ 10.9.9.9  │ AccessDeniedException (whole request) │     3 │      30 │ 2026-11-24T10:00:03Z │ 2026-11-24T10:00:04Z     │`,
    );
    expect(lines.slice(6)).toEqual([
      describeInput(SUMMARY),
      `DENIED: ${LEGACY} was denied 3 PutEvents calls on bus a|b from 10.9.9.9 (AccessDeniedException, 2026-11-24T10:00:03Z .. 2026-11-24T10:00:04Z)`,
      '',
    ]);
    expect(renderAuditTable(EMPTY)).toBe(
      'no PutEvents data events found\n1 files, 3 records: 0 PutEvents data events kept, 3 other or filtered out\n',
    );
  });

  it('renders JSON as the summary itself', () => {
    const json = renderAuditJson(SUMMARY);
    expect(JSON.parse(json)).toEqual(SUMMARY);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "files": 1234,');
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
