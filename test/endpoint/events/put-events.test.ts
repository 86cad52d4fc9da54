import { describe, expect, it } from 'vitest';
import {
  checkEntry,
  parsePutEventsBody,
  resolveBusName,
  validatePutEventsRequest,
} from '../../../src/endpoint/events/put-events.js';
import { entrySizeBytes } from '../../../src/eventbridge/limits.js';

const ENTRY = { Source: 'com.shop', DetailType: 'OrderPlaced', Detail: '{"id":1}' };

describe('entrySizeBytes (AWS formula)', () => {
  it.each([
    ['source + detail-type + detail', { Source: 'a.b', DetailType: 'X', Detail: '{}' }, 6],
    ['Time counts 14 bytes', { Time: 1_772_844_667, Source: 'a.b', DetailType: 'X', Detail: '{}' }, 20],
    [
      'resources count, bus and trace header do not',
      { ...ENTRY, Resources: ['r1', 'r22'], EventBusName: 'orders', TraceHeader: 'Root=1' },
      32,
    ],
    ['UTF-8 bytes, not characters', { Source: 'é', DetailType: '€', Detail: '{"k":"ü"}' }, 2 + 3 + 10],
  ])('%s', (_label, entry, expected) => {
    expect(entrySizeBytes(entry)).toBe(expected);
  });
});

describe('parsePutEventsBody', () => {
  it('accepts a request and treats null members as absent', () => {
    const result = parsePutEventsBody('{"Entries":[{"Source":"s","EventBusName":null}]}');
    expect(result).toEqual({ ok: true, request: { Entries: [{ Source: 's' }] } });
  });
  it.each([
    ['broken JSON', '{"Entries":['],
    ['a top-level array', '[]'],
    ['Entries not a list', '{"Entries":{}}'],
    ['an entry that is not a structure', '{"Entries":[1]}'],
    ['a number where a string goes', '{"Entries":[{"Source":5}]}'],
    ['Resources with a number', '{"Entries":[{"Resources":[1]}]}'],
  ])('answers SerializationException for %s', (_label, body) => {
    const result = parsePutEventsBody(body);
    expect(result.ok ? null : result.error.code).toBe('SerializationException');
  });
});

describe('validatePutEventsRequest', () => {
  it('passes 1..10 entries under the size limit', () => {
    expect(validatePutEventsRequest({ Entries: Array(10).fill(ENTRY) }, 1_048_576)).toBeNull();
  });
  it('refuses 11 entries with AWS message shape', () => {
    const error = validatePutEventsRequest({ Entries: Array(11).fill(ENTRY) }, 1_048_576);
    expect(error?.httpStatus).toBe(400);
    expect(error?.code).toBe('ValidationException');
    expect(error?.message).toMatch(
      /^1 validation error detected: Value '\[PutEventsRequestEntry\(time=null, source=com\.shop, resources=null, detailType=OrderPlaced, detail=\{"id":1\}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null\), .*\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
  });
  it('refuses 0 entries and a missing list', () => {
    expect(validatePutEventsRequest({ Entries: [] }, 100)?.message).toBe(
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(validatePutEventsRequest({ Entries: null }, 100)?.message).toBe(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  });
  it('applies the size limit to the sum of entry sizes: equal passes, one byte more fails', () => {
    const size = entrySizeBytes(ENTRY) * 3;
    expect(validatePutEventsRequest({ Entries: [ENTRY, ENTRY, ENTRY] }, size)).toBeNull();
    expect(validatePutEventsRequest({ Entries: [ENTRY, ENTRY, ENTRY] }, size - 1)).toEqual({
      httpStatus: 400,
      code: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });
  it('lists every member constraint that fails, with 1-based paths', () => {
    const error = validatePutEventsRequest(
      {
        Entries: [{ ...ENTRY, EventBusName: 'bad name' }, ENTRY, { ...ENTRY, TraceHeader: 'x'.repeat(501) }],
      },
      1_048_576,
    );
    expect(error?.message).toMatch(
      /^2 validation errors detected: Value 'bad name' at 'entries\.1\.member\.eventBusName'/,
    );
    expect(error?.message).toContain(
      "at 'entries.3.member.traceHeader' failed to satisfy constraint: Member must have length less than or equal to 500",
    );
  });
});

describe('checkEntry', () => {
  it.each([
    [
      { DetailType: 'T', Detail: '{}' },
      'InvalidArgument',
      'Parameter Source is not valid. Reason: Source is a required argument.',
    ],
    [
      { Source: 's', Detail: '{}' },
      'InvalidArgument',
      'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    ],
    [
      { Source: 's', DetailType: 'T' },
      'InvalidArgument',
      'Parameter Detail is not valid. Reason: Detail is a required argument.',
    ],
    [{ Source: 's', DetailType: 'T', Detail: '[1]' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Source: 's', DetailType: 'T', Detail: '"text"' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Source: 's', DetailType: 'T', Detail: '{"a":' }, 'MalformedDetail', 'Detail is malformed.'],
    [
      { Source: 's', DetailType: 'T', Detail: '{"a":9223372036854775808}' },
      'MalformedDetail',
      'Detail is malformed.',
    ],
    [
      { Source: 's', DetailType: 'T', Detail: '{"a":[-9223372036854775809]}' },
      'MalformedDetail',
      'Detail is malformed.',
    ],
    [
      { Source: 's', DetailType: 'T'.repeat(129), Detail: '{}' },
      'InvalidArgument',
      'Parameter DetailType is not valid. Reason: DetailType must be at most 128 characters.',
    ],
  ])('%j -> %s', (entry, errorCode, errorMessage) => {
    expect(checkEntry(entry)).toEqual({ errorCode, errorMessage });
  });
  it('accepts a JSON object', () => {
    expect(checkEntry({ Source: 's', DetailType: 'T', Detail: ' {"a":[1,{"b":null}]}' })).toBeNull();
  });
  it('accepts a 128-character DetailType and integers at the int64 bounds', () => {
    const detail =
      '{"max":9223372036854775807,"min":-9223372036854775808,"f":1.0e400,"d":12345678901234567890.5,"s":"99999999999999999999"}';
    expect(checkEntry({ Source: 's', DetailType: 'T'.repeat(128), Detail: detail })).toBeNull();
  });
});

describe('resolveBusName', () => {
  it.each([
    [undefined, 'default'],
    ['orders', 'orders'],
    ['arn:aws:events:us-east-1:111122223333:event-bus/orders', 'orders'],
    ['arn:aws:events:eu-west-1:111122223333:event-bus/orders', null],
    ['arn:aws:events:us-east-1:999999999999:event-bus/orders', null],
  ])('%s -> %s', (name, expected) => {
    expect(resolveBusName(name, 'us-east-1', '111122223333')).toBe(expected);
  });
});

describe('PutEvents Time and the 11-entry text', () => {
  it('refuses a Time that is not a timestamp and reads numeric and ISO 8601 ones', () => {
    expect(parsePutEventsBody('{"Entries":[{"Time":"yesterday"}]}')).toEqual({
      ok: false,
      error: {
        httpStatus: 400,
        code: 'SerializationException',
        message: 'Entries[0].Time must be a timestamp.',
      },
    });
    const parsed = parsePutEventsBody('{"Entries":[{"Time":"1772844667"},{"Time":"2026-03-07T00:51:07Z"}]}');
    expect(parsed.ok && parsed.request.Entries?.map((entry) => entry.Time)).toEqual([1772844667, 1772844667]);
  });

  it('prints each entry of an 11-entry request as AWS does', () => {
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };
    const error = validatePutEventsRequest({ Entries: Array.from({ length: 11 }, () => entry) }, 1_048_576);
    const one =
      'PutEventsRequestEntry(time=null, source=s, resources=null, detailType=d, detail={}, eventBusName=null, ' +
      'traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)';
    expect(error?.message).toBe(
      `1 validation error detected: Value '[${Array.from({ length: 11 }, () => one).join(', ')}]' at 'entries' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 10',
    );
  });
});
