import { describe, expect, it } from 'vitest';
import {
  PRICE_DEFINITIONS,
  PriceListError,
  parsePriceListItem,
  prefixOf,
  usageTypeFor,
  usageTypesWithSuffix,
} from '../../src/model/price-list.js';
import { bundledCatalog } from '../helpers/catalog.js';

/** The GetProducts item of the parsePriceListItem worked example, with a description. */
const ITEM = {
  product: { sku: 'X', attributes: { usagetype: 'USE2-DataEventsRecorded', regionCode: 'us-east-2' } },
  serviceCode: 'AWSCloudTrail',
  publicationDate: '2026-07-02T00:00:00Z',
  terms: {
    OnDemand: {
      'X.T': {
        effectiveDate: '2026-07-01T00:00:00Z',
        priceDimensions: {
          'X.T.D': {
            unit: 'Events',
            beginRange: '0',
            endRange: 'Inf',
            description: '$0.10 per 100,000 events',
            pricePerUnit: { USD: '0.0000010000' },
          },
        },
      },
    },
  },
};

describe('parsePriceListItem', () => {
  it('reads the usage type, region, SKU, dates and the OnDemand dimensions (USD normalised)', () => {
    expect(parsePriceListItem(ITEM)).toEqual({
      serviceCode: 'AWSCloudTrail',
      usageType: 'USE2-DataEventsRecorded',
      regionCode: 'us-east-2',
      attributes: { usagetype: 'USE2-DataEventsRecorded', regionCode: 'us-east-2' },
      sku: 'X',
      publicationDate: '2026-07-02T00:00:00Z',
      effectiveDate: '2026-07-01T00:00:00Z',
      dimensions: [
        {
          unit: 'Events',
          beginRange: 0,
          endRange: null,
          usd: '0.000001',
          description: '$0.10 per 100,000 events',
        },
      ],
    });
  });

  it('takes the item as JSON text too, and sorts tiers by their begin range', () => {
    const tiered = structuredClone(ITEM) as unknown as {
      terms: { OnDemand: { 'X.T': { priceDimensions: Record<string, unknown> } } };
    };
    tiered.terms.OnDemand['X.T'].priceDimensions = {
      b: { unit: 'GB', beginRange: '5120', endRange: 'Inf', pricePerUnit: { USD: '1.5' } },
      a: { unit: 'GB', beginRange: '0', endRange: '5120', pricePerUnit: { USD: '2.50' } },
    };
    const parsed = parsePriceListItem(JSON.stringify(tiered));
    expect(parsed.dimensions).toEqual([
      { unit: 'GB', beginRange: 0, endRange: 5120, usd: '2.5', description: '' },
      { unit: 'GB', beginRange: 5120, endRange: null, usd: '1.5', description: '' },
    ]);
  });

  it('rejects an item without a usage type, a price that is not a decimal string, or a product that is not an object', () => {
    expect(() => parsePriceListItem({ product: { attributes: {} } })).toThrow(
      new PriceListError('product.attributes.usagetype: missing'),
    );
    const bad = structuredClone(ITEM);
    bad.terms.OnDemand['X.T'].priceDimensions['X.T.D'].pricePerUnit.USD = '1e-6';
    expect(() => parsePriceListItem(bad)).toThrow('pricePerUnit.USD: expected a decimal string');
    expect(() => parsePriceListItem({ product: [] })).toThrow('product: expected an object');
  });
});

describe('usage types and their region prefixes', () => {
  it('finds the suffix with an upper-case region prefix or none, nothing else', () => {
    expect(
      usageTypesWithSuffix(
        [
          'USE1-DataEventsRecorded',
          'EU-DataEventsRecorded',
          'DataEventsRecorded',
          'use1-DataEventsRecorded',
          'USE1-FreeDataEventsRecorded',
        ],
        'DataEventsRecorded',
      ),
    ).toEqual(['USE1-DataEventsRecorded', 'EU-DataEventsRecorded', 'DataEventsRecorded']);
  });

  it('prefixOf: the part before the suffix, "" for the bare suffix', () => {
    expect(prefixOf('EUW1-DataEventsRecorded', 'DataEventsRecorded')).toBe('EUW1');
    expect(prefixOf('DataEventsRecorded', 'DataEventsRecorded')).toBe('');
  });

  it('usageTypeFor: the prefixed type when the service has it, else the bare one if it is this region', () => {
    const types = new Set(['USE2-DataEventsRecorded', 'DataEventsRecorded']);
    expect(usageTypeFor('USE2', 'DataEventsRecorded', types, false)).toBe('USE2-DataEventsRecorded');
    expect(usageTypeFor('EUW3', 'DataEventsRecorded', types, false)).toBeNull();
    expect(usageTypeFor('EUW3', 'DataEventsRecorded', types, true)).toBe('DataEventsRecorded');
    expect(usageTypeFor('', 'DataEventsRecorded', types, false)).toBe('DataEventsRecorded');
    expect(usageTypeFor(undefined, 'Missing', types, true)).toBeNull();
  });
});

describe('PRICE_DEFINITIONS', () => {
  it('names each price once, and every one is a price of the bundled catalog', () => {
    const ids = PRICE_DEFINITIONS.map((definition) => definition.id);
    expect(new Set(ids).size).toBe(ids.length);
    const catalogIds = new Set(bundledCatalog().prices.map((price) => price.id));
    expect(ids.filter((id) => !catalogIds.has(id))).toEqual([]);
  });
});
