import { describe, expect, it } from 'vitest';
import { calendarMonth, Dec, formatCountText, formatUsd, formatUsdText } from '../../src/model/money.js';

describe('money formatting', () => {
  it('rounds half-up to cents', () => {
    expect(formatUsd(new Dec('0.005'))).toBe('0.01');
    expect(formatUsd(new Dec('0.0049'))).toBe('0.00');
    expect(formatUsd(new Dec('2.675'))).toBe('2.68');
    expect(formatUsdText(new Dec('1234567.891'))).toBe('$1,234,567.89');
  });
  it('writes counts compactly', () => {
    expect(formatCountText(new Dec(41_200_000))).toBe('41.2M');
    expect(formatCountText(new Dec(950))).toBe('950');
    expect(formatCountText(new Dec(1500))).toBe('1.5K');
    expect(formatCountText(new Dec(2_628_000_000))).toBe('2.6B');
  });
});

describe('a calendar month beside the 730-hour convention', () => {
  it('knows the hours of a calendar month (UTC, leap years)', () => {
    expect(calendarMonth('2027-02')).toEqual({ label: '2027-02', hours: 672 }); // 28 x 24
    expect(calendarMonth('2028-02').hours).toBe(696); // 29 x 24
    expect(calendarMonth('2000-02').hours).toBe(696); // divisible by 400: leap
    expect(calendarMonth('2100-02').hours).toBe(672); // divisible by 100 only: not leap
    expect(calendarMonth('2027-01').hours).toBe(744); // 31 x 24
    expect(calendarMonth('2027-04').hours).toBe(720); // 30 x 24
    for (const bad of ['2027-13', '2027-00', '27-02', '2027-2', 'February', '1969-12']) {
      expect(() => calendarMonth(bad), bad).toThrow(RangeError);
    }
  });
});
