import { describe, expect, it } from 'vitest';
import { priceFor } from '../../../src/model/catalog.js';
import {
  DEFAULT_GZIP_RATIO,
  trailFilePutsCost,
  trailFilesGigabytes,
  trailFilesStorageCost,
} from '../../../src/model/components/s3.js';
import { Dec } from '../../../src/model/money.js';
import { bundledCatalog } from '../../helpers/catalog.js';

const catalog = bundledCatalog();
const price = (id: string) => priceFor(catalog, id, 'us-east-1');

describe('trail files in S3', () => {
  it('the default gzip ratio is 1 / 8.8', () => {
    expect(DEFAULT_GZIP_RATIO.eq(new Dec(1).div(8.8))).toBe(true);
    expect(DEFAULT_GZIP_RATIO.toDecimalPlaces(6).toFixed()).toBe('0.113636');
  });

  it('GB a month: 87,600,000 records x 2 copies x 2,048 B x 0.125 / 2^30', () => {
    const gb = trailFilesGigabytes(new Dec(87_600_000), 2, new Dec(2048), new Dec(0.125));
    expect(gb.toDecimalPlaces(6).toFixed()).toBe('41.770935');
  });

  it('PUTs: 12 files an hour x 730 h x 2 copies = 17,520 at $0.005 per 1,000 = $0.0876; a quiet bus has fewer files', () => {
    const busy = trailFilePutsCost(12, new Dec(1_000_000), 2, price('s3.put-requests'));
    expect(busy.component).toBe('S3 PUT requests of trail files (12 files/hour per trail copy)');
    expect(busy.quantity.toFixed()).toBe('17520');
    expect(busy.costUsd.toFixed()).toBe('0.0876');
    expect(trailFilePutsCost(12, new Dec(100), 2, price('s3.put-requests')).quantity.toFixed()).toBe('200');
    expect(
      trailFilePutsCost(12, new Dec(1_000_000), 1, price('s3.put-requests'), 672).quantity.toFixed(),
    ).toBe('8064');
  });

  it('storage: 10 GB a month kept 365 days = 120 GB-months x $0.023 = $2.76, in any month length', () => {
    const cost = trailFilesStorageCost(new Dec(10), 365, price('s3.standard-storage'));
    expect(cost.component).toBe('S3 storage of trail files (gzip, kept 365 days)');
    expect(cost.quantity.toFixed()).toBe('120');
    expect(cost.costUsd.toFixed()).toBe('2.76');
  });
});
