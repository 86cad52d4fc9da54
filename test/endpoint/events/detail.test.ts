import { describe, expect, it } from 'vitest';
import {
  isValidDetail,
  jsonIntegersFitInt64,
  jsonNestingDepth,
  numbersBelow2To53,
} from '../../../src/endpoint/events/detail.js';

describe('Detail int64 integers', () => {
  it('finds integer literals outside int64, not fractions, exponents or strings', () => {
    const detail =
      '{"max":9223372036854775807,"min":-9223372036854775808,"f":1.0e400,"d":12345678901234567890.5,"s":"99999999999999999999"}';
    expect(jsonIntegersFitInt64(detail)).toBe(true);
    expect(jsonIntegersFitInt64('{"a":{"b":[1,2,99999999999999999999]}}')).toBe(false);
  });
  it('refuses an integer outside int64 however deep, and scans the text only for numbers >= 2^53', () => {
    expect(isValidDetail('{"a":{"b":[1,2,99999999999999999999]}}')).toBe(false);
    expect(isValidDetail('{"a":[{"b":-9223372036854775809}]}')).toBe(false);
    expect(isValidDetail('{"a":[{"b":-9223372036854775808}],"c":9007199254740993}')).toBe(true);
    expect(isValidDetail('{"a":1e300,"b":"12345678901234567890"}')).toBe(true);
    expect(numbersBelow2To53({ a: [1, 2.5, { b: -9007199254740991 }], c: 'x', d: null })).toBe(true);
    expect(numbersBelow2To53({ a: [1, { b: 9007199254740992 }] })).toBe(false);
    expect(numbersBelow2To53([-9007199254740992])).toBe(false);
    expect(numbersBelow2To53('99999999999999999999')).toBe(true);
  });
});

describe('Detail shape', () => {
  it('accepts a JSON object only', () => {
    expect(isValidDetail(' {"a":[1,{"b":null}]}')).toBe(true);
    expect(['[]', '"x"', '12', '{"a":', '', 'null'].map(isValidDetail)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('Detail nesting', () => {
  it('measures depth outside strings', () => {
    expect(jsonNestingDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"[[[{{{\\"[["}')).toBe(1);
  });
  it('accepts 1000 levels and refuses 1001', () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    expect(isValidDetail(nested(1000))).toBe(true);
    expect(isValidDetail(nested(1001))).toBe(false);
  });
});
