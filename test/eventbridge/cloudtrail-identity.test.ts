import { describe, expect, it } from 'vitest';
import { describeUserIdentity, isTemporaryAccessKey } from '../../src/eventbridge/cloudtrail-identity.js';

const ACCOUNT = '111122223333';

describe('describeUserIdentity', () => {
  it('turns a role into an assumed-role session with its issuer', () => {
    const identity = describeUserIdentity(
      `arn:aws:iam::${ACCOUNT}:role/checkout-producer`,
      'AKID1',
      '2026-03-07T00:00:00Z',
    );
    expect(identity.type).toBe('AssumedRole');
    expect(identity.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/checkout-producer/busload`);
    expect(identity.accessKeyId).toBe('AKID1');
    expect(identity.accountId).toBe(ACCOUNT);
    expect(identity.sessionContext?.sessionIssuer?.arn).toBe(
      `arn:aws:iam::${ACCOUNT}:role/checkout-producer`,
    );
    expect(identity.sessionContext?.sessionIssuer?.userName).toBe('checkout-producer');
    expect(identity.principalId).toMatch(/^AROA[0-9A-F]{17}:busload$/);
  });
  it('recognises root and users', () => {
    expect(describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'K', '')).toEqual({
      type: 'Root',
      principalId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      accountId: ACCOUNT,
      accessKeyId: 'K',
    });
    const user = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:user/ops/alice`, 'K', '');
    expect([user.type, user.userName]).toEqual(['IAMUser', 'alice']);
  });
});

describe('describeUserIdentity, sessions and odd principals', () => {
  it('reads an STS assumed-role ARN as that session, issued by its role', () => {
    const identity = describeUserIdentity(
      `arn:aws:sts::${ACCOUNT}:assumed-role/checkout-producer/ci-run-7`,
      'ASIA1',
      '2026-03-07T00:00:00Z',
    );
    expect(identity.type).toBe('AssumedRole');
    expect(identity.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/checkout-producer/ci-run-7`);
    expect(identity.principalId).toMatch(/^AROA[0-9A-F]{17}:ci-run-7$/);
    expect(identity.sessionContext).toEqual({
      sessionIssuer: {
        type: 'Role',
        principalId: identity.principalId.split(':')[0],
        arn: `arn:aws:iam::${ACCOUNT}:role/checkout-producer`,
        accountId: ACCOUNT,
        userName: 'checkout-producer',
      },
      attributes: { mfaAuthenticated: 'false', creationDate: '2026-03-07T00:00:00Z' },
    });
  });
  it('gives the same role the same principal id, and two roles different ones', () => {
    const a = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:role/a`, 'K', '');
    const again = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:role/a`, 'K2', '');
    const b = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:role/b`, 'K', '');
    expect(again.principalId).toBe(a.principalId);
    expect(b.principalId).not.toBe(a.principalId);
  });
  it('adds a session context to a root or user signing with a temporary key', () => {
    const root = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'ASIAEXAMPLE', '2026-03-07T00:00:00Z');
    expect(root.sessionContext).toEqual({
      attributes: { mfaAuthenticated: 'false', creationDate: '2026-03-07T00:00:00Z' },
    });
    expect(
      describeUserIdentity(`arn:aws:iam::${ACCOUNT}:root`, 'AKIAEXAMPLE', '').sessionContext,
    ).toBeUndefined();
  });
  it('keeps a principal it cannot read as Unknown', () => {
    expect(describeUserIdentity('not-an-arn', 'K', '')).toEqual({
      type: 'Unknown',
      principalId: 'not-an-arn',
      arn: 'not-an-arn',
      accountId: '',
      accessKeyId: 'K',
    });
    expect(describeUserIdentity(`arn:aws:iam::${ACCOUNT}:group/ops`, 'K', '')).toMatchObject({
      type: 'Unknown',
      accountId: ACCOUNT,
    });
  });
});

describe('isTemporaryAccessKey', () => {
  it('is true for ASIA keys only', () => {
    expect([
      isTemporaryAccessKey('ASIAEXAMPLE'),
      isTemporaryAccessKey('AKIAEXAMPLE'),
      isTemporaryAccessKey(''),
    ]).toEqual([true, false, false]);
  });
});
