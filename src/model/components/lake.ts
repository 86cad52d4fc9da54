/**
 * CloudTrail Lake event data stores for PutEvents data events, priced by ingested volume. Pricing
 * information: https://aws.amazon.com/cloudtrail/pricing/ (price ids `cloudtrail.lake-1y.ingest`,
 * `cloudtrail.lake-1y.retention`, `cloudtrail.lake-7y.ingest`, `cloudtrail.lake.query`). Volumes come from
 * the record bytes the endpoint wrote during a run, or from the record-size estimate (./record-size.ts)
 * without a run.
 */
import { Dec, MONTH_DAYS } from '../money.js';
import type { CatalogPrice } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/** Days of retention included in one-year extendable pricing (docs/aws-behaviour.md §5.2). */
export const LAKE_INCLUDED_RETENTION_DAYS = 366;

/**
 * One-year extendable retention: ingest per GB, plus retention past the included 366 days per GB-month.
 * In steady state a store keeping `retentionDays` holds each month's ingest for
 * (retentionDays - 366) / (730 / 24) extra months, so the monthly retention quantity is
 * monthlyGb x max(0, retentionDays - 366) x 24 / 730 GB-months.
 *
 * Worked example (prices I = `cloudtrail.lake-1y.ingest`, R = `cloudtrail.lake-1y.retention`, per unit):
 * 10 GB a month kept 731 days: ingest 10 x I; retention 10 x 365 x 24 / 730 = 120 GB-months x R.
 * Kept 366 days (the default): retention is 0 GB-months.
 * @param monthlyGb - GB ingested per month
 * @param retentionDays - how long the store keeps events (366..3,653)
 * @param monthDays - days in the priced month (730 / 24 by AWS's convention)
 */
export function lakeOneYearCosts(
  monthlyGb: Dec,
  retentionDays: number,
  ingestPrice: CatalogPrice,
  retentionPrice: CatalogPrice,
  monthDays: Dec = MONTH_DAYS,
): ComponentCost[] {
  const extraDays = Math.max(0, retentionDays - LAKE_INCLUDED_RETENTION_DAYS);
  const storedGbMonths = monthlyGb.times(extraDays).div(monthDays);
  return [
    priceQuantity('CloudTrail Lake ingest (1-year extendable)', monthlyGb, ingestPrice),
    priceQuantity(
      `CloudTrail Lake retention past ${LAKE_INCLUDED_RETENTION_DAYS} days (kept ${retentionDays} days)`,
      storedGbMonths,
      retentionPrice,
    ),
  ];
}

/**
 * Splits a monthly quantity over tiers: the part of `quantity` inside each tier, lowest tier first.
 * Tiers apply to this quantity alone (the account's other ingest is unknown to the model).
 *
 * Worked example: 6,000 GB over tiers [0-5,120, 5,120-25,600, 25,600-] -> [5,120, 880, 0].
 */
export function splitIntoTiers(quantity: Dec, tiers: readonly CatalogPrice[]): Dec[] {
  return tiers.map((price) => {
    const tier = price.tier;
    if (!tier) throw new Error(`price ${price.id} in ${price.region} has no tier`);
    const upper = tier.toUnits === null ? quantity : Dec.min(quantity, tier.toUnits);
    return Dec.max(0, upper.minus(tier.fromUnits));
  });
}

/**
 * Seven-year retention: tiered ingest per GB (retention included). One component per tier the volume
 * reaches (the first tier always). Tiers are applied to this bus's volume alone, an assumption: an account
 * with more Lake ingest reaches the cheaper tiers sooner.
 *
 * Worked example (tier prices T1, T2 from `cloudtrail.lake-7y.ingest`): 6,000 GB a month with tiers
 * [0-5,120, 5,120-25,600, ...] -> 5,120 x T1 + 880 x T2.
 * @param monthlyGb - GB ingested per month
 * @param tiers - the catalog's tiers of `cloudtrail.lake-7y.ingest` for the region, lowest first
 */
export function lakeSevenYearCosts(monthlyGb: Dec, tiers: readonly CatalogPrice[]): ComponentCost[] {
  const parts = splitIntoTiers(monthlyGb, tiers);
  return tiers.flatMap((price, index) => {
    const quantity = parts[index] ?? new Dec(0);
    if (index > 0 && quantity.isZero()) return [];
    return [
      priceQuantity(`CloudTrail Lake ingest (7-year, ${price.tier?.label ?? 'tier'})`, quantity, price),
    ];
  });
}

/**
 * CloudTrail Lake queries: GB scanned per month x the per-GB price (price id `cloudtrail.lake.query`).
 * The volume is stated by the user (`logging.lakeQueryGbPerMonth`); it does not follow from the load.
 *
 * Worked example (price Q per GB scanned): 200 GB scanned a month -> 200 x Q (at $0.005: $1.00).
 */
export function lakeQueryCost(monthlyScannedGb: Dec, price: CatalogPrice): ComponentCost {
  return priceQuantity('CloudTrail Lake queries (GB scanned, as stated)', monthlyScannedGb, price);
}
