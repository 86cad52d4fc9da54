/**
 * From AWS Price List API answers to a dated catalog, and the diff between two catalogs. Pure: the SDK
 * calls live in src/aws/pricing.ts, which hands the answers in.
 *
 * Which Price List rows back which catalog price is declared here as data (docs/aws-behaviour.md §9): service code,
 * usage type without its region prefix, and extra attribute filters. The region prefix of a usage type
 * (USE1-, EUW1-, EU-, or none) is not hard-coded: it is learnt from the service's usage types
 * (GetAttributeValues) and the regionCode of one product per usage type.
 */
import { Dec } from './money.js';
import type { Catalog, CatalogPrice, PriceTier } from './types.js';

/** How one catalog price is found in the Price List. */
export interface PriceDefinition {
  id: string;
  serviceCode: 'AWSEvents' | 'AWSCloudTrail' | 'AmazonCloudWatch' | 'AmazonS3';
  /** The usage type without its region prefix, e.g. "DataEventsRecorded". */
  usageTypeSuffix: string;
  /** Further TERM_MATCH filters, e.g. { operation: 'PutEvents' }. */
  filters: Record<string, string>;
  /** Catalog unit and how many units the catalog price is for (the Price List prices one unit). */
  unit: string;
  unitQuantity: number;
  /** Tiered in the catalog (one entry per tier); otherwise the first tier of a tiered row is taken. */
  tiered: boolean;
}

/** The catalog prices busload refreshes, with their Price List rows (docs/aws-behaviour.md §9). */
export const PRICE_DEFINITIONS: readonly PriceDefinition[] = [
  {
    id: 'eventbridge.custom-events',
    serviceCode: 'AWSEvents',
    usageTypeSuffix: 'Event-64K-Chunks',
    filters: { operation: 'PutEvents' },
    unit: '64 KB chunk',
    unitQuantity: 1_000_000,
    tiered: false,
  },
  {
    id: 'cloudtrail.data-events',
    serviceCode: 'AWSCloudTrail',
    usageTypeSuffix: 'DataEventsRecorded',
    filters: {},
    unit: 'data event',
    unitQuantity: 100_000,
    tiered: false,
  },
  {
    id: 'cloudtrail.data-insights',
    serviceCode: 'AWSCloudTrail',
    usageTypeSuffix: 'DataInsightsEvents',
    filters: {},
    unit: 'data event analyzed',
    unitQuantity: 100_000,
    tiered: false,
  },
  {
    id: 'cloudtrail.lake-1y.ingest',
    serviceCode: 'AWSCloudTrail',
    usageTypeSuffix: 'Ingestion-Bytes-1yearstore-Live-CloudTrail-Logs',
    filters: {},
    unit: 'GB',
    unitQuantity: 1,
    tiered: false,
  },
  {
    id: 'cloudtrail.lake-1y.retention',
    serviceCode: 'AWSCloudTrail',
    usageTypeSuffix: 'PaidStorage-ByteHrs',
    filters: {},
    unit: 'GB-month',
    unitQuantity: 1,
    tiered: false,
  },
  {
    id: 'cloudtrail.lake-7y.ingest',
    serviceCode: 'AWSCloudTrail',
    usageTypeSuffix: 'Ingestion-Bytes',
    filters: {},
    unit: 'GB',
    unitQuantity: 1,
    tiered: true,
  },
  {
    id: 'cloudtrail.lake.query',
    serviceCode: 'AWSCloudTrail',
    usageTypeSuffix: 'QueryScanned-Bytes',
    filters: {},
    unit: 'GB scanned',
    unitQuantity: 1,
    tiered: false,
  },
  {
    id: 'cloudwatch-logs.ingest',
    serviceCode: 'AmazonCloudWatch',
    usageTypeSuffix: 'DataProcessing-Bytes',
    filters: { operation: 'PutLogEvents' },
    unit: 'GB',
    unitQuantity: 1,
    tiered: false,
  },
  {
    id: 'cloudwatch-logs.storage',
    serviceCode: 'AmazonCloudWatch',
    usageTypeSuffix: 'TimedStorage-ByteHrs',
    filters: {},
    unit: 'GB-month',
    unitQuantity: 1,
    tiered: false,
  },
  {
    id: 's3.standard-storage',
    serviceCode: 'AmazonS3',
    usageTypeSuffix: 'TimedStorage-ByteHrs',
    filters: {},
    unit: 'GB-month',
    unitQuantity: 1,
    tiered: false,
  },
  {
    id: 's3.put-requests',
    serviceCode: 'AmazonS3',
    usageTypeSuffix: 'Requests-Tier1',
    filters: {},
    unit: 'PUT request',
    unitQuantity: 1000,
    tiered: false,
  },
];

/** The usage type of the CloudTrail data-event row, used to learn each region's prefix. */
export const PREFIX_PROBE = { serviceCode: 'AWSCloudTrail', usageTypeSuffix: 'DataEventsRecorded' } as const;

/** One price dimension of a Price List product (terms.OnDemand.*.priceDimensions.*). */
export interface PriceDimension {
  unit: string;
  beginRange: number;
  /** null = "Inf". */
  endRange: number | null;
  usd: string;
  description: string;
}

/** What busload reads of one GetProducts PriceList item. */
export interface PriceListProduct {
  serviceCode: string;
  usageType: string;
  regionCode: string | null;
  attributes: Record<string, string>;
  sku: string;
  publicationDate: string | null;
  effectiveDate: string | null;
  dimensions: PriceDimension[];
}

/** A PriceList item that does not have the documented shape. */
export class PriceListError extends Error {
  override name = 'PriceListError';
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PriceListError(`${what}: expected an object`);
  }
  return value as Record<string, unknown>;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Parses one GetProducts PriceList item (a JSON document, given as text or parsed): product attributes,
 * SKU and the OnDemand price dimensions (beginRange / endRange / pricePerUnit.USD).
 *
 * Worked example: {"product":{"sku":"X","attributes":{"usagetype":"USE2-DataEventsRecorded","regionCode":
 * "us-east-2"}},"serviceCode":"AWSCloudTrail","terms":{"OnDemand":{"X.T":{"effectiveDate":"2026-07-01T00:00:00Z",
 * "priceDimensions":{"X.T.D":{"unit":"Events","beginRange":"0","endRange":"Inf","pricePerUnit":{"USD":
 * "0.0000010000"}}}}}}} -> usageType USE2-DataEventsRecorded, one dimension 0..null at "0.000001".
 */
export function parsePriceListItem(item: unknown): PriceListProduct {
  const json = typeof item === 'string' ? (JSON.parse(item) as unknown) : item;
  const root = asRecord(json, 'PriceList item');
  const product = asRecord(root['product'], 'product');
  const attributes = asRecord(product['attributes'] ?? {}, 'product.attributes');
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (typeof value === 'string') attrs[key] = value;
  const usageType = attrs['usagetype'];
  if (!usageType) throw new PriceListError('product.attributes.usagetype: missing');
  const terms = asRecord(root['terms'] ?? {}, 'terms');
  const onDemand = asRecord(terms['OnDemand'] ?? {}, 'terms.OnDemand');
  const dimensions: PriceDimension[] = [];
  let effectiveDate: string | null = null;
  for (const term of Object.values(onDemand)) {
    const termRecord = asRecord(term, 'terms.OnDemand.*');
    effectiveDate ??= str(termRecord['effectiveDate']);
    const dims = asRecord(termRecord['priceDimensions'] ?? {}, 'priceDimensions');
    for (const dim of Object.values(dims)) {
      const d = asRecord(dim, 'priceDimensions.*');
      const usd = str(asRecord(d['pricePerUnit'] ?? {}, 'pricePerUnit')['USD']);
      if (usd === null || !/^\d+(\.\d+)?$/.test(usd))
        throw new PriceListError('pricePerUnit.USD: expected a decimal string');
      const end = str(d['endRange']);
      dimensions.push({
        unit: str(d['unit']) ?? '',
        beginRange: Number(str(d['beginRange']) ?? '0'),
        endRange: end === null || end === 'Inf' ? null : Number(end),
        usd: new Dec(usd).toFixed(),
        description: str(d['description']) ?? '',
      });
    }
  }
  dimensions.sort((a, b) => a.beginRange - b.beginRange);
  return {
    serviceCode: str(root['serviceCode']) ?? attrs['servicecode'] ?? '',
    usageType,
    regionCode: attrs['regionCode'] ?? null,
    attributes: attrs,
    sku: str(product['sku']) ?? '',
    publicationDate: str(root['publicationDate']),
    effectiveDate,
    dimensions,
  };
}

/**
 * The usage types of `values` that are `suffix` with or without a region prefix: "USE1-DataEventsRecorded",
 * "EU-DataEventsRecorded" and "DataEventsRecorded" for suffix "DataEventsRecorded".
 */
export function usageTypesWithSuffix(values: readonly string[], suffix: string): string[] {
  return values.filter(
    (value) =>
      value === suffix ||
      (value.endsWith(`-${suffix}`) && /^[A-Z0-9]+$/.test(value.slice(0, -suffix.length - 1))),
  );
}

/** The region prefix of a usage type ("" when it has none). */
export function prefixOf(usageType: string, suffix: string): string {
  return usageType === suffix ? '' : usageType.slice(0, -suffix.length - 1);
}

/**
 * The usage type to ask for in a region: `<prefix>-<suffix>` when the service has it; else the bare suffix
 * when the service has it and it belongs to this region (us-east-1 in some services, learnt from the bare
 * row's regionCode); null when neither.
 */
export function usageTypeFor(
  prefix: string | undefined,
  suffix: string,
  serviceUsageTypes: ReadonlySet<string>,
  bareIsThisRegion: boolean,
): string | null {
  if (prefix && serviceUsageTypes.has(`${prefix}-${suffix}`)) return `${prefix}-${suffix}`;
  if (serviceUsageTypes.has(suffix) && (bareIsThisRegion || prefix === '')) return suffix;
  return null;
}

/** The Price List rows found for one (definition, region): the product, or why there is none. */
export interface FetchedPrice {
  definition: PriceDefinition;
  region: string;
  usageType: string | null;
  product: PriceListProduct | null;
}

/** The API endpoint named as the source of refreshed prices. */
export const PRICE_LIST_API = 'https://api.pricing.us-east-1.amazonaws.com/';

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

/** One change between two catalogs. */
export interface CatalogChange {
  kind: 'added' | 'removed' | 'changed';
  id: string;
  region: string;
  tier: string | null;
  beforeUsd: string | null;
  afterUsd: string | null;
  beforeConfidence: string | null;
  afterConfidence: string | null;
}

const keyOf = (price: CatalogPrice) => `${price.id}@${price.region}@${price.tier?.label ?? ''}`;

/**
 * The differences between two catalogs, per (id, region, tier): added, removed, or changed price or
 * confidence; in a stable order (id, region, tier).
 *
 * Worked example: data events in eu-west-3 at "0.10" (unconfirmed) before and "0.1" (price-list) after
 * -> one "changed" entry (same price, confidence unconfirmed -> price-list).
 */
export function diffCatalogs(before: Catalog, after: Catalog): CatalogChange[] {
  const beforeByKey = new Map(before.prices.map((price) => [keyOf(price), price]));
  const afterByKey = new Map(after.prices.map((price) => [keyOf(price), price]));
  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort();
  const changes: CatalogChange[] = [];
  for (const key of keys) {
    const old = beforeByKey.get(key);
    const now = afterByKey.get(key);
    const sample = (now ?? old)!;
    const entry = {
      id: sample.id,
      region: sample.region,
      tier: sample.tier?.label ?? null,
      beforeUsd: old?.priceUsd ?? null,
      afterUsd: now?.priceUsd ?? null,
      beforeConfidence: old?.confidence ?? null,
      afterConfidence: now?.confidence ?? null,
    };
    if (!old) changes.push({ kind: 'added', ...entry });
    else if (!now) changes.push({ kind: 'removed', ...entry });
    else if (!new Dec(old.priceUsd).eq(now.priceUsd) || old.confidence !== now.confidence) {
      changes.push({ kind: 'changed', ...entry });
    }
  }
  return changes;
}

/** The diff as Markdown: a summary line, then one table row per change, then the prices kept. */
export function renderCatalogDiff(
  before: Catalog,
  after: Catalog,
  changes: readonly CatalogChange[],
  kept: ReadonlyArray<{ id: string; region: string; reason: string }>,
): string {
  const moved = changes.filter(
    (change) =>
      change.kind === 'changed' &&
      change.beforeUsd !== null &&
      change.afterUsd !== null &&
      !new Dec(change.beforeUsd).eq(change.afterUsd),
  );
  const lines = [
    `# Price catalog ${before.id} -> ${after.id}`,
    '',
    `${changes.length} change(s): ${moved.length} price(s) moved, ${changes.filter((c) => c.kind === 'added').length} added, ` +
      `${changes.filter((c) => c.kind === 'removed').length} removed, the rest confidence only. ${kept.length} price(s) kept from ${before.id}.`,
    '',
  ];
  if (changes.length > 0) {
    lines.push(
      '| change | price id | region | tier | before USD | after USD | confidence |',
      '|---|---|---|---|---:|---:|---|',
    );
    for (const change of changes) {
      lines.push(
        `| ${change.kind} | ${change.id} | ${change.region} | ${change.tier ?? ''} | ${change.beforeUsd ?? ''} | ${change.afterUsd ?? ''} | ` +
          `${change.beforeConfidence ?? '-'} -> ${change.afterConfidence ?? '-'} |`,
      );
    }
    lines.push('');
  }
  if (kept.length > 0) {
    lines.push(`Kept from ${before.id} (not found in the Price List):`, '');
    for (const entry of kept) lines.push(`- ${entry.id} in ${entry.region}: ${entry.reason}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
