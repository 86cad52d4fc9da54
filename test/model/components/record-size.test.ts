/**
 * Record bytes of declared calls come from the serializer the embedded endpoint writes its trail with:
 * the sizer's base + per-entry bytes must equal the serializer's output on any mix of entries.
 */
import { describe, expect, it } from 'vitest';
import {
  createRecordSizer,
  declaredCallContext,
  estimatedRecordBytes,
  meanEntriesPerRequest,
  recordBytesOf,
  recordGigabytes,
  serializedRecordBytes,
} from '../../../src/model/components/record-size.js';
import { Dec } from '../../../src/model/money.js';
import { busUsage } from '../../helpers/model.js';

const context = declaredCallContext('us-east-1');
const ledger = {
  principalArn: 'arn:aws:iam::111122223333:role/ledger',
  region: 'us-east-1',
  busName: 'payments',
  source: 'com.shop.ledger',
  detailTypes: ['PaymentCaptured'],
  context,
};

const callOf = (detailTypes: string[], source = ledger.source) => ({
  principalArn: ledger.principalArn,
  region: ledger.region,
  accountId: context.accountId,
  busName: ledger.busName,
  entries: detailTypes.map((detailType) => ({
    source,
    detailType,
    eventBusName: ledger.busName,
    hasDetail: true,
  })),
  userAgent: context.userAgent,
  sourceIpAddress: context.sourceIpAddress,
  hostHeader: context.hostHeader,
});

describe('record sizes from the endpoint serializer', () => {
  it('sizes the worked example exactly', () => {
    expect(context.hostHeader).toBe('events.us-east-1.amazonaws.com');
    expect(serializedRecordBytes(callOf(Array(10).fill('PaymentCaptured')))).toBe(3_138);
    const sizer = createRecordSizer(ledger);
    expect(sizer).toEqual({ baseBytes: 1_348, entryBytes: [179] });
    expect(recordBytesOf(sizer, [0])).toBe(1_527);
  });

  it('base + per-entry bytes equal the serializer on mixed detail types', () => {
    const types = ['A', 'OrderPlaced', 'Ünïcode-Typé'];
    const sizer = createRecordSizer({ ...ledger, detailTypes: types });
    for (const mix of [[0], [2, 1], [1, 1, 0, 2, 2], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]]) {
      expect(recordBytesOf(sizer, mix), mix.join(',')).toBe(
        serializedRecordBytes(callOf(mix.map((index) => types[index]!))),
      );
    }
  });
});

describe('record size (assumption)', () => {
  it('is 1,450 B for one entry and 174 B per further entry', () => {
    expect(estimatedRecordBytes(new Dec(1)).toFixed()).toBe('1450');
    expect(estimatedRecordBytes(new Dec(10)).toFixed()).toBe('3016');
    expect(estimatedRecordBytes(new Dec(1.5)).toFixed()).toBe('1537');
  });
  it('takes entries per request from the counts, clamped to 1..10', () => {
    const counts = (requests: number, entries: number) =>
      busUsage('b', { counts: { requestsSucceeded: requests, entriesSucceeded: entries } }).counts;
    expect(meanEntriesPerRequest(counts(10, 15)).toFixed()).toBe('1.5');
    expect(meanEntriesPerRequest(counts(1000, 10_000)).toFixed()).toBe('10');
    expect(meanEntriesPerRequest(counts(10, 500)).toFixed()).toBe('10');
    expect(meanEntriesPerRequest(counts(0, 0)).toFixed()).toBe('1');
  });
  it('converts to 2^30-byte GB', () => {
    expect(recordGigabytes(new Dec(1_048_576), new Dec(1024)).toFixed()).toBe('1');
  });
});
