import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatCount,
  formatDecimal,
  formatDurationMs,
  formatFixedDecimals,
  formatMs,
  formatPercent,
  formatQuantity,
  formatUnitPriceUsd,
  formatUsd,
  plural,
  sumDecimals,
} from '../../src/report/format.js';

describe('formatUsd', () => {
  it.each([
    ['1234.5', '$1,234.50'],
    ['0', '$0.00'],
    ['0.004', '$0.00'],
    ['0.005', '$0.01'],
    ['41.2', '$41.20'],
    ['1048.572', '$1,048.57'],
    ['999999.995', '$1,000,000.00'],
    ['1234567890.1', '$1,234,567,890.10'],
    ['-3', '-$3.00'],
    ['-0.001', '$0.00'],
    // Beyond float precision: decimal.js keeps every digit.
    ['90071992547409.935', '$90,071,992,547,409.94'],
  ])('formatUsd(%s) = %s', (input, expected) => {
    expect(formatUsd(input)).toBe(expected);
  });

  it('rejects what is not a decimal', () => {
    expect(() => formatUsd('12,00')).toThrow();
    expect(() => formatUsd('NaN')).toThrow(RangeError);
  });
});

describe('formatUnitPriceUsd', () => {
  it.each([
    ['0.000001', '$0.000001'],
    ['0.50', '$0.50'],
    ['0.023', '$0.023'],
    ['2.5', '$2.50'],
    ['1000', '$1,000.00'],
  ])('formatUnitPriceUsd(%s) = %s', (input, expected) => {
    expect(formatUnitPriceUsd(input)).toBe(expected);
  });
});

describe('counts and decimals', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [2.5, '3'],
    [-1234, '-1,234'],
  ])('formatCount(%s) = %s', (input, expected) => {
    expect(formatCount(input)).toBe(expected);
  });

  it('plural: singular for exactly 1, the plural form (with thousands separators) otherwise', () => {
    expect(plural(1, 'worker')).toBe('1 worker');
    expect(plural(0, 'worker')).toBe('0 workers');
    expect(plural(2, 'core')).toBe('2 cores');
    expect(plural(1234, 'entry', 'entries')).toBe('1,234 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });

  it.each([
    ['87600.000', 2, '87,600'],
    ['1234.5678', 2, '1,234.57'],
    ['121.666666', 4, '121.6667'],
    [2.5, 2, '2.5'],
  ] as const)('formatDecimal(%s, %s) = %s', (input, decimals, expected) => {
    expect(formatDecimal(input, decimals)).toBe(expected);
  });

  it.each([
    [10, 2, '10.00'],
    [2.4917, 2, '2.49'],
    ['1234.5', 1, '1,234.5'],
  ] as const)('formatFixedDecimals(%s, %s) = %s', (input, decimals, expected) => {
    expect(formatFixedDecimals(input, decimals)).toBe(expected);
  });

  it.each([
    ['52735200.4', '52,735,200'],
    ['12.345', '12.35'],
    ['0.012345', '0.01235'],
    ['0', '0'],
  ])('formatQuantity(%s) = %s', (input, expected) => {
    expect(formatQuantity(input)).toBe(expected);
  });

  it('sums decimal strings exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['131.40', '261.92', '1048.57'])).toBe('1441.89');
    expect(sumDecimals([])).toBe('0');
  });
});

describe('formatMs', () => {
  it.each([
    [0, '0.00'],
    [0.4213, '0.42'],
    [4.219, '4.22'],
    [58.93, '58.9'],
    [99.96, '100.0'],
    [1204.2, '1,204'],
  ])('formatMs(%s) = %s', (input, expected) => {
    expect(formatMs(input)).toBe(expected);
  });
});

describe('formatDurationMs', () => {
  it.each([
    [850, '850 ms'],
    [30486, '30.5 s'],
    [60000, '1 min'],
    [125000, '2 min 5 s'],
    [3600000, '1 h'],
    [3720000, '1 h 2 min'],
  ])('formatDurationMs(%s) = %s', (input, expected) => {
    expect(formatDurationMs(input)).toBe(expected);
  });
});

describe('formatCompact', () => {
  it.each([
    [950, '950'],
    [1000, '1K'],
    [16460, '16.5K'],
    [41_200_000, '41.2M'],
    ['79365600', '79.4M'],
    [999_960, '1M'],
    ['1048572000', '1B'],
    [2.5e12, '2.5T'],
  ] as const)('formatCompact(%s) = %s', (input, expected) => {
    expect(formatCompact(input)).toBe(expected);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.2695, '27%'],
    [0.0042, '0.4%'],
    [0.074, '7.4%'],
    [1, '100%'],
  ])('formatPercent(%s) = %s', (input, expected) => {
    expect(formatPercent(input)).toBe(expected);
  });
});
