/**
 * The trail-vs-Lake crossover, hand-worked (us-east-1 list prices of the bundled catalog): data events
 * $0.10 per 100,000 (D = $0.000001), Lake one-year ingest $0.75/GB, S3 Standard $0.023/GB-month, S3 PUT
 * $0.005 per 1,000; 1 trail copy, gzip ratio 0.125, S3 kept 365 days, Lake 366 days (no extra retention).
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/money.js';
import { trailLakeCrossoverBytes } from '../../src/model/what-ifs.js';
import { bundledCatalog } from '../helpers/catalog.js';

const catalog = bundledCatalog();
const volumes = (loggedRequests: number) => ({
  loggedRequests: new Dec(loggedRequests),
  trailCopies: 1,
  gzipRatio: new Dec('0.125'),
  insights: false,
});
const retention = (trailFilesPerHour: number) => ({
  s3RetentionDays: 365,
  logsRetentionDays: 30,
  lakeRetentionDays: 366,
  trailFilesPerHour,
});

describe('trailLakeCrossoverBytes', () => {
  it('without S3 PUTs: b* = D x 2^30 / (L - g S r / (730 / 24)) = 0.000001 x 2^30 / 0.7155 = 1,500.69 B', () => {
    // g S r / (730 / 24) = 0.125 x 0.023 x 365 x 24 / 730 = 0.0345; L - 0.0345 = 0.7155.
    const bytes = trailLakeCrossoverBytes(volumes(8_760), retention(0), catalog, 'us-east-1');
    expect(bytes?.toDecimalPlaces(2).toNumber()).toBe(1500.69);
  });

  it('with S3 PUTs: their monthly cost per logged request joins the numerator', () => {
    // 12 files/hour x 730 h = 8,760 files = 8,760 PUTs (8,760 records: one file each) x $0.005 / 1,000 =
    // $0.0438 a month, $0.000005 per logged request: b* = 0.000006 x 2^30 / 0.7155 = 9,004.12 B.
    const bytes = trailLakeCrossoverBytes(volumes(8_760), retention(12), catalog, 'us-east-1');
    expect(bytes?.toDecimalPlaces(2).toNumber()).toBe(9004.12);
    // A busier bus spreads the same 8,760 files over 10x the requests: $0.0000005 per request,
    // 0.0000015 x 2^30 / 0.7155 = 2,251.03 B.
    const busy = trailLakeCrossoverBytes(volumes(87_600), retention(12), catalog, 'us-east-1');
    expect(busy?.toDecimalPlaces(2).toNumber()).toBe(2251.03);
  });
});
