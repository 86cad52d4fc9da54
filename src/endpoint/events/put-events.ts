/**
 * PutEvents, pure: body parsing, AWS's validation (docs/aws-behaviour.md §1-2), per-entry checks and bus
 * resolution (a Detail's own checks: detail.ts; the answer's JSON: responses.ts). No I/O, no clock, no
 * randomness: the server decides faults and EventIds.
 */
import type { EntryResult } from '../../eventbridge/cloudtrail-record.js';
import { entrySizeBytes, MAX_ENTRIES_PER_REQUEST } from '../../eventbridge/limits.js';
import type { AwsErrorAnswer } from '../errors.js';
import { isValidDetail } from './detail.js';

/** One request entry as it arrives on the wire (AWS JSON 1.1 member names). */
export interface PutEventsEntryInput {
  /** Epoch seconds on the JSON 1.1 wire (a string is tolerated). */
  Time?: number | string;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}

/** A parsed request; Entries is null when the member was absent. */
export interface PutEventsRequestInput {
  Entries: PutEventsEntryInput[] | null;
  /** A global endpoint's id (`name.suffix`, 1-50 characters); absent for a Regional call. */
  EndpointId?: string;
}

/** Parsing outcome: the request, or a SerializationException. */
export type ParsePutEventsResult =
  | { ok: true; request: PutEventsRequestInput }
  | { ok: false; error: AwsErrorAnswer };

/** "DetailType ... maximum of 128 characters" (API reference text; not a botocore model constraint). */
export const MAX_DETAIL_TYPE_CHARS = 128;

const EVENT_BUS_NAME_PATTERN_TEXT =
  '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+';
const EVENT_BUS_NAME_PATTERN = new RegExp(`^${EVENT_BUS_NAME_PATTERN_TEXT}$`);
const EVENT_BUS_ARN =
  /^arn:aws[\w-]*:events:([a-z]+-[a-z]+-[\w-]+):([0-9]{12}):event-bus\/([.\-_A-Za-z0-9]+)$/;
const ENDPOINT_ID_PATTERN_TEXT = '^[A-Za-z0-9\\-]+[\\.][A-Za-z0-9\\-]+$';
const ENDPOINT_ID_PATTERN = /^[A-Za-z0-9-]+[.][A-Za-z0-9-]+$/;
const STRING_MEMBERS = ['Source', 'DetailType', 'Detail', 'EventBusName', 'TraceHeader'] as const;

function serializationError(message: string): ParsePutEventsResult {
  return { ok: false, error: { httpStatus: 400, code: 'SerializationException', message } };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch seconds of a timestamp value (a number, a numeric string or an ISO 8601 date-time), else null. */
function timestampEpochSec(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim().length === 0) return null;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  if (!ISO_8601.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/**
 * Parses a PutEvents body: JSON, an object at the top, `Entries` a list of objects whose members have the
 * modelled types (null counts as absent). Anything else is a SerializationException. Unknown members are ignored.
 * @param bodyText - the raw body as UTF-8 text
 */
export function parsePutEventsBody(bodyText: string): ParsePutEventsResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return serializationError('Unable to parse the request body as JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return serializationError('The request body must be a JSON object.');
  }
  const endpointId = (parsed as Record<string, unknown>)['EndpointId'];
  if (endpointId !== undefined && endpointId !== null && typeof endpointId !== 'string') {
    return serializationError('EndpointId must be a string.');
  }
  const endpoint = typeof endpointId === 'string' ? { EndpointId: endpointId } : {};
  const entries = (parsed as Record<string, unknown>)['Entries'];
  if (entries === undefined || entries === null) return { ok: true, request: { Entries: null, ...endpoint } };
  if (!Array.isArray(entries)) return serializationError('Entries must be a list.');
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return serializationError(`Entries[${i}] must be a structure.`);
    }
    const fields = entry as Record<string, unknown>;
    for (const member of STRING_MEMBERS) {
      const value = fields[member];
      if (value === null) delete fields[member];
      else if (value !== undefined && typeof value !== 'string') {
        return serializationError(`Entries[${i}].${member} must be a string.`);
      }
    }
    const time = fields['Time'];
    if (time === null) delete fields['Time'];
    else if (time !== undefined) {
      // A timestamp member: epoch seconds on the AWS JSON 1.1 wire (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html);
      // a numeric or ISO 8601 string is tolerated, anything else ("yesterday") is refused.
      const epochSec = timestampEpochSec(time);
      if (epochSec === null) return serializationError(`Entries[${i}].Time must be a timestamp.`);
      fields['Time'] = epochSec;
    }
    const resources = fields['Resources'];
    if (resources === null) delete fields['Resources'];
    else if (resources !== undefined) {
      if (!Array.isArray(resources) || resources.some((item) => typeof item !== 'string')) {
        return serializationError(`Entries[${i}].Resources must be a list of strings.`);
      }
    }
  }
  return { ok: true, request: { Entries: entries as PutEventsEntryInput[], ...endpoint } };
}

const MAX_RENDERED_VALUE_CHARS = 256;

function renderJavaValue(value: string | number | string[] | undefined): string {
  if (value === undefined) return 'null';
  const text = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  return text.length > MAX_RENDERED_VALUE_CHARS ? `${text.slice(0, MAX_RENDERED_VALUE_CHARS)}...` : text;
}

/**
 * Renders an entry as AWS's validation messages do: the service's Java toString, ending with
 * `kmsKeyIdentifier=null, internalMetadata=null` as recorded against AWS in LocalStack's AWS-validated
 * snapshot (tests/aws/services/events/test_events.snapshot.json, test_put_events_exceed_limit_ten_entries).
 * Assumption: values longer than 256 characters are shortened (AWS's handling of long values is not recorded).
 */
function renderEntryForMessage(entry: PutEventsEntryInput): string {
  return (
    `PutEventsRequestEntry(time=${renderJavaValue(entry.Time)}, source=${renderJavaValue(entry.Source)}, ` +
    `resources=${renderJavaValue(entry.Resources)}, detailType=${renderJavaValue(entry.DetailType)}, ` +
    `detail=${renderJavaValue(entry.Detail)}, eventBusName=${renderJavaValue(entry.EventBusName)}, ` +
    `traceHeader=${renderJavaValue(entry.TraceHeader)}, kmsKeyIdentifier=null, internalMetadata=null)`
  );
}

function validationError(problems: string[]): AwsErrorAnswer {
  const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
  return {
    httpStatus: 400,
    code: 'ValidationException',
    message: `${count} detected: ${problems.join('; ')}`,
  };
}

/**
 * Whole-request validation in AWS's order of concerns: the entries list (1-10), the modelled member
 * constraints (EventBusName 1-1600 chars and pattern, TraceHeader 1-500, Resources items <= 2048), then the
 * total entry size. Limit semantics: a total equal to maxRequestEntryBytes passes; one byte more fails.
 * @returns the ValidationException to answer, or null when the request may proceed
 */
export function validatePutEventsRequest(
  request: PutEventsRequestInput,
  maxRequestEntryBytes: number,
): AwsErrorAnswer | null {
  const entries = request.Entries;
  if (entries === null) {
    return validationError(["Value null at 'entries' failed to satisfy constraint: Member must not be null"]);
  }
  if (entries.length === 0) {
    return validationError([
      "Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  }
  if (entries.length > MAX_ENTRIES_PER_REQUEST) {
    const rendered = entries.map(renderEntryForMessage).join(', ');
    return validationError([
      `Value '[${rendered}]' at 'entries' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_ENTRIES_PER_REQUEST}`,
    ]);
  }
  const problems: string[] = [];
  const endpointId = request.EndpointId;
  if (endpointId !== undefined) {
    // The service model's EndpointId constraints: 1 to 50 characters, `name.suffix`.
    if (endpointId.length < 1 || endpointId.length > 50) {
      problems.push(
        `Value '${renderJavaValue(endpointId)}' at 'endpointId' failed to satisfy constraint: ` +
          `Member must have length ${endpointId.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`,
      );
    } else if (!ENDPOINT_ID_PATTERN.test(endpointId)) {
      problems.push(
        `Value '${endpointId}' at 'endpointId' failed to satisfy constraint: ` +
          `Member must satisfy regular expression pattern: ${ENDPOINT_ID_PATTERN_TEXT}`,
      );
    }
  }
  let totalBytes = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const at = `entries.${i + 1}.member`;
    const busName = entry.EventBusName;
    if (busName !== undefined) {
      if (busName.length < 1) {
        problems.push(
          `Value '' at '${at}.eventBusName' failed to satisfy constraint: Member must have length greater than or equal to 1`,
        );
      } else if (busName.length > 1600) {
        problems.push(
          `Value '${renderJavaValue(busName)}' at '${at}.eventBusName' failed to satisfy constraint: ` +
            'Member must have length less than or equal to 1600',
        );
      } else if (!EVENT_BUS_NAME_PATTERN.test(busName)) {
        problems.push(
          `Value '${busName}' at '${at}.eventBusName' failed to satisfy constraint: ` +
            `Member must satisfy regular expression pattern: ${EVENT_BUS_NAME_PATTERN_TEXT}`,
        );
      }
    }
    const trace = entry.TraceHeader;
    if (trace !== undefined && (trace.length < 1 || trace.length > 500)) {
      problems.push(
        `Value '${renderJavaValue(trace)}' at '${at}.traceHeader' failed to satisfy constraint: ` +
          `Member must have length ${trace.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 500'}`,
      );
    }
    if (entry.Resources?.some((resource) => resource.length > 2048)) {
      problems.push(
        `Value at '${at}.resources' failed to satisfy constraint: ` +
          'Member must satisfy constraint: [Member must have length less than or equal to 2048]',
      );
    }
    totalBytes += entrySizeBytes(entry);
  }
  if (problems.length > 0) return validationError(problems);
  if (totalBytes > maxRequestEntryBytes) {
    return {
      httpStatus: 400,
      code: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    };
  }
  return null;
}

/**
 * Per-entry checks answered inside HTTP 200 (docs/aws-behaviour.md §1.4): Source, DetailType and Detail are required
 * (InvalidArgument, in that order; an empty string counts as missing), DetailType has at most 128 characters
 * (InvalidArgument: AWS documents the limit but not the error, so its code and message are assumptions) and
 * Detail must be a JSON object (MalformedDetail).
 * @returns the entry's error, or null when it is valid
 */
export function checkEntry(entry: PutEventsEntryInput): EntryResult | null {
  if (!entry.Source) {
    return {
      errorCode: 'InvalidArgument',
      errorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    };
  }
  if (!entry.DetailType) {
    return {
      errorCode: 'InvalidArgument',
      errorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    };
  }
  if (entry.DetailType.length > MAX_DETAIL_TYPE_CHARS) {
    return {
      errorCode: 'InvalidArgument',
      errorMessage: `Parameter DetailType is not valid. Reason: DetailType must be at most ${MAX_DETAIL_TYPE_CHARS} characters.`,
    };
  }
  if (!entry.Detail) {
    return {
      errorCode: 'InvalidArgument',
      errorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
    };
  }
  if (!isValidDetail(entry.Detail))
    return { errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' };
  return null;
}

/**
 * The bus an entry goes to: `default` when EventBusName is absent, the name itself, or the name inside a
 * bus ARN of this endpoint's region and account. An ARN of another region or account resolves to null
 * (no such bus here: the entry is accepted and dropped, as AWS does for unknown buses).
 */
export function resolveBusName(
  eventBusName: string | undefined,
  region: string,
  accountId: string,
): string | null {
  if (eventBusName === undefined) return 'default';
  if (!eventBusName.startsWith('arn:')) return eventBusName;
  const match = EVENT_BUS_ARN.exec(eventBusName);
  if (match === null || match[1] !== region || match[2] !== accountId) return null;
  return match[3] ?? null;
}
