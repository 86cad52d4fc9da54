/**
 * Estimated size of the CloudTrail record of one PutEvents request, for the logging modes priced by
 * volume (CloudTrail Lake, CloudWatch Logs). This is an ASSUMPTION: the sizes come from the minified
 * documentation example (aws-facts §6.2) and grow with principal ARNs, user agents, sources and detail
 * types. A run measures the real bytes from the endpoint's trail records ({@link measuredMeanRecordBytes});
 * the estimate is used only without one.
 */
import { Dec, GB_BYTES } from '../money.js';
import type { UsageCounts } from '../types.js';

/** The record-size assumption: bytes of a 1-entry record and bytes each further entry adds. */
export interface RecordSizeAssumption {
  firstEntryBytes: number;
  extraEntryBytes: number;
}

/** aws-facts §6.2: about 1,450 bytes for 1 entry, about 174 bytes per further entry (3,000 for 10). */
export const DEFAULT_RECORD_SIZE: RecordSizeAssumption = { firstEntryBytes: 1450, extraEntryBytes: 174 };

/** Entries one request can carry (PutEvents, Classic bus). */
const MAX_ENTRIES_PER_REQUEST = 10;

/**
 * Mean entries per PutEvents request: (succeeded + failed entries) / (succeeded + failed requests),
 * clamped to 1..10 (resent entries make the ratio approximate). 1 when there are no requests.
 *
 * Worked example: 9,500 + 500 entries over 1,000 + 0 requests -> 10; 15 entries over 10 requests -> 1.5.
 */
export function meanEntriesPerRequest(counts: UsageCounts): Dec {
  const requests = counts.requestsSucceeded + counts.requestsFailed;
  if (requests <= 0) return new Dec(1);
  const ratio = new Dec(counts.entriesSucceeded + counts.entriesFailed).div(requests);
  return Dec.min(MAX_ENTRIES_PER_REQUEST, Dec.max(1, ratio));
}

/**
 * Estimated bytes of one record: firstEntryBytes + extraEntryBytes x (entries - 1). The formula is
 * linear, so applying it to the mean entries per request gives the mean record size exactly.
 *
 * Worked example with the default assumption: 1 entry -> 1,450 B; 10 entries -> 1,450 + 9 x 174 = 3,016 B;
 * a mean of 1.5 entries -> 1,450 + 0.5 x 174 = 1,537 B.
 */
export function estimatedRecordBytes(
  entriesPerRequest: Dec,
  size: RecordSizeAssumption = DEFAULT_RECORD_SIZE,
): Dec {
  return new Dec(size.firstEntryBytes).plus(entriesPerRequest.minus(1).times(size.extraEntryBytes));
}

/**
 * Gigabytes (2^30 bytes) of `records` records of `recordBytes` each.
 *
 * Worked example: 1,048,576 records x 1,024 B = 2^30 B = 1 GB.
 */
export function recordGigabytes(records: Dec, recordBytes: Dec): Dec {
  return records.times(recordBytes).div(GB_BYTES);
}

/**
 * Mean bytes of measured records (the JSON the endpoint wrote): bytes / records; null with no records.
 *
 * Worked example: 40 records of 61,240 bytes in all -> 1,531 B each.
 */
export function measuredMeanRecordBytes(records: number, recordBytes: number): Dec | null {
  return records > 0 ? new Dec(recordBytes).div(records) : null;
}

/**
 * A mean record size moved to another number of entries per request: every further entry adds
 * `extraEntryBytes` (the same linear model as {@link estimatedRecordBytes}).
 *
 * Worked example: a measured 1,600 B at 3 entries per request, 174 B per entry -> 1,600 + 7 x 174 =
 * 2,818 B at 10 entries.
 */
export function recordBytesAtEntries(
  meanBytes: Dec,
  fromEntriesPerRequest: Dec,
  toEntriesPerRequest: Dec,
  extraEntryBytes: number,
): Dec {
  return meanBytes.plus(toEntriesPerRequest.minus(fromEntriesPerRequest).times(extraEntryBytes));
}
