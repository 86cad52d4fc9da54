/**
 * The price of one bus for a month: EventBridge custom events from its billable chunks, its planned logging
 * (trail copies, S3, Insights, CloudWatch Logs, Lake) from the logged requests and record bytes, selector
 * exclusions shown at $0, what a trail would cost when logging is off, the recommendation, the cost per day
 * and the what-ifs. Pure: the bus's usage, a projection and a parsed catalog in, decimal strings out.
 */
import type { LoggingMode } from '../scenario/types.js';
import type { ModelAssumptions } from './assumptions.js';
import { priceFor } from './catalog.js';
import { loggedRequests } from './components/cloudtrail.js';
import type { ComponentCost } from './components/component-cost.js';
import { customEventsCost } from './components/eventbridge.js';
import {
  estimatedRecordBytes,
  meanEntriesPerRequest,
  measuredMeanRecordBytes,
} from './components/record-size.js';
import { type LoggingRetention, type LoggingVolumes, loggingCosts, TRAIL_MODES } from './logging-costs.js';
import {
  type CalendarMonth,
  Dec,
  formatExact,
  formatQuantity,
  formatUsd,
  MONTH_HOURS,
  monthDaysOf,
  toCents,
} from './money.js';
import { costPerDay, recommendation } from './recommend.js';
import { applyExclusions, isConfirmedForEventBuses } from './scope.js';
import type { SummaryBus } from './summary.js';
import type {
  BusCostEstimate,
  BusUsage,
  Catalog,
  CatalogPrice,
  ExcludedCalls,
  LineItem,
  Projection,
} from './types.js';
import { whatIfs } from './what-ifs.js';

/** What pricing a bus needs besides its usage (a subset of the estimate's input). */
export interface PricingContext {
  projection: Projection;
  catalog: Catalog;
  region: string;
  /** A calendar month to price instead of the 730-hour month. */
  month?: CalendarMonth;
}

/**
 * monthly = count x factor x monthHours / 730, using the exact ratio when the projection has one (division
 * last). Projections are to a 730-hour month; a calendar month rescales them.
 */
function projector(projection: Projection, monthHours: number): (count: number) => Dec {
  const ratio = projection.ratio;
  const numerator = new Dec(ratio ? ratio.numerator : projection.factor).times(monthHours);
  const denominator = new Dec(ratio ? ratio.denominator : 1).times(MONTH_HOURS);
  return (count) => new Dec(count).times(numerator).div(denominator);
}

/** The hours of the month priced: the calendar month's, else the 730-hour convention. */
export const monthHoursOf = (input: Pick<PricingContext, 'month'>): number =>
  input.month?.hours ?? MONTH_HOURS;

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

/** Where a bus's record bytes came from: the run's trail, the serializer on declared calls, the linear assumption. */
export type RecordBytesBasis = 'measured' | 'serialized' | 'linear';

export interface PricedBus {
  estimate: BusCostEstimate;
  summary: SummaryBus;
  prices: CatalogPrice[];
  recordBytesBasis: RecordBytesBasis;
}

function retentionOf(assumptions: ModelAssumptions, monthHours: number): LoggingRetention {
  return {
    s3RetentionDays: assumptions.s3RetentionDays,
    logsRetentionDays: assumptions.logsRetentionDays,
    lakeRetentionDays: assumptions.lakeRetentionDays,
    monthHours,
    trailFilesPerHour: assumptions.trailFilesPerHour,
    logsStorageCompressed: assumptions.logsStorageCompressed,
  };
}

function describeExclusion(exclusion: { field: string; operator: string; values: string[] }): string {
  return `${exclusion.field} ${exclusion.operator} ${exclusion.values.join(' | ')}`;
}

/**
 * Prices one bus under one set of assumptions (see {@link estimateCost} in ./estimate.ts for the whole estimate).
 * @param bus - the bus's counts, logging and scope
 * @param input - projection, catalog, region and month
 * @param assumptions - the full set of assumptions to price under
 */
export function priceBus(bus: BusUsage, input: PricingContext, assumptions: ModelAssumptions): PricedBus {
  const { catalog, region } = input;
  const monthHours = monthHoursOf(input);
  const monthly = projector(input.projection, monthHours);
  const { counts } = bus;
  const scope = bus.scope;

  // Custom events: succeeded entries' chunks (and, under the assumption, the failed entries' too).
  const chunksPerEntry = counts.entriesSucceeded > 0 ? counts.billableChunks / counts.entriesSucceeded : 1;
  const chunks = monthly(counts.billableChunks).plus(
    assumptions.failedEntriesBilled ? monthly(counts.entriesFailed).times(chunksPerEntry) : 0,
  );
  const eventBridge = customEventsCost(chunks, priceFor(catalog, 'eventbridge.custom-events', region));

  // Which requests are logged: one record per request, failed ones under the assumption, minus exclusions.
  const eligible = monthly(loggedRequests(counts, assumptions.failedRequestsLogged));
  const exclusions = scope?.exclusions ?? [];
  const shares = applyExclusions(
    exclusions,
    bus.busArn,
    bus.principals,
    assumptions.unconfirmedExclusionsHonoured,
  );
  const logged = eligible.times(new Dec(1).minus(shares.excludedShare));
  const excludedRequests = eligible.minus(logged);

  // Record bytes: measured from the endpoint's trail when there is one, else the declared calls sized by the
  // endpoint's serializer, else the linear assumption. Callers left out by exclusions are left out of the mean.
  const entriesPerRequest = meanEntriesPerRequest(counts);
  const measured = bus.measuredTrail;
  const sized = measured ?? bus.serializedRecords;
  let recordBytes = sized ? measuredMeanRecordBytes(sized.records, sized.recordBytes) : null;
  const loggedCallers = shares.loggedPrincipals;
  if (
    recordBytes !== null &&
    loggedCallers &&
    loggedCallers.length > 0 &&
    loggedCallers.every((p) => p.recordBytes !== undefined)
  ) {
    const records = loggedCallers.reduce((sum, p) => sum + p.requests, 0);
    const bytes = loggedCallers.reduce((sum, p) => sum + (p.recordBytes ?? 0), 0);
    recordBytes = measuredMeanRecordBytes(records, bytes) ?? recordBytes;
  }
  const recordBytesMeasured = measured !== undefined && recordBytes !== null;
  const recordBytesBasis: RecordBytesBasis = recordBytesMeasured
    ? 'measured'
    : recordBytes !== null
      ? 'serialized'
      : 'linear';
  const meanRecordBytes = recordBytesMeasured
    ? recordBytes!
    : (
        recordBytes ??
        estimatedRecordBytes(entriesPerRequest, {
          firstEntryBytes: assumptions.recordFirstEntryBytes,
          extraEntryBytes: assumptions.recordExtraEntryBytes,
        })
      ).plus(assumptions.recordGrowthBytes);
  const extraEntryBytes =
    !recordBytesMeasured && bus.serializedRecords
      ? bus.serializedRecords.entryBytes
      : assumptions.recordExtraEntryBytes;
  const gzipRatio =
    measured?.gzipRatio !== null && measured?.gzipRatio !== undefined
      ? new Dec(measured.gzipRatio)
      : new Dec(assumptions.gzipRatio);

  const volumes: LoggingVolumes = {
    loggedRequests: logged,
    trailCopies: bus.trailCopies,
    recordBytes: meanRecordBytes,
    gzipRatio,
    insights: scope?.insights ?? false,
    lakeQueryGbPerMonth: scope?.lakeQueryGbPerMonth ?? 0,
  };
  const retention = retentionOf(assumptions, monthHours);
  const loggingOn = bus.loggingMode !== 'off';
  const enableMode: Exclude<LoggingMode, 'off'> = bus.loggingMode === 'off' ? 'trail' : bus.loggingMode;
  const logging = loggingCosts(bus.loggingMode, volumes, retention, catalog, region);
  const enableCosts = loggingOn ? logging : loggingCosts('trail', volumes, retention, catalog, region);

  const eventBridgeUsd = toCents(eventBridge.costUsd);
  const loggingUsd = roundedSum(logging);
  const enableUsd = roundedSum(enableCosts);
  const dataEvents = TRAIL_MODES.includes(bus.loggingMode)
    ? logged.times(bus.trailCopies)
    : loggingOn
      ? logged
      : new Dec(0);

  const lineItems = [eventBridge, ...logging].map(toLineItem);
  let excluded: ExcludedCalls | undefined;
  if (exclusions.length > 0) {
    const wouldCost = roundedSum(
      loggingCosts(enableMode, { ...volumes, loggedRequests: excludedRequests }, retention, catalog, region),
    );
    excluded = {
      requests: formatQuantity(excludedRequests),
      wouldCostUsd: wouldCost.toFixed(2),
      exclusions: exclusions.map((exclusion, index) => {
        const matched = shares.matchedShares[index];
        return {
          field: exclusion.field,
          operator: exclusion.operator,
          values: [...exclusion.values],
          confirmedForEventBuses: isConfirmedForEventBuses(exclusion.field),
          matchedRequests:
            matched === null || matched === undefined ? null : formatQuantity(eligible.times(matched)),
        };
      }),
    };
    if (loggingOn) {
      const copies = TRAIL_MODES.includes(bus.loggingMode) ? bus.trailCopies : 1;
      lineItems.push({
        component: `Excluded by selectors, not logged (${exclusions.map(describeExclusion).join('; ')})`,
        quantity: formatQuantity(excludedRequests.times(copies)),
        unit: TRAIL_MODES.includes(bus.loggingMode) ? 'data event' : 'record',
        unitPriceUsd: '0',
        monthlyUsd: '0.00',
        priceId: 'cloudtrail.data-events',
      });
    }
  }

  const rec = recommendation({
    classification: bus.classification,
    loggingMode: bus.loggingMode,
    eventBridgeUsd,
    enableUsd,
    failedEntryShare: share(counts.entriesFailed, counts.entriesSucceeded + counts.entriesFailed),
    failedRequestShare: share(counts.requestsFailed, counts.requestsSucceeded + counts.requestsFailed),
    problemShareThreshold: assumptions.problemShareThreshold,
    window: scope?.window ?? null,
    monthDays: monthDaysOf(monthHours),
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
    lineItems,
    recommendation: rec,
  };
  if (!loggingOn) {
    estimate.ifEnabled = {
      mode: 'trail',
      dataEvents: formatQuantity(logged.times(bus.trailCopies)),
      loggingUsd: enableUsd.toFixed(2),
    };
  }
  estimate.loggingUsdPerDay = costPerDay(enableUsd, monthDaysOf(monthHours)).toFixed(2);
  estimate.recordBytes = {
    mean: meanRecordBytes.toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed(),
    basis: recordBytesMeasured ? 'measured' : 'estimated',
  };
  if (excluded) estimate.excluded = excluded;
  const loggedEntries = monthly(counts.entriesSucceeded + counts.entriesFailed).times(
    new Dec(1).minus(shares.excludedShare),
  );
  estimate.whatIfs = whatIfs({
    mode: enableMode,
    volumes,
    retention,
    loggedEntries,
    entriesPerRequest,
    extraEntryBytes,
    catalog,
    region,
  });
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
    // Only the prices this bus's figures used (the trail prices back `ifEnabled` when logging is off).
    prices: [eventBridge, ...enableCosts].map((cost) => cost.price),
    recordBytesBasis,
  };
}
