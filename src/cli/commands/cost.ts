/**
 * `busload cost <scenario|report.json>`: monthly cost per bus without generating load (from a scenario's
 * declared volumes), or re-priced from a run's report.json with another catalog, region or logging mode.
 */
import { readFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import type { CalendarMonth } from '../../model/money.js';
import type { Assumption, BusUsage, CostEstimate, Projection, QuotaInput } from '../../model/types.js';
import type { PricedWith } from '../../report/reprice.js';
import { example } from '../help.js';
import { type BusloadCommand, CATALOG_OPTION, type FlagsOf, formatOption, MONTH_OPTION } from '../options.js';

function builder(yargs: Argv) {
  return yargs
    .positional('input', {
      type: 'string',
      demandOption: true,
      describe: 'scenario file or report.json',
    })
    .options({
      region: {
        type: 'string',
        describe: 'price in this region (default: the scenario region)',
      },
      catalog: CATALOG_OPTION,
      logging: {
        type: 'string',
        array: true,
        describe: 'override a bus logging mode: <bus>=off|trail|lake-1y|lake-7y|cloudwatch-logs',
      },
      assume: {
        type: 'string',
        array: true,
        describe:
          'switch a model assumption: <name>=<value>, e.g. failedRequestsLogged=false, s3RetentionDays=90, lakeRetentionDays=731, trailFilesPerHour=60, logsStorageCompressed=true',
      },
      month: MONTH_OPTION,
      format: formatOption(['table', 'json', 'md']),
    })
    .example(...example('$0 cost scenarios/quickstart.yaml', 'what the declared volumes cost per month'))
    .example(
      ...example('$0 cost scenarios/quickstart.yaml --logging telemetry=trail', 'what-if: log telemetry too'),
    )
    .example(...example('$0 cost reports/runs/quickstart/<time>/report.json --format md', 're-price a run'))
    .example(
      ...example(
        '$0 cost scenarios/quickstart.yaml --assume failedRequestsLogged=false',
        'switch an assumption',
      ),
    )
    .example(
      ...example('$0 cost scenarios/quickstart.yaml --month 2027-02', 'the bill of February 2027 (672 h)'),
    );
}

/** The flags of `busload cost`, as its handler gets them. */
export type CostFlags = FlagsOf<typeof builder>;

export const costCommand: BusloadCommand<typeof builder> = {
  command: 'cost <input>',
  describe: 'monthly cost per bus without generating load (from a scenario) or re-priced from a report.json',
  builder,
  handler: cost,
};

/** Prices the input and prints the estimate in the chosen format. */
async function cost(flags: CostFlags): Promise<number> {
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
  const { loadCatalogFile } = await import('../../catalog/catalog-file.js');
  const { defaultPutEventsQuotaTps } = await import('../../eventbridge/quotas.js');
  const { estimateCost } = await import('../../model/estimate.js');
  const { usageFromScenario } = await import('../../model/projection.js');
  const { withLoggingModes } = await import('../../model/usage.js');
  const { readReportFile } = await import('../../report/read.js');
  const { renderCostMarkdown } = await import('../../report/run/render-markdown.js');
  const { renderCostTable } = await import('../../report/run/summary.js');
  const { pricedWithOf, usageOfReport } = await import('../../report/reprice.js');
  const { loadScenario } = await import('../../scenario/load.js');
  const { checkRunLimits } = await import('../../schedule/limits.js');
  const { markdownDetails, renderCostDetails } = await import('../cost-details.js');
  const { parseAssumptions, parseLoggingOverrides, parseMonth } = await import('../pricing-flags.js');
  const isReport = flags.input.endsWith('.json') && (await looksLikeReport(flags.input));
  let usage: BusUsage[];
  let projection: Projection;
  let region: string;
  let notes: string[] = [];
  let volumeAssumptions: Assumption[] = [];
  let quota: ((region: string) => QuotaInput) | undefined;
  let recordedMonth: CalendarMonth | undefined;
  let recorded: PricedWith | undefined;
  if (isReport) {
    const read = await readReportFile(flags.input);
    if ('problems' in read) throw new InputError(read.problems.join('\n'));
    ({ usage, projection, region, month: recordedMonth } = usageOfReport(read.report, flags.input));
    recorded = pricedWithOf(read.report.cost);
    if (!read.report.pricingInputs) {
      notes.push(
        "the report predates recorded pricing inputs: its model input was rebuilt from its counts (the run's measured gzip ratio and trail callers are not in it)",
      );
    }
  } else {
    const { scenario } = await loadScenario(flags.input, checkRunLimits);
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
  const assumptions = parseAssumptions(flags.assume ?? []);
  const overrides = parseLoggingOverrides(
    flags.logging ?? [],
    usage.map((bus) => bus.name),
  );
  usage = withLoggingModes(usage, overrides);
  const { catalog } = await loadCatalogFile(flags.catalog);
  const pricedRegion = flags.region ?? region;
  if (!catalog.regions.includes(pricedRegion)) {
    throw new InputError(
      `${flags.region ? '--region' : 'region'} ${pricedRegion}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }
  const month = flags.month !== undefined ? parseMonth(flags.month) : recordedMonth;
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
  switch (flags.format) {
    case 'json':
      process.stdout.write(
        `${JSON.stringify({ ...estimate, approximations: notes, ...(recorded ? { recordedPricing: recorded } : {}) }, null, 2)}\n`,
      );
      break;
    case 'md':
      process.stdout.write(`${renderCostMarkdown(estimate, notes)}`);
      process.stdout.write(markdownDetails(renderCostDetails(estimate), '\n'));
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
