/**
 * The switchable assumptions of the cost model: what each one means, its default, and the unconfirmed ones
 * that can move the bill with their low and high settings (the estimate's band). Every estimate lists the
 * ones it used (./used-assumptions.ts).
 */
import { LAKE_INCLUDED_RETENTION_DAYS } from './components/lake.js';
import { DEFAULT_RECORD_SIZE } from './components/record-size.js';
import {
  DEFAULT_GZIP_RATIO,
  DEFAULT_TRAIL_FILES_PER_HOUR,
  TRAIL_FILES_PER_HOUR_HIGH,
} from './components/s3.js';
import { DEFAULT_PROBLEM_SHARE_THRESHOLD } from './recommend.js';

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
export const BAND_ASSUMPTIONS = [
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
