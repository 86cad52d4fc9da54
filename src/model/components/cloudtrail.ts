/**
 * CloudTrail data events for EventBridge PutEvents, delivered by trails. Pricing information:
 * https://aws.amazon.com/cloudtrail/pricing/ (price id `cloudtrail.data-events`).
 */
import type { Dec } from '../money.js';
import type { CatalogPrice, UsageCounts } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/**
 * PutEvents requests that become CloudTrail data events: one record per request (docs/aws-behaviour.md §6.2, inferred
 * from the documented record shape). Requests that succeeded (HTTP 200, including partial failures) are
 * always logged. Whether requests answered with an error (throttled, denied, invalid, 5xx) are logged is
 * UNCONFIRMED for event buses (docs/aws-behaviour.md §6.4): with `failedRequestsLogged` (the default, matching the
 * embedded endpoint) they count too.
 *
 * Worked example: 900 succeeded + 100 failed requests -> 1,000 logged (assumption on) or 900 (off).
 * @param counts - the bus's request counts
 * @param failedRequestsLogged - the assumption "failed requests are logged"
 */
export function loggedRequests(counts: UsageCounts, failedRequestsLogged: boolean): number {
  return counts.requestsSucceeded + (failedRequestsLogged ? counts.requestsFailed : 0);
}

/**
 * Trail data events: logged requests x trailCopies, every copy billed ("For data events, all deliveries
 * incur CloudTrail costs, including the first", docs/aws-behaviour.md §5.1).
 *
 * Worked example (price P = `cloudtrail.data-events` priceUsd per unitQuantity events): 41,200,000
 * logged requests a month on a bus with 2 trails are 82,400,000 data events, costing
 * 82,400,000 x P / unitQuantity (with the catalog's per-100,000 price: 824 x that price).
 * @param monthlyLoggedRequests - logged PutEvents requests per month
 * @param trailCopies - trails delivering the same data event (>= 1)
 * @param price - the catalog's `cloudtrail.data-events` entry for the region
 */
export function trailDataEventsCost(
  monthlyLoggedRequests: Dec,
  trailCopies: number,
  price: CatalogPrice,
): ComponentCost {
  const copies = trailCopies === 1 ? '1 trail' : `${trailCopies} trail copies`;
  return priceQuantity(`CloudTrail data events (${copies})`, monthlyLoggedRequests.times(trailCopies), price);
}

/**
 * CloudTrail Insights on data events (trails only): each logged data event is analyzed once by the trail
 * that has Insights on (docs/aws-behaviour.md §5.1; price id `cloudtrail.data-insights`). Copies on other trails are not
 * analyzed again; with both Insights types on the same trail AWS analyzes each data event twice, which this
 * component does not model (data-event Insights only).
 *
 * Worked example (price I per unitQuantity events analyzed): 87,600,000 logged requests a month ->
 * 87,600,000 events analyzed x I / unitQuantity (at $0.03 per 100,000: $26.28).
 * @param monthlyLoggedRequests - logged PutEvents requests per month (one trail's worth)
 */
export function dataInsightsCost(monthlyLoggedRequests: Dec, price: CatalogPrice): ComponentCost {
  return priceQuantity('CloudTrail Insights on data events (1 trail)', monthlyLoggedRequests, price);
}
