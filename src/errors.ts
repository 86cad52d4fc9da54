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
  /**
   * `pricing --refresh` and `profile`: the AWS service (or the --endpoint-url standing in for it) could not be
   * reached: the name does not resolve, nothing listens, no route (no network).
   */
  unreachable: 6,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input the user can fix: a file, a flag or a value. The message names what and what is expected. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A network service that could not be reached: the message says which (service and URL) and why. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}
