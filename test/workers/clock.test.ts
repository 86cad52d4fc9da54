import { describe, expect, it } from 'vitest';
import { createEpochClock } from '../../src/workers/clock.js';

describe('createEpochClock', () => {
  it('measures from the epoch start, negative before it', () => {
    const clock = createEpochClock(Date.now() + 1000);
    expect(clock.nowMs()).toBeGreaterThan(-1005);
    expect(clock.nowMs()).toBeLessThan(-990);
  });

  it('sleeps until the target (timers may fire up to 1 ms early) and wakes at once on abort', async () => {
    const clock = createEpochClock(Date.now());
    const never = new AbortController().signal;
    await clock.sleepUntilMs(30, never);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(29);
    const controller = new AbortController();
    const sleeping = clock.sleepUntilMs(clock.nowMs() + 10_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(clock.nowMs()).toBeLessThan(1000);
    // already due: resolves without a timer
    await clock.sleepUntilMs(clock.nowMs() - 5, never);
  });
});
