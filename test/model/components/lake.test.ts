import { describe, expect, it } from 'vitest';
import { priceFor, tieredPricesFor } from '../../../src/model/catalog.js';
import { lakeOneYearCosts, lakeSevenYearCosts, splitIntoTiers } from '../../../src/model/components/lake.js';
import { Dec } from '../../../src/model/money.js';
import { bundledCatalog } from '../../helpers/catalog.js';

const catalog = bundledCatalog();
const price = (id: string) => priceFor(catalog, id, 'us-east-1');

describe('CloudTrail Lake', () => {
  it('one-year: ingest per GB, no retention charge within the included 366 days', () => {
    const [ingest, retention] = lakeOneYearCosts(
      new Dec(10),
      366,
      price('cloudtrail.lake-1y.ingest'),
      price('cloudtrail.lake-1y.retention'),
    );
    expect(ingest?.costUsd.toFixed()).toBe('7.5');
    expect(retention?.quantity.toFixed()).toBe('0');
  });
  it('one-year kept 731 days: 365 extra days = 12 GB-months per monthly GB', () => {
    const [, retention] = lakeOneYearCosts(
      new Dec(10),
      731,
      price('cloudtrail.lake-1y.ingest'),
      price('cloudtrail.lake-1y.retention'),
    );
    expect(retention?.quantity.toFixed()).toBe('120');
    expect(retention?.costUsd.toFixed()).toBe('2.76');
  });
  it('seven-year: tiered ingest', () => {
    const tiers = tieredPricesFor(catalog, 'cloudtrail.lake-7y.ingest', 'us-east-1');
    expect(splitIntoTiers(new Dec(6000), tiers).map((part) => part.toFixed())).toEqual(['5120', '880', '0']);
    expect(splitIntoTiers(new Dec(30_000), tiers).map((part) => part.toFixed())).toEqual([
      '5120',
      '20480',
      '4400',
    ]);
    const costs = lakeSevenYearCosts(new Dec(6000), tiers);
    expect(costs.map((cost) => cost.costUsd.toFixed())).toEqual(['12800', '880']);
    expect(lakeSevenYearCosts(new Dec(0), tiers).map((cost) => cost.quantity.toFixed())).toEqual(['0']);
  });
});
