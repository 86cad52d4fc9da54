import { describe, expect, it } from 'vitest';
import { emptyCounters } from '../../src/metrics/counters.js';

describe('emptyCounters', () => {
  it('every counter 0 and no errors', () => {
    expect(emptyCounters()).toEqual({
      calls: 0,
      attempts: 0,
      attemptsSucceeded: 0,
      attemptsThrottled: 0,
      callsFailed: 0,
      entriesPlanned: 0,
      entriesSucceeded: 0,
      entriesFailed: 0,
      entriesDropped: 0,
      entriesResent: 0,
      entryBytes: 0,
      billableChunks: 0,
      batchesLate: 0,
      batchesDropped: 0,
      retryDelayMs: 0,
      errors: {},
    });
  });

  it('a new object each time: counting into one leaves the next empty', () => {
    const first = emptyCounters();
    first.calls += 1;
    first.errors['ThrottlingException'] = 1;
    expect(emptyCounters().calls).toBe(0);
    expect(emptyCounters().errors).toEqual({});
  });
});
