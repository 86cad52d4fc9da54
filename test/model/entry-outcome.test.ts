import { describe, expect, it } from 'vitest';
import { batchExpectation, entryOutcomeOf } from '../../src/model/entry-outcome.js';
import { producer, scenario } from '../helpers/model.js';

describe('declared endpoint faults and bus policy', () => {
  it('a batch of 5 at p = 0.01 with 2 resends: 1 + (1 - 0.99^5) + (1 - 0.9999^5) calls', () => {
    const expected = batchExpectation({ denied: false, failShare: 0.01, resends: 2 }, 5);
    expect(expected.calls).toBeCloseTo(1 + (1 - 0.99 ** 5) + (1 - 0.9999 ** 5), 12);
    expect(expected.succeededShare).toBeCloseTo(1 - 1e-6, 12);
    expect(expected.sendsPerEntry).toBeCloseTo(1.0101, 12);
  });

  it('every entry succeeds at once: one call, all succeeded, sent once; a denied batch: one call, none succeeded', () => {
    expect(batchExpectation(null, 7)).toEqual({ calls: 1, succeededShare: 1, sendsPerEntry: 1 });
    expect(batchExpectation({ denied: true, failShare: 1, resends: 0 }, 7)).toEqual({
      calls: 1,
      succeededShare: 0,
      sendsPerEntry: 1,
    });
  });

  it('no faults and no bus policy: null (the closed form applies)', () => {
    const s = scenario([producer('a', 'orders')]);
    expect(entryOutcomeOf(s, s.producers[0]!)).toBeNull();
  });

  it("internal failures are drawn first, then throttles: p = 0.1 + 0.9 x 0.5 = 0.55, with the producer's resends", () => {
    const s = scenario([producer('a', 'orders')]);
    s.endpoint.faults.entryInternalFailureRate = 0.1;
    s.endpoint.faults.entryThrottleRate = 0.5;
    expect(entryOutcomeOf(s, s.producers[0]!)).toEqual({ denied: false, failShare: 0.55, resends: 2 });
  });

  it('the bus policy admits a producer named by its role or by the session ARN CloudTrail records', () => {
    const s = scenario([producer('a', 'orders')]);
    s.buses[0]!.allowedPrincipals = ['arn:aws:sts::111122223333:assumed-role/producer/busload'];
    expect(entryOutcomeOf(s, s.producers[0]!)).toBeNull();
    s.buses[0]!.allowedPrincipals = ['arn:aws:iam::111122223333:role/producer'];
    expect(entryOutcomeOf(s, s.producers[0]!)).toBeNull();
    s.buses[0]!.allowedPrincipals = ['arn:aws:iam::111122223333:role/other'];
    expect(entryOutcomeOf(s, s.producers[0]!)).toEqual({ denied: true, failShare: 1, resends: 0 });
  });
});
