/**
 * What every command module is made of, and the flags several commands share (declared once here, so their
 * name, description and default cannot drift apart between commands).
 *
 * A command module declares its flags once, in its builder; the type of the values its handler receives is
 * inferred from that builder ({@link FlagsOf}), so no option interface is written by hand.
 */
import type { Argv, Options } from 'yargs';

/** `allow-different` -> `allowDifferent` (yargs' camel-case expansion of a flag name). */
type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;

/** The keys whose value may be undefined become optional (a flag without a default may be left out). */
type UndefinedOptional<Values> = {
  [Key in keyof Values as undefined extends Values[Key] ? Key : never]?: Values[Key];
} & { [Key in keyof Values as undefined extends Values[Key] ? never : Key]: Values[Key] };

/**
 * The flag values a builder declares, under their camel-case names (yargs passes both spellings; the handler
 * reads this one), without yargs' own `_` and `$0`; a flag without a default is optional.
 * Example: a builder with `.option('allow-different', { type: 'boolean', default: false })` and
 * `.option('out', { type: 'string' })` -> `{ allowDifferent: boolean; out?: string | undefined }`.
 */
export type FlagsOf<Builder extends (yargs: Argv) => Argv<object>> =
  ReturnType<Builder> extends Argv<infer Parsed>
    ? UndefinedOptional<{ [Key in keyof Parsed as Key extends string ? CamelCase<Key> : never]: Parsed[Key] }>
    : never;

/**
 * One busload command as a yargs command module: its usage, its one-line description, the builder that
 * declares its flags (and examples), and the handler, which gets the flags typed from that builder and
 * resolves to the exit code (src/cli/index.ts turns it into the process's exit code, and what it throws into
 * a message and a code).
 */
export interface BusloadCommand<Builder extends (yargs: Argv) => Argv<object>> {
  command: string;
  describe: string;
  builder: Builder;
  handler: (flags: FlagsOf<Builder>) => Promise<number>;
}

/** `--catalog` of the commands that price with one catalog file. */
export const CATALOG_OPTION = {
  type: 'string',
  describe: 'price catalog file (default: the bundled catalog)',
} as const satisfies Options;

/** `--month` of the commands that print a monthly cost. */
export const MONTH_OPTION = {
  type: 'string',
  describe:
    "price a calendar month's hours, YYYY-MM (e.g. 2027-02 = 672 h); default: 730 h, AWS's pricing convention",
} as const satisfies Options;

/** How `compare` and `regress` price the reports they read (src/report/reprice.ts). */
export const REPRICING_OPTIONS = {
  'as-recorded': {
    type: 'boolean',
    default: false,
    describe:
      'keep the cost blocks stored in the reports (default: re-price both with the current model and catalog)',
  },
  catalog: {
    type: 'string',
    describe: 'price catalog to re-price with (default: the bundled catalog)',
  },
} as const satisfies Record<string, Options>;

/**
 * `--format`: one of `choices`, the first being the default.
 * Example: formatOption(['table', 'json']) -> { type: 'string', choices: ['table', 'json'], default: 'table' }.
 */
export function formatOption<const Choices extends readonly [string, ...string[]]>(
  choices: Choices,
): { type: 'string'; choices: Choices; default: Choices[0] } {
  return { type: 'string', choices, default: choices[0] };
}
