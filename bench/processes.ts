/**
 * Child processes of the bench: servers (one JSON line with their URL, a JSON line of figures on SIGTERM)
 * and load clients (one JSON line of figures when done). Each runs under tsx in its own process, so it has
 * its own event loop and its CPU time is its own.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

function start(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const lines: string[] = [];
  let buffered = '';
  let waiter: (() => void) | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let at = buffered.indexOf('\n');
    while (at >= 0) {
      lines.push(buffered.slice(0, at));
      buffered = buffered.slice(at + 1);
      at = buffered.indexOf('\n');
    }
    waiter?.();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const nextLine = async <T>(): Promise<T> => {
    for (;;) {
      const line = lines.shift();
      if (line !== undefined) return JSON.parse(line) as T;
      const gotData = new Promise<void>((resolve) => {
        waiter = resolve;
      });
      const code = await Promise.race([gotData, exited.then((c) => ({ exited: c }))]);
      waiter = null;
      if (typeof code === 'object' && code !== null && lines.length === 0) {
        throw new Error(`bench/${script} exited (${code.exited}) without its figures`);
      }
    }
  };
  return { child, nextLine };
}

/** A server child: its URL, and stop() -> its figures. */
export interface ServerProcess<Stats> {
  url: string;
  stop(): Promise<Stats>;
}

/**
 * Starts a server script (bench/bare-server.ts, bench/endpoint-server.ts).
 * @param script - file name inside bench/
 */
export async function startServerProcess<Stats>(script: string): Promise<ServerProcess<Stats>> {
  const { child, nextLine } = start(script, []);
  const { url } = await nextLine<{ url: string }>();
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return nextLine<Stats>();
    },
  };
}

/**
 * Runs a client script to completion and returns its JSON line.
 * @param script - file name inside bench/
 * @param args - its arguments
 */
export async function runClientProcess<Result>(script: string, args: string[]): Promise<Result> {
  const { nextLine } = start(script, args);
  return nextLine<Result>();
}

/** Linux's clock ticks per second for /proc CPU times (USER_HZ, 100 on every Linux build in use). */
const USER_HZ = 100;

/**
 * CPU time of this process's main thread alone (the thread that serves requests; not the GC helpers, the
 * libuv pool or worker threads), from /proc/self/task/<pid>/stat; null where there is no /proc. Resolution
 * 10 ms: read it over runs of seconds.
 */
function mainThreadCpuUs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // After "pid (comm) ", the fields from state (field 3) on: utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / USER_HZ;
  } catch {
    return null;
  }
}

/** Starts measuring the main thread's CPU: the returned function gives the microseconds since (or null). */
export function mainThreadCpuMeter(): () => number | null {
  const atStart = mainThreadCpuUs();
  return () => {
    const now = mainThreadCpuUs();
    return now === null || atStart === null ? null : now - atStart;
  };
}

/** Bare server's figures on stop. */
export interface BareStats {
  cpuUs: number;
  /** Of which its main thread's (null without /proc). */
  servingCpuUs: number | null;
}

/** The endpoint's figures on stop. */
export interface EndpointStats {
  cpuUs: number;
  /** Of which the serving (main) thread's, without the trail's delivery thread (null without /proc). */
  servingCpuUs: number | null;
  requests: number;
  requestsOk: number;
  trailRecords: number;
  trailFiles: number;
}
