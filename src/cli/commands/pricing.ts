/**
 * `busload pricing`: the catalog in use, every price with its unit, source, date and confidence (per
 * region: where a price is only known for some regions, the others say "unconfirmed").
 * `busload pricing --refresh`: rebuilds it from the AWS Price List API into a new dated catalog file and
 * writes a diff against the previous one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Table from 'cli-table3';
import { CATALOG_DIR, loadCatalogFile } from '../../catalog/catalog-file.js';
import { ExitCode, InputError } from '../../errors.js';
import { diffCatalogs, renderCatalogDiff } from '../../model/catalog-diff.js';
import { buildRefreshedCatalog } from '../../model/catalog-refresh.js';

export interface PricingOptions {
  catalog?: string;
  region?: string;
  format: 'table' | 'json';
  /** Rebuild the catalog from the AWS Price List API. */
  refresh?: boolean;
  /** Where the refreshed catalog and its diff go (default: the bundled catalog folder). */
  out?: string;
  /** Date of the refreshed catalog, YYYY-MM-DD (default: today, UTC). */
  date?: string;
  /** Price List API endpoint (default: AWS's; a loopback URL for tests). */
  endpointUrl?: string;
}

export async function pricingCommand(options: PricingOptions): Promise<number> {
  if (options.refresh) return refreshCommand(options);
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

async function refreshCommand(options: PricingOptions): Promise<number> {
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
