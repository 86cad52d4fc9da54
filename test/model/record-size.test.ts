/**
 * Record bytes of declared calls come from the serializer the embedded endpoint writes its trail with:
 * the sizer's base + per-entry bytes must equal the serializer's output on any mix of entries.
 */
import { describe, expect, it } from 'vitest';
import {
  createRecordSizer,
  declaredCallContext,
  recordBytesOf,
  serializedRecordBytes,
} from '../../src/model/components/record-size.js';

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
