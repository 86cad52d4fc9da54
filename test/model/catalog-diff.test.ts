import { describe, expect, it } from 'vitest';
import { diffCatalogs, renderCatalogDiff } from '../../src/model/catalog-diff.js';
import type { Catalog, CatalogPrice } from '../../src/model/types.js';
import { dataEventsPrice } from '../helpers/catalog.js';

const price = (id: string, region: string, priceUsd: string, confidence: CatalogPrice['confidence']) =>
  dataEventsPrice(region, priceUsd, confidence, id);

const catalog = (id: string, prices: CatalogPrice[]): Catalog => ({
  id,
  regions: ['us-east-1', 'eu-west-3'],
  effectiveDate: '2026-01-01',
  currency: 'USD',
  prices,
});

const before = catalog('aws-2026-01-01', [
  price('cloudtrail.data-events', 'eu-west-3', '0.10', 'unconfirmed'),
  price('cloudtrail.data-events', 'us-east-1', '0.10', 'official'),
  price('eventbridge.custom-events', 'us-east-1', '1.00', 'official'),
  price('s3.put', 'us-east-1', '0.005', 'official'),
]);
const after = catalog('aws-2026-12-07', [
  price('cloudtrail.data-events', 'eu-west-3', '0.1', 'price-list'),
  price('cloudtrail.data-events', 'us-east-1', '0.1', 'official'),
  price('eventbridge.custom-events', 'us-east-1', '1.10', 'price-list'),
  price('logs.ingest', 'us-east-1', '0.5', 'price-list'),
]);

describe('diffCatalogs', () => {
  it('lists added, removed and changed (price or confidence) prices in id, region order; equal decimals are no change', () => {
    expect(diffCatalogs(before, after)).toEqual([
      {
        kind: 'changed',
        id: 'cloudtrail.data-events',
        region: 'eu-west-3',
        tier: null,
        beforeUsd: '0.10',
        afterUsd: '0.1',
        beforeConfidence: 'unconfirmed',
        afterConfidence: 'price-list',
      },
      {
        kind: 'changed',
        id: 'eventbridge.custom-events',
        region: 'us-east-1',
        tier: null,
        beforeUsd: '1.00',
        afterUsd: '1.10',
        beforeConfidence: 'official',
        afterConfidence: 'price-list',
      },
      {
        kind: 'added',
        id: 'logs.ingest',
        region: 'us-east-1',
        tier: null,
        beforeUsd: null,
        afterUsd: '0.5',
        beforeConfidence: null,
        afterConfidence: 'price-list',
      },
      {
        kind: 'removed',
        id: 's3.put',
        region: 'us-east-1',
        tier: null,
        beforeUsd: '0.005',
        afterUsd: null,
        beforeConfidence: 'official',
        afterConfidence: null,
      },
    ]);
  });
});

describe('renderCatalogDiff', () => {
  it('a summary line, a row per change and the kept prices', () => {
    const kept = [{ id: 's3.put', region: 'us-east-1', reason: 'not fetched in this refresh' }];
    expect(renderCatalogDiff(before, after, diffCatalogs(before, after), kept)).toBe(
      [
        '# Price catalog aws-2026-01-01 -> aws-2026-12-07',
        '',
        '4 change(s): 1 price(s) moved, 1 added, 1 removed, the rest confidence only. 1 price(s) kept from aws-2026-01-01.',
        '',
        '| change | price id | region | tier | before USD | after USD | confidence |',
        '|---|---|---|---|---:|---:|---|',
        '| changed | cloudtrail.data-events | eu-west-3 |  | 0.10 | 0.1 | unconfirmed -> price-list |',
        '| changed | eventbridge.custom-events | us-east-1 |  | 1.00 | 1.10 | official -> price-list |',
        '| added | logs.ingest | us-east-1 |  |  | 0.5 | - -> price-list |',
        '| removed | s3.put | us-east-1 |  | 0.005 |  | official -> - |',
        '',
        'Kept from aws-2026-01-01 (not found in the Price List):',
        '',
        '- s3.put in us-east-1: not fetched in this refresh',
        '',
      ].join('\n'),
    );
  });

  it('no changes and nothing kept: the summary alone', () => {
    expect(renderCatalogDiff(before, before, [], [])).toBe(
      '# Price catalog aws-2026-01-01 -> aws-2026-01-01\n\n0 change(s): 0 price(s) moved, 0 added, 0 removed, the rest confidence only. 0 price(s) kept from aws-2026-01-01.\n',
    );
  });
});
