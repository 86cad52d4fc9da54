/**
 * CPU time of this process's main thread, from Linux's /proc (node 20 has no per-thread CPU clock API).
 * Elsewhere, or if /proc cannot be read, null: callers then report no figure rather than a wrong one.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SEC = 100;

/**
 * The user + system CPU in milliseconds of a /proc/<pid>/task/<tid>/stat line (fields 14 and 15, in ticks).
 * @example threadCpuMsOfStat('42 (node) R 1 42 42 0 -1 0 0 0 0 0 250 50 0 0') // 3000
 */
export function threadCpuMsOfStat(stat: string): number {
  // Fields after the command name (which may contain spaces and parentheses) start after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
}

/**
 * The main thread's user + system CPU so far, in milliseconds (10 ms resolution), or null.
 * @param readStat - reads the main thread's stat line (tests inject one; default: /proc)
 */
export function mainThreadCpuMs(
  readStat: () => string = () => readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'),
): number | null {
  try {
    const cpuMs = threadCpuMsOfStat(readStat());
    return Number.isFinite(cpuMs) ? cpuMs : null;
  } catch {
    return null;
  }
}
