import { describe, expect, it } from 'vitest';
import {
  CatalogError,
  MissingPriceError,
  parseCatalog,
  priceFor,
  tieredPricesFor,
  unitPriceUsd,
} from '../../src/model/catalog.js';
import type { Catalog } from '../../src/model/types.js';
import { bundledCatalog } from '../helpers/catalog.js';

/** The regions of the PutEvents quota table (docs/aws-behaviour.md §3). */
const QUOTA_TABLE_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
];

const UNTIERED_IDS = [
  'eventbridge.custom-events',
  'cloudtrail.data-events',
  'cloudtrail.lake-1y.ingest',
  'cloudtrail.lake-1y.retention',
  'cloudwatch-logs.ingest',
  'cloudwatch-logs.storage',
  's3.standard-storage',
];

describe('the bundled catalog', () => {
  const catalog = bundledCatalog();

  it('is dated and names itself', () => {
    expect(catalog.id).toBe('aws-2026-11-23');
    expect(catalog.effectiveDate).toBe('2026-11-23');
  });

  it('has every price in every region of the PutEvents quota table', () => {
    for (const region of QUOTA_TABLE_REGIONS) {
      expect(catalog.regions, region).toContain(region);
      for (const id of UNTIERED_IDS) expect(priceFor(catalog, id, region).region).toBe(region);
      expect(
        tieredPricesFor(catalog, 'cloudtrail.lake-7y.ingest', region).map((p) => p.tier?.fromUnits),
      ).toEqual([0, 5120, 25600]);
    }
  });

  it('gives every price an https source, a retrieval date and a confidence; assumed prices say so', () => {
    for (const price of catalog.prices) {
      const where = `${price.id}@${price.region}`;
      expect(price.source, where).toMatch(/^https:\/\//);
      // Read for the catalog (2026-11-23) or added later with the date they were read.
      expect(price.retrievedAt, where).toMatch(/^2026-(11-2[3-9]|11-30|12-\d\d)$/);
      expect(['official', 'price-list', 'third-party', 'unconfirmed'], where).toContain(price.confidence);
      if (price.confidence !== 'official') expect(price.note, where).toBeTruthy();
    }
  });

  it('carries the regional figures that differ from us-east-1, with their sources, and prices S3 PUTs everywhere', () => {
    // ap-northeast-1 (S37, third-party): S3 Standard $0.025/GB-month, CloudWatch Logs $0.76/GB ingested, $0.033/GB-month.
    const tokyo = (id: string) => priceFor(catalog, id, 'ap-northeast-1');
    expect(tokyo('s3.standard-storage')).toMatchObject({ priceUsd: '0.025', confidence: 'third-party' });
    expect(tokyo('cloudwatch-logs.ingest')).toMatchObject({ priceUsd: '0.76', confidence: 'third-party' });
    expect(tokyo('cloudwatch-logs.storage')).toMatchObject({ priceUsd: '0.033', confidence: 'third-party' });
    expect(tokyo('cloudwatch-logs.ingest').source).toBe(
      'https://awsi.click/en/articles/cloudwatch-logs-cost-structure-surprise/',
    );
    // S3 PUTs per 1,000: $0.005 in us-east-1 (S12), $0.0055 in il-central-1 (S33), assumed $0.005 elsewhere.
    expect(priceFor(catalog, 's3.put-requests', 'us-east-1')).toMatchObject({
      priceUsd: '0.005',
      unitQuantity: 1000,
      confidence: 'price-list',
    });
    expect(priceFor(catalog, 's3.put-requests', 'il-central-1')).toMatchObject({
      priceUsd: '0.0055',
      confidence: 'third-party',
    });
    expect(priceFor(catalog, 's3.put-requests', 'eu-west-1')).toMatchObject({
      priceUsd: '0.005',
      confidence: 'unconfirmed',
    });
    for (const region of catalog.regions)
      expect(priceFor(catalog, 's3.put-requests', region).region).toBe(region);
  });

  it('marks custom events official in us-east-1 only, and data events confirmed for the sampled regions', () => {
    expect(priceFor(catalog, 'eventbridge.custom-events', 'us-east-1').confidence).toBe('official');
    expect(priceFor(catalog, 'eventbridge.custom-events', 'eu-west-1').confidence).toBe('unconfirmed');
    expect(priceFor(catalog, 'eventbridge.custom-events', 'eu-west-1').note).toContain('us-east-1');
    expect(priceFor(catalog, 'cloudtrail.data-events', 'us-east-2').confidence).toBe('price-list');
    expect(priceFor(catalog, 'cloudtrail.data-events', 'sa-east-1').confidence).toBe('unconfirmed');
    expect(priceFor(catalog, 'cloudtrail.data-events', 'sa-east-1').note).toContain('sampled regions');
  });

  it('has exact unit prices: one chunk and one data event are a millionth of a dollar', () => {
    expect(unitPriceUsd(priceFor(catalog, 'eventbridge.custom-events', 'us-east-1')).toFixed()).toBe(
      '0.000001',
    );
    expect(unitPriceUsd(priceFor(catalog, 'cloudtrail.data-events', 'us-east-1')).toFixed()).toBe('0.000001');
  });
});

describe('priceFor', () => {
  const catalog = bundledCatalog();
  it('names the catalog, id and region when a region is missing', () => {
    expect(() => priceFor(catalog, 'cloudtrail.data-events', 'mars-north-1')).toThrow(
      /catalog aws-2026-11-23 has no price "cloudtrail.data-events" for region mars-north-1/,
    );
    expect(() => priceFor(catalog, 'cloudtrail.data-events', 'mars-north-1')).toThrow(MissingPriceError);
  });
  it('names an unknown id', () => {
    expect(() => priceFor(catalog, 'nope', 'us-east-1')).toThrow(
      'catalog aws-2026-11-23 has no price "nope"',
    );
  });
  it('refuses a tiered price', () => {
    expect(() => priceFor(catalog, 'cloudtrail.lake-7y.ingest', 'us-east-1')).toThrow(/is tiered/);
  });
});

describe('parseCatalog', () => {
  const valid = (): Catalog => ({
    id: 'test',
    regions: ['us-east-1'],
    effectiveDate: '2026-11-23',
    currency: 'USD',
    prices: [
      {
        id: 'cloudtrail.data-events',
        service: 'AWSCloudTrail',
        region: 'us-east-1',
        unit: 'data event',
        unitQuantity: 100000,
        priceUsd: '0.10',
        source: 'https://aws.amazon.com/cloudtrail/pricing/',
        retrievedAt: '2026-11-23',
        confidence: 'official',
      },
    ],
  });

  it('accepts a valid catalog', () => {
    expect(parseCatalog(valid(), 'x.json').prices).toHaveLength(1);
  });

  it('names the file and each bad field', () => {
    const bad = valid() as unknown as { prices: Array<Record<string, unknown>> };
    bad.prices[0]!['priceUsd'] = 0.1;
    delete bad.prices[0]!['source'];
    let message = '';
    try {
      parseCatalog(bad, 'prices.json');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      message = (error as Error).message;
    }
    expect(message).toContain('prices.json: prices[0].priceUsd:');
    expect(message).toContain('prices.json: prices[0].source:');
  });

  it('rejects unknown keys, a region outside `regions` and duplicates', () => {
    expect(() => parseCatalog({ ...valid(), extra: 1 }, 'a.json')).toThrow(/a\.json: \(root\)/);
    const otherRegion = valid();
    otherRegion.prices[0]!.region = 'eu-west-1';
    expect(() => parseCatalog(otherRegion, 'b.json')).toThrow(
      'b.json: prices[0].region: "eu-west-1" is not in regions',
    );
    const twice = valid();
    twice.prices.push({ ...twice.prices[0]! });
    expect(() => parseCatalog(twice, 'c.json')).toThrow(
      /c\.json: prices\[0, 1\]: cloudtrail.data-events@us-east-1 is given more than once/,
    );
  });

  it('rejects tiers with a gap', () => {
    const tiered = valid();
    const base = tiered.prices[0]!;
    tiered.prices = [
      { ...base, id: 'lake', tier: { fromUnits: 0, toUnits: 10, label: 'a' } },
      { ...base, id: 'lake', tier: { fromUnits: 20, toUnits: null, label: 'b' } },
    ];
    expect(() => parseCatalog(tiered, 'd.json')).toThrow(
      'd.json: lake@us-east-1: tier "b" starts at 20, expected 10',
    );
  });
});
