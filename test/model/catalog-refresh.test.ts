import { describe, expect, it } from 'vitest';
import { buildRefreshedCatalog, catalogPricesFrom } from '../../src/model/catalog-refresh.js';
import { type FetchedPrice, PRICE_DEFINITIONS, type PriceListProduct } from '../../src/model/price-list.js';
import type { Catalog } from '../../src/model/types.js';
import { dataEventsPrice } from '../helpers/catalog.js';

const definition = (id: string) => PRICE_DEFINITIONS.find((candidate) => candidate.id === id)!;

const product = (overrides: Partial<PriceListProduct> = {}): PriceListProduct => ({
  serviceCode: 'AWSCloudTrail',
  usageType: 'USE2-DataEventsRecorded',
  regionCode: 'us-east-2',
  attributes: {},
  sku: 'SKU1',
  publicationDate: '2026-07-02T00:00:00Z',
  effectiveDate: '2026-07-01T00:00:00Z',
  dimensions: [{ unit: 'Events', beginRange: 0, endRange: null, usd: '0.000001', description: '' }],
  ...overrides,
});

const dataEvents = dataEventsPrice;

describe('catalogPricesFrom', () => {
  it('prices DataEventsRecorded at 0.000001 USD per event x 100,000 -> "0.1", naming the query as its source', () => {
    const fetched: FetchedPrice = {
      definition: definition('cloudtrail.data-events'),
      region: 'us-east-2',
      usageType: 'USE2-DataEventsRecorded',
      product: product(),
    };
    expect(catalogPricesFrom(fetched, '2026-12-07', [])).toEqual([
      {
        id: 'cloudtrail.data-events',
        service: 'AWSCloudTrail',
        region: 'us-east-2',
        unit: 'data event',
        unitQuantity: 100_000,
        usageType: 'USE2-DataEventsRecorded',
        source:
          'https://api.pricing.us-east-1.amazonaws.com/?Action=GetProducts&ServiceCode=AWSCloudTrail&usagetype=USE2-DataEventsRecorded',
        retrievedAt: '2026-12-07',
        confidence: 'price-list',
        priceUsd: '0.1',
        note: 'AWS Price List API (published 2026-07-02T00:00:00Z, effective 2026-07-01T00:00:00Z, sku SKU1; Price List unit Events).',
      },
    ]);
  });

  it('an untiered price takes the first tier of a tiered row and says so; no product -> no price', () => {
    const fetched: FetchedPrice = {
      definition: definition('cloudtrail.data-events'),
      region: 'us-east-2',
      usageType: 'USE2-DataEventsRecorded',
      product: product({
        sku: '',
        publicationDate: null,
        dimensions: [
          { unit: 'Events', beginRange: 0, endRange: 1000, usd: '0.000002', description: '' },
          { unit: 'Events', beginRange: 1000, endRange: null, usd: '0.000001', description: '' },
        ],
      }),
    };
    const [price] = catalogPricesFrom(fetched, '2026-12-07', []);
    expect(price?.priceUsd).toBe('0.2');
    expect(price?.note).toBe(
      'AWS Price List API (effective 2026-07-01T00:00:00Z; Price List unit Events). First tier (0-1000 Events) of a tiered price.',
    );
    expect(catalogPricesFrom({ ...fetched, product: null }, '2026-12-07', [])).toEqual([]);
  });

  it('a tiered definition gives one price per tier, keeping the previous labels of the same ranges', () => {
    const fetched: FetchedPrice = {
      definition: definition('cloudtrail.lake-7y.ingest'),
      region: 'us-east-1',
      usageType: 'USE1-Ingestion',
      product: product({
        dimensions: [
          { unit: 'GB', beginRange: 0, endRange: 5120, usd: '0.75', description: '' },
          { unit: 'GB', beginRange: 5120, endRange: null, usd: '0.5', description: '' },
        ],
      }),
    };
    const previous = [
      {
        ...dataEvents('us-east-1', '0.75', 'official'),
        tier: { fromUnits: 0, toUnits: 5120, label: 'first 5 TB' },
      },
    ];
    const prices = catalogPricesFrom(fetched, '2026-12-07', previous);
    expect(prices.map((price) => [price.priceUsd, price.tier])).toEqual([
      ['0.75', { fromUnits: 0, toUnits: 5120, label: 'first 5 TB' }],
      ['0.5', { fromUnits: 5120, toUnits: null, label: 'over 5120 GB' }],
    ]);
  });
});

describe('buildRefreshedCatalog', () => {
  const previous: Catalog = {
    id: 'aws-2026-01-01',
    regions: ['us-east-1', 'eu-west-3'],
    effectiveDate: '2026-01-01',
    currency: 'USD',
    notes: ['hand-kept'],
    prices: [
      dataEvents('us-east-1', '0.10', 'official'),
      dataEvents('eu-west-3', '0.10', 'unconfirmed'),
      { ...dataEvents('us-east-1', '9', 'official'), id: 'not.refreshed' },
    ],
  };

  it('takes found prices from the Price List, keeps the others with the reason, and keeps undefined ids', () => {
    const fetched: FetchedPrice[] = [
      {
        definition: definition('cloudtrail.data-events'),
        region: 'us-east-1',
        usageType: 'USE1-DataEventsRecorded',
        product: product({ regionCode: 'us-east-1', usageType: 'USE1-DataEventsRecorded' }),
      },
      {
        definition: definition('cloudtrail.data-events'),
        region: 'eu-west-3',
        usageType: null,
        product: null,
      },
    ];
    const { catalog, kept } = buildRefreshedCatalog(previous, fetched, '2026-12-07');
    expect(catalog.id).toBe('aws-2026-12-07');
    expect(catalog.effectiveDate).toBe('2026-12-07');
    expect(catalog.regions).toEqual(['us-east-1', 'eu-west-3']);
    expect(catalog.notes).toEqual([
      'hand-kept',
      'Refreshed 2026-12-07 from the AWS Price List API (GetAttributeValues + GetProducts) by busload pricing --refresh; prices not found there are kept from aws-2026-01-01 with their own confidence and date.',
    ]);
    expect(catalog.prices.map((price) => [price.id, price.region, price.priceUsd, price.confidence])).toEqual(
      [
        ['cloudtrail.data-events', 'us-east-1', '0.1', 'price-list'],
        ['cloudtrail.data-events', 'eu-west-3', '0.10', 'unconfirmed'],
        ['not.refreshed', 'us-east-1', '9', 'official'],
      ],
    );
    expect(kept).toEqual([
      {
        id: 'cloudtrail.data-events',
        region: 'eu-west-3',
        reason: 'the Price List has no DataEventsRecorded usage type for eu-west-3',
      },
    ]);
  });

  it('says why a price was kept: not fetched, or no product for its usage type', () => {
    const fetched: FetchedPrice[] = [
      {
        definition: definition('cloudtrail.data-events'),
        region: 'us-east-1',
        usageType: 'USE1-DataEventsRecorded',
        product: null,
      },
    ];
    const { kept } = buildRefreshedCatalog(previous, fetched, '2026-12-07');
    expect(kept).toEqual([
      {
        id: 'cloudtrail.data-events',
        region: 'us-east-1',
        reason: 'no product for usage type USE1-DataEventsRecorded',
      },
      { id: 'cloudtrail.data-events', region: 'eu-west-3', reason: 'not fetched in this refresh' },
    ]);
  });
});
