import { describe, expect, it } from 'vitest';
import {
  buildTrailRecord,
  describeUserIdentity,
  formatEntryTime,
  formatEventTime,
  type TrailRecordDraft,
  trailObjectKey,
} from '../../src/endpoint/cloudtrail-record.js';

const ACCOUNT = '111122223333';
const AT_MS = Date.UTC(2026, 2, 7, 0, 51, 7, 456);

describe('time formats', () => {
  it('eventTime is ISO to the second', () => {
    expect(formatEventTime(AT_MS)).toBe('2026-03-07T00:51:07Z');
  });
  it('an entry time is shown as CloudTrail shows it', () => {
    expect(formatEntryTime(AT_MS / 1000)).toBe('Mar 7, 2026, 12:51:07 AM');
    expect(formatEntryTime(Date.UTC(2026, 11, 31, 13, 5, 9) / 1000)).toBe('Dec 31, 2026, 1:05:09 PM');
    expect(formatEntryTime('soon')).toBe('soon');
  });
});

describe('trailObjectKey', () => {
  it('follows the AWSLogs layout', () => {
    expect(trailObjectKey(ACCOUNT, 'us-east-1', AT_MS, 'AbCdEfGh12345678')).toBe(
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/07/' +
        '111122223333_CloudTrail_us-east-1_20260307T0051Z_AbCdEfGh12345678.json.gz',
    );
  });
});

describe('describeUserIdentity', () => {
  it('turns a role into an assumed-role session with its issuer', () => {
    const identity = describeUserIdentity(
      `arn:aws:iam::${ACCOUNT}:role/checkout-producer`,
      'AKID1',
      '2026-03-07T00:00:00Z',
    );
    expect(identity.type).toBe('AssumedRole');
    expect(identity.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/checkout-producer/busload`);
    expect(identity.accessKeyId).toBe('AKID1');
    expect(identity.accountId).toBe(ACCOUNT);
    expect(identity.sessionContext?.sessionIssuer.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/checkout-producer`);
    expect(identity.sessionContext?.sessionIssuer.userName).toBe('checkout-producer');
    expect(identity.principalId).toMatch(/^AROA[0-9A-F]{17}:busload$/);
  });
  it('recognises root and users', () => {
    expect(describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'K', '')).toEqual({
      type: 'Root',
      principalId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      accountId: ACCOUNT,
      accessKeyId: 'K',
    });
    const user = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:user/ops/alice`, 'K', '');
    expect([user.type, user.userName]).toEqual(['IAMUser', 'alice']);
  });
});

describe('buildTrailRecord', () => {
  const draft: TrailRecordDraft = {
    eventTimeEpochMs: AT_MS,
    requestId: 'req-1',
    eventId: 'evt-1',
    userIdentity: describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'AKIDEXAMPLE', ''),
    sourceIpAddress: '127.0.0.1',
    userAgent: 'aws-sdk-js/3',
    entries: [{ source: 'com.shop', detailType: 'OrderPlaced', eventBusName: 'orders' }],
    outcome: { kind: 'answered', results: [{ eventId: 'e-1' }] },
    busNames: ['orders'],
    loggedBusNames: ['orders'],
  };

  it('builds the documented record for an answered request', () => {
    expect(buildTrailRecord(draft, 'us-east-1', ACCOUNT)).toEqual({
      eventVersion: '1.11',
      userIdentity: draft.userIdentity,
      eventTime: '2026-03-07T00:51:07Z',
      eventSource: 'events.amazonaws.com',
      eventName: 'PutEvents',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      userAgent: 'aws-sdk-js/3',
      requestParameters: {
        entries: [
          {
            source: 'com.shop',
            detailType: 'OrderPlaced',
            detail: 'HIDDEN_DUE_TO_SECURITY_REASONS',
            eventBusName: 'orders',
          },
        ],
      },
      responseElements: { failedEntryCount: 0, entries: [{ eventId: 'e-1' }] },
      requestID: 'req-1',
      eventID: 'evt-1',
      readOnly: false,
      resources: [
        { type: 'AWS::Events::EventBus', ARN: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders` },
      ],
      eventType: 'AwsApiCall',
      apiVersion: '2015-10-07',
      managementEvent: false,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Data',
    });
  });

  it('puts errorCode and errorMessage after userAgent for a failed request', () => {
    const record = buildTrailRecord(
      {
        ...draft,
        outcome: { kind: 'error', errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' },
      },
      'us-east-1',
      ACCOUNT,
    );
    const keys = Object.keys(record);
    expect(keys.slice(keys.indexOf('userAgent'), keys.indexOf('userAgent') + 4)).toEqual([
      'userAgent',
      'errorCode',
      'errorMessage',
      'requestParameters',
    ]);
    expect(record.responseElements).toBeNull();
    expect(record.errorMessage).toBe('Rate exceeded');
  });
});
