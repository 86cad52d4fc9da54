/**
 * A refreshed dated catalog from the Price List rows src/aws/pricing.ts fetched (./price-list.ts says which
 * rows back which price): each price from its row, priced at pricePerUnit x unitQuantity with the query as its
 * source, and kept from the previous catalog when the Price List has no row for it. Pure.
 */
import { Dec } from './money.js';
import {
  type FetchedPrice,
  PRICE_DEFINITIONS,
  type PriceDefinition,
  type PriceDimension,
} from './price-list.js';
import type { Catalog, CatalogPrice, PriceTier } from './types.js';

/** The API endpoint named as the source of refreshed prices. */
const PRICE_LIST_API = 'https://api.pricing.us-east-1.amazonaws.com/';

function sourceUrl(definition: PriceDefinition, usageType: string): string {
  const params = new URLSearchParams({
    Action: 'GetProducts',
    ServiceCode: definition.serviceCode,
    usagetype: usageType,
  });
  for (const [field, value] of Object.entries(definition.filters)) params.set(field, value);
  return `${PRICE_LIST_API}?${params.toString()}`;
}

function tierLabel(
  fromUnits: number,
  toUnits: number | null,
  unit: string,
  previous: readonly CatalogPrice[],
): string {
  const same = previous.find(
    (price) => price.tier?.fromUnits === fromUnits && price.tier?.toUnits === toUnits,
  );
  if (same?.tier) return same.tier.label;
  return toUnits === null ? `over ${fromUnits} ${unit}` : `${fromUnits}-${toUnits} ${unit}`;
}

/**
 * The catalog prices of one fetched row: one entry (or one per tier for tiered definitions), priced at
 * pricePerUnit x unitQuantity, confidence "price-list", source naming the GetProducts query. Untiered
 * definitions take the first tier of a tiered row and say so.
 *
 * Worked example: DataEventsRecorded at 0.0000010000 USD per event, unitQuantity 100,000 -> priceUsd "0.1".
 */
export function catalogPricesFrom(
  fetched: FetchedPrice,
  retrievedAt: string,
  previous: readonly CatalogPrice[],
): CatalogPrice[] {
  const { definition, region, product, usageType } = fetched;
  if (!product || !usageType || product.dimensions.length === 0) return [];
  const base = {
    id: definition.id,
    service: definition.serviceCode,
    region,
    unit: definition.unit,
    unitQuantity: definition.unitQuantity,
    usageType,
    source: sourceUrl(definition, usageType),
    retrievedAt,
    confidence: 'price-list' as const,
  };
  const published = [
    product.publicationDate ? `published ${product.publicationDate}` : null,
    product.effectiveDate ? `effective ${product.effectiveDate}` : null,
    product.sku ? `sku ${product.sku}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
  const priceOf = (dimension: PriceDimension) =>
    new Dec(dimension.usd).times(definition.unitQuantity).toFixed();
  if (definition.tiered) {
    return product.dimensions.map((dimension) => {
      const tier: PriceTier = {
        fromUnits: dimension.beginRange,
        toUnits: dimension.endRange,
        label: tierLabel(dimension.beginRange, dimension.endRange, definition.unit, previous),
      };
      return {
        ...base,
        tier,
        priceUsd: priceOf(dimension),
        note: `AWS Price List API (${published}; Price List unit ${dimension.unit}).`,
      };
    });
  }
  const [first] = product.dimensions;
  const tieredNote =
    product.dimensions.length > 1
      ? ` First tier (${first!.beginRange}-${first!.endRange ?? 'Inf'} ${first!.unit}) of a tiered price.`
      : '';
  return [
    {
      ...base,
      priceUsd: priceOf(first!),
      note: `AWS Price List API (${published}; Price List unit ${first!.unit}).${tieredNote}`,
    },
  ];
}

/**
 * A new dated catalog from fetched rows: every (definition, region) of the previous catalog's regions is
 * taken from the Price List when found there, and kept from the previous catalog (with its confidence,
 * source and date) when not. Prices of the previous catalog that no definition covers are kept as they are.
 * @returns the catalog and, per (id, region), whether it was refreshed or kept
 */
export function buildRefreshedCatalog(
  previous: Catalog,
  fetched: readonly FetchedPrice[],
  date: string,
): { catalog: Catalog; kept: Array<{ id: string; region: string; reason: string }> } {
  const prices: CatalogPrice[] = [];
  const kept: Array<{ id: string; region: string; reason: string }> = [];
  const defined = new Set(PRICE_DEFINITIONS.map((definition) => definition.id));
  for (const definition of PRICE_DEFINITIONS) {
    for (const region of previous.regions) {
      const old = previous.prices.filter((price) => price.id === definition.id && price.region === region);
      const row = fetched.find(
        (candidate) => candidate.definition.id === definition.id && candidate.region === region,
      );
      const fresh = row ? catalogPricesFrom(row, date, old) : [];
      if (fresh.length > 0) {
        prices.push(...fresh);
        continue;
      }
      if (old.length > 0) {
        prices.push(...old);
        kept.push({
          id: definition.id,
          region,
          reason: !row
            ? 'not fetched in this refresh'
            : row.usageType
              ? `no product for usage type ${row.usageType}`
              : `the Price List has no ${definition.usageTypeSuffix} usage type for ${region}`,
        });
      }
    }
  }
  prices.push(...previous.prices.filter((price) => !defined.has(price.id)));
  return {
    catalog: {
      id: `aws-${date}`,
      regions: [...previous.regions],
      effectiveDate: date,
      currency: 'USD',
      notes: [
        ...(previous.notes ?? []),
        `Refreshed ${date} from the AWS Price List API (GetAttributeValues + GetProducts) by busload pricing --refresh; prices not found there are kept from ${previous.id} with their own confidence and date.`,
      ],
      prices,
    },
    kept,
  };
}
