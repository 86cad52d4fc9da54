/**
 * The program, run from source: every command is registered, and what cannot be parsed is exit 2 with one
 * message and a pointer to --help (never a stack trace); --version prints package.json's version.
 */
import { describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { runBusload } from '../helpers/busload-cli.js';

const busload = (args: string[]) =>
  runBusload(args, { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }, timeoutMs: 30_000 });

const USAGE = "Run 'busload --help' for usage.\n";

describe('busload CLI', () => {
  it('lists every command in --help', async () => {
    const { code, stdout } = await busload(['--help']);
    expect(code).toBe(0);
    for (const command of ['run', 'validate', 'cost', 'emulator', 'pricing']) {
      expect(stdout).toContain(`busload ${command}`);
    }
  });

  it('lists the ten commands in order, and the exit codes', async () => {
    const { stdout } = await busload(['--help']);
    const commands = [...stdout.matchAll(/^ {2}busload (\w+)/gm)].map((match) => match[1]);
    expect(commands).toEqual([
      'run',
      'validate',
      'cost',
      'emulator',
      'pricing',
      'compare',
      'regress',
      'merge',
      'audit',
      'profile',
    ]);
    expect(stdout.replaceAll('\n', ' ')).toContain(
      'Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 threshold or regression failed, 4 run degraded, 5 run failed (no call succeeded), 6 a service could not be reached (no network), 130 interrupted.',
    );
  });

  it('prints the version', async () => {
    const { code, stdout } = await busload(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${TOOL_VERSION}\n`);
  });

  it.each([
    [
      [],
      'busload: name a command: run, validate, cost, compare, regress, merge, audit, emulator, pricing, profile\n',
    ],
    [['cots'], 'busload: Did you mean cost?\n'],
    [['cost', 'x.yaml', '--bogus'], 'busload: Unknown argument: bogus\n'],
    [['run'], 'busload: Not enough non-option arguments: got 0, need at least 1\n'],
    [
      ['cost', 'x.yaml', '--format', 'xml'],
      'busload: Invalid values:\n  Argument: format, Given: "xml", Choices: "table", "json", "md"\n',
    ],
  ])('refuses %j with exit 2 and one message', async (args, message) => {
    const { code, stdout, stderr } = await busload(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}${USAGE}`);
  });
});
