import { describe, expect, it } from 'vitest';
import { createEpochClock } from '../../src/workers/clock.js';

describe('createEpochClock', () => {
  it('measures from the epoch start, negative before it', () => {
    const clock = createEpochClock(Date.now() + 1000);
    expect(clock.nowMs()).toBeGreaterThan(-1005);
    expect(clock.nowMs()).toBeLessThan(-990);
  });

  it('sleeps until the target, never waking before it, and wakes at once on abort', async () => {
    const clock = createEpochClock(Date.now());
    const never = new AbortController().signal;
    for (const targetMs of [30, 31, 35, 40]) {
      await clock.sleepUntilMs(targetMs, never);
      expect(clock.nowMs()).toBeGreaterThanOrEqual(targetMs);
    }
    const controller = new AbortController();
    const sleeping = clock.sleepUntilMs(clock.nowMs() + 10_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(clock.nowMs()).toBeLessThan(1000);
    // already due: resolves without a timer
    await clock.sleepUntilMs(clock.nowMs() - 5, never);
  });
});
