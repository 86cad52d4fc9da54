/**
 * The cost estimate: per bus, monthly EventBridge custom events and the planned CloudTrail logging (trail
 * data events x copies, S3 storage of the gzip files, Insights; CloudWatch Logs; Lake ingest, retention and
 * queries), each as declared line items priced from the catalog, with exclusions applied (excluded calls
 * shown at $0), a recommendation, the cost per day, what-ifs, the low-high band under the unconfirmed
 * assumptions, the assumptions used, the quota headroom and one summary sentence. Pure: counts, a
 * projection and a parsed catalog in, a CostEstimate (decimal strings) out.
 *
 * Rounding: every line item's monthly USD is rounded half-up to cents on its own; eventBridgeUsd,
 * loggingUsd, totalUsd and totalMonthlyUsd are sums of rounded line items, so the figures add up exactly.
 * Quantities are shown with at most 6 decimals; unit prices are exact.
 */
import type { LoggingMode } from '../scenario/types.js';
import { priceFor } from './catalog.js';
import { loggedRequests } from './components/cloudtrail.js';
import type { ComponentCost } from './components/component-cost.js';
import { customEventsCost } from './components/eventbridge.js';
import { LAKE_INCLUDED_RETENTION_DAYS } from './components/lake.js';
import {
  DECLARED_SOURCE_IP,
  DECLARED_USER_AGENT,
  DEFAULT_RECORD_SIZE,
  estimatedRecordBytes,
  meanEntriesPerRequest,
  measuredMeanRecordBytes,
} from './components/record-size.js';
import {
  DEFAULT_GZIP_RATIO,
  DEFAULT_TRAIL_FILES_PER_HOUR,
  TRAIL_FILES_PER_HOUR_HIGH,
} from './components/s3.js';
import {
  BYTE_MODES,
  type LoggingRetention,
  type LoggingVolumes,
  loggingCosts,
  TRAIL_MODES,
} from './logging-costs.js';
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
import { quotaHeadroom } from './quota.js';
import { costPerDay, DEFAULT_PROBLEM_SHARE_THRESHOLD, recommendation } from './recommend.js';
import { applyExclusions, isConfirmedForEventBuses } from './scope.js';
import { type SummaryBus, summarizeEstimate } from './summary.js';
import type {
  Assumption,
  BusCostEstimate,
  BusUsage,
  Catalog,
  CatalogPrice,
  CostEstimate,
  ExcludedCalls,
  LineItem,
  Projection,
  QuotaInput,
} from './types.js';
import { MODEL_VERSION } from './version.js';
import { whatIfs } from './what-ifs.js';

/** The switchable assumptions of the model; every estimate lists the ones it used. */
export interface ModelAssumptions {
  /**
   * PutEvents requests answered with an error (throttled, denied, invalid, 5xx) are logged as data events.
   * UNCONFIRMED for event buses (docs/aws-behaviour.md §6.4); the embedded endpoint logs them by default.
   */
  failedRequestsLogged: boolean;
  /** Entries that failed are billed as custom events too. UNCONFIRMED (docs/aws-behaviour.md §4); default false. */
  failedEntriesBilled: boolean;
  /** Estimated CloudTrail record bytes of a 1-entry request (docs/aws-behaviour.md §6.2). */
  recordFirstEntryBytes: number;
  /** Estimated bytes each further entry adds to a record (docs/aws-behaviour.md §6.2). */
  recordExtraEntryBytes: number;
  /**
   * Bytes real records add to the estimate (longer principal ARNs, session names, SDK user agents); only
   * used when record bytes are estimated, not measured. Default 0 (the documentation example).
   */
  recordGrowthBytes: number;
  /** Exclusions on selector fields AWS does not confirm for event buses work. UNCONFIRMED; default true. */
  unconfirmedExclusionsHonoured: boolean;
  /** gzip bytes per JSON byte of delivered trail files, when no run measured it. */
  gzipRatio: number;
  /** How long the S3 bucket keeps the trail files. */
  s3RetentionDays: number;
  /** How long a one-year extendable Lake store keeps events (366 = only the included year). */
  lakeRetentionDays: number;
  /** How long the CloudWatch Logs log group keeps delivered events. */
  logsRetentionDays: number;
  /** Share of failed entries or failed requests that calls for pair-with-enhanced-logging. */
  problemShareThreshold: number;
  /**
   * Trail files each trail copy delivers to S3 per hour (one S3 PUT each). UNCONFIRMED: CloudTrail delivers
   * about every 5 minutes (docs/aws-behaviour.md §5.3), so 12 by default; 0 leaves the PUT line out.
   */
  trailFilesPerHour: number;
  /**
   * CloudWatch Logs bills the stored records compressed (at the gzip ratio) rather than raw. UNCONFIRMED;
   * default false (raw bytes, the conservative reading).
   */
  logsStorageCompressed: boolean;
}

/** The bytes real records may add to the documented example, the band's high end (busload's bound). */
export const RECORD_GROWTH_HIGH_BYTES = 400;

/** The defaults: failed requests logged, failed entries not billed, record sizes from docs/aws-behaviour.md §6.2, a year of retention, 1%. */
export const DEFAULT_ASSUMPTIONS: ModelAssumptions = {
  failedRequestsLogged: true,
  failedEntriesBilled: false,
  recordFirstEntryBytes: DEFAULT_RECORD_SIZE.firstEntryBytes,
  recordExtraEntryBytes: DEFAULT_RECORD_SIZE.extraEntryBytes,
  recordGrowthBytes: 0,
  unconfirmedExclusionsHonoured: true,
  gzipRatio: DEFAULT_GZIP_RATIO.toNumber(),
  s3RetentionDays: 365,
  lakeRetentionDays: LAKE_INCLUDED_RETENTION_DAYS,
  logsRetentionDays: 365,
  problemShareThreshold: DEFAULT_PROBLEM_SHARE_THRESHOLD,
  trailFilesPerHour: DEFAULT_TRAIL_FILES_PER_HOUR,
  logsStorageCompressed: false,
};

/**
 * The unconfirmed assumptions that can move the bill, each with its low and high setting; the estimate's
 * band prices every bus with all of them low, then all high.
 */
const BAND_ASSUMPTIONS = [
  {
    id: 'cloudtrail.failed-requests-logged',
    low: { failedRequestsLogged: false },
    high: { failedRequestsLogged: true },
    lowText: 'false',
    highText: 'true',
  },
  {
    id: 'eventbridge.failed-entries-billed',
    low: { failedEntriesBilled: false },
    high: { failedEntriesBilled: true },
    lowText: 'false',
    highText: 'true',
  },
  {
    id: 'cloudtrail.record-growth-bytes',
    low: { recordGrowthBytes: 0 },
    high: { recordGrowthBytes: RECORD_GROWTH_HIGH_BYTES },
    lowText: '0',
    highText: String(RECORD_GROWTH_HIGH_BYTES),
  },
  {
    id: 'scope.unconfirmed-fields-honoured',
    low: { unconfirmedExclusionsHonoured: true },
    high: { unconfirmedExclusionsHonoured: false },
    lowText: 'true',
    highText: 'false',
  },
  {
    id: 's3.trail-file-puts',
    low: { trailFilesPerHour: DEFAULT_TRAIL_FILES_PER_HOUR },
    high: { trailFilesPerHour: TRAIL_FILES_PER_HOUR_HIGH },
    lowText: String(DEFAULT_TRAIL_FILES_PER_HOUR),
    highText: String(TRAIL_FILES_PER_HOUR_HIGH),
  },
  {
    id: 'logs.storage-bytes',
    low: { logsStorageCompressed: true },
    high: { logsStorageCompressed: false },
    lowText: 'compressed',
    highText: 'raw',
  },
] as const satisfies ReadonlyArray<{
  id: string;
  low: Partial<ModelAssumptions>;
  high: Partial<ModelAssumptions>;
  lowText: string;
  highText: string;
}>;

/** Input of {@link estimateCost}. */
export interface EstimateInput {
  buses: BusUsage[];
  projection: Projection;
  catalog: Catalog;
  region: string;
  assumptions?: Partial<ModelAssumptions>;
  /** The account's peak PutEvents requests/s and the region's quota, for the headroom (optional). */
  quota?: QuotaInput;
  /**
   * Price a calendar month (its hours, e.g. 672 for February 2027) instead of the 730-hour month AWS's
   * pricing pages use. Volumes scale by hours / 730; storage (GB-months) does not change.
   */
  month?: CalendarMonth;
  /** How declared volumes were found (`busload cost <scenario>`), listed after the model's assumptions. */
  volumeAssumptions?: Assumption[];
}

const DOCS = {
  eventBridgePricing: 'https://aws.amazon.com/eventbridge/pricing/',
  eventBridgeApi: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html',
  cloudTrailPricing: 'https://aws.amazon.com/cloudtrail/pricing/',
  eventBridgeLogging:
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/logging-using-cloudtrail.html',
  recordContents:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html',
  trailCosts: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trail-manage-costs.html',
  lakeCosts: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-lake-manage-costs.html',
  selectors:
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudtrail-trail-advancedeventselector.html',
  findLogFiles: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html',
  quotas: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html',
  cloudWatchPricing: 'https://aws.amazon.com/cloudwatch/pricing/',
};

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

const monthHoursOf = (input: EstimateInput): number => input.month?.hours ?? MONTH_HOURS;

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
type RecordBytesBasis = 'measured' | 'serialized' | 'linear';

interface PricedBus {
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

function priceBus(bus: BusUsage, input: EstimateInput, assumptions: ModelAssumptions): PricedBus {
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

/** Facts about the buses that decide which assumptions an estimate lists. */
interface UsedContext {
  buses: readonly BusUsage[];
  prices: readonly CatalogPrice[];
  /** Some bus had its record bytes from the linear assumption for a volume-priced line. */
  recordBytesEstimated: boolean;
  /** Some bus had its record bytes from the serializer on its declared calls, for a volume-priced line. */
  recordBytesSerialized: boolean;
  recordBytesMeasured: boolean;
}

/** The assumptions an estimate used, in a stable order. */
function usedAssumptions(
  context: UsedContext,
  assumptions: ModelAssumptions,
  month: CalendarMonth | undefined,
): Assumption[] {
  const { buses, prices } = context;
  const modes = new Set(buses.map((bus) => bus.loggingMode));
  const anyTrail = buses.some((bus) => bus.loggingMode === 'off' || TRAIL_MODES.includes(bus.loggingMode));
  const list: Assumption[] = [
    month
      ? {
          id: 'month-hours',
          value: `${month.hours} (calendar month ${month.label}: ${month.hours / 24} days x 24 h; volumes scale by ${month.hours} / ${MONTH_HOURS}, storage in GB-months does not)`,
          source:
            'busload cost --month: the hours of that calendar month (UTC), instead of the 730-hour convention',
          confirmed: true,
        }
      : {
          id: 'month-hours',
          value: `${MONTH_HOURS} (AWS's pricing convention, not a fact about any bill: a calendar month has 672 to 744 hours; busload cost --month YYYY-MM prices one)`,
          source:
            'AWS pricing convention: a month of 730 hours, as AWS pricing pages and the AWS Pricing Calculator use',
          confirmed: true,
        },
    {
      id: 'eventbridge.billed-entries',
      value: 'each entry is billed per 64 KB chunk (ceil(bytes / 65,536))',
      source: `${DOCS.eventBridgePricing} (64 KB chunks: official)`,
      confirmed: true,
    },
    {
      id: 'eventbridge.failed-entries-billed',
      value: String(assumptions.failedEntriesBilled),
      source: `${DOCS.eventBridgePricing} ("events published"; whether failed entries bill is UNCONFIRMED, docs/aws-behaviour.md §4)`,
      confirmed: false,
    },
    {
      id: 'eventbridge.request-size-limit',
      value:
        '1,048,576 B of entries per PutEvents request (older documents say 256 KB; only entries or batches over 262,144 B would bill differently)',
      source: `${DOCS.eventBridgeApi} ("less than 1 MB"; exact byte count UNCONFIRMED, docs/aws-behaviour.md §2)`,
      confirmed: false,
    },
    {
      id: 'cloudtrail.record-per-request',
      value: 'one data event per PutEvents request, whatever its entry count',
      source: `${DOCS.eventBridgeLogging} (inferred from the documented record, which holds the whole entries[] array)`,
      confirmed: false,
    },
    {
      id: 'cloudtrail.failed-requests-logged',
      value: String(assumptions.failedRequestsLogged),
      source: `${DOCS.recordContents} (errorCode on failed requests; UNCONFIRMED for event buses whether throttled, denied or invalid calls become data events; the embedded endpoint logs them by default)`,
      confirmed: false,
    },
    {
      id: 'cloudtrail.trail-copies-billed',
      value: 'every trail copy of a data event is billed, including the first',
      source: `${DOCS.trailCosts} (official)`,
      confirmed: true,
    },
  ];
  if (context.recordBytesEstimated) {
    list.push({
      id: 'cloudtrail.record-bytes',
      value: `${assumptions.recordFirstEntryBytes} B for 1 entry + ${assumptions.recordExtraEntryBytes} B per further entry (estimated, not measured)`,
      source: `${DOCS.eventBridgeLogging} (derived from the minified documentation example, docs/aws-behaviour.md §6.2)`,
      confirmed: false,
    });
  }
  if (context.recordBytesSerialized) {
    list.push({
      id: 'cloudtrail.record-bytes-serialized',
      value:
        "record bytes of each declared call as busload's CloudTrail record serializer writes them (the embedded endpoint's): " +
        "the producer's principal as an assumed-role session, its source and detail types, the bus, the region, " +
        `tlsDetails with Host events.<region>.amazonaws.com, caller IP ${DECLARED_SOURCE_IP}, user agent "${DECLARED_USER_AGENT}"; ` +
        'callers excluded by selectors are left out of the mean',
      source: `${DOCS.eventBridgeLogging} (record shape as documented)`,
      confirmed: false,
    });
  }
  if (context.recordBytesEstimated || context.recordBytesSerialized) {
    list.push({
      id: 'cloudtrail.record-growth-bytes',
      value: `${assumptions.recordGrowthBytes} B added to every record not measured (other SDKs' user agents, longer principal ARNs and session names grow records; the band's high end adds ${RECORD_GROWTH_HIGH_BYTES} B)`,
      source: 'busload (a run measures the real bytes: busload run)',
      confirmed: false,
    });
  }
  if (context.recordBytesMeasured) {
    list.push({
      id: 'cloudtrail.record-bytes-measured',
      value:
        "record bytes measured from the embedded endpoint's trail records (JSON as delivered; the real SDK's user agent, the scenario's principals)",
      source: `${DOCS.eventBridgeLogging} (record shape as documented, docs/aws-behaviour.md §6.2)`,
      confirmed: false,
    });
  }
  if (anyTrail) {
    list.push({
      id: 's3.trail-files',
      value: `gzip ratio ${measuredOrAssumedGzip(buses, assumptions)}; files kept ${assumptions.s3RetentionDays} days in S3 Standard (steady state); one file set per trail copy`,
      source: `${DOCS.findLogFiles} (gzip files; CloudTrail's compression level UNCONFIRMED)`,
      confirmed: false,
    });
    list.push({
      id: 's3.trail-file-puts',
      value:
        assumptions.trailFilesPerHour > 0
          ? `${assumptions.trailFilesPerHour} trail files delivered per hour per trail copy, one S3 PUT each, for every hour of the month ` +
            `(a trail shared by several buses is counted for each; the band's high end is ${TRAIL_FILES_PER_HOUR_HIGH}/hour)`
          : `0: S3 PUT requests of trail files left out (--assume trailFilesPerHour=0; the band's high end is ${TRAIL_FILES_PER_HOUR_HIGH}/hour)`,
      source: `${DOCS.findLogFiles} (CloudTrail delivers about every 5 minutes, docs/aws-behaviour.md §5.3; files per hour UNCONFIRMED)`,
      confirmed: false,
    });
  }
  list.push({
    id: 'gigabyte',
    value: '1 GB = 2^30 bytes',
    source: 'AWS billing convention',
    confirmed: true,
  });
  if (modes.has('lake-1y')) {
    list.push({
      id: 'lake.retention-days',
      value: String(assumptions.lakeRetentionDays),
      source: `${DOCS.lakeCosts} (366 days included in one-year extendable pricing)`,
      confirmed: true,
    });
  }
  if (modes.has('lake-7y')) {
    list.push({
      id: 'lake.seven-year-tiers',
      value:
        'tiers applied to each bus on its own (the account total is unknown); boundaries 5 TB / 25 TB UNCONFIRMED',
      source: `${DOCS.cloudTrailPricing} (tier boundaries UNCONFIRMED)`,
      confirmed: false,
    });
  }
  if (modes.has('cloudwatch-logs')) {
    list.push({
      id: 'logs.retention-days',
      value: `${assumptions.logsRetentionDays} (one trail delivers to the log group)`,
      source: 'busload default (a year of audit logs); CloudWatch Logs prices from the catalog',
      confirmed: false,
    });
    list.push({
      id: 'logs.storage-bytes',
      value: assumptions.logsStorageCompressed
        ? `compressed: stored GB = ingested GB x the gzip ratio ${measuredOrAssumedGzip(buses, assumptions)} (--assume logsStorageCompressed=true)`
        : 'raw: stored GB = ingested GB (the conservative reading; --assume logsStorageCompressed=true stores them at the gzip ratio)',
      source: `${DOCS.cloudWatchPricing} (whether storage is billed on compressed or raw bytes UNCONFIRMED, docs/aws-behaviour.md §5.3)`,
      confirmed: false,
    });
  }
  if (buses.some((bus) => bus.scope?.insights)) {
    list.push({
      id: 'cloudtrail.data-insights',
      value: 'each logged data event analyzed once (Insights on one trail, data-event Insights only)',
      source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/insights-events-costs.html',
      confirmed: true,
    });
  }
  const exclusions = buses.flatMap((bus) =>
    (bus.scope?.exclusions ?? []).map((exclusion) => ({ bus, exclusion })),
  );
  if (exclusions.length > 0) {
    list.push({
      id: 'scope.exclusions',
      value:
        'a call matching any exclusion is not logged and costs nothing (NotEquals / NotStartsWith / NotEndsWith conditions); ' +
        'roles are matched as the assumed-role session ARN CloudTrail records',
      source: `${DOCS.selectors} (official operators)`,
      confirmed: true,
    });
    const unconfirmed = exclusions.filter(({ exclusion }) => !isConfirmedForEventBuses(exclusion.field));
    if (unconfirmed.length > 0) {
      list.push({
        id: 'scope.unconfirmed-fields-honoured',
        value:
          `${String(assumptions.unconfirmedExclusionsHonoured)}: ${[...new Set(unconfirmed.map(({ bus, exclusion }) => `${bus.name}: ${exclusion.field}`))].join(', ')} ` +
          'not confirmed by AWS for AWS::Events::EventBus (confirmed: eventName, readOnly, resources.ARN)',
        source: `${DOCS.eventBridgeLogging} (docs/aws-behaviour.md §6.1)`,
        confirmed: false,
      });
    }
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
      confirmed: false,
    });
  }
  return list;
}

function measuredOrAssumedGzip(buses: readonly BusUsage[], assumptions: ModelAssumptions): string {
  const measured = buses.find((bus) => bus.measuredTrail?.gzipRatio != null)?.measuredTrail?.gzipRatio;
  if (measured !== undefined && measured !== null) {
    return `${new Dec(measured).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed()} (measured on the delivered files)`;
  }
  return `${new Dec(assumptions.gzipRatio).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed()} (1 / 8.8, the embedded endpoint's files at gzip level 1)`;
}

/** The bus's (or, logging off, a trail's) bill depends on record bytes. */
const byVolume = (bus: BusUsage): boolean =>
  BYTE_MODES.includes(bus.loggingMode === 'off' ? 'trail' : bus.loggingMode);

/** Monthly totals per bus (and all together) under one set of assumptions. */
function totalsUnder(input: EstimateInput, assumptions: ModelAssumptions): { buses: Dec[]; total: Dec } {
  const buses = input.buses.map(
    (bus) => new Dec(priceBus(bus, input, assumptions).estimate.monthly.totalUsd),
  );
  return { buses, total: buses.reduce((acc, value) => acc.plus(value), new Dec(0)) };
}

/**
 * Prices every bus for a month: monthly quantities = counts x projection factor; custom events from
 * billable chunks; logging by the bus's planned mode and scope (./logging-costs.ts); for a bus with logging
 * off, what a trail would cost (`ifEnabled`) feeds the recommendation and the summary. Adds per bus the
 * cost per day, the record bytes used, the excluded calls, the what-ifs, and the low-high band under the
 * unconfirmed assumptions (each assumption's own band is in `assumptions[].band`); with `quota`, the
 * account's quota headroom. Throws MissingPriceError when the catalog lacks a price for the region.
 *
 * Worked example (P = `cloudtrail.data-events` per event, C = `eventbridge.custom-events` per chunk):
 * 1,000 requests of 10 one-chunk entries in a 30 s real-time replay (factor 87,600), trail with 1 copy ->
 * 87,600,000 data events x P and 876,000,000 chunks x C a month, plus the S3 storage of the trail files.
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const assumptions: ModelAssumptions = { ...DEFAULT_ASSUMPTIONS, ...input.assumptions };
  const priced = input.buses.map((bus) => priceBus(bus, input, assumptions));
  const total = priced.reduce((acc, bus) => acc.plus(bus.estimate.monthly.totalUsd), new Dec(0));

  // The band: every bus priced with all unconfirmed assumptions low, then high.
  const lowSet: ModelAssumptions = { ...assumptions };
  const highSet: ModelAssumptions = { ...assumptions };
  for (const band of BAND_ASSUMPTIONS) {
    Object.assign(lowSet, band.low);
    Object.assign(highSet, band.high);
  }
  const low = totalsUnder(input, lowSet);
  const high = totalsUnder(input, highSet);
  priced.forEach((bus, index) => {
    const current = new Dec(bus.estimate.monthly.totalUsd);
    bus.estimate.band = {
      lowUsd: Dec.min(current, low.buses[index]!, high.buses[index]!).toFixed(2),
      highUsd: Dec.max(current, low.buses[index]!, high.buses[index]!).toFixed(2),
    };
  });

  const list = usedAssumptions(
    {
      buses: input.buses,
      prices: priced.flatMap((bus) => bus.prices),
      recordBytesEstimated: priced.some(
        (bus, index) => bus.recordBytesBasis === 'linear' && byVolume(input.buses[index]!),
      ),
      recordBytesSerialized: priced.some(
        (bus, index) => bus.recordBytesBasis === 'serialized' && byVolume(input.buses[index]!),
      ),
      recordBytesMeasured: priced.some((bus) => bus.recordBytesBasis === 'measured'),
    },
    assumptions,
    input.month,
  );
  list.push(...(input.volumeAssumptions ?? []));
  for (const band of BAND_ASSUMPTIONS) {
    const entry = list.find((assumption) => assumption.id === band.id);
    if (!entry) continue;
    const lowTotal = totalsUnder(input, { ...assumptions, ...band.low }).total;
    const highTotal = totalsUnder(input, { ...assumptions, ...band.high }).total;
    entry.band = {
      lowUsd: lowTotal.toFixed(2),
      highUsd: highTotal.toFixed(2),
      low: band.lowText,
      high: band.highText,
    };
  }

  const monthHours = monthHoursOf(input);
  const estimate: CostEstimate = {
    modelVersion: MODEL_VERSION,
    catalog: {
      id: input.catalog.id,
      region: input.region,
      effectiveDate: input.catalog.effectiveDate,
      ...(input.catalog.sha256 ? { sha256: input.catalog.sha256 } : {}),
    },
    month: input.month
      ? { label: input.month.label, hours: monthHours, basis: 'calendar month' }
      : { label: `${MONTH_HOURS} h`, hours: MONTH_HOURS, basis: "AWS's pricing convention" },
    projection: input.projection,
    buses: priced.map((bus) => bus.estimate),
    totalMonthlyUsd: total.toFixed(2),
    assumptions: list,
    summary: summarizeEstimate(priced.map((bus) => bus.summary)),
    totalBandUsd: {
      lowUsd: Dec.min(total, low.total, high.total).toFixed(2),
      highUsd: Dec.max(total, low.total, high.total).toFixed(2),
    },
  };
  if (input.quota) estimate.quotaHeadroom = quotaHeadroom(input.quota);
  return estimate;
}
