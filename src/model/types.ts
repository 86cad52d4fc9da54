/**
 * Types of the pricing model. The model is pure: no I/O, no clock, no SDK.
 * Money is decimal: decimal.js inside, strings (e.g. "41.20") at the boundary.
 */
import type { Classification, LoggingMode } from '../scenario/types.js';

/** One price of a dated catalog (src/model/catalog/<set>-<YYYY-MM-DD>.json). */
export interface CatalogPrice {
  /** Stable id used by the formulas, e.g. "eventbridge.custom-events". */
  id: string;
  service: string;
  region: string;
  /** What one unit is, e.g. "64 KB chunk", "data event". */
  unit: string;
  /** How many units the price is for, e.g. 1000000 for "per million". */
  unitQuantity: number;
  /** Price for unitQuantity units, decimal string. */
  priceUsd: string;
  /** Where the price comes from (URL). */
  source: string;
  retrievedAt: string;
  confidence: 'official' | 'price-list' | 'third-party' | 'unconfirmed';
  usageType?: string;
  note?: string;
  /**
   * For tiered prices (one catalog entry per tier): the tier covers monthly quantities from `fromUnits`
   * to `toUnits` (null = no upper bound), in `unit`s.
   */
  tier?: PriceTier;
}

/** One tier of a tiered price, in the price's units per month. */
export interface PriceTier {
  fromUnits: number;
  toUnits: number | null;
  /** Human label, e.g. "first 5 TB". */
  label: string;
}

export interface Catalog {
  id: string;
  /** Regions the catalog covers. */
  regions: string[];
  effectiveDate: string;
  currency: 'USD';
  /** Conventions of the file (how regions and tiers are laid out, what confidence means). */
  notes?: string[];
  prices: CatalogPrice[];
}

/** Counts for one bus over the measured (or declared) window, before projection. */
export interface UsageCounts {
  /** PutEvents HTTP requests (attempts) answered 200. */
  requestsSucceeded: number;
  /** PutEvents HTTP requests answered with an error (throttled, denied, invalid, 5xx). */
  requestsFailed: number;
  /** Entries that got an EventId. */
  entriesSucceeded: number;
  /** Entries that ended failed. */
  entriesFailed: number;
  /** Sum of ceil(bytes/65536) over succeeded entries. */
  billableChunks: number;
}

export interface BusUsage {
  name: string;
  classification: Classification;
  loggingMode: LoggingMode;
  trailCopies: number;
  counts: UsageCounts;
}

/** How window counts become monthly counts: monthly = counts x factor. */
export interface Projection {
  /** Human-readable, e.g. "30 s of replay x timeScale 1 -> 730 h month". */
  basis: string;
  /** Decimal string (rounded to 6 decimals for display when the ratio does not terminate). */
  factor: string;
  /**
   * The exact factor as a ratio of two decimal strings (factor = numerator / denominator); the model
   * multiplies by the numerator and divides last so that money does not inherit the display rounding.
   */
  ratio?: { numerator: string; denominator: string };
}

export interface LineItem {
  component: string;
  /** Monthly quantity in `unit`s, decimal string (may be fractional after projection). */
  quantity: string;
  unit: string;
  /** Price of one unit, decimal string. */
  unitPriceUsd: string;
  /** Decimal string, 2+ decimals; null when it depends on usage we do not know. */
  monthlyUsd: string | null;
  /** Catalog price id used. */
  priceId: string;
}

export type RecommendationAction = 'enable' | 'enable-temporarily' | 'skip' | 'pair-with-enhanced-logging';

export interface Recommendation {
  action: RecommendationAction;
  reason: string;
}

export interface BusCostEstimate {
  name: string;
  loggingMode: LoggingMode;
  monthly: {
    /** Billable custom events (64 KB chunks), decimal string. */
    customEvents: string;
    /** CloudTrail data events delivered (all copies), decimal string. */
    dataEvents: string;
    eventBridgeUsd: string;
    loggingUsd: string;
    totalUsd: string;
  };
  lineItems: LineItem[];
  recommendation: Recommendation;
  /**
   * Only when logging is planned off: what a trail (with the bus's trailCopies) would add per month.
   * It backs the recommendation's reason and the summary sentence.
   */
  ifEnabled?: { mode: 'trail'; dataEvents: string; loggingUsd: string };
}

export interface Assumption {
  id: string;
  value: string;
  source: string;
}

export interface CostEstimate {
  catalog: { id: string; region: string; effectiveDate: string };
  projection: Projection;
  buses: BusCostEstimate[];
  totalMonthlyUsd: string;
  assumptions: Assumption[];
  /** One sentence a reviewer can paste into a design review. */
  summary: string;
}
