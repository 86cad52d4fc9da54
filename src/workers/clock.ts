/**
 * Time as the runner sees it (the Clock interface, injected so the accounting can be tested on virtual
 * time), and the real clock of a worker: performance.now() (monotonic, sub-millisecond) anchored once to the
 * wall-clock start of the schedule, so every worker measures from the same epoch instant and nothing
 * accumulates.
 */
import { performance } from 'node:perf_hooks';

/** Time as the runner sees it: ms since the schedule's start (may be negative before it). */
export interface Clock {
  nowMs(): number;
  /** Resolves at `targetMs` (or a little before/after, timers are coarse) or as soon as `signal` aborts. */
  sleepUntilMs(targetMs: number, signal: AbortSignal): Promise<void>;
}

/**
 * A Clock whose 0 is `startAtEpochMs` on the wall clock.
 * @param startAtEpochMs - the schedule's common start (Date.now() scale)
 */
export function createEpochClock(startAtEpochMs: number): Clock {
  // The performance.now() value that corresponds to startAtEpochMs, fixed once.
  const perfAtStartMs = performance.now() + (startAtEpochMs - Date.now());
  const nowMs = (): number => performance.now() - perfAtStartMs;
  return {
    nowMs,
    sleepUntilMs(targetMs: number, signal: AbortSignal): Promise<void> {
      const delayMs = targetMs - nowMs();
      if (delayMs <= 0 || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout;
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve();
        };
        // A timer can fire up to a millisecond or so before performance.now() reaches the target (Node
        // schedules it from the event loop's cached time): sleep the rest again, so nobody wakes early.
        const wake = (): void => {
          const restMs = targetMs - nowMs();
          if (restMs > 0) {
            timer = setTimeout(wake, restMs);
            return;
          }
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        timer = setTimeout(wake, delayMs);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
