/**
 * EventBridge custom events (Custom Event Bus - Classic). Pricing information:
 * https://aws.amazon.com/eventbridge/pricing/ (price id `eventbridge.custom-events`).
 */
import type { Dec } from '../money.js';
import type { CatalogPrice } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/**
 * Custom events: billable chunks of the succeeded entries (counted upstream as the sum of
 * `billableChunks` of src/eventbridge/limits.ts per entry) x the per-chunk price. Failed entries are assumed unbilled
 * (docs/aws-behaviour.md §4: UNCONFIRMED; the estimate lists this assumption).
 *
 * Worked example (price P = `eventbridge.custom-events` priceUsd per unitQuantity chunks): a month of
 * 3,000,000 entries of 1 KB plus 1,000,000 entries of 100 KB is 3,000,000 x 1 + 1,000,000 x 2 = 5,000,000
 * chunks, costing 5,000,000 x P / unitQuantity (with the catalog's per-million price: 5 x that price).
 * @param monthlyChunks - billable chunks per month
 * @param price - the catalog's `eventbridge.custom-events` entry for the region
 */
export function customEventsCost(monthlyChunks: Dec, price: CatalogPrice): ComponentCost {
  return priceQuantity('EventBridge custom events (64 KB chunks)', monthlyChunks, price);
}
