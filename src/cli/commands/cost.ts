/**
 * `busload cost <scenario|report.json>`: monthly cost per bus without generating load (from a scenario's
 * declared volumes), or re-priced from a run's report.json with another catalog, region or logging mode.
 */
import { readFile } from 'node:fs/promises';
import { estimateCost } from '../../model/estimate.js';
import { usageFromScenario } from '../../model/projection.js';
import type { BusUsage, CostEstimate, Projection } from '../../model/types.js';
import { renderCostMarkdown } from '../../report/render-markdown.js';
import { renderCostTable } from '../../report/render-summary.js';
import type { RunReport } from '../../report/types.js';
import { loadCatalogFile } from '../../run/catalog-file.js';
import { loadScenario } from '../../scenario/load.js';
import { LOGGING_MODES, type LoggingMode } from '../../scenario/types.js';
import { ExitCode, InputError } from '../errors.js';

export interface CostOptions {
  input: string;
  region?: string;
  catalog?: string;
  logging: string[];
  format: 'table' | 'json' | 'md';
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
  let report: RunReport;
  try {
    report = JSON.parse(await readFile(file, 'utf8')) as RunReport;
  } catch (error) {
    throw new InputError(`${file}: cannot read a report (${(error as Error).message})`);
  }
  if (report.schemaVersion !== 1 || !Array.isArray(report.buses) || !report.cost?.projection) {
    throw new InputError(`${file}: schemaVersion: expected a busload report.json with schemaVersion 1`);
  }
  const specs = report.scenario?.buses;
  if (!specs) {
    throw new InputError(`${file}: scenario.buses: missing (the report is too old to re-price; re-run it)`);
  }
  const usage = report.buses.map((bus) => {
    const spec = specs.find((candidate) => candidate.name === bus.name);
    if (!spec) throw new InputError(`${file}: scenario.buses: no entry for bus "${bus.name}"`);
    return {
      name: bus.name,
      classification: spec.classification,
      loggingMode: spec.logging,
      trailCopies: spec.trailCopies,
      counts: {
        requestsSucceeded: bus.requests.succeeded,
        requestsFailed: bus.requests.attempts - bus.requests.succeeded,
        entriesSucceeded: bus.entries.succeeded,
        entriesFailed: bus.entries.failed,
        billableChunks: bus.entries.billableChunks,
      },
    } satisfies BusUsage;
  });
  return { usage, projection: report.cost.projection, region: report.run.region };
}

export async function costCommand(options: CostOptions): Promise<number> {
  const isReport = options.input.endsWith('.json') && (await looksLikeReport(options.input));
  let usage: BusUsage[];
  let projection: Projection;
  let region: string;
  let notes: string[] = [];
  if (isReport) {
    ({ usage, projection, region } = await usageFromReport(options.input));
  } else {
    const { scenario } = await loadScenario(options.input);
    const declared = usageFromScenario(scenario);
    usage = declared.usage;
    projection = declared.projection;
    notes = declared.approximations;
    region = scenario.region;
  }
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
  const estimate: CostEstimate = estimateCost({ buses: usage, projection, catalog, region: pricedRegion });
  switch (options.format) {
    case 'json':
      process.stdout.write(`${JSON.stringify({ ...estimate, approximations: notes }, null, 2)}\n`);
      break;
    case 'md':
      process.stdout.write(`${renderCostMarkdown(estimate, notes)}`);
      break;
    case 'table':
      process.stdout.write(`${renderCostTable(estimate, { color: Boolean(process.stdout.isTTY), notes })}`);
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
