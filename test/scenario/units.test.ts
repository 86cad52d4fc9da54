import { describe, expect, it } from 'vitest';
import { describeValue, parseBytes, parseDurationMs, parseRatePerSec } from '../../src/scenario/units.js';

describe('parseDurationMs', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['2min', 120_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['1.1s', 1100],
    [' 45 s ', 45_000],
    ['30', 30_000],
    [30, 30_000],
    [0.25, 250],
    ['0s', 0],
  ] as const)('%j is %d ms', (input, expectedMs) => {
    expect(parseDurationMs(input)).toEqual({ ok: true, value: expectedMs });
  });

  it.each([
    [
      '2 weeks',
      'unknown unit in "2 weeks"; expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds',
    ],
    ['30S', 'expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds; got "30S"'],
    [
      '-3s',
      'must not be negative; got "-3s" (expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds)',
    ],
    ['', 'expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds; got ""'],
  ])('%j is rejected', (input, message) => {
    expect(parseDurationMs(input)).toEqual({ ok: false, message });
  });

  it('rejects non-finite numbers', () => {
    expect(parseDurationMs(Number.POSITIVE_INFINITY)).toEqual({
      ok: false,
      message:
        'expected a finite number; got Infinity (expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds)',
    });
  });
});

describe('parseRatePerSec', () => {
  it.each([
    ['50/s', 50],
    ['3000/min', 50],
    ['100/h', 100 / 3600],
    ['7.5/s', 7.5],
    ['90 / min', 1.5],
    ['12', 12],
    [12.5, 12.5],
    ['0/s', 0],
  ] as const)('%j is %d per second', (input, expectedPerSec) => {
    expect(parseRatePerSec(input)).toEqual({ ok: true, value: expectedPerSec });
  });

  const forms = 'a rate such as "50/s", "3000/min", "100/h" or a number of entries per second';
  it.each([
    ['50/sec', `unknown unit in "50/sec"; expected ${forms}`],
    ['50/m', `unknown unit in "50/m"; expected ${forms}`],
    ['50/', `expected ${forms}; got "50/"`],
    ['fast', `expected ${forms}; got "fast"`],
    ['-5/s', `must not be negative; got "-5/s" (expected ${forms})`],
  ])('%j is rejected', (input, message) => {
    expect(parseRatePerSec(input)).toEqual({ ok: false, message });
  });

  it('rejects a negative number with the forms', () => {
    expect(parseRatePerSec(-1)).toEqual({
      ok: false,
      message: `must not be negative; got -1 (expected ${forms})`,
    });
  });
});

describe('parseBytes', () => {
  it.each([
    ['512', 512],
    ['512B', 512],
    [512, 512],
    ['1.2KB', 1229], // 1228.8 rounded
    ['24KB', 24_576],
    ['2MB', 2_097_152],
    ['1KiB', 1024],
    ['1.5MiB', 1_572_864],
    ['1.2kb', 1229],
    [600.4, 600],
    ['64KB', 65_536],
  ] as const)('%j is %d bytes', (input, expectedBytes) => {
    expect(parseBytes(input)).toEqual({ ok: true, value: expectedBytes });
  });

  const forms = 'a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB"';
  it.each([
    ['1GB', `unknown unit in "1GB"; expected ${forms}`],
    ['big', `expected ${forms}; got "big"`],
    ['-1KB', `must not be negative; got "-1KB" (expected ${forms})`],
  ])('%j is rejected', (input, message) => {
    expect(parseBytes(input)).toEqual({ ok: false, message });
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['x', '"x"'],
    [3, '3'],
    [true, 'true'],
    [[], 'an empty list'],
    [[1], 'a list'],
    [{ a: 1 }, 'a mapping'],
  ])('%j reads %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
