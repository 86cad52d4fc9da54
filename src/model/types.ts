/**
 * Types of the pricing model. The model is pure: no I/O, no clock, no SDK.
 * Money is decimal: decimal.js inside, strings (e.g. "41.20") at the boundary.
 */
import type {
  Classification,
  LoggingExclusion,
  LoggingMode,
  LoggingScope,
  SelectorField,
} from '../scenario/types.js';

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
  /** SHA-256 (hex) of the catalog file as read, set by the loader (not part of the file). */
  sha256?: string;
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
  /** Exclusions, Insights, Lake queries, window (absent = every call logged, no Insights, no queries). */
  scope?: LoggingScope;
  /** The bus ARN a selector's `resources.ARN` sees (absent: resources.ARN exclusions cannot be applied). */
  busArn?: string;
  /**
   * The bus's calls per caller, when known (declared producers, or counted from the trail files of a run);
   * needed to apply `userIdentity.arn` exclusions.
   */
  principals?: PrincipalUsage[];
  /** What the endpoint's trail wrote for this bus in the window (absent: record sizes are estimated). */
  measuredTrail?: MeasuredTrail;
  /**
   * The records of the declared calls, sized by the endpoint's record serializer (a scenario's producers);
   * absent: sizes come from the linear record-size assumption. A measured trail wins over it.
   */
  serializedRecords?: SerializedRecords;
}

/** The CloudTrail records of a bus's declared calls, sized by the serializer the endpoint writes with. */
export interface SerializedRecords {
  records: number;
  /** Their JSON bytes (before gzip), all calls of the bus (excluded ones too: per-caller bytes are in principals). */
  recordBytes: number;
  /** Mean bytes one more entry adds to a record (for the full-batches what-if). */
  entryBytes: number;
}

/** One caller's PutEvents requests on one bus over the window. */
export interface PrincipalUsage {
  /** The caller as CloudTrail records it (`userIdentity.arn`; a role appears as an assumed-role session). */
  principalArn: string;
  requests: number;
  /** JSON bytes of this caller's records, when measured from trail files or sized by the serializer. */
  recordBytes?: number;
}

/** The CloudTrail records the embedded endpoint wrote for a bus during a run. */
export interface MeasuredTrail {
  records: number;
  /** Their JSON bytes (before gzip). */
  recordBytes: number;
  /** Bytes of the delivered gzip files / JSON bytes of their records (all buses' files together); null = no files. */
  gzipRatio: number | null;
}

/** Account-level PutEvents load against the region's quota (shared by all buses). */
export interface QuotaInput {
  /** The region's PutEvents requests/s quota (L-9B653E91) or the scenario's override. */
  quotaTps: number;
  /** Highest PutEvents requests/s of all buses together. */
  peakCallsPerSec: number;
  /** How the peak was found, e.g. "peak 1 s interval of the replay". */
  basis: string;
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
  /** The logging cost per day of a 730-hour month (what a temporary window costs per day it is on). */
  loggingUsdPerDay?: string;
  /** Mean CloudTrail record bytes used for volume-priced lines, and whether they were measured. */
  recordBytes?: { mean: string; basis: 'measured' | 'estimated' };
  /** Calls left out by the bus's exclusions (they cost nothing; `wouldCostUsd` is what logging them would). */
  excluded?: ExcludedCalls;
  /** Lowest and highest monthly total under the unconfirmed assumptions (see `assumptions[].band`). */
  band?: { lowUsd: string; highUsd: string };
  /** What-ifs a design review asks for. */
  whatIfs?: WhatIfs;
}

/** Calls the bus's exclusions leave out of logging. */
export interface ExcludedCalls {
  /** Logged requests a month the exclusions remove (before trail copies). */
  requests: string;
  wouldCostUsd: string;
  exclusions: Array<{
    field: SelectorField;
    operator: LoggingExclusion['operator'];
    values: string[];
    /** AWS confirms this selector field for AWS::Events::EventBus (docs/aws-behaviour.md §6.1). */
    confirmedForEventBuses: boolean;
    /** Monthly requests this exclusion matched; null when it could not be applied (callers unknown). */
    matchedRequests: string | null;
  }>;
}

/** What-ifs of one bus (money monthly). */
export interface WhatIfs {
  /** Producers fill every request to 10 entries. */
  fullBatches: { entriesPerRequest: string; dataEvents: string; loggingUsd: string; savingUsd: string };
  /** The logging bill of each mode for this bus. */
  loggingUsdByMode: Record<Exclude<LoggingMode, 'off'>, string>;
  /** Record size at which a one-year Lake store costs as much as the trail, against this bus's. */
  trailVsLake: {
    recordBytes: string;
    /** Lake is cheaper below this size, the trail above; null: Lake is cheaper at any size. */
    crossoverRecordBytes: string | null;
    cheaper: 'trail' | 'lake-1y';
  };
  /** With one trail copy fewer (only when there are 2 or more). */
  oneFewerTrailCopy?: { trailCopies: number; loggingUsd: string; savingUsd: string };
}

export interface Assumption {
  id: string;
  value: string;
  source: string;
  /** false when AWS does not confirm it (absent on older reports). */
  confirmed?: boolean;
  /** The estimate's monthly total with this assumption at its low and its high setting (others unchanged). */
  band?: { lowUsd: string; highUsd: string; low: string; high: string };
}

/** Peak PutEvents requests/s of the account against the region's quota. */
export interface QuotaHeadroom {
  quotaTps: number;
  peakCallsPerSec: string;
  /** Peak as a share of the quota, e.g. "5.2%". */
  usedShare: string;
  /** Requests/s left at the peak (negative: throttled). */
  headroomCallsPerSec: string;
  basis: string;
  scope: string;
}

export interface CostEstimate {
  /** The cost model that priced it (src/model/version.ts); absent in reports written before it was recorded. */
  modelVersion?: string;
  /** The catalog it was priced with; sha256 of the catalog file when it was loaded from one. */
  catalog: { id: string; region: string; effectiveDate: string; sha256?: string };
  /**
   * The month priced: AWS's 730-hour convention (the default) or a calendar month (`cost --month`).
   * Absent in reports written before it was recorded (730 hours).
   */
  month?: { label: string; hours: number; basis: "AWS's pricing convention" | 'calendar month' };
  projection: Projection;
  buses: BusCostEstimate[];
  totalMonthlyUsd: string;
  assumptions: Assumption[];
  /** One sentence a reviewer can paste into a design review. */
  summary: string;
  /** Lowest and highest total under the unconfirmed assumptions. */
  totalBandUsd?: { lowUsd: string; highUsd: string };
  /** Account-level PutEvents peak vs the region's quota, when known. */
  quotaHeadroom?: QuotaHeadroom;
}
