/**
 * CPU time of this process's main thread, from Linux's /proc (node 20 has no per-thread CPU clock API).
 * Elsewhere, or if /proc cannot be read, null: callers then report no figure rather than a wrong one.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SEC = 100;

/** The main thread's user + system CPU so far, in milliseconds (10 ms resolution), or null. */
export function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
  } catch {
    return null;
  }
}
