/**
 * `busload cost <scenario|report.json>`: monthly cost per bus without generating load (from a scenario's
 * declared volumes), or re-priced from a run's report.json with another catalog, region or logging mode.
 */
import { readFile } from 'node:fs/promises';
import { loadCatalogFile } from '../../catalog/catalog-file.js';
import { ExitCode, InputError } from '../../errors.js';
import { defaultPutEventsQuotaTps } from '../../eventbridge/quotas.js';
import { DEFAULT_ASSUMPTIONS, type ModelAssumptions } from '../../model/assumptions.js';
import { estimateCost } from '../../model/estimate.js';
import { type CalendarMonth, calendarMonth, Dec, formatUsdText } from '../../model/money.js';
import { usageFromScenario } from '../../model/projection.js';
import type { Assumption, BusUsage, CostEstimate, Projection, QuotaInput } from '../../model/types.js';
import { withLoggingModes } from '../../model/usage.js';
import { readReportFile } from '../../report/read.js';
import { type PricedWith, pricedWithOf, usageOfReport } from '../../report/reprice.js';
import { renderCostMarkdown } from '../../report/run/render-markdown.js';
import { renderCostTable } from '../../report/run/summary.js';
import { loadScenario } from '../../scenario/load.js';
import { LOGGING_MODES, type LoggingMode } from '../../scenario/types.js';
import { checkRunLimits } from '../../schedule/limits.js';

export interface CostOptions {
  input: string;
  region?: string;
  catalog?: string;
  logging: string[];
  /** `--assume <name>=<value>`: switch a model assumption (see DEFAULT_ASSUMPTIONS). */
  assume?: string[];
  /** `--month YYYY-MM`: price that calendar month's hours instead of AWS's 730-hour convention. */
  month?: string;
  format: 'table' | 'json' | 'md';
}

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

/**
 * The parts of an estimate the cost table has no columns for, as text: the low-high band, excluded calls,
 * what-ifs per bus and the quota headroom.
 */
export function renderCostDetails(estimate: CostEstimate): string {
  const lines: string[] = [];
  const usd = (value: string) => formatUsdText(new Dec(value));
  if (estimate.month) {
    lines.push(
      estimate.month.basis === 'calendar month'
        ? `Month priced: ${estimate.month.label}, ${estimate.month.hours} h (calendar month; AWS's pricing pages use 730 h)`
        : `Month priced: ${estimate.month.hours} h, AWS's pricing convention, not a calendar month (--month YYYY-MM prices one)`,
    );
  }
  if (estimate.totalBandUsd && estimate.totalBandUsd.lowUsd !== estimate.totalBandUsd.highUsd) {
    const moving = estimate.assumptions
      .filter((a) => a.band && a.band.lowUsd !== a.band.highUsd)
      .map((a) => `${a.id} ${a.band!.low}..${a.band!.high}: ${usd(a.band!.lowUsd)}-${usd(a.band!.highUsd)}`);
    lines.push(
      `Band under unconfirmed assumptions: ${usd(estimate.totalBandUsd.lowUsd)} to ${usd(estimate.totalBandUsd.highUsd)}/month (${moving.join('; ')})`,
    );
  }
  for (const bus of estimate.buses) {
    if (bus.excluded) {
      const unconfirmed = bus.excluded.exclusions
        .filter((e) => !e.confirmedForEventBuses)
        .map((e) => e.field);
      lines.push(
        `${bus.name}: ${new Dec(bus.excluded.requests).toDecimalPlaces(0).toNumber().toLocaleString('en-US')} calls/month excluded by selectors ` +
          `(they would cost ${usd(bus.excluded.wouldCostUsd)})` +
          (unconfirmed.length > 0
            ? `; ${[...new Set(unconfirmed)].join(', ')} not confirmed by AWS for event buses`
            : ''),
      );
    }
    const whatIfs = bus.whatIfs;
    if (!whatIfs) continue;
    const parts = [
      `full batches of 10: ${usd(whatIfs.fullBatches.loggingUsd)} (saves ${usd(whatIfs.fullBatches.savingUsd)})`,
      `by mode: trail ${usd(whatIfs.loggingUsdByMode.trail)}, lake-1y ${usd(whatIfs.loggingUsdByMode['lake-1y'])}, ` +
        `lake-7y ${usd(whatIfs.loggingUsdByMode['lake-7y'])}, cloudwatch-logs ${usd(whatIfs.loggingUsdByMode['cloudwatch-logs'])}`,
      whatIfs.trailVsLake.crossoverRecordBytes === null
        ? `Lake is cheaper at any record size (${whatIfs.trailVsLake.recordBytes} B here)`
        : `Lake is cheaper below ${whatIfs.trailVsLake.crossoverRecordBytes} B per record (${whatIfs.trailVsLake.recordBytes} B here: ${whatIfs.trailVsLake.cheaper} is cheaper)`,
    ];
    if (whatIfs.oneFewerTrailCopy) {
      parts.push(
        `${whatIfs.oneFewerTrailCopy.trailCopies} trail ${whatIfs.oneFewerTrailCopy.trailCopies === 1 ? 'copy' : 'copies'}: saves ${usd(whatIfs.oneFewerTrailCopy.savingUsd)}`,
      );
    }
    lines.push(`${bus.name} what-ifs (logging $/month): ${parts.join('; ')}`);
  }
  const quota = estimate.quotaHeadroom;
  if (quota) {
    lines.push(
      `Quota headroom: peak ${quota.peakCallsPerSec} PutEvents calls/s of ${quota.quotaTps.toLocaleString('en-US')}/s ` +
        `(${quota.usedShare}; ${quota.basis}); ${quota.scope}`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
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

export async function costCommand(options: CostOptions): Promise<number> {
  const isReport = options.input.endsWith('.json') && (await looksLikeReport(options.input));
  let usage: BusUsage[];
  let projection: Projection;
  let region: string;
  let notes: string[] = [];
  let volumeAssumptions: Assumption[] = [];
  let quota: ((region: string) => QuotaInput) | undefined;
  let recordedMonth: CalendarMonth | undefined;
  let recorded: PricedWith | undefined;
  if (isReport) {
    const read = await readReportFile(options.input);
    if ('problems' in read) throw new InputError(read.problems.join('\n'));
    ({ usage, projection, region, month: recordedMonth } = usageOfReport(read.report, options.input));
    recorded = pricedWithOf(read.report.cost);
    if (!read.report.pricingInputs) {
      notes.push(
        "the report predates recorded pricing inputs: its model input was rebuilt from its counts (the run's measured gzip ratio and trail callers are not in it)",
      );
    }
  } else {
    const { scenario } = await loadScenario(options.input, checkRunLimits);
    const declared = usageFromScenario(scenario);
    usage = declared.usage;
    projection = declared.projection;
    notes = declared.approximations;
    volumeAssumptions = declared.assumptions;
    region = scenario.region;
    quota = (pricedRegion) => ({
      quotaTps: scenario.endpoint.quotaTps ?? defaultPutEventsQuotaTps(pricedRegion),
      peakCallsPerSec: declared.peakCallsPerSec,
      basis:
        "sum of every producer's busiest second of calls in its simulated plan (declared; an upper bound: producers may peak at different times)",
    });
  }
  const assumptions = parseAssumptions(options.assume ?? []);
  const overrides = parseLoggingOverrides(
    options.logging,
    usage.map((bus) => bus.name),
  );
  usage = withLoggingModes(usage, overrides);
  const { catalog } = await loadCatalogFile(options.catalog);
  const pricedRegion = options.region ?? region;
  if (!catalog.regions.includes(pricedRegion)) {
    throw new InputError(
      `${options.region ? '--region' : 'region'} ${pricedRegion}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }
  const month = options.month !== undefined ? parseMonth(options.month) : recordedMonth;
  const estimate: CostEstimate = estimateCost({
    buses: usage,
    projection,
    catalog,
    region: pricedRegion,
    assumptions,
    ...(month ? { month } : {}),
    volumeAssumptions,
    ...(quota ? { quota: quota(pricedRegion) } : {}),
  });
  if (
    recorded &&
    (recorded.modelVersion !== estimate.modelVersion || recorded.catalogSha256 !== (catalog.sha256 ?? null))
  ) {
    notes.push(
      `re-priced with the current model ${estimate.modelVersion} and catalog ${catalog.id}; the report was priced by ` +
        `${recorded.modelVersion ? `model ${recorded.modelVersion}` : 'a model older than recorded versions'} and catalog ${recorded.catalogId}` +
        (recorded.catalogSha256 && recorded.catalogSha256 !== catalog.sha256
          ? ' (another version of the file)'
          : ''),
    );
  }
  switch (options.format) {
    case 'json':
      process.stdout.write(
        `${JSON.stringify({ ...estimate, approximations: notes, ...(recorded ? { recordedPricing: recorded } : {}) }, null, 2)}\n`,
      );
      break;
    case 'md':
      process.stdout.write(`${renderCostMarkdown(estimate, notes)}`);
      process.stdout.write(details(renderCostDetails(estimate), '\n'));
      break;
    case 'table':
      process.stdout.write(`${renderCostTable(estimate, { color: Boolean(process.stdout.isTTY), notes })}`);
      process.stdout.write(renderCostDetails(estimate));
      break;
  }
  return ExitCode.ok;
}

/**
 * A .json input is a run's report (not a JSON scenario) when it is an object with a report's keys, even one
 * whose schemaVersion is missing or wrong: then the report's own problems are shown, not a scenario's.
 */
async function looksLikeReport(file: string): Promise<boolean> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    return ['schemaVersion', 'totals', 'run', 'generator', 'reconciliation'].some((key) => key in value);
  } catch {
    return false;
  }
}

function details(text: string, before: string): string {
  return text === ''
    ? ''
    : `${before}${text
        .trimEnd()
        .split('\n')
        .map((line) => `- ${line}`)
        .join('\n')}\n`;
}
