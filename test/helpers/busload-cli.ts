/**
 * Runs the busload CLI from source (`node --import tsx src/cli/index.ts ...`) in a child process, the way a
 * user runs it, and collects its exit code and output. Shared by the tests that check commands end to end.
 */
import { spawn } from 'node:child_process';

/** What a CLI run ended with. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run it. */
export interface CliOptions {
  /** Added to (or, with replaceEnv, instead of) this process's environment; NO_COLOR=1 is always set. */
  env?: Record<string, string | undefined>;
  /** Start from an empty environment rather than this process's (for tests that must see no credentials). */
  replaceEnv?: boolean;
  /** Past this the child is killed and the promise rejects naming the command (default 60 s). */
  timeoutMs?: number;
  /** Run the compiled CLI users run (`node bin/busload.js`, dist/ must be built) instead of the source. */
  built?: boolean;
}

/** The node arguments that run the CLI from source. */
export const CLI_FROM_SOURCE = ['--import', 'tsx', 'src/cli/index.ts'];

/**
 * Runs `busload <args>` and resolves when it exits.
 * @example const { code, stdout } = await runBusload(['validate', 'scenarios/quickstart.yaml']);
 */
export function runBusload(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...(options.replaceEnv ? {} : process.env), ...options.env, NO_COLOR: '1' };
    const launcher = options.built ? ['bin/busload.js'] : CLI_FROM_SOURCE;
    const child = spawn(process.execPath, [...launcher, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`busload ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The arguments of a short run of the tiny two-bus fixture (1 s, one worker, no progress) into `out`.
 * @param extra - more flags, e.g. ['--force'] or ['--target', url]
 */
export function tinyRunArgs(out: string, ...extra: string[]): string[] {
  return [
    'run',
    'test/fixtures/cli/tiny.yaml',
    '--duration',
    '1s',
    '--workers',
    '1',
    '--no-progress',
    '--out',
    out,
    ...extra,
  ];
}
