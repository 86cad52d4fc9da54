/**
 * The main thread's CPU from /proc: the parse on fixed stat lines (exact), and the real /proc read checked
 * against the process's own CPU clock (no timing: a thread never used more CPU than its whole process).
 */
import { describe, expect, it } from 'vitest';
import { mainThreadCpuMs, threadCpuMsOfStat } from '../../src/run/thread-cpu.js';

// A real line of /proc/<pid>/task/<tid>/stat: utime 2 ticks, stime 7 ticks.
const BASH_STAT =
  '25053 (bash) S 25036 25053 25053 0 -1 4194560 11689 273918 0 23 2 7 554 158 20 0 1 0 1029687 5382144 1037';

describe('threadCpuMsOfStat', () => {
  it('adds utime and stime (fields 14 and 15) at 100 ticks per second', () => {
    expect(threadCpuMsOfStat(BASH_STAT)).toBe(90);
    expect(threadCpuMsOfStat('42 (node) R 1 42 42 0 -1 0 0 0 0 0 250 50 0 0')).toBe(3_000);
  });

  it('reads past a command name with spaces and parentheses', () => {
    expect(threadCpuMsOfStat('7 (node (main) x) S 1 7 7 0 -1 0 0 0 0 0 1234 66 0 0')).toBe(13_000);
  });
});

describe('mainThreadCpuMs', () => {
  it('is the injected stat line in ms, and null when it cannot be read or parsed', () => {
    expect(mainThreadCpuMs(() => BASH_STAT)).toBe(90);
    expect(
      mainThreadCpuMs(() => {
        throw Object.assign(new Error('no /proc here'), { code: 'ENOENT' });
      }),
    ).toBeNull();
    expect(mainThreadCpuMs(() => 'garbage')).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    "reads this thread's CPU from /proc: never decreasing, never more than the whole process's",
    () => {
      const first = mainThreadCpuMs();
      let spin = 0;
      for (let i = 0; i < 2_000_000; i++) spin += i % 7;
      const second = mainThreadCpuMs();
      const processUsage = process.cpuUsage();
      const processMs = (processUsage.user + processUsage.system) / 1000;
      expect(spin).toBeGreaterThan(0);
      expect(first).not.toBeNull();
      expect(second!).toBeGreaterThanOrEqual(first!);
      expect(second!).toBeLessThanOrEqual(processMs);
      // /proc counts whole ticks of 10 ms
      expect(second! % 10).toBe(0);
    },
  );
});
