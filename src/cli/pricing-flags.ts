/**
 * The pricing flags of `cost` and `profile`: `--assume name=value`, `--month YYYY-MM` and
 * `--logging bus=mode`, each checked with a message naming the flag and what is expected (exit 2).
 */
import { InputError } from '../errors.js';
import { DEFAULT_ASSUMPTIONS, type ModelAssumptions } from '../model/assumptions.js';
import { type CalendarMonth, calendarMonth } from '../model/money.js';
import { LOGGING_MODES, type LoggingMode } from '../scenario/types.js';

/**
 * Parses `--assume name=value` flags into model assumptions: booleans take true/false, numbers a
 * non-negative number. Names are those of {@link DEFAULT_ASSUMPTIONS}.
 */
export function parseAssumptions(flags: readonly string[]): Partial<ModelAssumptions> {
  const parsed: Record<string, boolean | number> = {};
  const names = Object.keys(DEFAULT_ASSUMPTIONS);
  for (const flag of flags) {
    const [name, value, ...rest] = flag.split('=');
    if (!name || value === undefined || rest.length > 0) {
      throw new InputError(`--assume ${flag}: expected <name>=<value>, e.g. failedRequestsLogged=false`);
    }
    if (!names.includes(name)) {
      throw new InputError(`--assume ${flag}: unknown assumption "${name}" (one of: ${names.join(', ')})`);
    }
    const current = DEFAULT_ASSUMPTIONS[name as keyof ModelAssumptions];
    if (typeof current === 'boolean') {
      if (value !== 'true' && value !== 'false') {
        throw new InputError(`--assume ${flag}: ${name} must be true or false`);
      }
      parsed[name] = value === 'true';
    } else {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
        throw new InputError(`--assume ${flag}: ${name} must be a number >= 0`);
      }
      parsed[name] = number;
    }
  }
  return parsed as Partial<ModelAssumptions>;
}

/** Parses `--month YYYY-MM` into a calendar month (exit 2 with what is expected otherwise). */
export function parseMonth(flag: string): CalendarMonth {
  try {
    return calendarMonth(flag);
  } catch (error) {
    throw new InputError(`--month ${flag}: ${(error as Error).message}`);
  }
}

/** Parses `--logging bus=mode` flags against the known buses. */
export function parseLoggingOverrides(flags: string[], busNames: string[]): Map<string, LoggingMode> {
  const overrides = new Map<string, LoggingMode>();
  for (const flag of flags) {
    const [bus, mode, ...rest] = flag.split('=');
    if (!bus || !mode || rest.length > 0) {
      throw new InputError(`--logging ${flag}: expected <bus>=<mode>, e.g. telemetry=trail`);
    }
    if (!busNames.includes(bus)) {
      throw new InputError(`--logging ${flag}: no bus named "${bus}" (buses: ${busNames.join(', ')})`);
    }
    if (!(LOGGING_MODES as readonly string[]).includes(mode)) {
      throw new InputError(`--logging ${flag}: mode must be one of ${LOGGING_MODES.join(', ')}`);
    }
    overrides.set(bus, mode as LoggingMode);
  }
  return overrides;
}
