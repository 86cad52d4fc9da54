import { describe, expect, it } from 'vitest';
import { quotaHeadroom } from '../../src/model/quota.js';

const scope =
  'account and region: every bus of the account shares the PutEvents quota (L-9B653E91, adjustable)';

describe('quotaHeadroom', () => {
  it('peak 515/s of 10,000/s: 5.2% used, 9,485/s of headroom', () => {
    expect(quotaHeadroom({ quotaTps: 10_000, peakCallsPerSec: 515, basis: 'declared' })).toEqual({
      quotaTps: 10_000,
      peakCallsPerSec: '515',
      usedShare: '5.2%',
      headroomCallsPerSec: '9485',
      basis: 'declared',
      scope,
    });
  });

  it('450/s of 400/s: 112.5% used, headroom -50 (throttled at the peak); fractions rounded half-up', () => {
    expect(quotaHeadroom({ quotaTps: 400, peakCallsPerSec: 450, basis: 'b' })).toMatchObject({
      usedShare: '112.5%',
      headroomCallsPerSec: '-50',
    });
    expect(quotaHeadroom({ quotaTps: 400, peakCallsPerSec: 1.005, basis: 'b' })).toMatchObject({
      peakCallsPerSec: '1.01',
      usedShare: '0.3%',
      headroomCallsPerSec: '399',
    });
  });
});
