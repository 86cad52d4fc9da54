import { describe, expect, it } from 'vitest';
import { priceFor, tieredPricesFor } from '../../src/model/catalog.js';
import { loggedRequests, trailDataEventsCost } from '../../src/model/components/cloudtrail.js';
import { cloudWatchLogsCosts } from '../../src/model/components/cloudwatch-logs.js';
import { customEventsCost } from '../../src/model/components/eventbridge.js';
import { lakeOneYearCosts, lakeSevenYearCosts, splitIntoTiers } from '../../src/model/components/lake.js';
import {
  estimatedRecordBytes,
  meanEntriesPerRequest,
  recordGigabytes,
} from '../../src/model/components/record-size.js';
import { Dec, formatCountText, formatUsd, formatUsdText } from '../../src/model/money.js';
import { bundledCatalog, busUsage } from './helpers.js';

const catalog = bundledCatalog();
const price = (id: string) => priceFor(catalog, id, 'us-east-1');

describe('customEventsCost', () => {
  it('prices chunks at a millionth of a dollar each', () => {
    // 3,000,000 one-chunk entries + 1,000,000 two-chunk entries = 5,000,000 chunks.
    const cost = customEventsCost(new Dec(3_000_000 + 2 * 1_000_000), price('eventbridge.custom-events'));
    expect(cost.costUsd.toFixed()).toBe('5');
    expect(cost.unit).toBe('64 KB chunk');
    expect(cost.priceId).toBe('eventbridge.custom-events');
  });
});

describe('CloudTrail data events', () => {
  const counts = busUsage('b', { counts: { requestsSucceeded: 900, requestsFailed: 100 } }).counts;
  it('logs failed requests only under the assumption', () => {
    expect(loggedRequests(counts, true)).toBe(1000);
    expect(loggedRequests(counts, false)).toBe(900);
  });
  it('bills every trail copy', () => {
    const one = trailDataEventsCost(new Dec(41_200_000), 1, price('cloudtrail.data-events'));
    const two = trailDataEventsCost(new Dec(41_200_000), 2, price('cloudtrail.data-events'));
    expect(one.quantity.toFixed()).toBe('41200000');
    expect(one.costUsd.toFixed()).toBe('41.2');
    expect(one.component).toBe('CloudTrail data events (1 trail)');
    expect(two.quantity.toFixed()).toBe('82400000');
    expect(two.costUsd.toFixed()).toBe('82.4');
    expect(two.component).toBe('CloudTrail data events (2 trail copies)');
  });
});

describe('record size (assumption)', () => {
  it('is 1,450 B for one entry and 174 B per further entry', () => {
    expect(estimatedRecordBytes(new Dec(1)).toFixed()).toBe('1450');
    expect(estimatedRecordBytes(new Dec(10)).toFixed()).toBe('3016');
    expect(estimatedRecordBytes(new Dec(1.5)).toFixed()).toBe('1537');
  });
  it('takes entries per request from the counts, clamped to 1..10', () => {
    const counts = (requests: number, entries: number) =>
      busUsage('b', { counts: { requestsSucceeded: requests, entriesSucceeded: entries } }).counts;
    expect(meanEntriesPerRequest(counts(10, 15)).toFixed()).toBe('1.5');
    expect(meanEntriesPerRequest(counts(1000, 10_000)).toFixed()).toBe('10');
    expect(meanEntriesPerRequest(counts(10, 500)).toFixed()).toBe('10');
    expect(meanEntriesPerRequest(counts(0, 0)).toFixed()).toBe('1');
  });
  it('converts to 2^30-byte GB', () => {
    expect(recordGigabytes(new Dec(1_048_576), new Dec(1024)).toFixed()).toBe('1');
  });
});

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

describe('CloudWatch Logs', () => {
  it('ingest per GB plus steady-state storage for the retention', () => {
    const [ingest, storage] = cloudWatchLogsCosts(
      new Dec(10),
      365,
      price('cloudwatch-logs.ingest'),
      price('cloudwatch-logs.storage'),
    );
    expect(ingest?.costUsd.toFixed()).toBe('5');
    expect(storage?.quantity.toFixed()).toBe('120');
    expect(storage?.costUsd.toFixed()).toBe('3.6');
  });
});

describe('money formatting', () => {
  it('rounds half-up to cents', () => {
    expect(formatUsd(new Dec('0.005'))).toBe('0.01');
    expect(formatUsd(new Dec('0.0049'))).toBe('0.00');
    expect(formatUsd(new Dec('2.675'))).toBe('2.68');
    expect(formatUsdText(new Dec('1234567.891'))).toBe('$1,234,567.89');
  });
  it('writes counts compactly', () => {
    expect(formatCountText(new Dec(41_200_000))).toBe('41.2M');
    expect(formatCountText(new Dec(950))).toBe('950');
    expect(formatCountText(new Dec(1500))).toBe('1.5K');
    expect(formatCountText(new Dec(2_628_000_000))).toBe('2.6B');
  });
});
