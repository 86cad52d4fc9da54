/**
 * CloudWatch Logs delivery of a trail's PutEvents data events (standard log class). Pricing information:
 * https://aws.amazon.com/cloudwatch/pricing/ (price ids `cloudwatch-logs.ingest`, `cloudwatch-logs.storage`).
 * The trail itself still bills its data events (./cloudtrail.ts); these components come on top.
 */
import { Dec, MONTH_DAYS } from '../money.js';
import type { CatalogPrice } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/**
 * Ingest per GB plus storage per GB-month. One trail delivers to the log group (trail copies are not
 * multiplied here). In steady state a log group keeping `retentionDays` stores each month's ingest for
 * retentionDays / monthDays months, so the monthly storage quantity is
 * monthlyGb x storedRatio x retentionDays / monthDays GB-months. Whether AWS bills the stored bytes raw or
 * compressed is UNCONFIRMED: `storedRatio` is 1 (raw, the conservative default) or the compression ratio
 * assumed for the stored bytes (the assumption `logsStorageCompressed`).
 *
 * Worked example (prices I = `cloudwatch-logs.ingest`, S = `cloudwatch-logs.storage`, per unit):
 * 10 GB a month kept 365 days: ingest 10 x I; storage 10 x 365 x 24 / 730 = 120 GB-months x S raw, or
 * 120 / 8.8 = 13.6363... GB-months x S compressed at 1 / 8.8.
 * @param monthlyGb - GB delivered per month
 * @param retentionDays - the log group's retention
 * @param storedRatio - stored bytes per ingested byte (1 = raw)
 * @param monthDays - days in the priced month (730 / 24 by AWS's convention)
 */
export function cloudWatchLogsCosts(
  monthlyGb: Dec,
  retentionDays: number,
  ingestPrice: CatalogPrice,
  storagePrice: CatalogPrice,
  storedRatio: Dec = new Dec(1),
  monthDays: Dec = MONTH_DAYS,
): ComponentCost[] {
  const compressed = !storedRatio.eq(1);
  return [
    priceQuantity('CloudWatch Logs ingest', monthlyGb, ingestPrice),
    priceQuantity(
      `CloudWatch Logs storage (${compressed ? 'compressed' : 'raw'} bytes, kept ${retentionDays} days)`,
      monthlyGb.times(storedRatio).times(retentionDays).div(monthDays),
      storagePrice,
    ),
  ];
}
