/**
 * Quota headroom: the account's peak PutEvents requests/s against the region's quota ("PutEvents throttle
 * limit in transactions per second", L-9B653E91: per account and region, shared by all buses; docs/aws-behaviour.md §3).
 */
import { Dec } from './money.js';
import type { QuotaHeadroom, QuotaInput } from './types.js';

/**
 * Worked example: peak 515 requests/s against us-east-1's 10,000/s -> used "5.2%", headroom "9485" requests/s;
 * 450/s against 400/s -> "112.5%", headroom "-50" (the account is throttled at its peak).
 */
export function quotaHeadroom(input: QuotaInput): QuotaHeadroom {
  const peak = new Dec(input.peakCallsPerSec);
  return {
    quotaTps: input.quotaTps,
    peakCallsPerSec: peak.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(),
    usedShare: `${peak.div(input.quotaTps).times(100).toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed()}%`,
    headroomCallsPerSec: new Dec(input.quotaTps).minus(peak).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(),
    basis: input.basis,
    scope: 'account and region: every bus of the account shares the PutEvents quota (L-9B653E91, adjustable)',
  };
}
