/**
 * PutEvents' limits and AWS's entry-size formula, defined once for the schedule, the scenario checks, the
 * emulator, the workers and the cost model. Pure: no I/O, no clock.
 *
 * Sources (docs/aws-behaviour.md §2 and §4):
 * - PutEvents API reference, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 *   (1 to 10 entries; the entries of a request total under 1 MB);
 * - "Calculating PutEvents event entry size",
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html#eb-putevent-size;
 * - EventBridge pricing, https://aws.amazon.com/eventbridge/pricing/ (each 64 KB chunk of an entry is billed
 *   as one event).
 */

/** Most entries one PutEvents request may carry (docs/aws-behaviour.md §2). */
export const MAX_ENTRIES_PER_REQUEST = 10;

/**
 * Largest total entry size of one PutEvents request: "less than 1 MB" (docs/aws-behaviour.md §2), taken as
 * 1,048,576 B (the exact byte count is unconfirmed). Also the largest single entry.
 */
export const REQUEST_LIMIT_BYTES = 1_048_576;

/** What `Time` counts in AWS's entry-size formula, when present (docs/aws-behaviour.md §2). */
export const TIME_FIELD_BYTES = 14;

/** EventBridge bills each 64 KB (65,536 B) chunk of an entry as one event (docs/aws-behaviour.md §4). */
export const BILLING_CHUNK_BYTES = 65_536;

/**
 * The account busload uses when none is given: the example account of AWS's documentation, 111122223333
 * (default principals, the emulator's account, bus ARNs of a declared estimate). A placeholder, not an AWS
 * limit: it is here because the scenario, the emulator, the workers and the model all need the same one.
 */
export const DEFAULT_ACCOUNT_ID = '111122223333';

/**
 * The fields of a PutEvents entry that AWS's size formula reads. `Time` counts whatever its form (an SDK
 * Date, or epoch seconds on the JSON wire).
 */
export interface SizedEntry {
  Time?: unknown;
  Source?: string | undefined;
  DetailType?: string | undefined;
  Detail?: string | undefined;
  Resources?: readonly string[] | undefined;
}

/** UTF-8 byte length of a string. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * An entry's size by AWS's formula (docs/aws-behaviour.md §2): Time 14 bytes when present, plus the UTF-8
 * bytes of Source, DetailType, Detail and each Resources item. EventBusName, TraceHeader and JSON syntax do
 * not count.
 *
 * Worked example: Source "a.b" (3) + DetailType "X" (1) + Detail '{}' (2) = 6 bytes; with Time, 20.
 * @param entry - the entry (only Time, Source, DetailType, Detail and Resources count)
 */
export function entrySizeBytes(entry: SizedEntry): number {
  let bytes = entry.Time === undefined ? 0 : TIME_FIELD_BYTES;
  if (entry.Source !== undefined) bytes += utf8Bytes(entry.Source);
  if (entry.DetailType !== undefined) bytes += utf8Bytes(entry.DetailType);
  if (entry.Detail !== undefined) bytes += utf8Bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) bytes += utf8Bytes(resource);
  return bytes;
}

/**
 * Billable 64 KB chunks of one entry: ceil(bytes / 65,536), at least 1 (an entry under 64 KB bills as one).
 *
 * Worked example: 65,536 B -> 1 chunk; 65,537 B -> 2 chunks; 262,144 B (256 KB) -> 4 chunks; 120 B -> 1.
 * @param entryBytes - the entry's size by AWS's entry-size formula
 */
export function billableChunks(entryBytes: number): number {
  return Math.max(1, Math.ceil(entryBytes / BILLING_CHUNK_BYTES));
}

/**
 * The ARN of an event bus: `arn:aws:events:<region>:<account>:event-bus/<name>` (what a CloudTrail record's
 * `resources[].ARN` and DescribeEventBus show; docs/aws-behaviour.md §1).
 * Worked example: eventBusArn('eu-west-1', '111122223333', 'orders') =
 * 'arn:aws:events:eu-west-1:111122223333:event-bus/orders'.
 */
export function eventBusArn(region: string, accountId: string, busName: string): string {
  return `arn:aws:events:${region}:${accountId}:event-bus/${busName}`;
}
