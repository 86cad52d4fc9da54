import { describe, expect, it } from 'vitest';
import { accessDenied, CallerPrincipals } from '../../../src/endpoint/events/principals.js';

const ROLE = 'arn:aws:iam::111122223333:role/checkout-producer';
const CONFIG = { principalsByAccessKey: { AKIDROLE: ROLE }, accountId: '111122223333' };

describe('CallerPrincipals', () => {
  it("maps a configured key to its principal and any other key to the account's root, once per key", () => {
    const callers = new CallerPrincipals(CONFIG, '2026-12-07T10:00:00Z');
    const role = callers.of('AKIDROLE');
    expect(role.arn).toBe(ROLE);
    expect(role.identity).toMatchObject({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/checkout-producer/busload',
      accessKeyId: 'AKIDROLE',
      sessionContext: { attributes: { creationDate: '2026-12-07T10:00:00Z' } },
    });
    expect(callers.of('AKIDROLE')).toBe(role);
    expect(callers.of('AKIDOTHER')).toMatchObject({
      arn: 'arn:aws:iam::111122223333:root',
      identity: { type: 'Root', accessKeyId: 'AKIDOTHER' },
    });
  });
});

describe('accessDenied', () => {
  const callers = new CallerPrincipals(CONFIG, '2026-12-07T10:00:00Z');
  const bus = (allowed: string[] | null) => ({
    arn: 'arn:aws:events:us-east-1:111122223333:event-bus/orders',
    allowedPrincipals: allowed === null ? null : new Set(allowed),
  });
  it('allows everyone on a bus without allowed principals, and on an unknown bus', () => {
    expect(accessDenied(callers.of('AKIDROLE'), bus(null))).toBeNull();
    expect(accessDenied(callers.of('AKIDROLE'), null)).toBeNull();
  });
  it('allows a caller by its configured ARN, its session ARN or the role that issued it', () => {
    const caller = callers.of('AKIDROLE');
    expect(accessDenied(caller, bus([ROLE]))).toBeNull();
    expect(accessDenied(caller, bus([caller.identity.arn]))).toBeNull();
  });
  it("refuses anyone else with IAM's text naming the session and the bus", () => {
    expect(accessDenied(callers.of('AKIDROLE'), bus(['arn:aws:iam::111122223333:role/other']))).toEqual({
      errorCode: 'AccessDeniedException',
      errorMessage:
        'User: arn:aws:sts::111122223333:assumed-role/checkout-producer/busload is not authorized to perform: ' +
        'events:PutEvents on resource: arn:aws:events:us-east-1:111122223333:event-bus/orders',
    });
    expect(accessDenied(callers.of('AKIDOTHER'), bus([ROLE]))).toMatchObject({
      errorCode: 'AccessDeniedException',
    });
  });
});
