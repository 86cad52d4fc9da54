/**
 * The assumptions an estimate lists: the month, the billing facts it relies on (each with its source and
 * whether AWS confirms it), the switchable assumptions at the values used, and the catalog prices that are
 * not official. Pure: the priced buses' facts in, Assumption[] out.
 */

import { type ModelAssumptions, RECORD_GROWTH_HIGH_BYTES } from './assumptions.js';
import { DECLARED_SOURCE_IP, DECLARED_USER_AGENT } from './components/record-size.js';
import { TRAIL_FILES_PER_HOUR_HIGH } from './components/s3.js';
import { TRAIL_MODES } from './logging-costs.js';
import { type CalendarMonth, Dec, MONTH_HOURS } from './money.js';
import { isConfirmedForEventBuses } from './scope.js';
import type { Assumption, BusUsage, CatalogPrice } from './types.js';

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

/** Facts about the buses that decide which assumptions an estimate lists. */
export interface UsedContext {
  buses: readonly BusUsage[];
  prices: readonly CatalogPrice[];
  /** Some bus had its record bytes from the linear assumption for a volume-priced line. */
  recordBytesEstimated: boolean;
  /** Some bus had its record bytes from the serializer on its declared calls, for a volume-priced line. */
  recordBytesSerialized: boolean;
  recordBytesMeasured: boolean;
}

/** The assumptions an estimate used, in a stable order. */
export function usedAssumptions(
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
