/**
 * The AWS Price List API through @aws-sdk/client-pricing: GetAttributeValues (usage types of a service)
 * and GetProducts (the rows of one usage type), paginated. Used by `busload pricing --refresh`; the
 * catalog itself is built by the pure src/model/catalog-refresh.ts.
 */
import {
  type Filter,
  GetAttributeValuesCommand,
  GetProductsCommand,
  PricingClient,
  type PricingClientConfig,
} from '@aws-sdk/client-pricing';
import {
  type FetchedPrice,
  PREFIX_PROBE,
  PRICE_DEFINITIONS,
  type PriceListProduct,
  parsePriceListItem,
  prefixOf,
  usageTypeFor,
  usageTypesWithSuffix,
} from '../model/price-list.js';

/** Price List API endpoints exist in these regions only (docs/aws-behaviour.md §9). */
export const PRICING_API_REGION = 'us-east-1';

/** A Pricing client for the Price List API (or a loopback stub, through `endpoint`). */
export function createPricingClient(
  config: Pick<PricingClientConfig, 'endpoint' | 'credentials'> = {},
): PricingClient {
  return new PricingClient({ region: PRICING_API_REGION, maxAttempts: 3, ...config });
}

/** Every value of `attributeName` for a service (all pages). */
export async function attributeValues(
  client: PricingClient,
  serviceCode: string,
  attributeName: string,
): Promise<string[]> {
  const values: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetAttributeValuesCommand({
        ServiceCode: serviceCode,
        AttributeName: attributeName,
        NextToken: nextToken,
        MaxResults: 100,
      }),
    );
    for (const value of page.AttributeValues ?? []) if (value.Value) values.push(value.Value);
    nextToken = page.NextToken;
  } while (nextToken);
  return values;
}

/** Every product matching the TERM_MATCH filters (all pages), parsed. */
export async function products(
  client: PricingClient,
  serviceCode: string,
  filters: Record<string, string>,
  maxResults = 100,
): Promise<PriceListProduct[]> {
  const found: PriceListProduct[] = [];
  const termFilters: Filter[] = Object.entries(filters).map(([Field, Value]) => ({
    Type: 'TERM_MATCH',
    Field,
    Value,
  }));
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetProductsCommand({
        ServiceCode: serviceCode,
        Filters: termFilters,
        FormatVersion: 'aws_v1',
        NextToken: nextToken,
        MaxResults: maxResults,
      }),
    );
    // PriceList items are JSON documents; the client hands them over as strings (or string-like objects).
    for (const item of (page.PriceList ?? []) as unknown[]) {
      found.push(
        parsePriceListItem(
          typeof item === 'object' && item !== null && !(item instanceof String) ? item : String(item),
        ),
      );
    }
    nextToken = maxResults === 1 ? undefined : page.NextToken;
  } while (nextToken);
  return found;
}

/** Progress lines while refreshing (the CLI prints them on stderr). */
export type RefreshLog = (line: string) => void;

/**
 * Fetches every (price definition, region) of `regions`: learns each region's usage-type prefix from the
 * CloudTrail data-event usage types (GetAttributeValues, then the regionCode of one product per usage
 * type), then asks GetProducts for each definition's usage type in each region.
 */
export async function fetchPrices(
  client: PricingClient,
  regions: readonly string[],
  log: RefreshLog = () => {},
): Promise<FetchedPrice[]> {
  const usageTypesByService = new Map<string, Set<string>>();
  const usageTypesOf = async (serviceCode: string) => {
    let set = usageTypesByService.get(serviceCode);
    if (!set) {
      set = new Set(await attributeValues(client, serviceCode, 'usagetype'));
      log(`${serviceCode}: ${set.size} usage types`);
      usageTypesByService.set(serviceCode, set);
    }
    return set;
  };
  const regionOf = async (serviceCode: string, usageType: string): Promise<string | null> => {
    const [product] = await products(client, serviceCode, { usagetype: usageType }, 1);
    return product?.regionCode ?? null;
  };

  // The prefix table: region -> prefix, from the CloudTrail data-event usage types.
  const probe = usageTypesWithSuffix(
    [...(await usageTypesOf(PREFIX_PROBE.serviceCode))],
    PREFIX_PROBE.usageTypeSuffix,
  );
  const prefixByRegion = new Map<string, string>();
  for (const usageType of probe) {
    const region = await regionOf(PREFIX_PROBE.serviceCode, usageType);
    if (region && !prefixByRegion.has(region))
      prefixByRegion.set(region, prefixOf(usageType, PREFIX_PROBE.usageTypeSuffix));
  }
  log(
    `region prefixes: ${[...prefixByRegion].map(([region, prefix]) => `${region}=${prefix || '(none)'}`).join(', ')}`,
  );

  const fetched: FetchedPrice[] = [];
  for (const definition of PRICE_DEFINITIONS) {
    const serviceUsageTypes = await usageTypesOf(definition.serviceCode);
    const bareRegion = serviceUsageTypes.has(definition.usageTypeSuffix)
      ? await regionOf(definition.serviceCode, definition.usageTypeSuffix)
      : null;
    for (const region of regions) {
      const usageType = usageTypeFor(
        prefixByRegion.get(region),
        definition.usageTypeSuffix,
        serviceUsageTypes,
        bareRegion === region,
      );
      if (usageType === null) {
        fetched.push({ definition, region, usageType: null, product: null });
        continue;
      }
      const rows = await products(client, definition.serviceCode, {
        usagetype: usageType,
        ...definition.filters,
      });
      // Several rows can share a usage type (e.g. other operations); prefer the one in this region.
      const product = rows.find((row) => row.regionCode === region) ?? rows[0] ?? null;
      fetched.push({ definition, region, usageType, product });
    }
    log(
      `${definition.id}: ${fetched.filter((row) => row.definition === definition && row.product).length}/${regions.length} regions`,
    );
  }
  return fetched;
}
