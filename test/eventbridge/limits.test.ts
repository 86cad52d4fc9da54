import { describe, expect, it } from 'vitest';
import {
  BILLING_CHUNK_BYTES,
  billableChunks,
  DEFAULT_ACCOUNT_ID,
  entrySizeBytes,
  eventBusArn,
  MAX_ENTRIES_PER_REQUEST,
  REQUEST_LIMIT_BYTES,
  TIME_FIELD_BYTES,
  utf8Bytes,
} from '../../src/eventbridge/limits.js';

describe('PutEvents limits', () => {
  it('are the documented values', () => {
    expect(MAX_ENTRIES_PER_REQUEST).toBe(10);
    expect(REQUEST_LIMIT_BYTES).toBe(1024 * 1024);
    expect(TIME_FIELD_BYTES).toBe(14);
    expect(BILLING_CHUNK_BYTES).toBe(64 * 1024);
  });

  it('the default account is a 12-digit id', () => {
    expect(DEFAULT_ACCOUNT_ID).toBe('111122223333');
    expect(DEFAULT_ACCOUNT_ID).toMatch(/^\d{12}$/);
  });
});

describe('utf8Bytes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8Bytes(text)).toBe(bytes);
  });
});

describe('entrySizeBytes (AWS formula)', () => {
  it.each([
    ['Source + DetailType + Detail', { Source: 'a.b', DetailType: 'X', Detail: '{}' }, 6],
    ['Time counts 14 bytes', { Time: new Date(0), Source: 'a.b', DetailType: 'X', Detail: '{}' }, 20],
    [
      'each Resources item',
      { Source: 'a', DetailType: 'b', Detail: '{}', Resources: ['arn:1', 'arn:22'] },
      15,
    ],
    ['UTF-8, not UTF-16 units', { Source: 'é', DetailType: '€', Detail: '{"k":"😀"}' }, 2 + 3 + 12],
    [
      'EventBusName is not counted',
      { Source: 'a', DetailType: 'b', Detail: '{}', EventBusName: 'orders' },
      4,
    ],
    ['empty entry', {}, 0],
  ])('%s', (_label, entry, expected) => {
    expect(entrySizeBytes(entry)).toBe(expected);
  });
});

describe('entrySizeBytes: the wire form of Time', () => {
  it('counts Time as 14 bytes whether a Date, epoch seconds or a string', () => {
    const base = { Source: 'a.b', DetailType: 'X', Detail: '{}' };
    expect(entrySizeBytes({ ...base, Time: 1_700_000_000 })).toBe(20);
    expect(entrySizeBytes({ ...base, Time: '1700000000' })).toBe(20);
    expect(entrySizeBytes({ ...base, Time: new Date(0) })).toBe(20);
  });
});

describe('billableChunks (64 KB chunks)', () => {
  it.each([
    [1, 1],
    [1024, 1],
    [65_536, 1],
    [65_537, 2],
    [131_072, 2],
    [131_073, 3],
    [262_144, 4],
    [1_048_576, 16],
  ])('%i bytes -> %i chunks', (bytes, chunks) => {
    expect(billableChunks(bytes)).toBe(chunks);
  });
});

describe('eventBusArn', () => {
  it('names a bus by region, account and name', () => {
    expect(eventBusArn('eu-west-1', '111122223333', 'orders')).toBe(
      'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
    );
  });
});
