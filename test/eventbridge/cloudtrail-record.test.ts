import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTrailRecord,
  describeUserIdentity,
  formatEntryTime,
  formatEventTime,
  type TrailRecordDraft,
  TrailRecordSerializer,
} from '../../src/eventbridge/cloudtrail-record.js';
import { draftParts, toDraft } from '../helpers/trail-drafts.js';

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

describe('buildTrailRecord', () => {
  const draft: TrailRecordDraft = {
    eventTimeEpochMs: AT_MS,
    requestId: 'req-1',
    eventId: 'evt-1',
    userIdentity: describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'AKIDEXAMPLE', ''),
    sourceIpAddress: '127.0.0.1',
    userAgent: 'aws-sdk-js/3',
    hostHeader: '127.0.0.1:4010',
    entries: [{ source: 'com.shop', detailType: 'OrderPlaced', eventBusName: 'orders', hasDetail: true }],
    outcome: { kind: 'answered', results: [{ eventId: 'e-1' }] },
    busNames: ['orders'],
    loggedBusNames: ['orders'],
    endpoint: null,
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
      tlsDetails: {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: '127.0.0.1:4010',
      },
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

describe('TrailRecordSerializer', () => {
  it('writes exactly the JSON of buildTrailRecord, for any draft', () => {
    const serializer = new TrailRecordSerializer('eu-west-1', ACCOUNT);
    fc.assert(
      fc.property(draftParts, (parts) => {
        const full = toDraft(parts);
        expect(serializer.serialize(full)).toBe(JSON.stringify(buildTrailRecord(full, 'eu-west-1', ACCOUNT)));
      }),
      { seed: 20261125, numRuns: 2_000 },
    );
  });

  it('reuses the rendered identity and resources between records without mixing them up', () => {
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    const alice = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:user/alice`, 'K1', '');
    const bob = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:user/bob`, 'K2', '');
    const base: TrailRecordDraft = {
      eventTimeEpochMs: AT_MS,
      requestId: 'r',
      eventId: 'e',
      userIdentity: alice,
      sourceIpAddress: '127.0.0.1',
      userAgent: 'ua',
      hostHeader: 'h',
      entries: [],
      outcome: { kind: 'answered', results: [] },
      busNames: ['orders'],
      loggedBusNames: ['orders'],
      endpoint: null,
    };
    for (const next of [base, { ...base, userIdentity: bob, busNames: ['payments', 'orders'] }, base]) {
      expect(JSON.parse(serializer.serialize(next))).toEqual(buildTrailRecord(next, 'us-east-1', ACCOUNT));
    }
  });
});

describe('TrailRecordSerializer entry reuse', () => {
  it('renders each entry from its own fields when consecutive entries differ in one field only', () => {
    const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
    const base = { source: 'com.shop', detailType: 'OrderPlaced', eventBusName: 'orders', hasDetail: true };
    const entries = [
      base,
      { ...base },
      { ...base, hasDetail: false },
      { ...base, timeEpochSec: AT_MS / 1000 },
      { ...base, timeEpochSec: '1772844667' },
      { ...base, eventBusName: undefined },
      { ...base, source: 'com.shop2' },
      { ...base, detailType: 'OrderPaid' },
      base,
    ];
    const draft: TrailRecordDraft = {
      eventTimeEpochMs: AT_MS,
      requestId: 'r',
      eventId: 'e',
      userIdentity: describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'K', ''),
      sourceIpAddress: '127.0.0.1',
      userAgent: 'ua',
      hostHeader: 'h',
      entries,
      outcome: { kind: 'answered', results: entries.map((_, i) => ({ eventId: `e-${i}` })) },
      busNames: ['orders'],
      loggedBusNames: ['orders'],
      endpoint: null,
    };
    const record = JSON.parse(serializer.serialize(draft)) as { requestParameters: { entries: unknown[] } };
    const hidden = 'HIDDEN_DUE_TO_SECURITY_REASONS';
    const shown = { source: 'com.shop', detailType: 'OrderPlaced', detail: hidden, eventBusName: 'orders' };
    const timed = {
      source: 'com.shop',
      detailType: 'OrderPlaced',
      time: 'Mar 7, 2026, 12:51:07 AM',
      detail: hidden,
      eventBusName: 'orders',
    };
    expect(record.requestParameters.entries).toEqual([
      shown,
      shown,
      { source: 'com.shop', detailType: 'OrderPlaced', eventBusName: 'orders' },
      timed,
      timed,
      { source: 'com.shop', detailType: 'OrderPlaced', detail: hidden },
      { ...shown, source: 'com.shop2' },
      { ...shown, detailType: 'OrderPaid' },
      shown,
    ]);
    expect(serializer.serialize(draft)).toBe(JSON.stringify(buildTrailRecord(draft, 'us-east-1', ACCOUNT)));
  });
});
