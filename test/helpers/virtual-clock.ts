/**
 * A discrete-event clock for the worker tests: time moves only when drive() fires the next timer, so every
 * count and latency on it is exact and nothing depends on the machine's speed.
 */
import type { Clock } from '../../src/workers/clock.js';

/** The runner's Clock on virtual time: sleeps and at() timers fire in time order, ties in creation order. */
export class VirtualClock implements Clock {
  /** The current virtual time, ms. */
  now = 0;
  private timers: Array<{ atMs: number; order: number; fire: () => void }> = [];
  private order = 0;

  nowMs(): number {
    return this.now;
  }

  at(atMs: number, fire: () => void): void {
    this.timers.push({ atMs, order: this.order++, fire });
  }

  sleepUntilMs(targetMs: number, signal: AbortSignal): Promise<void> {
    if (targetMs <= this.now || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = { atMs: targetMs, order: this.order++, fire: resolve };
      this.timers.push(timer);
      signal.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      });
    });
  }

  /** Fires timers in time order until `done` settles. */
  async drive<T>(done: Promise<T>): Promise<T> {
    let settled = false;
    void done.finally(() => {
      settled = true;
    });
    for (let idle = 0; !settled; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      this.timers.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
      const next = this.timers.shift();
      if (next === undefined) {
        if (++idle > 1000) throw new Error('virtual clock: nothing left to fire but the run has not ended');
        continue;
      }
      idle = 0;
      this.now = Math.max(this.now, next.atMs);
      next.fire();
    }
    return done;
  }
}
