/**
 * Issue 12's missing and unconfirmed lines, each a switchable assumption with its band: the S3 PUT requests
 * of trail-file delivery, CloudWatch Logs storage on compressed or raw bytes, a calendar month beside the
 * 730-hour convention, and the regional prices that differ from us-east-1. Hand-worked arithmetic in every
 * test (bundled catalog).
 */
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/model/estimate.js';
import { calendarMonth } from '../../src/model/money.js';
import type { BusUsage, CostEstimate, Projection } from '../../src/model/types.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { busUsage } from '../helpers/model.js';

const catalog = bundledCatalog();
/** Counts already per 730-hour month. */
const monthly: Projection = {
  basis: 'monthly counts',
  factor: '1',
  ratio: { numerator: '1', denominator: '1' },
};
const only = (result: CostEstimate) => result.buses[0]!;
const line = (result: CostEstimate, priceId: string) =>
  only(result).lineItems.find((item) => item.priceId === priceId);
const assumption = (result: CostEstimate, id: string) => result.assumptions.find((a) => a.id === id);

function estimate(buses: BusUsage[], extra: Partial<Parameters<typeof estimateCost>[0]> = {}) {
  return estimateCost({ buses, projection: monthly, catalog, region: 'us-east-1', ...extra });
}

/** 2^20 logged requests a month, records of 1,024 B measured, files gzipped to an eighth: 1 GB of records. */
const oneGb = (overrides: Partial<BusUsage> = {}) =>
  busUsage('orders', {
    counts: { requestsSucceeded: 1_048_576 },
    measuredTrail: { records: 1000, recordBytes: 1000 * 1024, gzipRatio: 0.125 },
    ...overrides,
  });

describe('S3 PUT requests of trail-file delivery (assumption trailFilesPerHour, default 12)', () => {
  const bus = busUsage('orders', { trailCopies: 2, counts: { requestsSucceeded: 1_000_000 } });
  const noFiles = { s3RetentionDays: 0 };

  it('prices files per hour x 730 h x trail copies at the S3 PUT price', () => {
    const result = estimate([bus], { assumptions: noFiles });
    // 12 files an hour x 730 h x 2 copies = 17,520 PUTs x $0.005 / 1,000 = $0.0876 -> $0.09
    expect(line(result, 's3.put-requests')).toEqual({
      component: 'S3 PUT requests of trail files (12 files/hour per trail copy)',
      quantity: '17520',
      unit: 'PUT request',
      unitPriceUsd: '0.000005',
      monthlyUsd: '0.09',
      priceId: 's3.put-requests',
    });
    // data events 2 x 1,000,000 x $0.000001 = $2.00; files kept 0 days: $0.00; PUTs $0.09
    expect(only(result).monthly.loggingUsd).toBe('2.09');
    expect(assumption(result, 's3.trail-file-puts')).toMatchObject({
      confirmed: false,
      // 60 files an hour: 60 x 730 x 2 = 87,600 PUTs x $0.000005 = $0.438 -> $0.44 -> $2.44
      band: { lowUsd: '2.09', highUsd: '2.44', low: '12', high: '60' },
    });
    expect(assumption(result, 's3.trail-file-puts')?.value).toMatch(
      /^12 trail files delivered per hour per trail copy/,
    );
  });

  it('is switched off with trailFilesPerHour=0, and up with any other number', () => {
    const off = estimate([bus], { assumptions: { ...noFiles, trailFilesPerHour: 0 } });
    expect(line(off, 's3.put-requests')).toBeUndefined();
    expect(only(off).monthly.loggingUsd).toBe('2.00');
    expect(assumption(off, 's3.trail-file-puts')?.value).toMatch(
      /^0: S3 PUT requests of trail files left out/,
    );
    // 30 files an hour x 730 x 2 = 43,800 x $0.000005 = $0.219 -> $0.22
    const busy = estimate([bus], { assumptions: { ...noFiles, trailFilesPerHour: 30 } });
    expect(line(busy, 's3.put-requests')).toMatchObject({ quantity: '43800', monthlyUsd: '0.22' });
  });

  it('never counts more files than records, and none when nothing is logged', () => {
    // 100 logged requests a month x 2 copies: at most one file per record -> 200 PUTs x $0.000005 = $0.001 -> $0.00
    const quiet = estimate([busUsage('orders', { trailCopies: 2, counts: { requestsSucceeded: 100 } })]);
    expect(line(quiet, 's3.put-requests')).toMatchObject({ quantity: '200', monthlyUsd: '0.00' });
    const silent = estimate([busUsage('orders', { counts: { requestsSucceeded: 0 } })]);
    expect(line(silent, 's3.put-requests')).toBeUndefined();
    expect(only(silent).monthly.loggingUsd).toBe('0.00');
  });

  it('is part of a trail, not of a Lake store', () => {
    const lake = estimate([busUsage('orders', { loggingMode: 'lake-1y', counts: { requestsSucceeded: 1 } })]);
    expect(line(lake, 's3.put-requests')).toBeUndefined();
    expect(assumption(lake, 's3.trail-file-puts')).toBeUndefined();
  });
});

describe('CloudWatch Logs storage on raw or compressed bytes (assumption logsStorageCompressed, default raw)', () => {
  const logs = oneGb({ loggingMode: 'cloudwatch-logs' });

  it('stores raw bytes by default and compressed at the gzip ratio when switched; the band spans both', () => {
    const raw = estimate([logs]);
    // 2^20 x 1,024 B = 1 GB a month, kept 365 days: 1 x 365 / (730 / 24) = 12 GB-months x $0.03 = $0.36
    expect(line(raw, 'cloudwatch-logs.storage')).toMatchObject({
      component: 'CloudWatch Logs storage (raw bytes, kept 365 days)',
      quantity: '12',
      monthlyUsd: '0.36',
    });
    const compressed = estimate([logs], { assumptions: { logsStorageCompressed: true } });
    // 12 GB-months x 0.125 (the run's measured gzip ratio) = 1.5 GB-months x $0.03 = $0.045 -> $0.05
    expect(line(compressed, 'cloudwatch-logs.storage')).toMatchObject({
      component: 'CloudWatch Logs storage (compressed bytes, kept 365 days)',
      quantity: '1.5',
      monthlyUsd: '0.05',
    });
    // Both: data events 1,048,576 x $0.000001 = $1.05; S3 1 GB x 0.125 x 12 = 1.5 GB-months x $0.023 = $0.03;
    // PUTs $0.04; ingest 1 GB x $0.50 = $0.50 -> raw $1.98, compressed $1.67.
    expect(only(raw).monthly.loggingUsd).toBe('1.98');
    expect(only(compressed).monthly.loggingUsd).toBe('1.67');
    expect(assumption(raw, 'logs.storage-bytes')).toMatchObject({
      confirmed: false,
      band: { lowUsd: '1.67', highUsd: '1.98', low: 'compressed', high: 'raw' },
    });
    expect(assumption(raw, 'logs.storage-bytes')?.value).toMatch(/^raw: stored GB = ingested GB/);
    expect(assumption(compressed, 'logs.storage-bytes')?.value).toMatch(/^compressed: .*0\.125/);
  });

  it('prices the cloudwatch-logs what-if of a trail bus the same way', () => {
    const trail = oneGb();
    const raw = only(estimate([trail])).whatIfs?.loggingUsdByMode['cloudwatch-logs'];
    const compressed = only(estimate([trail], { assumptions: { logsStorageCompressed: true } })).whatIfs
      ?.loggingUsdByMode['cloudwatch-logs'];
    expect([raw, compressed]).toEqual(['1.98', '1.67']);
  });
});

describe('a calendar month beside the 730-hour convention', () => {
  it('February 2027 (672 h): volumes x 672 / 730, storage unchanged, PUTs x 672, cost per day / 28', () => {
    const bus = busUsage('orders', {
      counts: { requestsSucceeded: 730_000, entriesSucceeded: 7_300_000, billableChunks: 7_300_000 },
      measuredTrail: { records: 1000, recordBytes: 1000 * 2048, gzipRatio: 0.125 },
    });
    const convention = estimate([bus]);
    const february = estimate([bus], { month: calendarMonth('2027-02') });
    // chunks 7,300,000 x 672 / 730 = 6,720,000 x $0.000001 = $6.72; data events 672,000 = $0.672 -> $0.67
    expect(only(february).monthly).toMatchObject({
      customEvents: '6720000',
      dataEvents: '672000',
      eventBridgeUsd: '6.72',
    });
    expect(only(convention).monthly).toMatchObject({ customEvents: '7300000', dataEvents: '730000' });
    // S3 storage in GB-months is byte-hours / the month's hours: the same in both months.
    expect(line(february, 's3.standard-storage')?.quantity).toBe(
      line(convention, 's3.standard-storage')?.quantity,
    );
    // PUTs: 12 x 672 = 8,064 x $0.000005 = $0.04032 -> $0.04
    expect(line(february, 's3.put-requests')).toMatchObject({ quantity: '8064', monthlyUsd: '0.04' });
    // cost per day: logging / 28 days
    const logging = Number(only(february).monthly.loggingUsd);
    expect(only(february).loggingUsdPerDay).toBe((Math.round((logging / 28) * 100) / 100).toFixed(2));
    expect(february.month).toEqual({ label: '2027-02', hours: 672, basis: 'calendar month' });
    expect(convention.month).toEqual({ label: '730 h', hours: 730, basis: "AWS's pricing convention" });
    expect(assumption(february, 'month-hours')?.value).toMatch(
      /^672 \(calendar month 2027-02: 28 days x 24 h/,
    );
    expect(assumption(convention, 'month-hours')?.value).toMatch(
      /^730 \(AWS's pricing convention, not a fact about any bill/,
    );
  });
});

describe('regional prices that differ from us-east-1', () => {
  it('ap-northeast-1: CloudWatch Logs $0.76/GB and $0.033/GB-month, S3 $0.025/GB-month (third-party, S37)', () => {
    const result = estimate([oneGb({ loggingMode: 'cloudwatch-logs' })], { region: 'ap-northeast-1' });
    // ingest 1 GB x $0.76; storage 12 GB-months x $0.033 = $0.396 -> $0.40; S3 1.5 GB-months x $0.025 = $0.0375 -> $0.04
    expect(line(result, 'cloudwatch-logs.ingest')).toMatchObject({
      unitPriceUsd: '0.76',
      monthlyUsd: '0.76',
    });
    expect(line(result, 'cloudwatch-logs.storage')).toMatchObject({
      unitPriceUsd: '0.033',
      monthlyUsd: '0.40',
    });
    expect(line(result, 's3.standard-storage')).toMatchObject({ unitPriceUsd: '0.025', monthlyUsd: '0.04' });
    // data events $1.05 + S3 $0.04 + PUTs $0.04 (us-east-1's price, unconfirmed here) + $0.76 + $0.40
    expect(only(result).monthly.loggingUsd).toBe('2.29');
    const ids = result.assumptions.map((a) => a.id);
    expect(ids).toContain('price.s3.put-requests');
    expect(ids).toContain('price.cloudwatch-logs.ingest');
    expect(assumption(result, 'price.cloudwatch-logs.ingest')?.value).toMatch(
      /^third-party in ap-northeast-1/,
    );
  });

  it('il-central-1: S3 PUTs $0.0055 per 1,000 (third-party, S33)', () => {
    const bus = busUsage('orders', { counts: { requestsSucceeded: 1_000_000 } });
    const result = estimate([bus], { region: 'il-central-1' });
    // 12 x 730 = 8,760 PUTs x $0.0000055 = $0.04818 -> $0.05
    expect(line(result, 's3.put-requests')).toMatchObject({ unitPriceUsd: '0.0000055', monthlyUsd: '0.05' });
  });
});
