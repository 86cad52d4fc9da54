/**
 * Size of the CloudTrail record of one PutEvents request, for the logging modes priced by volume (CloudTrail
 * Lake, CloudWatch Logs, the S3 files of a trail).
 *
 * Declared calls (a scenario's producers) are sized by the same serializer the embedded endpoint writes its
 * trail with ({@link createRecordSizer}, {@link serializedRecordBytes}): the record of a call is the JSON
 * text of its principal, region, bus, entries (source, detail type, redacted detail, bus name), user agent,
 * source IP and Host header, with ids of their fixed lengths. Without declared calls (counts from CloudWatch
 * or an old report) the linear {@link DEFAULT_RECORD_SIZE} assumption from the minified documentation example
 * is used. A run measures the real bytes from the endpoint's trail records ({@link measuredMeanRecordBytes}).
 * Pure: the serializer is a pure function of its draft.
 */
import {
  describeUserIdentity,
  type TrailEntryParams,
  type TrailRecordDraft,
  TrailRecordSerializer,
} from '../../eventbridge/cloudtrail-record.js';
import { DEFAULT_ACCOUNT_ID, MAX_ENTRIES_PER_REQUEST } from '../../eventbridge/limits.js';
import { Dec, GB_BYTES } from '../money.js';
import type { UsageCounts } from '../types.js';

/** One PutEvents call to size: who sends it where, with which entries (every entry succeeds). */
export interface RecordCall {
  /** The producer's principal as configured (an IAM role becomes its assumed-role session, as recorded). */
  principalArn: string;
  /** The region the call is made in (awsRegion, the bus ARN). */
  region: string;
  /** The account that owns the bus (recipientAccountId, the bus ARN). */
  accountId: string;
  /** The bus the entries name (the record's `resources`). */
  busName: string;
  /** The entries, in order: source, detail type and the bus name they carry. */
  entries: readonly TrailEntryParams[];
  /** The caller's User-Agent header. */
  userAgent: string;
  /** The caller's IP address as CloudTrail records it. */
  sourceIpAddress: string;
  /** The Host header the caller sends (tlsDetails.clientProvidedHostHeader). */
  hostHeader: string;
}

/** What a declared call's record carries besides its entries (the defaults of {@link declaredCallContext}). */
export interface RecordCallContext {
  userAgent: string;
  sourceIpAddress: string;
  hostHeader: string;
  accountId: string;
}

/**
 * The user agent assumed for declared producers: the AWS SDK for JavaScript v3's format, as busload's own
 * producers send it (a run records the real one). Other SDKs send shorter or longer strings; the
 * record-growth band covers that.
 */
export const DECLARED_USER_AGENT =
  'aws-sdk-js/3.1169.0 ua/2.1 os/linux#6.8.0 lang/js md/nodejs#20.19.5 api/eventbridge#3.1169.0 m/N,E,e';

/** The caller IP of AWS's documented PutEvents record example (a documentation address). */
export const DECLARED_SOURCE_IP = '192.0.2.1';

/**
 * The context of declared calls in a region: busload's SDK user agent, the documentation caller IP, the
 * regional EventBridge endpoint as Host header (`events.<region>.amazonaws.com`).
 */
export function declaredCallContext(region: string, accountId = DEFAULT_ACCOUNT_ID): RecordCallContext {
  return {
    userAgent: DECLARED_USER_AGENT,
    sourceIpAddress: DECLARED_SOURCE_IP,
    hostHeader: `events.${region}.amazonaws.com`,
    accountId,
  };
}

/** A UUID's length of placeholder (requestID, eventID and every entry's eventId are UUIDs). */
const UUID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
/** A 20-character access key id (AWS's documentation example). */
const ACCESS_KEY_PLACEHOLDER = 'ASIAIOSFODNN7EXAMPLE';
/** ISO 8601 to the second: always 20 characters (eventTime, the session's creationDate). */
const TIME_PLACEHOLDER_MS = Date.UTC(2026, 0, 1);
const CREATION_DATE_PLACEHOLDER = '2026-01-01T00:00:00Z';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
function utf8Bytes(text: string): number {
  // Fast path: pure ASCII (the usual record) has as many bytes as UTF-16 units.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return encoder.encode(text).length;
  }
  return text.length;
}

/** The draft of a call, as the endpoint would capture it, with fixed-length ids. */
function draftOf(call: RecordCall): TrailRecordDraft {
  return {
    eventTimeEpochMs: TIME_PLACEHOLDER_MS,
    endpoint: null,
    requestId: UUID_PLACEHOLDER,
    eventId: UUID_PLACEHOLDER,
    userIdentity: describeUserIdentity(call.principalArn, ACCESS_KEY_PLACEHOLDER, CREATION_DATE_PLACEHOLDER),
    sourceIpAddress: call.sourceIpAddress,
    userAgent: call.userAgent,
    hostHeader: call.hostHeader,
    entries: [...call.entries],
    outcome: { kind: 'answered', results: call.entries.map(() => ({ eventId: UUID_PLACEHOLDER })) },
    busNames: [call.busName],
    loggedBusNames: [call.busName],
  };
}

/**
 * UTF-8 bytes of the record the endpoint's serializer writes for one call (every entry answered with an
 * EventId; ids at their fixed lengths).
 *
 * Worked example: the role arn:aws:iam::111122223333:role/ledger calling in us-east-1 with 10 entries of
 * source com.shop.ledger and detail type PaymentCaptured on bus payments, busload's SDK user agent, Host
 * events.us-east-1.amazonaws.com -> 3,138 B (a run's record of that call was 3,134 B: Host 127.0.0.1:33901
 * is 15 B shorter, that SDK's user agent 11 B longer).
 */
export function serializedRecordBytes(call: RecordCall): number {
  const serializer = new TrailRecordSerializer(call.region, call.accountId);
  return utf8Bytes(serializer.serialize(draftOf(call)));
}

/** The record bytes of one producer's calls: a fixed part plus a part per entry of each detail type. */
export interface RecordSizer {
  /** Bytes of everything but the entries (a record with no entries). */
  baseBytes: number;
  /** Per detail type (by index): the bytes one more entry of that type adds (its request and response items). */
  entryBytes: readonly number[];
}

/** Who a producer's calls come from and what their entries carry. */
export interface ProducerCalls {
  principalArn: string;
  region: string;
  busName: string;
  source: string;
  detailTypes: readonly string[];
  context: RecordCallContext;
}

/**
 * The sizer of one producer's calls, measured on the serializer: for each detail type the record of one
 * entry and of two entries of that type; the difference is what an entry adds (with its two separating
 * commas), the rest is the base. JSON is a concatenation, so any mix of entries then costs
 * base + the sum of their bytes, which {@link recordBytesOf} uses and a test checks against the serializer.
 *
 * Worked example (ledger, as in {@link serializedRecordBytes}): 1 entry 1,527 B, 2 entries 1,706 B ->
 * an entry adds 179 B, the base is 1,348 B; 10 entries -> 1,348 + 10 x 179 = 3,138 B.
 */
export function createRecordSizer(calls: ProducerCalls): RecordSizer {
  const sizeWith = (detailType: string, count: number) =>
    serializedRecordBytes({
      principalArn: calls.principalArn,
      region: calls.region,
      accountId: calls.context.accountId,
      busName: calls.busName,
      entries: Array.from({ length: count }, () => ({
        source: calls.source,
        detailType,
        eventBusName: calls.busName,
        hasDetail: true,
      })),
      userAgent: calls.context.userAgent,
      sourceIpAddress: calls.context.sourceIpAddress,
      hostHeader: calls.context.hostHeader,
    });
  const entryBytes = calls.detailTypes.map((type) => sizeWith(type, 2) - sizeWith(type, 1));
  const first = calls.detailTypes[0];
  const baseBytes = first === undefined ? 0 : sizeWith(first, 1) - entryBytes[0]!;
  return { baseBytes, entryBytes };
}

/**
 * Bytes of the record of a call carrying entries of these detail types (indexes into the producer's
 * detailTypes): base + the sum of each entry's bytes.
 */
export function recordBytesOf(sizer: RecordSizer, detailTypeIndexes: readonly number[]): number {
  let bytes = sizer.baseBytes;
  for (const index of detailTypeIndexes) bytes += sizer.entryBytes[index] ?? 0;
  return bytes;
}

/** The record-size assumption: bytes of a 1-entry record and bytes each further entry adds. */
export interface RecordSizeAssumption {
  firstEntryBytes: number;
  extraEntryBytes: number;
}

/** docs/aws-behaviour.md §6.2: about 1,450 bytes for 1 entry, about 174 bytes per further entry (3,000 for 10). */
export const DEFAULT_RECORD_SIZE: RecordSizeAssumption = { firstEntryBytes: 1450, extraEntryBytes: 174 };

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
