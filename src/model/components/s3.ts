/**
 * S3 storage of the gzip files a trail delivers (`AWSLogs/<account>/CloudTrail/<region>/...json.gz`).
 * Pricing information: https://aws.amazon.com/s3/pricing/ (price id `s3.standard-storage`). PUT requests are
 * left out: CloudTrail batches many records per file (docs/aws-behaviour.md §5.3; files per hour are UNCONFIRMED), so
 * their cost per data event is negligible.
 */
import { Dec, GB_BYTES, MONTH_DAYS } from '../money.js';
import type { CatalogPrice } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/**
 * gzip bytes per JSON byte of delivered trail files when no run measured it: 1 / 8.8, the ratio the
 * embedded endpoint's files reach at gzip level 1 (level 6 reaches 1 / 9.1). CloudTrail's own level is not
 * documented, so this is an assumption.
 */
export const DEFAULT_GZIP_RATIO = new Dec(1).div(8.8);

/**
 * Monthly GB of gzip trail files: logged records x trail copies (each trail writes its own files) x
 * record JSON bytes x gzip ratio / 2^30.
 *
 * Worked example: 87,600,000 records a month of 2,048 B, 2 trail copies, ratio 0.125 ->
 * 87,600,000 x 2 x 2,048 x 0.125 / 2^30 = 41.7710... GB a month.
 */
export function trailFilesGigabytes(
  monthlyLoggedRequests: Dec,
  trailCopies: number,
  recordBytes: Dec,
  gzipRatio: Dec,
): Dec {
  return monthlyLoggedRequests.times(trailCopies).times(recordBytes).times(gzipRatio).div(GB_BYTES);
}

/**
 * S3 Standard storage of the trail files in steady state: a bucket keeping files `retentionDays` holds each
 * month's files for retentionDays x 24 / 730 months, so the monthly quantity is
 * monthlyGb x retentionDays / (730 / 24) GB-months (no lifecycle transition assumed).
 *
 * Worked example (price S = `s3.standard-storage` per GB-month): 10 GB of files a month kept 365 days ->
 * 10 x 365 x 24 / 730 = 120 GB-months x S (with S = 0.023: $2.76 a month).
 * @param monthlyGb - gzip GB delivered per month (all trail copies)
 * @param retentionDays - how long the bucket keeps the files
 */
export function trailFilesStorageCost(
  monthlyGb: Dec,
  retentionDays: number,
  price: CatalogPrice,
): ComponentCost {
  return priceQuantity(
    `S3 storage of trail files (gzip, kept ${retentionDays} days)`,
    monthlyGb.times(retentionDays).div(MONTH_DAYS),
    price,
  );
}
