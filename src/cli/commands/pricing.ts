/**
 * `busload pricing`: the catalog in use, every price with its unit, source, date and confidence (per
 * region: where a price is only known for some regions, the others say "unconfirmed").
 * `busload pricing --refresh`: rebuilds it from the AWS Price List API into a new dated catalog file and
 * writes a diff against the previous one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import { example } from '../help.js';
import { type BusloadCommand, type FlagsOf, formatOption } from '../options.js';

function builder(yargs: Argv) {
  return yargs
    .options({
      catalog: { type: 'string', describe: 'catalog file (default: the bundled catalog)' },
      region: { type: 'string', describe: 'only this region' },
      format: formatOption(['table', 'json']),
      refresh: {
        type: 'boolean',
        default: false,
        describe: 'rebuild the catalog from the AWS Price List API (needs AWS credentials)',
      },
      out: {
        type: 'string',
        describe: 'with --refresh: folder for aws-<date>.json and its diff (default: the bundled catalogs)',
      },
      date: {
        type: 'string',
        describe: 'with --refresh: the new catalog date (default: today, UTC)',
      },
      'endpoint-url': {
        type: 'string',
        describe: 'with --refresh: Price List API endpoint override',
      },
    })
    .example(...example('$0 pricing --region eu-west-1', 'the prices used for eu-west-1'))
    .example(
      ...example(
        '$0 pricing --refresh --out /tmp/catalogs',
        'a new dated catalog and a diff against the bundled one',
      ),
    );
}

/** The flags of `busload pricing`, as its handler gets them. */
export type PricingFlags = FlagsOf<typeof builder>;

export const pricingCommand: BusloadCommand<typeof builder> = {
  command: 'pricing',
  describe: 'show the price catalog in use (every price with its source and date)',
  builder,
  handler: pricing,
};

/** Prints the catalog in use, or (`--refresh`) rebuilds it from the Price List API. */
async function pricing(options: PricingFlags): Promise<number> {
  if (options.refresh) return refreshCommand(options);
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
  const { loadCatalogFile } = await import('../../catalog/catalog-file.js');
  const { default: Table } = await import('cli-table3');
  const { catalog, file } = await loadCatalogFile(options.catalog);
  if (options.region && !catalog.regions.includes(options.region)) {
    throw new InputError(
      `--region ${options.region}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }
  const prices = options.region
    ? catalog.prices.filter((price) => price.region === options.region)
    : catalog.prices;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...catalog, prices }, null, 2)}\n`);
    return ExitCode.ok;
  }
  process.stdout.write(
    `catalog ${catalog.id} (effective ${catalog.effectiveDate}, ${catalog.currency})\nfile ${file}\n`,
  );
  const table = new Table({
    head: ['price id', 'region', 'USD', 'per', 'confidence', 'source'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [30, 16, 12, 24, 12, 50],
  });
  for (const price of prices) {
    table.push([
      `${price.id}${price.tier ? `\n${price.tier.label}` : ''}`,
      price.region,
      price.priceUsd,
      `${price.unitQuantity.toLocaleString('en-US')} ${price.unit}`,
      price.confidence,
      `${price.source}${price.note ? `\n${price.note}` : ''}`,
    ]);
  }
  process.stdout.write(`${table.toString()}\n`);
  return ExitCode.ok;
}

function checkEndpoint(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--endpoint-url ${url}: expected a URL such as http://127.0.0.1:4010`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) {
    throw new InputError(`--endpoint-url ${url}: expected an http(s) URL`);
  }
}

async function refreshCommand(options: PricingFlags): Promise<number> {
  const { CATALOG_DIR, loadCatalogFile } = await import('../../catalog/catalog-file.js');
  const { diffCatalogs, renderCatalogDiff } = await import('../../model/catalog-diff.js');
  const { buildRefreshedCatalog } = await import('../../model/catalog-refresh.js');
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InputError(`--date ${date}: expected YYYY-MM-DD`);
  if (options.endpointUrl) checkEndpoint(options.endpointUrl);
  const { catalog: previous, file: previousFile } = await loadCatalogFile(options.catalog);
  const { createPricingClient, fetchPrices, PRICING_API_REGION } = await import('../../aws/pricing.js');
  const { asUnreachable, credentialsForEndpoint } = await import('../../aws/network.js');
  const credentials = credentialsForEndpoint(options.endpointUrl, process.env);
  const client = createPricingClient({
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(credentials ? { credentials } : {}),
  });
  const url = options.endpointUrl ?? `https://api.pricing.${PRICING_API_REGION}.amazonaws.com`;
  const regions = options.region ? [options.region] : previous.regions;
  if (options.region && !previous.regions.includes(options.region)) {
    throw new InputError(
      `--region ${options.region}: not in catalog ${previous.id} (regions: ${previous.regions.join(', ')})`,
    );
  }
  let fetched: Awaited<ReturnType<typeof fetchPrices>>;
  try {
    fetched = await fetchPrices(client, regions, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    throw asUnreachable(
      error,
      'the AWS Price List API',
      url,
      options.endpointUrl
        ? 'check that --endpoint-url names a running Price List endpoint; the catalog in use is unchanged'
        : 'connect to a network that reaches AWS and retry; the bundled catalog stays in use meanwhile (busload pricing shows it)',
    );
  } finally {
    client.destroy();
  }
  const { catalog, kept } = buildRefreshedCatalog(previous, fetched, date);
  const changes = diffCatalogs(previous, catalog);
  const outDir = options.out ?? CATALOG_DIR.pathname;
  await mkdir(outDir, { recursive: true });
  const catalogFile = join(outDir, `${catalog.id}.json`);
  const diffFile = join(outDir, `${catalog.id}.diff.md`);
  await writeFile(catalogFile, `${JSON.stringify(catalog, null, 2)}\n`, 'utf8');
  await writeFile(diffFile, renderCatalogDiff(previous, catalog, changes, kept), 'utf8');
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ catalog: catalogFile, diff: diffFile, previous: previousFile, changes, kept }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `catalog ${catalog.id}: ${changes.length} change(s) against ${previous.id}, ${kept.length} price(s) kept\n` +
        `diff ${diffFile}\nuse it with --catalog ${catalogFile} (the bundled default changes only when it is reviewed and committed)\n${catalogFile}\n`,
    );
  }
  return ExitCode.ok;
}
