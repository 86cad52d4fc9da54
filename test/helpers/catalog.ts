/** The bundled price catalog for tests, parsed as the CLI parses it. */
import { readFileSync } from 'node:fs';
import { DEFAULT_CATALOG_FILE, parseCatalog } from '../../src/model/catalog.js';
import type { Catalog, CatalogPrice } from '../../src/model/types.js';

/** The bundled catalog, parsed as the CLI parses it. */
export function bundledCatalog(): Catalog {
  const url = new URL(`../../src/model/catalog/${DEFAULT_CATALOG_FILE}`, import.meta.url);
  return parseCatalog(JSON.parse(readFileSync(url, 'utf8')), DEFAULT_CATALOG_FILE);
}

/** A CloudTrail data-event catalog price (per 100,000 events) in `region`, for catalog-level tests. */
export function dataEventsPrice(
  region: string,
  priceUsd: string,
  confidence: CatalogPrice['confidence'],
  id = 'cloudtrail.data-events',
): CatalogPrice {
  return {
    id,
    service: 'AWSCloudTrail',
    region,
    unit: 'data event',
    unitQuantity: 100_000,
    priceUsd,
    source: 'https://aws.amazon.com/cloudtrail/pricing/',
    retrievedAt: '2026-01-01',
    confidence,
  };
}
