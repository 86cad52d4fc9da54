/**
 * The cost estimate: per bus, monthly EventBridge custom events and the planned CloudTrail logging, each
 * as declared line items priced from the catalog, a recommendation, the assumptions used and one summary
 * sentence. Pure: counts, a projection and a parsed catalog in, a CostEstimate (decimal strings) out.
 *
 * Rounding: every line item's monthly USD is rounded half-up to cents on its own; eventBridgeUsd,
 * loggingUsd, totalUsd and totalMonthlyUsd are sums of rounded line items, so the figures add up exactly.
 * Quantities are shown with at most 6 decimals; unit prices are exact.
 */
import type { LoggingMode } from '../scenario/types.js';
import { priceFor, tieredPricesFor } from './catalog.js';
import { loggedRequests, trailDataEventsCost } from './components/cloudtrail.js';
import { cloudWatchLogsCosts } from './components/cloudwatch-logs.js';
import type { ComponentCost } from './components/component-cost.js';
import { customEventsCost } from './components/eventbridge.js';
import { LAKE_INCLUDED_RETENTION_DAYS, lakeOneYearCosts, lakeSevenYearCosts } from './components/lake.js';
import {
  DEFAULT_RECORD_SIZE,
  estimatedRecordBytes,
  meanEntriesPerRequest,
  recordGigabytes,
} from './components/record-size.js';
import { Dec, formatExact, formatQuantity, formatUsd, MONTH_HOURS, toCents } from './money.js';
import { DEFAULT_PROBLEM_SHARE_THRESHOLD, recommendation } from './recommend.js';
import { type SummaryBus, summarizeEstimate } from './summary.js';
import type {
  Assumption,
  BusCostEstimate,
  BusUsage,
  Catalog,
  CatalogPrice,
  CostEstimate,
  LineItem,
  Projection,
} from './types.js';

/** The switchable assumptions of the model; every estimate lists the ones it used. */
export interface ModelAssumptions {
  /**
   * PutEvents requests answered with an error (throttled, denied, invalid, 5xx) are logged as data events.
   * UNCONFIRMED for event buses (aws-facts §6.4); the embedded endpoint logs them by default.
   */
  failedRequestsLogged: boolean;
  /** Estimated CloudTrail record bytes of a 1-entry request (aws-facts §6.2). */
  recordFirstEntryBytes: number;
  /** Estimated bytes each further entry adds to a record (aws-facts §6.2). */
  recordExtraEntryBytes: number;
  /** How long a one-year extendable Lake store keeps events (366 = only the included year). */
  lakeRetentionDays: number;
  /** How long the CloudWatch Logs log group keeps delivered events. */
  logsRetentionDays: number;
  /** Share of failed entries or failed requests that calls for pair-with-enhanced-logging. */
  problemShareThreshold: number;
}

/** The defaults: failed requests logged, record sizes from aws-facts §6.2, a year of retention, 1%. */
export const DEFAULT_ASSUMPTIONS: ModelAssumptions = {
  failedRequestsLogged: true,
  recordFirstEntryBytes: DEFAULT_RECORD_SIZE.firstEntryBytes,
  recordExtraEntryBytes: DEFAULT_RECORD_SIZE.extraEntryBytes,
  lakeRetentionDays: LAKE_INCLUDED_RETENTION_DAYS,
  logsRetentionDays: 365,
  problemShareThreshold: DEFAULT_PROBLEM_SHARE_THRESHOLD,
};

/** Input of {@link estimateCost}. */
export interface EstimateInput {
  buses: BusUsage[];
  projection: Projection;
  catalog: Catalog;
  region: string;
  assumptions?: Partial<ModelAssumptions>;
}

const DOCS = {
  eventBridgePricing: 'https://aws.amazon.com/eventbridge/pricing/',
  cloudTrailPricing: 'https://aws.amazon.com/cloudtrail/pricing/',
  eventBridgeLogging:
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/logging-using-cloudtrail.html',
  recordContents:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html',
  trailCosts: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trail-manage-costs.html',
  lakeCosts: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-lake-manage-costs.html',
};
const TRAIL_MODES: readonly LoggingMode[] = ['trail', 'cloudwatch-logs'];
const BYTE_MODES: readonly LoggingMode[] = ['lake-1y', 'lake-7y', 'cloudwatch-logs'];

/** monthly = count x factor, using the exact ratio when the projection has one (division last). */
function projector(projection: Projection): (count: number) => Dec {
  const ratio = projection.ratio;
  if (ratio) {
    const numerator = new Dec(ratio.numerator);
    const denominator = new Dec(ratio.denominator);
    return (count) => new Dec(count).times(numerator).div(denominator);
  }
  const factor = new Dec(projection.factor);
  return (count) => new Dec(count).times(factor);
}

function toLineItem(cost: ComponentCost): LineItem {
  return {
    component: cost.component,
    quantity: formatQuantity(cost.quantity),
    unit: cost.unit,
    unitPriceUsd: formatExact(cost.unitPriceUsd),
    monthlyUsd: formatUsd(cost.costUsd),
    priceId: cost.priceId,
  };
}

const roundedSum = (costs: readonly ComponentCost[]): Dec =>
  costs.reduce((acc, cost) => acc.plus(toCents(cost.costUsd)), new Dec(0));

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

interface PricedBus {
  estimate: BusCostEstimate;
  summary: SummaryBus;
  prices: CatalogPrice[];
}

function priceBus(bus: BusUsage, input: EstimateInput, assumptions: ModelAssumptions): PricedBus {
  const { catalog, region } = input;
  const monthly = projector(input.projection);
  const logged = monthly(loggedRequests(bus.counts, assumptions.failedRequestsLogged));
  const eventBridge = customEventsCost(
    monthly(bus.counts.billableChunks),
    priceFor(catalog, 'eventbridge.custom-events', region),
  );
  const trail = trailDataEventsCost(
    logged,
    bus.trailCopies,
    priceFor(catalog, 'cloudtrail.data-events', region),
  );

  const recordBytes = estimatedRecordBytes(meanEntriesPerRequest(bus.counts), {
    firstEntryBytes: assumptions.recordFirstEntryBytes,
    extraEntryBytes: assumptions.recordExtraEntryBytes,
  });
  const gigabytes = () => recordGigabytes(logged, recordBytes);
  let logging: ComponentCost[];
  switch (bus.loggingMode) {
    case 'off':
      logging = [];
      break;
    case 'trail':
      logging = [trail];
      break;
    case 'cloudwatch-logs':
      logging = [
        trail,
        ...cloudWatchLogsCosts(
          gigabytes(),
          assumptions.logsRetentionDays,
          priceFor(catalog, 'cloudwatch-logs.ingest', region),
          priceFor(catalog, 'cloudwatch-logs.storage', region),
        ),
      ];
      break;
    case 'lake-1y':
      logging = lakeOneYearCosts(
        gigabytes(),
        assumptions.lakeRetentionDays,
        priceFor(catalog, 'cloudtrail.lake-1y.ingest', region),
        priceFor(catalog, 'cloudtrail.lake-1y.retention', region),
      );
      break;
    case 'lake-7y':
      logging = lakeSevenYearCosts(
        gigabytes(),
        tieredPricesFor(catalog, 'cloudtrail.lake-7y.ingest', region),
      );
      break;
  }

  const eventBridgeUsd = toCents(eventBridge.costUsd);
  const loggingUsd = roundedSum(logging);
  const loggingOn = bus.loggingMode !== 'off';
  const enableUsd = loggingOn ? loggingUsd : toCents(trail.costUsd);
  const dataEvents = TRAIL_MODES.includes(bus.loggingMode) ? trail.quantity : loggingOn ? logged : new Dec(0);
  const { counts } = bus;
  const rec = recommendation({
    classification: bus.classification,
    loggingMode: bus.loggingMode,
    eventBridgeUsd,
    enableUsd,
    failedEntryShare: share(counts.entriesFailed, counts.entriesSucceeded + counts.entriesFailed),
    failedRequestShare: share(counts.requestsFailed, counts.requestsSucceeded + counts.requestsFailed),
    problemShareThreshold: assumptions.problemShareThreshold,
  });
  const estimate: BusCostEstimate = {
    name: bus.name,
    loggingMode: bus.loggingMode,
    monthly: {
      customEvents: formatQuantity(eventBridge.quantity),
      dataEvents: formatQuantity(dataEvents),
      eventBridgeUsd: eventBridgeUsd.toFixed(2),
      loggingUsd: loggingUsd.toFixed(2),
      totalUsd: eventBridgeUsd.plus(loggingUsd).toFixed(2),
    },
    lineItems: [eventBridge, ...logging].map(toLineItem),
    recommendation: rec,
  };
  if (!loggingOn) {
    estimate.ifEnabled = {
      mode: 'trail',
      dataEvents: formatQuantity(trail.quantity),
      loggingUsd: enableUsd.toFixed(2),
    };
  }
  return {
    estimate,
    summary: {
      name: bus.name,
      loggingOn,
      eventBridgeUsd,
      enableUsd,
      loggedCalls: logged,
      action: rec.action,
    },
    // Only the prices this bus's figures used (the trail price backs `ifEnabled` when logging is off).
    prices: [eventBridge, ...(loggingOn ? logging : [trail])].map((cost) => cost.price),
  };
}

/** The assumptions an estimate used, in a stable order. */
function usedAssumptions(
  buses: readonly BusUsage[],
  assumptions: ModelAssumptions,
  prices: readonly CatalogPrice[],
): Assumption[] {
  const modes = new Set(buses.map((bus) => bus.loggingMode));
  const list: Assumption[] = [
    { id: 'month-hours', value: String(MONTH_HOURS), source: 'AWS pricing convention (CONTRACT.md)' },
    {
      id: 'eventbridge.billed-entries',
      value: 'succeeded entries only, each billed per 64 KB chunk (ceil(bytes / 65,536))',
      source: `${DOCS.eventBridgePricing} (64 KB chunks: official; whether failed entries bill: UNCONFIRMED)`,
    },
    {
      id: 'cloudtrail.record-per-request',
      value: 'one data event per PutEvents request, whatever its entry count',
      source: `${DOCS.eventBridgeLogging} (inferred from the documented record, which holds the whole entries[] array)`,
    },
    {
      id: 'cloudtrail.failed-requests-logged',
      value: String(assumptions.failedRequestsLogged),
      source: `${DOCS.recordContents} (errorCode on failed requests; UNCONFIRMED for event buses; the embedded endpoint logs them by default)`,
    },
    {
      id: 'cloudtrail.trail-copies-billed',
      value: 'every trail copy of a data event is billed, including the first',
      source: `${DOCS.trailCosts} (official)`,
    },
  ];
  if ([...modes].some((mode) => BYTE_MODES.includes(mode))) {
    list.push(
      {
        id: 'cloudtrail.record-bytes',
        value: `${assumptions.recordFirstEntryBytes} B for 1 entry + ${assumptions.recordExtraEntryBytes} B per further entry (estimated, not measured)`,
        source: `${DOCS.eventBridgeLogging} (derived from the minified documentation example; real bytes not yet measured)`,
      },
      { id: 'gigabyte', value: '1 GB = 2^30 bytes', source: 'AWS billing convention' },
    );
  }
  if (modes.has('lake-1y')) {
    list.push({
      id: 'lake.retention-days',
      value: String(assumptions.lakeRetentionDays),
      source: `${DOCS.lakeCosts} (366 days included in one-year extendable pricing)`,
    });
  }
  if (modes.has('lake-7y')) {
    list.push({
      id: 'lake.seven-year-tiers',
      value:
        'tiers applied to each bus on its own (the account total is unknown); boundaries 5 TB / 25 TB UNCONFIRMED',
      source: `${DOCS.cloudTrailPricing} (tier boundaries UNCONFIRMED)`,
    });
  }
  if (modes.has('cloudwatch-logs')) {
    list.push({
      id: 'logs.retention-days',
      value: `${assumptions.logsRetentionDays} (stored size taken as ingested size; one trail delivers to the log group)`,
      source: 'busload default (a year of audit logs); CloudWatch Logs prices from the catalog',
    });
  }
  list.push({
    id: 'recommend.problem-share-threshold',
    value: `${new Dec(assumptions.problemShareThreshold).times(100).toFixed()}% of entries failed or of requests failed/throttled`,
    source:
      'busload, after the decision matrix of "EventBridge PutEvents in CloudTrail" (BitsLovers launch article)',
  });
  const seen = new Set<string>();
  for (const price of prices) {
    if (price.confidence === 'official' || price.confidence === 'price-list') continue;
    const id = `price.${price.id}${price.tier ? `.${price.tier.label}` : ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    list.push({
      id,
      value: `${price.confidence} in ${price.region}${price.note ? `: ${price.note}` : ''}`,
      source: price.source,
    });
  }
  return list;
}

/**
 * Prices every bus for a month: monthly quantities = counts x projection factor; custom events from
 * billable chunks; logging by the bus's planned mode (trail: data events x trailCopies; cloudwatch-logs:
 * the trail plus ingest and storage; lake-1y / lake-7y: ingest by estimated record bytes); for a bus with
 * logging off, what a trail would cost (`ifEnabled`) feeds the recommendation and the summary.
 * Throws MissingPriceError when the catalog lacks a price for the region.
 *
 * Worked example (P = `cloudtrail.data-events` per event, C = `eventbridge.custom-events` per chunk):
 * 1,000 requests of 10 one-chunk entries in a 30 s real-time replay (factor 87,600), trail with 1 copy ->
 * 87,600,000 data events x P and 876,000,000 chunks x C a month.
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const assumptions: ModelAssumptions = { ...DEFAULT_ASSUMPTIONS, ...input.assumptions };
  const priced = input.buses.map((bus) => priceBus(bus, input, assumptions));
  const total = priced.reduce((acc, bus) => acc.plus(bus.estimate.monthly.totalUsd), new Dec(0));
  return {
    catalog: { id: input.catalog.id, region: input.region, effectiveDate: input.catalog.effectiveDate },
    projection: input.projection,
    buses: priced.map((bus) => bus.estimate),
    totalMonthlyUsd: total.toFixed(2),
    assumptions: usedAssumptions(
      input.buses,
      assumptions,
      priced.flatMap((bus) => bus.prices),
    ),
    summary: summarizeEstimate(priced.map((bus) => bus.summary)),
  };
}
