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
      // Spin until this process has had 300 ms of CPU (not 300 ms of wall time: on a loaded machine the
      // thread gets a fraction of the wall time); the test process's other threads are idle meanwhile.
      const cpuBefore = process.cpuUsage();
      const giveUpAt = performance.now() + 20_000;
      while (performance.now() < giveUpAt) {
        const used = process.cpuUsage(cpuBefore);
        if ((used.user + used.system) / 1000 >= 300) break;
      }
      const afterSpin = mainThreadCpuMs()!;
      expect(afterSleep - before!).toBeLessThan(100);
      expect(afterSpin - afterSleep).toBeGreaterThanOrEqual(150);
    },
  );
});
