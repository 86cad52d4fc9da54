import { describe, expect, it } from 'vitest';
import {
  applyExclusions,
  exclusionMatches,
  isConfirmedForEventBuses,
  recordedPrincipalArn,
} from '../../src/model/scope.js';

const BUS = 'arn:aws:events:us-east-1:111122223333:event-bus/orders';
const A = { principalArn: 'arn:aws:sts::111122223333:assumed-role/checkout/busload', requests: 900 };
const B = { principalArn: 'arn:aws:sts::111122223333:assumed-role/canary/busload', requests: 100 };

describe('recordedPrincipalArn', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/checkout', 'arn:aws:sts::111122223333:assumed-role/checkout/busload'],
    [
      'arn:aws:iam::111122223333:role/team/checkout',
      'arn:aws:sts::111122223333:assumed-role/checkout/busload',
    ],
    ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/alice'],
    ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:root'],
  ])('%s -> %s', (principal, recorded) => {
    expect(recordedPrincipalArn(principal)).toBe(recorded);
  });
});

describe('exclusions', () => {
  it('match with CloudTrail operators, case-sensitive, no wildcards', () => {
    expect(
      exclusionMatches({ field: 'eventName', operator: 'equals', values: ['PutEvents'] }, 'PutEvents'),
    ).toBe(true);
    expect(
      exclusionMatches({ field: 'eventName', operator: 'equals', values: ['putevents'] }, 'PutEvents'),
    ).toBe(false);
    expect(exclusionMatches({ field: 'resources.ARN', operator: 'endsWith', values: ['/orders'] }, BUS)).toBe(
      true,
    );
    expect(
      exclusionMatches({ field: 'resources.ARN', operator: 'startsWith', values: ['arn:aws:events:*'] }, BUS),
    ).toBe(false);
  });

  it('marks the fields AWS confirms for event buses', () => {
    expect(
      ['eventName', 'readOnly', 'resources.ARN'].every((f) => isConfirmedForEventBuses(f as never)),
    ).toBe(true);
    expect(isConfirmedForEventBuses('userIdentity.arn')).toBe(false);
    expect(isConfirmedForEventBuses('eventSource')).toBe(false);
  });

  it("a principal exclusion removes that caller's share of requests", () => {
    const shares = applyExclusions(
      [{ field: 'userIdentity.arn', operator: 'equals', values: [B.principalArn] }],
      BUS,
      [A, B],
      true,
    );
    expect(shares.excludedShare.toFixed()).toBe('0.1');
    expect(shares.matchedShares.map((s) => s?.toFixed())).toEqual(['0.1']);
    expect(shares.loggedPrincipals).toEqual([A]);
  });

  it('overlapping exclusions count a call once; unconfirmed fields can be switched off', () => {
    const exclusions = [
      { field: 'userIdentity.arn' as const, operator: 'endsWith' as const, values: ['/busload'] },
      { field: 'readOnly' as const, operator: 'equals' as const, values: ['true'] },
      { field: 'eventSource' as const, operator: 'equals' as const, values: ['events.amazonaws.com'] },
    ];
    const all = applyExclusions(exclusions, BUS, [A, B], true);
    expect(all.excludedShare.toFixed()).toBe('1');
    expect(all.matchedShares.map((s) => s?.toFixed())).toEqual(['1', '0', '1']);
    const confirmedOnly = applyExclusions(exclusions, BUS, [A, B], false);
    expect(confirmedOnly.excludedShare.toFixed()).toBe('0');
  });

  it('cannot apply a principal exclusion without callers, nor a resources.ARN one without the bus ARN', () => {
    const shares = applyExclusions(
      [
        { field: 'userIdentity.arn', operator: 'equals', values: ['x'] },
        { field: 'resources.ARN', operator: 'equals', values: [BUS] },
      ],
      undefined,
      undefined,
      true,
    );
    expect(shares.matchedShares).toEqual([null, null]);
    expect(shares.excludedShare.toFixed()).toBe('0');
  });
});
