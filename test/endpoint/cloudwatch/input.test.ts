import { describe, expect, it } from 'vitest';
import {
  isObject,
  matchesDimensionFilters,
  offsetToken,
  optionalList,
  optionalNumber,
  optionalString,
  parseDimensionFilters,
  parseDimensions,
  parsePeriod,
  parseTimeRange,
  parseUnit,
  readOffsetToken,
  requiredString,
  timestampMs,
} from '../../../src/endpoint/cloudwatch/input.js';
import { refusalOf } from '../../helpers/cloudwatch-refusal.js';

const message = (run: () => unknown) => refusalOf(run).message;

describe('CloudWatch input readers', () => {
  it('tells structures from lists, Dates and primitives', () => {
    expect([{}, [], new Date(0), null, 'x', 1].map(isObject)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads strings, numbers and lists, absent (or null) as undefined, the wrong type refused by path', () => {
    const input = { Name: 'orders', Empty: '', Count: 3, Nothing: null, List: [1], Text: 'NaN' };
    expect(optionalString(input, 'Name', 'A.Name')).toBe('orders');
    expect(optionalString(input, 'Nothing', 'A.Nothing')).toBeUndefined();
    expect(optionalString(input, 'Absent', 'A.Absent')).toBeUndefined();
    expect(message(() => optionalString(input, 'Count', 'A.Count'))).toBe(
      'The parameter A.Count must be a string.',
    );
    expect(requiredString(input, 'Name', 'A.Name')).toBe('orders');
    expect(message(() => requiredString(input, 'Empty', 'A.Empty'))).toBe(
      'The parameter A.Empty is required.',
    );
    expect(message(() => requiredString(input, 'Absent', 'A.Absent'))).toBe(
      'The parameter A.Absent is required.',
    );
    expect(optionalNumber(input, 'Count', 'A.Count')).toBe(3);
    expect(optionalNumber(input, 'Absent', 'A.Absent')).toBeUndefined();
    // JSON 1.0 sends NaN as a string: refused.
    expect(message(() => optionalNumber(input, 'Text', 'A.Text'))).toBe(
      'The value NaN for parameter A.Text is invalid.',
    );
    expect(message(() => optionalNumber({ X: Number.POSITIVE_INFINITY }, 'X', 'X'))).toBe(
      'The value Infinity for parameter X is invalid.',
    );
    expect(optionalList(input, 'List', 'A.List')).toEqual([1]);
    expect(message(() => optionalList(input, 'Name', 'A.Name'))).toBe('The parameter A.Name must be a list.');
  });

  it('reads a timestamp as epoch seconds, ISO 8601 text or a Date', () => {
    const at = Date.UTC(2026, 11, 7, 10, 0, 30);
    expect(timestampMs({ T: at / 1000 }, 'T', 'T')).toBe(at);
    expect(timestampMs({ T: '2026-12-07T10:00:30Z' }, 'T', 'T')).toBe(at);
    expect(timestampMs({ T: new Date(at) }, 'T', 'T')).toBe(at);
    expect(timestampMs({}, 'T', 'T')).toBeUndefined();
    expect(message(() => timestampMs({ T: 'yesterday' }, 'T', 'StartTime'))).toBe(
      'The parameter StartTime must be a timestamp.',
    );
    expect(message(() => timestampMs({ T: true }, 'T', 'StartTime'))).toBe(
      'The parameter StartTime must be a timestamp.',
    );
  });

  it('reads StartTime and EndTime, both required, StartTime first', () => {
    expect(parseTimeRange({ StartTime: 60, EndTime: 120 })).toEqual({ startMs: 60_000, endMs: 120_000 });
    expect(message(() => parseTimeRange({ EndTime: 120 }))).toBe('The parameter StartTime is required.');
    expect(message(() => parseTimeRange({ StartTime: 60 }))).toBe('The parameter EndTime is required.');
    expect(message(() => parseTimeRange({ StartTime: 60, EndTime: 60 }))).toBe(
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  });

  it('reads dimensions: at most 30, names unique, Name up to 255 and Value up to 1024 characters', () => {
    expect(parseDimensions(undefined, 'Dimensions')).toEqual([]);
    expect(parseDimensions([{ Name: 'Bus', Value: 'orders' }], 'Dimensions')).toEqual([
      { Name: 'Bus', Value: 'orders' },
    ]);
    const thirty = Array.from({ length: 30 }, (_, i) => ({ Name: `D${i}`, Value: 'v' }));
    expect(parseDimensions(thirty, 'Dimensions')).toHaveLength(30);
    expect(message(() => parseDimensions([...thirty, { Name: 'D30', Value: 'v' }], 'Dimensions'))).toBe(
      'The collection Dimensions must not have a size greater than 30.',
    );
    expect(
      message(() =>
        parseDimensions(
          [
            { Name: 'Bus', Value: 'a' },
            { Name: 'Bus', Value: 'b' },
          ],
          'D',
        ),
      ),
    ).toBe('No metric may have duplicate dimension names: Bus.');
    expect(message(() => parseDimensions([{ Name: 'Bus' }], 'X.Dimensions'))).toBe(
      'The parameter X.Dimensions.member.1.Value is required.',
    );
    expect(message(() => parseDimensions(['Bus'], 'D'))).toBe(
      'The parameter D.member.1 must be a structure.',
    );
    expect(message(() => parseDimensions([{ Name: 'n'.repeat(256), Value: 'v' }], 'D'))).toBe(
      'The parameter D.member.1.Name must be at most 255 characters.',
    );
    expect(message(() => parseDimensions([{ Name: 'n', Value: 'v'.repeat(1025) }], 'D'))).toBe(
      'The parameter D.member.1.Value must be at most 1024 characters.',
    );
  });

  it('reads dimension filters and matches a metric that has every filtered dimension', () => {
    const filters = parseDimensionFilters(
      [{ Name: 'Bus' }, { Name: 'Scenario', Value: 'soak' }],
      'Dimensions',
    );
    expect(filters).toEqual([
      { name: 'Bus', value: undefined },
      { name: 'Scenario', value: 'soak' },
    ]);
    const soakOrders = [
      { Name: 'Scenario', Value: 'soak' },
      { Name: 'Bus', Value: 'orders' },
      { Name: 'Region', Value: 'eu-west-1' },
    ];
    expect(matchesDimensionFilters(soakOrders, filters)).toBe(true);
    expect(matchesDimensionFilters([{ Name: 'Scenario', Value: 'soak' }], filters)).toBe(false);
    expect(
      matchesDimensionFilters(
        [
          { Name: 'Bus', Value: 'x' },
          { Name: 'Scenario', Value: 'quick' },
        ],
        filters,
      ),
    ).toBe(false);
    expect(matchesDimensionFilters([], [])).toBe(true);
  });

  it('accepts the periods CloudWatch accepts: 1, 5, 10, 20, 30 and multiples of 60', () => {
    for (const period of [1, 5, 10, 20, 30, 60, 120, 3600])
      expect(parsePeriod({ Period: period }, 'Period')).toBe(period);
    for (const period of [2, 15, 45, 90, 60.5, 0, -60]) {
      expect(message(() => parsePeriod({ Period: period }, 'M.Period'))).toBe(
        `The value ${period} for parameter M.Period is invalid: the period must be 1, 5, 10, 20, 30, or a multiple of 60.`,
      );
    }
    expect(message(() => parsePeriod({}, 'M.Period'))).toBe('The parameter M.Period is required.');
  });

  it('accepts the standard units only', () => {
    expect(parseUnit({ Unit: 'Bytes/Second' }, 'Unit')).toBe('Bytes/Second');
    expect(parseUnit({}, 'Unit')).toBeUndefined();
    expect(message(() => parseUnit({ Unit: 'Seconds/Second' }, 'X.Unit'))).toBe(
      'The value Seconds/Second for parameter X.Unit is invalid.',
    );
  });

  it('writes and reads offset tokens, refusing tokens it did not write', () => {
    expect(offsetToken(500)).toBe('b2Zmc2V0OjUwMA');
    expect(readOffsetToken(offsetToken(500))).toBe(500);
    expect(readOffsetToken(undefined)).toBe(0);
    for (const token of [
      'garbage',
      Buffer.from('offset:-1').toString('base64url'),
      Buffer.from('offset:1.5').toString('base64url'),
    ]) {
      expect(refusalOf(() => readOffsetToken(token)).code).toBe('InvalidNextToken');
    }
  });
});
