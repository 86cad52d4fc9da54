/**
 * The dated price catalog: validation of a parsed catalog file and price look-ups. Pure: the CLI reads
 * the file and hands the parsed JSON in. Prices are data (src/model/catalog/*.json); formulas are code.
 *
 * Layout of a catalog file: one entry per (price id, region), plus one entry per tier for tiered prices
 * (`tier: { fromUnits, toUnits, label }`). There are no wildcard regions: a region without an entry has
 * no price and the look-up says so, rather than silently borrowing another region's price. Where a price
 * is only confirmed for some regions, the other regions' entries carry `confidence: "unconfirmed"` and a
 * `note` saying what was assumed.
 */
import { z } from 'zod';
import { Dec } from './money.js';
import type { Catalog, CatalogPrice } from './types.js';

/** The catalog bundled with busload (under src/model/catalog/). */
export const DEFAULT_CATALOG_FILE = 'aws-2026-11-23.json';

const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string such as "12.34"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date such as "2026-11-23"');

const priceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9.-]+$/, 'expected a price id such as "eventbridge.custom-events"'),
  service: z.string().min(1),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected a region code such as "us-east-1"'),
  unit: z.string().min(1),
  unitQuantity: z.number().positive(),
  priceUsd: decimalString,
  source: z.url({ error: 'expected the URL the price comes from' }),
  retrievedAt: isoDate,
  confidence: z.enum(['official', 'price-list', 'third-party', 'unconfirmed']),
  usageType: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
  tier: z
    .strictObject({
      fromUnits: z.number().nonnegative(),
      toUnits: z.number().positive().nullable(),
      label: z.string().min(1),
    })
    .optional(),
});

const catalogSchema = z.strictObject({
  id: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1),
  effectiveDate: isoDate,
  currency: z.literal('USD'),
  notes: z.array(z.string()).optional(),
  prices: z.array(priceSchema).min(1),
});

/** A catalog file that does not have the expected shape or is inconsistent. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

/**
 * Validates parsed catalog JSON. Every problem is listed with the file and the field path, e.g.
 * `prices.aws.json: prices[3].priceUsd: expected a non-negative decimal string such as "12.34"`.
 * Besides the shape it checks that each price's region is one of `regions`, that no (id, region) pair
 * is given twice (tiers aside), and that the tiers of a tiered price are contiguous from 0.
 * @param json - the parsed file
 * @param source - the file name, for messages
 */
export function parseCatalog(json: unknown, source: string): Catalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${source}: ${formatPath(issue.path)}: ${issue.message}`,
    );
    throw new CatalogError(lines.join('\n'));
  }
  const catalog: Catalog = parsed.data;
  const problems = catalogConsistencyProblems(catalog).map((problem) => `${source}: ${problem}`);
  if (problems.length > 0) throw new CatalogError(problems.join('\n'));
  return catalog;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function catalogConsistencyProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  const groups = new Map<string, Array<{ price: CatalogPrice; index: number }>>();
  catalog.prices.forEach((price, index) => {
    if (!catalog.regions.includes(price.region)) {
      problems.push(`prices[${index}].region: "${price.region}" is not in regions`);
    }
    const key = `${price.id}@${price.region}`;
    groups.set(key, [...(groups.get(key) ?? []), { price, index }]);
  });
  for (const [key, entries] of groups) {
    const tiered = entries.filter((entry) => entry.price.tier !== undefined);
    if (tiered.length === 0) {
      if (entries.length > 1) {
        problems.push(`prices[${entries.map((e) => e.index).join(', ')}]: ${key} is given more than once`);
      }
      continue;
    }
    if (tiered.length !== entries.length) {
      problems.push(`prices[${entries[0]?.index}]: ${key} mixes tiered and untiered entries`);
      continue;
    }
    const tiers = tiered.map((entry) => entry.price.tier!).sort((a, b) => a.fromUnits - b.fromUnits);
    let expectedFrom = 0;
    tiers.forEach((tier, position) => {
      const last = position === tiers.length - 1;
      if (tier.fromUnits !== expectedFrom) {
        problems.push(`${key}: tier "${tier.label}" starts at ${tier.fromUnits}, expected ${expectedFrom}`);
      }
      if (!last && tier.toUnits === null) problems.push(`${key}: only the last tier may be open-ended`);
      if (last && tier.toUnits !== null)
        problems.push(`${key}: the last tier must be open-ended (toUnits null)`);
      if (tier.toUnits !== null && tier.toUnits <= tier.fromUnits) {
        problems.push(`${key}: tier "${tier.label}" ends before it starts`);
      }
      expectedFrom = tier.toUnits ?? expectedFrom;
    });
  }
  return problems;
}

/** A price the catalog does not have (unknown id, or no entry for the region). */
export class MissingPriceError extends Error {
  override name = 'MissingPriceError';
}

function pricesFor(catalog: Catalog, id: string, region: string): CatalogPrice[] {
  const found = catalog.prices.filter((price) => price.id === id && price.region === region);
  if (found.length > 0) return found;
  if (!catalog.prices.some((price) => price.id === id)) {
    throw new MissingPriceError(`catalog ${catalog.id} has no price "${id}"`);
  }
  throw new MissingPriceError(
    `catalog ${catalog.id} has no price "${id}" for region ${region} (regions: ${catalog.regions.join(', ')})`,
  );
}

/**
 * The single (untiered) price `id` in `region`; throws {@link MissingPriceError} naming the catalog, id
 * and region when there is none, or when the price is tiered (use {@link tieredPricesFor}).
 */
export function priceFor(catalog: Catalog, id: string, region: string): CatalogPrice {
  const found = pricesFor(catalog, id, region);
  const [price] = found;
  if (found.length !== 1 || price === undefined || price.tier !== undefined) {
    throw new MissingPriceError(`catalog ${catalog.id}: price "${id}" in ${region} is tiered; use its tiers`);
  }
  return price;
}

/** The tiers of price `id` in `region`, lowest first; throws {@link MissingPriceError} when missing. */
export function tieredPricesFor(catalog: Catalog, id: string, region: string): CatalogPrice[] {
  const found = pricesFor(catalog, id, region);
  if (found.some((price) => price.tier === undefined)) {
    throw new MissingPriceError(`catalog ${catalog.id}: price "${id}" in ${region} is not tiered`);
  }
  return [...found].sort((a, b) => a.tier!.fromUnits - b.tier!.fromUnits);
}

/** Price of one unit, exact: priceUsd / unitQuantity (e.g. a per-million price / 1,000,000). */
export function unitPriceUsd(price: CatalogPrice): Dec {
  return new Dec(price.priceUsd).div(price.unitQuantity);
}
