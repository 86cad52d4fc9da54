/**
 * busload's command line. Declares every command in one place; each handler lazily imports its
 * implementation and returns an exit code. This is the only module that calls process.exit.
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, InputError, UnreachableError } from '../errors.js';
import { auditCommand } from './commands/audit.js';
import { compareCommand } from './commands/compare.js';
import { costCommand } from './commands/cost.js';
import { emulatorCommand } from './commands/emulator.js';
import { mergeCommand } from './commands/merge.js';
import { pricingCommand } from './commands/pricing.js';
import { profileCommand } from './commands/profile.js';
import { regressCommand } from './commands/regress.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { HELP_WIDTH } from './help.js';
import type { BusloadCommand } from './options.js';
import { TOOL_VERSION } from './version.js';

/** The commands, in the order `busload --help` lists them. */
const COMMANDS = [
  runCommand,
  validateCommand,
  costCommand,
  emulatorCommand,
  pricingCommand,
  compareCommand,
  regressCommand,
  mergeCommand,
  auditCommand,
  profileCommand,
] as const;

/**
 * The AWS SDK warns, once per thread and so on every run, that its releases after the first week of January
 * 2027 need Node >= 22. The README says so once (Set-up); the warning is silenced here, before any SDK client
 * exists, for the main thread and (through the inherited environment) every worker thread. A user's own
 * setting wins: AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false shows it.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Runs a handler and turns what it throws into an exit code with a message the user can act on. */
async function handle(fn: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await fn();
  } catch (error) {
    code = reportError(error);
  }
  process.exitCode = code;
  // Let stdout/stderr drain before leaving (piped output must not be cut).
  await new Promise<void>((resolve) => setImmediate(resolve));
  process.exit(code);
}

function reportError(error: unknown): number {
  const { ScenarioError } = scenarioErrorsModule ?? {};
  if (ScenarioError && error instanceof ScenarioError) {
    process.stderr.write(`${error.message}\n`);
    return ExitCode.invalidInput;
  }
  if (error instanceof InputError) {
    process.stderr.write(`busload: ${error.message}\n`);
    return ExitCode.invalidInput;
  }
  if (error instanceof UnreachableError) {
    process.stderr.write(`busload: ${error.message}\n`);
    return ExitCode.unreachable;
  }
  const userFault = userFaultMessage(error);
  if (userFault !== null) {
    process.stderr.write(`busload: ${userFault}\n`);
    return ExitCode.invalidInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`busload: internal error: ${message}\n`);
  if (process.env.BUSLOAD_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('(set BUSLOAD_DEBUG=1 for the stack trace)\n');
  return ExitCode.internal;
}

/**
 * Path and port errors the user can fix (a port in use, a file where a directory is expected, a read-only or
 * full disk): exit 2 with what went wrong, not "internal error".
 */
function userFaultMessage(error: unknown): string | null {
  const errno = error as NodeJS.ErrnoException | null;
  const code = typeof errno?.code === 'string' ? errno.code : undefined;
  const hints: Record<string, string> = {
    EADDRINUSE: 'the address is already in use; choose another --port (0 = a free port)',
    EADDRNOTAVAIL: 'the address is not available on this machine; check --host',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EEXIST: 'the path already exists',
    EISDIR: 'the path is a directory; expected a file',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    ENOENT: 'no such file or directory',
  };
  if (code === undefined || hints[code] === undefined) return null;
  const where = errno?.path ?? (errno as { address?: string } | null)?.address;
  const port = (errno as { port?: number } | null)?.port;
  const location = where === undefined ? '' : `${where}${port === undefined ? '' : `:${port}`}: `;
  return `${location}${hints[code]} (${code})`;
}

/**
 * A command as yargs registers it: its handler's exit code (or what it throws, through reportError) becomes
 * the process's exit code.
 */
function asYargsModule(
  // biome-ignore lint/suspicious/noExplicitAny: each command's builder has its own flag types; the handler gets what that builder declared
  command: BusloadCommand<any>,
): CommandModule {
  return {
    command: command.command,
    describe: command.describe,
    builder: command.builder,
    handler: (args) => handle(() => command.handler(args)),
  };
}

let scenarioErrorsModule: typeof import('../scenario/errors.js') | undefined;

async function main(argv: string[]): Promise<void> {
  scenarioErrorsModule = await import('../scenario/errors.js');
  const cli: Argv = yargs(argv)
    .scriptName('busload')
    .usage(
      "$0 <command> [options]\n\nWhat will CloudTrail data-event logging of EventBridge PutEvents cost per event bus,\nand how does each bus behave under its real producers' load?",
    )
    .command(COMMANDS.map(asYargsModule))
    .demandCommand(
      1,
      'name a command: run, validate, cost, compare, regress, merge, audit, emulator, pricing, profile',
    )
    .strict()
    .recommendCommands()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(HELP_WIDTH)
    .epilogue(
      'Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 threshold or regression failed, 4 run degraded, 5 run failed (no call succeeded), 6 a service could not be reached (no network), 130 interrupted.',
    )
    .fail((message, error) => {
      if (error) {
        process.exitCode = reportError(error);
        process.exit(process.exitCode);
      }
      process.stderr.write(`busload: ${message}\nRun 'busload --help' for usage.\n`);
      process.exit(ExitCode.invalidInput);
    });
  await cli.parseAsync();
}

await main(hideBin(process.argv));
