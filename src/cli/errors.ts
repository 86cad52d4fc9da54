/**
 * Exit codes (documented in the README) and the errors that carry them. Handlers return an exit code or throw one of
 * these; only src/cli/index.ts calls process.exit.
 */

export const ExitCode = {
  ok: 0,
  /** An internal error: busload itself went wrong. */
  internal: 1,
  invalidInput: 2,
  thresholdFailed: 3,
  /** `run`: the harness limited the run (generator or endpoint saturated) or most calls failed. */
  degraded: 4,
  /** `run`: status failed: no call succeeded (a dead target, named in the report) or a worker crashed. */
  failed: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input the user can fix: a file, a flag or a value. The message names what and what is expected. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
