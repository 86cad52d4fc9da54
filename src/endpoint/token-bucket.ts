/**
 * The account-level PutEvents quota as a token bucket. Pure: the caller passes the time in, so tests
 * drive it with exact values. AWS documents the rate (docs/aws-behaviour.md §3) but not a burst size; burst is a setting.
 */

/** A token bucket that refills at ratePerSec up to burst tokens; it starts full. */
export class TokenBucket {
  readonly ratePerSec: number;
  readonly burst: number;
  private tokens: number;
  private lastRefillMs: number;

  /**
   * @param ratePerSec - tokens added per second (> 0)
   * @param burst - the bucket's capacity, and its content at startMs
   * @param startMs - the time origin, on the same monotonic clock as later calls
   */
  constructor(ratePerSec: number, burst: number, startMs: number) {
    this.ratePerSec = ratePerSec;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefillMs = startMs;
  }

  /** Tokens available at nowMs (after refill), without taking any. */
  availableAt(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  /**
   * Takes one token if one is available at nowMs.
   * @returns true when the request is admitted, false when it must be throttled
   */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  private refill(nowMs: number): void {
    const elapsedMs = nowMs - this.lastRefillMs;
    // A clock that steps backwards adds nothing (and does not move the origin back).
    if (elapsedMs <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.ratePerSec) / 1000);
    this.lastRefillMs = nowMs;
  }
}
