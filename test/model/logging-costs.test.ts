import { describe, expect, it } from 'vitest';
import { MissingPriceError } from '../../src/model/catalog.js';
import type { ComponentCost } from '../../src/model/components/component-cost.js';
import { BYTE_MODES, type LoggingVolumes, loggingCosts, TRAIL_MODES } from '../../src/model/logging-costs.js';
import { Dec } from '../../src/model/money.js';
import { bundledCatalog } from '../helpers/catalog.js';

const catalog = bundledCatalog();
const retention = { s3RetentionDays: 365, logsRetentionDays: 365, lakeRetentionDays: 366 };
/** The worked example: 87,600,000 requests a month, 1 copy, records of 2,048 B, gzip ratio 0.125. */
const volumes: LoggingVolumes = {
  loggedRequests: new Dec(87_600_000),
  trailCopies: 1,
  recordBytes: new Dec(2048),
  gzipRatio: new Dec(0.125),
  insights: false,
  lakeQueryGbPerMonth: 0,
};
const lines = (costs: ComponentCost[]) =>
  costs.map((cost) => [
    cost.priceId,
    cost.quantity.toDecimalPlaces(4).toFixed(),
    cost.costUsd.toDecimalPlaces(4).toFixed(),
  ]);

describe('loggingCosts', () => {
  it('trail: data events $87.60, 250.6256 GB-months of files $5.7644, 8,760 PUTs $0.0438', () => {
    expect(lines(loggingCosts('trail', volumes, retention, catalog, 'us-east-1'))).toEqual([
      ['cloudtrail.data-events', '87600000', '87.6'],
      ['s3.standard-storage', '250.6256', '5.7644'],
      ['s3.put-requests', '8760', '0.0438'],
    ]);
  });

  it('trail with Insights and no PUT line (trailFilesPerHour 0)', () => {
    const costs = loggingCosts(
      'trail',
      { ...volumes, insights: true },
      { ...retention, trailFilesPerHour: 0 },
      catalog,
      'us-east-1',
    );
    expect(costs.map((cost) => cost.priceId)).toEqual([
      'cloudtrail.data-events',
      's3.standard-storage',
      'cloudtrail.data-insights',
    ]);
  });

  it('cloudwatch-logs: the trail lines plus ingest and storage of 167.0837 GB of records, raw or compressed', () => {
    const raw = loggingCosts('cloudwatch-logs', volumes, retention, catalog, 'us-east-1');
    expect(lines(raw).slice(3)).toEqual([
      ['cloudwatch-logs.ingest', '167.0837', '83.5419'],
      ['cloudwatch-logs.storage', '2005.0049', '60.1501'],
    ]);
    const compressed = loggingCosts(
      'cloudwatch-logs',
      volumes,
      { ...retention, logsStorageCompressed: true },
      catalog,
      'us-east-1',
    );
    expect(lines(compressed)[4]).toEqual(['cloudwatch-logs.storage', '250.6256', '7.5188']);
  });

  it('lake-1y within the included year: ingest, nothing retained; lake-7y tiered; queries when stated', () => {
    expect(lines(loggingCosts('lake-1y', volumes, retention, catalog, 'us-east-1'))).toEqual([
      ['cloudtrail.lake-1y.ingest', '167.0837', '125.3128'],
      ['cloudtrail.lake-1y.retention', '0', '0'],
    ]);
    expect(
      lines(
        loggingCosts('lake-7y', { ...volumes, lakeQueryGbPerMonth: 10 }, retention, catalog, 'us-east-1'),
      ),
    ).toEqual([
      ['cloudtrail.lake-7y.ingest', '167.0837', '417.7094'],
      ['cloudtrail.lake.query', '10', '0.05'],
    ]);
  });

  it('off: no line; a region the catalog lacks: MissingPriceError', () => {
    expect(loggingCosts('off', volumes, retention, catalog, 'us-east-1')).toEqual([]);
    expect(() => loggingCosts('trail', volumes, retention, catalog, 'xx-nowhere-1')).toThrow(
      MissingPriceError,
    );
  });

  it('the trail modes deliver through a trail; every mode but off is priced by record bytes', () => {
    expect(TRAIL_MODES).toEqual(['trail', 'cloudwatch-logs']);
    expect(BYTE_MODES).toEqual(['trail', 'lake-1y', 'lake-7y', 'cloudwatch-logs']);
  });
});
