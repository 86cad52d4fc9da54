/** `busload audit`, run from source: counts of a trail file by bus, principal, source IP and outcome. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBusload } from '../../helpers/busload-cli.js';

/** One PutEvents data event of an assumed role: two entries to orders, both accepted. */
const RECORD = {
  eventVersion: '1.09',
  eventTime: '2026-11-24T22:00:00Z',
  eventSource: 'events.amazonaws.com',
  eventName: 'PutEvents',
  awsRegion: 'us-east-1',
  sourceIPAddress: '10.0.0.7',
  userIdentity: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::123456789012:assumed-role/checkout/i-1',
    sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::123456789012:role/checkout' } },
  },
  requestParameters: { entries: [{ eventBusName: 'orders' }, { eventBusName: 'orders' }] },
  responseElements: { failedEntryCount: 0, entries: [{ eventId: 'a' }, { eventId: 'b' }] },
  resources: [
    { type: 'AWS::Events::EventBus', ARN: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' },
  ],
};

function trailFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'busload-audit-cli-')), 'trail.json');
  writeFileSync(file, JSON.stringify({ Records: [RECORD] }));
  return file;
}

describe('busload audit', () => {
  it('counts the calls and entries of each bus x principal x source IP x outcome (json)', async () => {
    const { code, stdout, stderr } = await runBusload(['audit', trailFile(), '--format', 'json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      files: 1,
      filesSkipped: 0,
      records: 1,
      putEventsRecords: 1,
      recordsIgnored: 0,
      recordsMalformed: 0,
      rows: [
        {
          bus: 'orders',
          principal: 'arn:aws:iam::123456789012:role/checkout',
          sourceIp: '10.0.0.7',
          outcome: 'success',
          scope: 'entry',
          calls: 1,
          entries: 2,
          firstTime: '2026-11-24T22:00:00.000Z',
          lastTime: '2026-11-24T22:00:00.000Z',
          sessions: ['arn:aws:sts::123456789012:assumed-role/checkout/i-1'],
        },
      ],
    });
  });

  it('refuses --until before --since (exit 2, naming both)', async () => {
    const { code, stdout, stderr } = await runBusload([
      'audit',
      trailFile(),
      '--since',
      '2026-11-25',
      '--until',
      '2026-11-24',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('busload: --until 2026-11-24: must be after --since 2026-11-25\n');
  });
});
