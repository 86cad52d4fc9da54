/**
 * Runs the busload CLI from source under a pseudo-terminal (util-linux `script`), so that stdout and stderr are
 * TTYs of a given width, as in a user's terminal, and returns everything the terminal received (ANSI codes and
 * carriage returns included) with the exit code.
 */
import { spawn } from 'node:child_process';
import { CLI_FROM_SOURCE } from './busload-cli.js';

/** What a pseudo-terminal run ended with. */
export interface PtyResult {
  code: number | null;
  /** Everything written to the terminal (stdout and stderr interleaved as the terminal saw them). */
  output: string;
}

/** Quotes one word for /bin/sh. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * Runs `busload <args>` in a pseudo-terminal of `columns` x 40.
 * @example const { output } = await runInPty(['run', '--help'], { columns: 80 });
 */
export function runInPty(
  args: string[],
  options: { columns?: number; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<PtyResult> {
  const command = [
    `stty cols ${options.columns ?? 100} rows 40;`,
    'exec',
    [process.execPath, ...CLI_FROM_SOURCE, ...args].map(shellWord).join(' '),
  ].join(' ');
  return new Promise((resolve, reject) => {
    // -q: no "Script started" lines; -e: the child's exit code; -f: flush as output comes.
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`busload ${args.join(' ')} (pty) timed out\n${output}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
