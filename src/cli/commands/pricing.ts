/**
 * `busload pricing`: the catalog in use, every price with its unit, source, date and confidence.
 */
import Table from 'cli-table3';
import { loadCatalogFile } from '../../run/catalog-file.js';
import { ExitCode, InputError } from '../errors.js';

export async function pricingCommand(options: {
  catalog?: string;
  region?: string;
  format: 'table' | 'json';
}): Promise<number> {
  const { catalog, file } = await loadCatalogFile(options.catalog);
  if (options.region && !catalog.regions.includes(options.region)) {
    throw new InputError(
      `--region ${options.region}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }
  const prices = options.region
    ? catalog.prices.filter((price) => price.region === options.region || price.region === '*')
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
      price.id,
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
