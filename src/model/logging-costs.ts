/**
 * The logging bill of one bus for one mode: which components each CloudTrail mode brings, priced from the
 * catalog. Pure; used for the planned mode, the what-ifs and the low-high band alike.
 *
 * - trail: data events x trail copies, S3 storage and PUT requests of the gzip files, data-event Insights when
 *   asked;
 * - cloudwatch-logs: the trail's lines plus CloudWatch Logs ingest and storage of the records;
 * - lake-1y: one-year extendable Lake ingest (+ retention past 366 days), queries when stated;
 * - lake-7y: seven-year Lake ingest (tiered), queries when stated.
 */
import type { LoggingMode } from '../scenario/types.js';
import { priceFor, tieredPricesFor } from './catalog.js';
import { dataInsightsCost, trailDataEventsCost } from './components/cloudtrail.js';
import { cloudWatchLogsCosts } from './components/cloudwatch-logs.js';
import type { ComponentCost } from './components/component-cost.js';
import { lakeOneYearCosts, lakeQueryCost, lakeSevenYearCosts } from './components/lake.js';
import { recordGigabytes } from './components/record-size.js';
import {
  DEFAULT_TRAIL_FILES_PER_HOUR,
  trailFilePutsCost,
  trailFilesGigabytes,
  trailFilesStorageCost,
} from './components/s3.js';
import { Dec, MONTH_HOURS, monthDaysOf } from './money.js';
import type { Catalog } from './types.js';

/** Monthly volumes one logging mode is priced from. */
export interface LoggingVolumes {
  /** Logged PutEvents requests a month (after exclusions; before trail copies). */
  loggedRequests: Dec;
  trailCopies: number;
  /** Mean JSON bytes of one record. */
  recordBytes: Dec;
  /** gzip bytes per JSON byte of delivered trail files. */
  gzipRatio: Dec;
  /** Data-event Insights on one trail. */
  insights: boolean;
  /** Lake GB scanned a month by queries (0 = none stated). */
  lakeQueryGbPerMonth: number;
}

/** Retention and the other settings the volume-priced components need. */
export interface LoggingRetention {
  s3RetentionDays: number;
  logsRetentionDays: number;
  lakeRetentionDays: number;
  /** Hours in the priced month (absent: 730, AWS's pricing convention). */
  monthHours?: number;
  /** Trail files each trail copy delivers per hour, for the S3 PUT line (absent: 12; 0 leaves the line out). */
  trailFilesPerHour?: number;
  /** CloudWatch Logs stores the records compressed at the gzip ratio (absent/false: raw bytes). */
  logsStorageCompressed?: boolean;
}

/** Modes that deliver through a trail (data events billed per delivery). */
export const TRAIL_MODES: readonly LoggingMode[] = ['trail', 'cloudwatch-logs'];
/** Modes whose bill depends on record bytes. */
export const BYTE_MODES: readonly LoggingMode[] = ['trail', 'lake-1y', 'lake-7y', 'cloudwatch-logs'];

/**
 * The components of `mode` for these volumes, in bill order. Throws MissingPriceError when the catalog
 * lacks a price for the region.
 *
 * Worked example (us-east-1 bundled catalog): trail, 87,600,000 requests a month, 1 copy, records of
 * 2,048 B, gzip ratio 0.125, files kept 365 days -> data events 87,600,000 x $0.000001 = $87.60; files
 * 87,600,000 x 2,048 x 0.125 / 2^30 = 20.8855... GB a month, stored 20.8855... x 12 = 250.6256... GB-months
 * x $0.023 = $5.76; 12 files an hour x 730 h = 8,760 PUTs x $0.005 / 1,000 = $0.0438 (rounds to $0.04).
 */
export function loggingCosts(
  mode: LoggingMode,
  volumes: LoggingVolumes,
  retention: LoggingRetention,
  catalog: Catalog,
  region: string,
): ComponentCost[] {
  const price = (id: string) => priceFor(catalog, id, region);
  const recordsGb = () => recordGigabytes(volumes.loggedRequests, volumes.recordBytes);
  const monthHours = retention.monthHours ?? MONTH_HOURS;
  const monthDays = monthDaysOf(monthHours);
  const filesPerHour = retention.trailFilesPerHour ?? DEFAULT_TRAIL_FILES_PER_HOUR;
  const trailLines = (): ComponentCost[] => {
    const lines = [
      trailDataEventsCost(volumes.loggedRequests, volumes.trailCopies, price('cloudtrail.data-events')),
      trailFilesStorageCost(
        trailFilesGigabytes(
          volumes.loggedRequests,
          volumes.trailCopies,
          volumes.recordBytes,
          volumes.gzipRatio,
        ),
        retention.s3RetentionDays,
        price('s3.standard-storage'),
        monthDays,
      ),
    ];
    if (filesPerHour > 0 && volumes.loggedRequests.gt(0)) {
      lines.push(
        trailFilePutsCost(
          filesPerHour,
          volumes.loggedRequests,
          volumes.trailCopies,
          price('s3.put-requests'),
          monthHours,
        ),
      );
    }
    if (volumes.insights)
      lines.push(dataInsightsCost(volumes.loggedRequests, price('cloudtrail.data-insights')));
    return lines;
  };
  const queries = (): ComponentCost[] =>
    volumes.lakeQueryGbPerMonth > 0
      ? [lakeQueryCost(new Dec(volumes.lakeQueryGbPerMonth), price('cloudtrail.lake.query'))]
      : [];
  switch (mode) {
    case 'off':
      return [];
    case 'trail':
      return trailLines();
    case 'cloudwatch-logs':
      return [
        ...trailLines(),
        ...cloudWatchLogsCosts(
          recordsGb(),
          retention.logsRetentionDays,
          price('cloudwatch-logs.ingest'),
          price('cloudwatch-logs.storage'),
          retention.logsStorageCompressed ? volumes.gzipRatio : new Dec(1),
          monthDays,
        ),
      ];
    case 'lake-1y':
      return [
        ...lakeOneYearCosts(
          recordsGb(),
          retention.lakeRetentionDays,
          price('cloudtrail.lake-1y.ingest'),
          price('cloudtrail.lake-1y.retention'),
          monthDays,
        ),
        ...queries(),
      ];
    case 'lake-7y':
      return [
        ...lakeSevenYearCosts(recordsGb(), tieredPricesFor(catalog, 'cloudtrail.lake-7y.ingest', region)),
        ...queries(),
      ];
  }
}
