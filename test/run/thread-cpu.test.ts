import { describe, expect, it } from 'vitest';
import { mainThreadCpuMs } from '../../src/run/thread-cpu.js';

describe('mainThreadCpuMs', () => {
  it.runIf(process.platform === 'linux')(
    'counts the CPU this thread spends, not wall time asleep',
    async () => {
      const before = mainThreadCpuMs();
      expect(before).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const afterSleep = mainThreadCpuMs()!;
      const spinUntil = performance.now() + 300;
      while (performance.now() < spinUntil) {
        // spin: 300 ms of CPU on this thread
      }
      const afterSpin = mainThreadCpuMs()!;
      expect(afterSleep - before!).toBeLessThan(100);
      expect(afterSpin - afterSleep).toBeGreaterThanOrEqual(150);
    },
  );
});
