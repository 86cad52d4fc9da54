/** The pricing flags of `cost` and `profile` (pure): parsed values, and errors naming the flag (exit 2). */
import { describe, expect, it } from 'vitest';
import { parseAssumptions, parseLoggingOverrides, parseMonth } from '../../src/cli/pricing-flags.js';
import { InputError } from '../../src/errors.js';

describe('parseAssumptions', () => {
  it('takes true/false for a boolean assumption and a number >= 0 for a numeric one', () => {
    expect(parseAssumptions(['failedRequestsLogged=false', 's3RetentionDays=90', 'gzipRatio=0'])).toEqual({
      failedRequestsLogged: false,
      s3RetentionDays: 90,
      gzipRatio: 0,
    });
    expect(parseAssumptions([])).toEqual({});
  });

  it('refuses a malformed flag, an unknown name and a wrong value, naming the flag', () => {
    expect(() => parseAssumptions(['failedRequestsLogged'])).toThrow(
      new InputError(
        '--assume failedRequestsLogged: expected <name>=<value>, e.g. failedRequestsLogged=false',
      ),
    );
    expect(() => parseAssumptions(['a=b=c'])).toThrow('--assume a=b=c: expected <name>=<value>');
    expect(() => parseAssumptions(['nope=1'])).toThrow(
      /^--assume nope=1: unknown assumption "nope" \(one of: failedRequestsLogged, /,
    );
    expect(() => parseAssumptions(['failedRequestsLogged=yes'])).toThrow(
      '--assume failedRequestsLogged=yes: failedRequestsLogged must be true or false',
    );
    expect(() => parseAssumptions(['s3RetentionDays=-1'])).toThrow(
      '--assume s3RetentionDays=-1: s3RetentionDays must be a number >= 0',
    );
    expect(() => parseAssumptions(['s3RetentionDays= '])).toThrow('s3RetentionDays must be a number >= 0');
  });
});

describe('parseMonth', () => {
  it("gives a calendar month's hours", () => {
    expect(parseMonth('2027-02')).toEqual({ label: '2027-02', hours: 672 });
    expect(parseMonth('2028-02')).toEqual({ label: '2028-02', hours: 696 });
  });

  it('refuses anything else as an InputError naming --month', () => {
    expect(() => parseMonth('2027-13')).toThrow(
      new InputError('--month 2027-13: expected a calendar month YYYY-MM (e.g. 2027-02), got "2027-13"'),
    );
    expect(() => parseMonth('Feb')).toThrow(InputError);
  });
});

describe('parseLoggingOverrides', () => {
  it('maps each named bus to its mode', () => {
    expect([
      ...parseLoggingOverrides(['telemetry=trail', 'orders=lake-7y'], ['orders', 'telemetry']),
    ]).toEqual([
      ['telemetry', 'trail'],
      ['orders', 'lake-7y'],
    ]);
  });

  it('refuses a malformed flag, an unknown bus and an unknown mode, naming the flag', () => {
    expect(() => parseLoggingOverrides(['telemetry'], ['telemetry'])).toThrow(
      '--logging telemetry: expected <bus>=<mode>, e.g. telemetry=trail',
    );
    expect(() => parseLoggingOverrides(['ordres=trail'], ['orders', 'telemetry'])).toThrow(
      '--logging ordres=trail: no bus named "ordres" (buses: orders, telemetry)',
    );
    expect(() => parseLoggingOverrides(['orders=s3'], ['orders'])).toThrow(
      '--logging orders=s3: mode must be one of off, trail, lake-1y, lake-7y, cloudwatch-logs',
    );
  });
});
