/**
 * EventBridge custom events (Custom Event Bus - Classic). Pricing information:
 * https://aws.amazon.com/eventbridge/pricing/ (price id `eventbridge.custom-events`).
 */
import type { Dec } from '../money.js';
import type { CatalogPrice } from '../types.js';
import { type ComponentCost, priceQuantity } from './component-cost.js';

/** AWS bills custom events per 64 KB chunk of payload: 65,536 bytes. */
export const CHUNK_BYTES = 65_536;

/**
 * Billable chunks of one entry: ceil(bytes / 65,536), at least 1 (an entry under 64 KB bills as one).
 *
 * Worked example: 65,536 B -> 1 chunk; 65,537 B -> 2 chunks; 262,144 B (256 KB) -> 4 chunks; 120 B -> 1.
 * @param entryBytes - the entry's size by AWS's entry-size formula
 */
export function billableChunks(entryBytes: number): number {
  return Math.max(1, Math.ceil(entryBytes / CHUNK_BYTES));
}

/**
 * Custom events: billable chunks of the succeeded entries (counted upstream as the sum of
 * {@link billableChunks} per entry) x the per-chunk price. Failed entries are assumed unbilled
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
