/**
 * Child processes of the bench: servers (one JSON line with their URL, a JSON line of figures on SIGTERM)
 * and load clients (one JSON line of figures when done). Each runs under tsx in its own process, so it has
 * its own event loop and its CPU time is its own.
 */
import { spawn } from 'node:child_process';
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

/** Bare server's figures on stop. */
export interface BareStats {
  cpuUs: number;
}

/** The endpoint's figures on stop. */
export interface EndpointStats {
  cpuUs: number;
  requests: number;
  requestsOk: number;
  trailRecords: number;
  trailFiles: number;
}
