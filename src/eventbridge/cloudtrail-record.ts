/**
 * CloudTrail data-event records of PutEvents (docs/aws-behaviour.md §6.2), pure: what a record holds, its
 * definition (buildTrailRecord) and the fast serializer the embedded endpoint writes its trail with and the
 * cost model sizes records with. The endpoint captures a small draft per request on its hot path; these
 * functions turn drafts into records later, in batches.
 */
import type { CloudTrailUserIdentity } from './cloudtrail-identity.js';
import { eventBusArn } from './limits.js';

export {
  type CloudTrailUserIdentity,
  describeUserIdentity,
  isTemporaryAccessKey,
  ROLE_SESSION_NAME,
} from './cloudtrail-identity.js';

/** Per-entry error codes of a PutEvents answer (docs/aws-behaviour.md §1.4). */
export type EntryErrorCode =
  | 'InvalidArgument'
  | 'MalformedDetail'
  | 'AccessDeniedException'
  | 'InternalFailure'
  | 'ThrottlingException';

/** The result of one PutEvents entry, in request order: an EventId or an error (the answer and the record list them). */
export type EntryResult = { eventId: string } | { errorCode: EntryErrorCode; errorMessage: string };

/** What CloudTrail keeps of one request entry: `detail` is always redacted. */
export interface TrailEntryParams {
  source?: string;
  detailType?: string;
  /** Epoch seconds as sent, if sent. */
  timeEpochSec?: number | string;
  eventBusName?: string;
  /** Whether the entry sent a Detail: only then does the record carry the redacted `detail` marker. */
  hasDetail: boolean;
}

/** How the request ended: a 200 answer with per-entry results, or a whole-request error. */
export type TrailOutcome =
  | { kind: 'answered'; results: readonly EntryResult[] }
  | { kind: 'error'; errorCode: string; errorMessage: string };

/** Everything needed to build one record, captured cheaply when the request is answered. */
export interface TrailRecordDraft {
  eventTimeEpochMs: number;
  /** The x-amzn-RequestId of the answer. */
  requestId: string;
  /** The record's own eventID (a UUID). */
  eventId: string;
  userIdentity: CloudTrailUserIdentity;
  sourceIpAddress: string;
  userAgent: string;
  /** The Host header the client sent (the record's tlsDetails.clientProvidedHostHeader). */
  hostHeader: string;
  entries: TrailEntryParams[];
  outcome: TrailOutcome;
  /** Existing buses the request named, in first-seen order (the record's `resources`). */
  busNames: string[];
  /** Of those, the buses with logging on (the record counts towards each of them). */
  loggedBusNames: string[];
  /**
   * The request's EndpointId (a global endpoint, e.g. `abcde.veo`) and the ARN of that endpoint, else null.
   * The record then carries `requestParameters.endpointId`, and (on success only) an `AWS::Events::Endpoint`
   * resource: https://docs.aws.amazon.com/eventbridge/latest/userguide/logging-using-cloudtrail.html
   */
  endpoint: { endpointId: string; arn: string } | null;
}

/** A PutEvents data-event record as CloudTrail writes it (field order as in AWS's example). */
export interface CloudTrailRecord {
  eventVersion: '1.11';
  userIdentity: CloudTrailUserIdentity;
  eventTime: string;
  eventSource: 'events.amazonaws.com';
  eventName: 'PutEvents';
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: { entries: Array<Record<string, string>>; endpointId?: string };
  responseElements: {
    failedEntryCount: number;
    entries: Array<{ eventId: string } | { errorCode: string; errorMessage: string }>;
  } | null;
  requestID: string;
  eventID: string;
  readOnly: false;
  resources: Array<{ type: 'AWS::Events::EventBus' | 'AWS::Events::Endpoint'; ARN: string }>;
  eventType: 'AwsApiCall';
  apiVersion: '2015-10-07';
  managementEvent: false;
  recipientAccountId: string;
  eventCategory: 'Data';
  tlsDetails: TrailTlsDetails;
}

/**
 * CloudTrail's `tlsDetails` block. AWS serves PutEvents over TLS only; the emulator is plain HTTP on loopback
 * and writes the TLS version and cipher suite of AWS's documented PutEvents record example (TLSv1.3,
 * TLS_AES_128_GCM_SHA256), so record sizes match AWS's; the host is the Host header the client sent.
 */
export interface TrailTlsDetails {
  tlsVersion: string;
  cipherSuite: string;
  clientProvidedHostHeader: string;
}

/** The TLS version written in every record (AWS's documented PutEvents example). */
export const RECORD_TLS_VERSION = 'TLSv1.3';
/** The cipher suite written in every record (AWS's documented PutEvents example). */
export const RECORD_CIPHER_SUITE = 'TLS_AES_128_GCM_SHA256';

/** The value CloudTrail puts in place of every entry's detail (docs/aws-behaviour.md §6.2). */
export const REDACTED_DETAIL = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** CloudTrail's eventTime: ISO 8601 UTC to the second. Example: 1772844667000 -> "2026-03-07T00:51:07Z". */
export function formatEventTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== lastFormattedSecond) {
    lastFormattedSecond = second;
    lastFormattedTime = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return lastFormattedTime;
}

// Records come in bursts within the same second: format each second once.
let lastFormattedSecond = Number.NaN;
let lastFormattedTime = '';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An entry's `time` as CloudTrail shows it, UTC ("Mar 7, 2026, 12:51:07 AM"; docs/aws-behaviour.md §6.2). A value that
 * is not a valid epoch-seconds number is kept as sent.
 */
export function formatEntryTime(time: number | string): string {
  const epochSec = typeof time === 'number' ? time : Number(time);
  if (!Number.isFinite(epochSec)) return String(time);
  const date = new Date(epochSec * 1000);
  if (Number.isNaN(date.getTime())) return String(time);
  const hours24 = date.getUTCHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const seconds = String(date.getUTCSeconds()).padStart(2, '0');
  return (
    `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ` +
    `${hours12}:${minutes}:${seconds} ${hours24 < 12 ? 'AM' : 'PM'}`
  );
}

function renderEntryParams(entry: TrailEntryParams): Record<string, string> {
  const rendered: Record<string, string> = {};
  if (entry.source !== undefined) rendered['source'] = entry.source;
  if (entry.detailType !== undefined) rendered['detailType'] = entry.detailType;
  if (entry.timeEpochSec !== undefined) rendered['time'] = formatEntryTime(entry.timeEpochSec);
  if (entry.hasDetail) rendered['detail'] = REDACTED_DETAIL;
  if (entry.eventBusName !== undefined) rendered['eventBusName'] = entry.eventBusName;
  return rendered;
}

/**
 * Builds the record for one request. A failed request carries errorCode/errorMessage and a null
 * responseElements; an answered one carries failedEntryCount and one item per entry.
 * This is the record's definition, typed and readable; the writer uses TrailRecordSerializer, which writes
 * the same JSON text faster and is tested against this function on generated drafts.
 * @param draft - what the server captured
 * @param region - the endpoint's region (awsRegion, bus ARNs)
 * @param accountId - the endpoint's account (recipientAccountId, bus ARNs)
 */
export function buildTrailRecord(
  draft: TrailRecordDraft,
  region: string,
  accountId: string,
): CloudTrailRecord {
  const outcome = draft.outcome;
  let responseElements: CloudTrailRecord['responseElements'] = null;
  if (outcome.kind === 'answered') {
    let failedEntryCount = 0;
    const entries = outcome.results.map((result) => {
      if ('eventId' in result) return { eventId: result.eventId };
      failedEntryCount++;
      return { errorCode: result.errorCode, errorMessage: result.errorMessage };
    });
    responseElements = { failedEntryCount, entries };
  }
  return {
    eventVersion: '1.11',
    userIdentity: draft.userIdentity,
    eventTime: formatEventTime(draft.eventTimeEpochMs),
    eventSource: 'events.amazonaws.com',
    eventName: 'PutEvents',
    awsRegion: region,
    sourceIPAddress: draft.sourceIpAddress,
    userAgent: draft.userAgent,
    // CloudTrail places errorCode/errorMessage right after userAgent; each is capped at 1 KB (docs/aws-behaviour.md §6.4).
    ...(outcome.kind === 'error'
      ? { errorCode: outcome.errorCode.slice(0, 1024), errorMessage: outcome.errorMessage.slice(0, 1024) }
      : {}),
    requestParameters: {
      entries: draft.entries.map(renderEntryParams),
      ...(draft.endpoint === null ? {} : { endpointId: draft.endpoint.endpointId }),
    },
    responseElements,
    requestID: draft.requestId,
    eventID: draft.eventId,
    readOnly: false,
    resources: [
      ...draft.busNames.map((busName) => ({
        type: 'AWS::Events::EventBus' as const,
        ARN: eventBusArn(region, accountId, busName),
      })),
      // "successful calls only, not populated on AccessDenied" (the EventBridge CloudTrail page).
      ...(draft.endpoint !== null && outcome.kind === 'answered'
        ? [{ type: 'AWS::Events::Endpoint' as const, ARN: draft.endpoint.arn }]
        : []),
    ],
    eventType: 'AwsApiCall',
    apiVersion: '2015-10-07',
    managementEvent: false,
    recipientAccountId: accountId,
    eventCategory: 'Data',
    tlsDetails: {
      tlsVersion: RECORD_TLS_VERSION,
      cipherSuite: RECORD_CIPHER_SUITE,
      clientProvidedHostHeader: draft.hostHeader,
    },
  };
}

/**
 * The JSON text of buildTrailRecord(draft, region, accountId), byte for byte, built without the
 * intermediate objects: the writer serialises one record per logged request, so this is on the endpoint's
 * busiest path. The parts that repeat from record to record (the caller's userIdentity, the resources of a
 * set of buses) are rendered once and reused; test/eventbridge/cloudtrail-record.test.ts checks the equality on
 * generated drafts.
 */
export class TrailRecordSerializer {
  private readonly region: string;
  private readonly accountId: string;
  private readonly head: string;
  private readonly tail: string;
  private readonly identities = new WeakMap<CloudTrailUserIdentity, string>();
  private readonly resources = new Map<string, string>();
  private lastEntry: TrailEntryParams | null = null;
  private lastEntryJson = '';

  constructor(region: string, accountId: string) {
    this.region = region;
    this.accountId = accountId;
    this.head = '{"eventVersion":"1.11","userIdentity":';
    this.tail =
      `,"eventType":"AwsApiCall","apiVersion":"2015-10-07","managementEvent":false,` +
      `"recipientAccountId":${JSON.stringify(accountId)},"eventCategory":"Data",` +
      `"tlsDetails":{"tlsVersion":"${RECORD_TLS_VERSION}","cipherSuite":"${RECORD_CIPHER_SUITE}","clientProvidedHostHeader":`;
  }

  /** One record's JSON text (what JSON.stringify(buildTrailRecord(...)) gives). */
  serialize(draft: TrailRecordDraft): string {
    const outcome = draft.outcome;
    let json =
      `${this.head}${this.identityJson(draft.userIdentity)},"eventTime":"${formatEventTime(draft.eventTimeEpochMs)}",` +
      `"eventSource":"events.amazonaws.com","eventName":"PutEvents","awsRegion":${JSON.stringify(this.region)},` +
      `"sourceIPAddress":${JSON.stringify(draft.sourceIpAddress)},"userAgent":${JSON.stringify(draft.userAgent)}`;
    if (outcome.kind === 'error') {
      json +=
        `,"errorCode":${JSON.stringify(outcome.errorCode.slice(0, 1024))}` +
        `,"errorMessage":${JSON.stringify(outcome.errorMessage.slice(0, 1024))}`;
    }
    json += ',"requestParameters":{"entries":[';
    const entries = draft.entries;
    for (let i = 0; i < entries.length; i++) {
      json += i === 0 ? this.entryJson(entries[i]!) : `,${this.entryJson(entries[i]!)}`;
    }
    json += ']';
    if (draft.endpoint !== null) json += `,"endpointId":${JSON.stringify(draft.endpoint.endpointId)}`;
    json += '},"responseElements":';
    if (outcome.kind === 'answered') {
      let failedEntryCount = 0;
      let items = '';
      const results = outcome.results;
      for (let i = 0; i < results.length; i++) {
        const result = results[i]!;
        if (i > 0) items += ',';
        if ('eventId' in result) items += `{"eventId":${JSON.stringify(result.eventId)}}`;
        else {
          failedEntryCount++;
          items +=
            `{"errorCode":${JSON.stringify(result.errorCode)},` +
            `"errorMessage":${JSON.stringify(result.errorMessage)}}`;
        }
      }
      json += `{"failedEntryCount":${failedEntryCount},"entries":[${items}]}`;
    } else json += 'null';
    return (
      `${json},"requestID":${JSON.stringify(draft.requestId)},"eventID":${JSON.stringify(draft.eventId)},` +
      `"readOnly":false,"resources":${this.resourcesWithEndpoint(draft)}${this.tail}` +
      `${JSON.stringify(draft.hostHeader)}}}`
    );
  }

  /**
   * One entry of requestParameters. The entries of a request, and of a producer's requests, mostly name the
   * same source, detail type, time and bus: the last rendering is reused when the entry equals the last one.
   */
  private entryJson(entry: TrailEntryParams): string {
    const last = this.lastEntry;
    if (
      last !== null &&
      entry.source === last.source &&
      entry.detailType === last.detailType &&
      entry.timeEpochSec === last.timeEpochSec &&
      entry.eventBusName === last.eventBusName &&
      entry.hasDetail === last.hasDetail
    ) {
      return this.lastEntryJson;
    }
    let rendered = '';
    if (entry.source !== undefined) rendered += `"source":${JSON.stringify(entry.source)},`;
    if (entry.detailType !== undefined) rendered += `"detailType":${JSON.stringify(entry.detailType)},`;
    if (entry.timeEpochSec !== undefined) {
      rendered += `"time":${JSON.stringify(formatEntryTime(entry.timeEpochSec))},`;
    }
    if (entry.hasDetail) rendered += `"detail":"${REDACTED_DETAIL}",`;
    if (entry.eventBusName !== undefined) rendered += `"eventBusName":${JSON.stringify(entry.eventBusName)},`;
    const json = `{${rendered.slice(0, -1)}}`;
    this.lastEntry = entry;
    this.lastEntryJson = json;
    return json;
  }

  private identityJson(identity: CloudTrailUserIdentity): string {
    let json = this.identities.get(identity);
    if (json === undefined) {
      json = JSON.stringify(identity);
      this.identities.set(identity, json);
    }
    return json;
  }

  private resourcesWithEndpoint(draft: TrailRecordDraft): string {
    const json = this.resourcesJson(draft.busNames);
    if (draft.endpoint === null || draft.outcome.kind !== 'answered') return json;
    const endpoint = `{"type":"AWS::Events::Endpoint","ARN":${JSON.stringify(draft.endpoint.arn)}}`;
    return json === '[]' ? `[${endpoint}]` : `${json.slice(0, -1)},${endpoint}]`;
  }

  private resourcesJson(busNames: readonly string[]): string {
    const key = busNames.join('\n');
    let json = this.resources.get(key);
    if (json === undefined) {
      json = JSON.stringify(
        busNames.map((busName) => ({
          type: 'AWS::Events::EventBus',
          ARN: eventBusArn(this.region, this.accountId, busName),
        })),
      );
      // Bus sets come from the configured buses, but a bounded cache cannot grow with odd requests.
      if (this.resources.size >= MAX_CACHED_RESOURCE_SETS) this.resources.clear();
      this.resources.set(key, json);
    }
    return json;
  }
}

/** Distinct bus sets whose `resources` JSON is kept. */
const MAX_CACHED_RESOURCE_SETS = 1_000;
