/**
 * What-ifs a design review asks of one bus: the bill with full batches, with each logging mode, with one
 * trail copy fewer, and the record size at which a Lake store and a trail cost the same. Pure.
 */
import type { LoggingMode } from '../scenario/types.js';
import { priceFor, unitPriceUsd } from './catalog.js';
import type { ComponentCost } from './components/component-cost.js';
import { LAKE_INCLUDED_RETENTION_DAYS } from './components/lake.js';
import { recordBytesAtEntries } from './components/record-size.js';
import { DEFAULT_TRAIL_FILES_PER_HOUR, trailFilePutsCost } from './components/s3.js';
import { type LoggingRetention, type LoggingVolumes, loggingCosts, TRAIL_MODES } from './logging-costs.js';
import { Dec, formatQuantity, GB_BYTES, MONTH_HOURS, monthDaysOf, toCents } from './money.js';
import type { Catalog, WhatIfs } from './types.js';

/** Entries one PutEvents request may carry (Classic bus). */
const FULL_BATCH_ENTRIES = 10;

const roundedSum = (costs: readonly ComponentCost[]): Dec =>
  costs.reduce((acc, cost) => acc.plus(toCents(cost.costUsd)), new Dec(0));

/** Inputs of {@link whatIfs}. */
export interface WhatIfInput {
  /** The planned mode, or 'trail' for a bus with logging off (what enabling would be). */
  mode: Exclude<LoggingMode, 'off'>;
  volumes: LoggingVolumes;
  retention: LoggingRetention;
  /** Entries a month in the logged requests (succeeded + failed). */
  loggedEntries: Dec;
  /** Mean entries per logged request now. */
  entriesPerRequest: Dec;
  /** Bytes each further entry adds to a record. */
  extraEntryBytes: number;
  catalog: Catalog;
  region: string;
}

/**
 * Record bytes at which one-year Lake ingest (with its retention past 366 days) costs as much per request as
 * the trail (data events x copies, S3 storage of the gzip files, Insights): with D the data-event price,
 * I the Insights price (0 when off), c copies, g the gzip ratio, S the S3 price and r the S3 retention, and
 * L the Lake price per GB (ingest + retention): b* = (c D + I) x 2^30 / (L - c g S r / (730 / 24)).
 * Lake is cheaper below b*, the trail above. Null when the denominator is not positive: the trail's file
 * storage per byte alone costs as much as Lake, so Lake is cheaper at any record size. The S3 PUTs of the
 * trail's files (a monthly amount P that does not grow with record size) count per logged request, P / N, in
 * the numerator beside c D + I, so the crossover agrees with the by-mode prices it is shown beside.
 *
 * Worked example (us-east-1, 1 copy, no Insights, g = 0.125, r = 365, Lake retention 366 days):
 * L = 0.75, c g S r / (730 / 24) = 0.125 x 0.023 x 12 = 0.0345 -> b* = 0.000001 x 2^30 / 0.7155 = 1,500.69 B.
 */
export function trailLakeCrossoverBytes(
  volumes: Pick<LoggingVolumes, 'trailCopies' | 'gzipRatio' | 'insights' | 'loggedRequests'>,
  retention: LoggingRetention,
  catalog: Catalog,
  region: string,
): Dec | null {
  const unit = (id: string) => unitPriceUsd(priceFor(catalog, id, region));
  const monthHours = retention.monthHours ?? MONTH_HOURS;
  const filesPerHour = retention.trailFilesPerHour ?? DEFAULT_TRAIL_FILES_PER_HOUR;
  const putsPerRequest =
    filesPerHour > 0 && volumes.loggedRequests.gt(0)
      ? trailFilePutsCost(
          filesPerHour,
          volumes.loggedRequests,
          volumes.trailCopies,
          priceFor(catalog, 's3.put-requests', region),
          monthHours,
        ).costUsd.div(volumes.loggedRequests)
      : new Dec(0);
  const perRequest = unit('cloudtrail.data-events')
    .times(volumes.trailCopies)
    .plus(volumes.insights ? unit('cloudtrail.data-insights') : 0)
    .plus(putsPerRequest);
  const monthDays = monthDaysOf(monthHours);
  const extraLakeDays = Math.max(0, retention.lakeRetentionDays - LAKE_INCLUDED_RETENTION_DAYS);
  const lakePerGb = unit('cloudtrail.lake-1y.ingest').plus(
    unit('cloudtrail.lake-1y.retention').times(extraLakeDays).div(monthDays),
  );
  const trailStoragePerGb = unit('s3.standard-storage')
    .times(volumes.trailCopies)
    .times(volumes.gzipRatio)
    .times(retention.s3RetentionDays)
    .div(monthDays);
  const denominator = lakePerGb.minus(trailStoragePerGb);
  if (!denominator.gt(0)) return null;
  return perRequest.times(GB_BYTES).div(denominator);
}

/**
 * The what-ifs of one bus. Full batches: the logged entries in requests of 10 (never more requests than
 * now), records grown by `extraEntryBytes` per added entry. By mode: the planned volumes priced in every
 * mode. One fewer copy: only when the mode delivers through 2 or more trails.
 *
 * Worked example: a trail bus logging 35,040,000 requests of 2.5 entries a month (87,600,000 entries) ->
 * full batches are 8,760,000 requests: a quarter of the data events.
 */
export function whatIfs(input: WhatIfInput): WhatIfs {
  const { volumes, retention, catalog, region } = input;
  const price = (mode: LoggingMode, changed: Partial<LoggingVolumes>) =>
    roundedSum(loggingCosts(mode, { ...volumes, ...changed }, retention, catalog, region));
  const now = price(input.mode, {});

  const fullRequests = Dec.min(volumes.loggedRequests, input.loggedEntries.div(FULL_BATCH_ENTRIES));
  const fullEntriesPerRequest = fullRequests.isZero()
    ? new Dec(FULL_BATCH_ENTRIES)
    : input.loggedEntries.div(fullRequests);
  const fullRecordBytes = recordBytesAtEntries(
    volumes.recordBytes,
    input.entriesPerRequest,
    fullEntriesPerRequest,
    input.extraEntryBytes,
  );
  const full = price(input.mode, { loggedRequests: fullRequests, recordBytes: fullRecordBytes });
  const trailMode = TRAIL_MODES.includes(input.mode);

  const byMode = {
    trail: price('trail', {}).toFixed(2),
    'lake-1y': price('lake-1y', {}).toFixed(2),
    'lake-7y': price('lake-7y', {}).toFixed(2),
    'cloudwatch-logs': price('cloudwatch-logs', {}).toFixed(2),
  };
  const crossover = trailLakeCrossoverBytes(volumes, retention, catalog, region);
  const result: WhatIfs = {
    fullBatches: {
      entriesPerRequest: formatQuantity(fullEntriesPerRequest),
      dataEvents: formatQuantity(trailMode ? fullRequests.times(volumes.trailCopies) : fullRequests),
      loggingUsd: full.toFixed(2),
      savingUsd: now.minus(full).toFixed(2),
    },
    loggingUsdByMode: byMode,
    trailVsLake: {
      recordBytes: volumes.recordBytes.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(),
      crossoverRecordBytes:
        crossover === null ? null : crossover.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(),
      cheaper: new Dec(byMode['lake-1y']).lt(byMode.trail) ? 'lake-1y' : 'trail',
    },
  };
  if (trailMode && volumes.trailCopies >= 2) {
    const fewer = price(input.mode, { trailCopies: volumes.trailCopies - 1 });
    result.oneFewerTrailCopy = {
      trailCopies: volumes.trailCopies - 1,
      loggingUsd: fewer.toFixed(2),
      savingUsd: now.minus(fewer).toFixed(2),
    };
  }
  return result;
}
