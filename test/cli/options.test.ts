/**
 * The shared flags and the flag types a command's handler gets: declared once, typed from the builder (the
 * type-level checks fail the typecheck, the value checks fail the test).
 */

import { describe, expect, expectTypeOf, it } from 'vitest';
import yargs, { type Argv } from 'yargs';
import {
  CATALOG_OPTION,
  type FlagsOf,
  formatOption,
  MONTH_OPTION,
  REPRICING_OPTIONS,
} from '../../src/cli/options.js';

function builder(y: Argv) {
  return y.positional('input', { type: 'string', demandOption: true }).options({
    'allow-different': { type: 'boolean', default: false },
    out: { type: 'string' },
    format: formatOption(['md', 'json']),
    ...REPRICING_OPTIONS,
  });
}

describe('formatOption', () => {
  it('offers the choices, the first being the default', () => {
    expect(formatOption(['table', 'json', 'md'])).toEqual({
      type: 'string',
      choices: ['table', 'json', 'md'],
      default: 'table',
    });
  });
});

describe('shared flags', () => {
  it('describe --catalog, --month and the re-pricing pair once', () => {
    expect(CATALOG_OPTION).toEqual({
      type: 'string',
      describe: 'price catalog file (default: the bundled catalog)',
    });
    expect(MONTH_OPTION.describe).toBe(
      "price a calendar month's hours, YYYY-MM (e.g. 2027-02 = 672 h); default: 730 h, AWS's pricing convention",
    );
    expect(Object.keys(REPRICING_OPTIONS)).toEqual(['as-recorded', 'catalog']);
    expect(REPRICING_OPTIONS['as-recorded'].default).toBe(false);
  });
});

describe('FlagsOf', () => {
  it('types the camel-case flags from the builder; a flag without a default is optional', async () => {
    type Flags = FlagsOf<typeof builder>;
    expectTypeOf<Flags['allowDifferent']>().toEqualTypeOf<boolean>();
    expectTypeOf<Flags['format']>().toEqualTypeOf<'md' | 'json'>();
    expectTypeOf<Flags['input']>().toEqualTypeOf<string>();
    expectTypeOf<Flags>().toHaveProperty('asRecorded');
    const minimal: Flags = { input: 'a.json', allowDifferent: false, format: 'md', asRecorded: false };
    expect(minimal.out).toBeUndefined();
    // What yargs parses is what the type says, under the camel-case names.
    let flags: Flags | undefined;
    await yargs(['cmd', 'x.json', '--allow-different', '--format', 'json', '--out', 'o.md'])
      .command('cmd <input>', 'a command', builder, (args) => {
        flags = args;
      })
      .parseAsync();
    expect(flags).toMatchObject({
      input: 'x.json',
      allowDifferent: true,
      format: 'json',
      out: 'o.md',
      asRecorded: false,
    });
  });
});
