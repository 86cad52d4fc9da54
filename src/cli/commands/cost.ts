/**
 * `busload cost <scenario|report.json>`: monthly cost per bus without generating load (from a scenario's
 * declared volumes), or re-priced from a run's report.json with another catalog, region or logging mode.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_ASSUMPTIONS, estimateCost, type ModelAssumptions } from '../../model/estimate.js';
import { Dec, formatUsdText } from '../../model/money.js';
import { usageFromScenario } from '../../model/projection.js';
import type { Assumption, BusUsage, CostEstimate, Projection, QuotaInput } from '../../model/types.js';
import { readReportFile } from '../../report/read.js';
import { renderCostMarkdown } from '../../report/render-markdown.js';
import { renderCostTable } from '../../report/render-summary.js';
import type { RunReport } from '../../report/types.js';
import { loadCatalogFile } from '../../run/catalog-file.js';
import { defaultPutEventsQuotaTps } from '../../run/region-quotas.js';
import { busUsageOf } from '../../run/usage.js';
import { loadScenario } from '../../scenario/load.js';
import { LOGGING_MODES, type LoggingMode } from '../../scenario/types.js';
import { ExitCode, InputError } from '../errors.js';

export interface CostOptions {
  input: string;
  region?: string;
  catalog?: string;
  logging: string[];
  /** `--assume <name>=<value>`: switch a model assumption (see DEFAULT_ASSUMPTIONS). */
  assume?: string[];
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

async function usageFromReport(
  file: string,
): Promise<{ usage: BusUsage[]; projection: Projection; region: string }> {
  const read = await readReportFile(file);
  if ('problems' in read) throw new InputError(read.problems.join('\n'));
  const report: RunReport = read.report;
  const specs = report.scenario?.buses;
  if (!specs) {
    throw new InputError(`${file}: scenario.buses: missing (the report is too old to re-price; re-run it)`);
  }
  const usage = report.buses.map((bus) => {
    const spec = specs.find((candidate) => candidate.name === bus.name);
    if (!spec) throw new InputError(`${file}: scenario.buses: no entry for bus "${bus.name}"`);
    const trail = report.reconciliation?.find((row) => row.bus === bus.name);
    // The run's measured record bytes (the gzip ratio of its files is not in the report: assumed).
    const measured =
      trail?.trailRecords && trail.trailBytes
        ? { records: trail.trailRecords, recordBytes: trail.trailBytes, gzipRatio: null }
        : null;
    const busUsage = busUsageOf(bus, spec, report.run.region, measured);
    return busUsage;
  });
  return { usage, projection: report.cost.projection, region: report.run.region };
}

export async function costCommand(options: CostOptions): Promise<number> {
  const isReport = options.input.endsWith('.json') && (await looksLikeReport(options.input));
  let usage: BusUsage[];
  let projection: Projection;
  let region: string;
  let notes: string[] = [];
  let volumeAssumptions: Assumption[] = [];
  let quota: ((region: string) => QuotaInput) | undefined;
  if (isReport) {
    ({ usage, projection, region } = await usageFromReport(options.input));
  } else {
    const { scenario } = await loadScenario(options.input);
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
  usage = usage.map((bus) => ({ ...bus, loggingMode: overrides.get(bus.name) ?? bus.loggingMode }));
  const { catalog } = await loadCatalogFile(options.catalog);
  const pricedRegion = options.region ?? region;
  if (!catalog.regions.includes(pricedRegion)) {
    throw new InputError(
      `${options.region ? '--region' : 'region'} ${pricedRegion}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }
  const estimate: CostEstimate = estimateCost({
    buses: usage,
    projection,
    catalog,
    region: pricedRegion,
    assumptions,
    volumeAssumptions,
    ...(quota ? { quota: quota(pricedRegion) } : {}),
  });
  switch (options.format) {
    case 'json':
      process.stdout.write(`${JSON.stringify({ ...estimate, approximations: notes }, null, 2)}\n`);
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

async function looksLikeReport(file: string): Promise<boolean> {
  try {
    const head = (await readFile(file, 'utf8')).slice(0, 200);
    return head.includes('"schemaVersion"');
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
