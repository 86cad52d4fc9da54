/**
 * S3 storage of the gzip files a trail delivers (`AWSLogs/<account>/CloudTrail/<region>/...json.gz`).
 * Pricing information: https://aws.amazon.com/s3/pricing/ (price ids `s3.standard-storage`, `s3.put-requests`).
 * CloudTrail batches many records per file and delivers about every 5 minutes (docs/aws-behaviour.md §5.3); how
 * many files it writes per hour is UNCONFIRMED, so the PUT requests are priced from an assumed files-per-hour.
 */
import { Dec, GB_BYTES, MONTH_DAYS, MONTH_HOURS } from '../money.js';
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
 * 87,600,000 x 2 x 2,048 x 0.125 / 2^30 = 41.7709... GB a month.
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
 * Trail files delivered per hour per trail copy when nothing else is assumed: one every 5 minutes, CloudTrail's
 * stated average delivery interval (docs/aws-behaviour.md §5.3).
 */
export const DEFAULT_TRAIL_FILES_PER_HOUR = 12;

/** The band's high end: one file a minute per trail copy (busload's bound; busy trails split files). */
export const TRAIL_FILES_PER_HOUR_HIGH = 60;

/**
 * S3 PUT requests of trail-file delivery: files per hour x hours in the month, but never more files than
 * logged records (a quiet bus does not fill every delivery), x trail copies (each trail writes its own
 * files). The files of a trail shared by several buses are counted for each bus (an upper bound; cents).
 *
 * Worked example (price P = `s3.put-requests` per 1,000 requests, $0.005 in us-east-1): 12 files an hour,
 * 730 h, 1,000,000 records, 2 trail copies -> min(12 x 730, 1,000,000) x 2 = 17,520 PUTs x 0.005 / 1,000 =
 * $0.0876 a month; 100 records a month -> 200 PUTs.
 * @param filesPerHour - files each trail copy delivers per hour
 * @param monthlyLoggedRequests - records the trail logs a month (one per logged request)
 * @param trailCopies - trails writing their own files (>= 1)
 * @param monthHours - hours in the priced month (730 by AWS's convention)
 */
export function trailFilePutsCost(
  filesPerHour: number,
  monthlyLoggedRequests: Dec,
  trailCopies: number,
  price: CatalogPrice,
  monthHours: number = MONTH_HOURS,
): ComponentCost {
  const files = Dec.min(new Dec(filesPerHour).times(monthHours), monthlyLoggedRequests);
  return priceQuantity(
    `S3 PUT requests of trail files (${filesPerHour} files/hour per trail copy)`,
    files.times(trailCopies),
    price,
  );
}

/**
 * S3 Standard storage of the trail files in steady state: a bucket keeping files `retentionDays` holds each
 * month's files for retentionDays / monthDays months, so the monthly quantity is
 * monthlyGb x retentionDays / monthDays GB-months (no lifecycle transition assumed). A GB-month is byte-hours
 * over the month's hours, so the quantity is the same in a 730-hour month and a calendar month.
 *
 * Worked example (price S = `s3.standard-storage` per GB-month): 10 GB of files a month kept 365 days ->
 * 10 x 365 x 24 / 730 = 120 GB-months x S (with S = 0.023: $2.76 a month).
 * @param monthlyGb - gzip GB delivered per month (all trail copies)
 * @param retentionDays - how long the bucket keeps the files
 * @param monthDays - days in the priced month (730 / 24 by AWS's convention)
 */
export function trailFilesStorageCost(
  monthlyGb: Dec,
  retentionDays: number,
  price: CatalogPrice,
  monthDays: Dec = MONTH_DAYS,
): ComponentCost {
  return priceQuantity(
    `S3 storage of trail files (gzip, kept ${retentionDays} days)`,
    monthlyGb.times(retentionDays).div(monthDays),
    price,
  );
}
