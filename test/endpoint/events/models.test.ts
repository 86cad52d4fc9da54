import { describe, expect, it } from 'vitest';
import { firstHeader, isAwsJsonContentType, PUT_EVENTS_TARGET } from '../../../src/endpoint/events/models.js';

describe('isAwsJsonContentType', () => {
  it('reads AWS JSON 1.1 and 1.0, with parameters and any case', () => {
    expect(
      [
        'application/x-amz-json-1.1',
        'application/x-amz-json-1.0',
        'Application/X-Amz-Json-1.1; charset=utf-8',
        ' application/x-amz-json-1.1 ',
        'application/json',
        'text/plain',
        '',
        undefined,
      ].map(isAwsJsonContentType),
    ).toEqual([true, true, true, true, false, false, false, false]);
  });
});

describe('firstHeader', () => {
  it('takes the first of a list, the value itself otherwise', () => {
    expect([firstHeader(['a', 'b']), firstHeader('c'), firstHeader(undefined), firstHeader([])]).toEqual([
      'a',
      'c',
      undefined,
      undefined,
    ]);
  });
});

describe('PUT_EVENTS_TARGET', () => {
  it("is PutEvents' X-Amz-Target", () => {
    expect(PUT_EVENTS_TARGET).toBe('AWSEvents.PutEvents');
  });
});
