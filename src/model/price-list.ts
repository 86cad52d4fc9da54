/**
 * Reading the AWS Price List API's answers: which rows back which catalog price, and the parsing of a
 * GetProducts item and of usage types. Pure: the SDK calls live in src/aws/pricing.ts, which hands the answers
 * in; ./catalog-refresh.ts builds the dated catalog from them and ./catalog-diff.ts compares two catalogs.
 *
 * Which Price List rows back which catalog price is declared here as data (docs/aws-behaviour.md §9): service code,
 * usage type without its region prefix, and extra attribute filters. The region prefix of a usage type
 * (USE1-, EUW1-, EU-, or none) is not hard-coded: it is learnt from the service's usage types
 * (GetAttributeValues) and the regionCode of one product per usage type.
 */
import { Dec } from './money.js';

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
