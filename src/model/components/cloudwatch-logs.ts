/**
 * CloudWatch Logs delivery of a trail's PutEvents data events (standard log class). Pricing information:
 * https://aws.amazon.com/cloudwatch/pricing/ (price ids `cloudwatch-logs.ingest`, `cloudwatch-logs.storage`).
 * The trail itself still bills its data events (./cloudtrail.ts); these components come on top.
 */
import { type Dec, MONTH_DAYS } from '../money.js';
import type { CatalogPrice } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/**
 * Ingest per GB plus storage per GB-month. One trail delivers to the log group (trail copies are not
 * multiplied here). In steady state a log group keeping `retentionDays` stores each month's ingest for
 * retentionDays x 24 / 730 months, so the monthly storage quantity is monthlyGb x retentionDays x 24 / 730
 * GB-months (stored size taken as ingested size: conservative, CloudWatch Logs compresses).
 *
 * Worked example (prices I = `cloudwatch-logs.ingest`, S = `cloudwatch-logs.storage`, per unit):
 * 10 GB a month kept 365 days: ingest 10 x I; storage 10 x 365 x 24 / 730 = 120 GB-months x S.
 * @param monthlyGb - GB delivered per month
 * @param retentionDays - the log group's retention
 */
export function cloudWatchLogsCosts(
  monthlyGb: Dec,
  retentionDays: number,
  ingestPrice: CatalogPrice,
  storagePrice: CatalogPrice,
): ComponentCost[] {
  return [
    priceQuantity('CloudWatch Logs ingest', monthlyGb, ingestPrice),
    priceQuantity(
      `CloudWatch Logs storage (kept ${retentionDays} days)`,
      monthlyGb.times(retentionDays).div(MONTH_DAYS),
      storagePrice,
    ),
  ];
}
