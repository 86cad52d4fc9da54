/**
 * The endpoint's state and decisions for one PutEvents request: authentication, quota, faults, validation,
 * per-entry results, counters and the CloudTrail draft. No sockets here: server.ts reads and writes HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  type CloudTrailUserIdentity,
  describeUserIdentity,
  type EntryResult,
  formatEventTime,
} from '../../eventbridge/cloudtrail-record.js';
import type { CloudTrailWriter } from '../cloudtrail/writer.js';
import { type AwsErrorAnswer, INTERNAL, renderAwsErrorBody, THROTTLED } from '../errors.js';
import { createLognormalSamplerMs, createRng, type UniformRng } from '../rng.js';
import { checkCredentialScope, parseAuthorizationHeader, SignatureVerifier } from '../sigv4.js';
import { TokenBucket } from '../token-bucket.js';
import type { EndpointBusStats, EndpointClock, EndpointConfig, EndpointStats } from '../types.js';
import type { PutEventsMetrics } from './metrics.js';
import {
  checkEntry,
  eventBusArn,
  type PutEventsEntryInput,
  parsePutEventsBody,
  renderPutEventsResponse,
  resolveBusName,
  validatePutEventsRequest,
} from './put-events.js';

/** The parts of an HTTP request the service looks at. */
export interface PutEventsHttpRequest {
  method: string;
  /** The request target (path and query) as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The whole body (already capped by the server). */
  body: Buffer;
  sourceIpAddress: string;
  userAgent: string;
  /** The Host header as sent ('' when absent). */
  hostHeader: string;
}

/** What to answer: status, JSON body, the request id, and the error code when it is an error. */
export interface PutEventsHttpAnswer {
  httpStatus: number;
  body: string;
  requestId: string;
  errorCode: string | null;
  /** Entries in the request when its body parsed, else null (for the metrics). */
  entries: number | null;
  /** Entries answered with an ErrorCode (0 unless HTTP 200). */
  failedEntries: number;
}

/** The target header value of PutEvents (AWS JSON 1.1, docs/aws-behaviour.md §1.1). */
export const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';

/**
 * True when a Content-Type header names AWS JSON (1.1, or 1.0 which AWS's JSON services also read), with
 * optional parameters such as a charset.
 */
export function isAwsJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const semicolonAt = value.indexOf(';');
  const type = (semicolonAt < 0 ? value : value.slice(0, semicolonAt)).trim().toLowerCase();
  return type === 'application/x-amz-json-1.1' || type === 'application/x-amz-json-1.0';
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A stall's length when faults.stallMs is not set. */
export const DEFAULT_STALL_MS = 2_000;

/** Event buses per account and Region (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
export const MAX_EVENT_BUSES = 100;
const BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

/** Keys remembered at most in the principal cache (random keys from a fuzzer cannot grow it forever). */
const MAX_CACHED_PRINCIPALS = 10_000;

interface BusState {
  name: string;
  arn: string;
  logging: boolean;
  allowedPrincipals: ReadonlySet<string> | null;
  stats: EndpointBusStats;
}

interface CallerPrincipal {
  arn: string;
  identity: CloudTrailUserIdentity;
}

function zeroBusStats(bus: string): EndpointBusStats {
  return {
    bus,
    requests: 0,
    requestsOk: 0,
    requestsThrottled: 0,
    entriesAccepted: 0,
    entriesFailed: 0,
    trailRecords: 0,
    trailBytes: 0,
  };
}

/** PutEvents semantics over the endpoint's configuration, quota, fault model, counters and trail. */
export class PutEventsService {
  private readonly config: EndpointConfig;
  private readonly clock: EndpointClock;
  private readonly trail: CloudTrailWriter;
  private readonly buses = new Map<string, BusState>();
  private readonly bucket: TokenBucket;
  private readonly faultRng: UniformRng;
  private readonly connectionRng: UniformRng;
  private readonly sampleLatencyMs: (() => number) | null;
  private readonly principals = new Map<string, CallerPrincipal>();
  private readonly sessionCreationDate: string;
  private readonly verifier: SignatureVerifier | null;
  private readonly metrics: PutEventsMetrics;
  private readonly totals = {
    requests: 0,
    requestsOk: 0,
    requestsThrottled: 0,
    requestsRejected: 0,
    entriesToUnknownBus: 0,
    entriesAccepted: 0,
    entriesFailed: 0,
    connectionsReset: 0,
    answersStalled: 0,
    cloudWatchRequests: 0,
    eventBusRequests: 0,
  };

  /**
   * @param config - a validated configuration
   * @param clock - wall and monotonic clocks
   * @param trail - where records of logged requests go
   * @param metrics - the AWS/Events PutEvents metrics fed by every PutEvents request
   */
  constructor(
    config: EndpointConfig,
    clock: EndpointClock,
    trail: CloudTrailWriter,
    metrics: PutEventsMetrics,
  ) {
    this.config = config;
    this.clock = clock;
    this.trail = trail;
    this.metrics = metrics;
    this.verifier =
      Object.keys(config.secretsByAccessKey).length > 0
        ? new SignatureVerifier(config.secretsByAccessKey)
        : null;
    const declared = config.buses.some((bus) => bus.name === 'default')
      ? config.buses
      : [{ name: 'default', logging: config.logUndeclaredBuses, allowedPrincipals: null }, ...config.buses];
    for (const bus of declared) {
      this.buses.set(bus.name, {
        name: bus.name,
        arn: eventBusArn(config.region, config.accountId, bus.name),
        logging: bus.logging,
        allowedPrincipals: bus.allowedPrincipals === null ? null : new Set(bus.allowedPrincipals),
        stats: zeroBusStats(bus.name),
      });
    }
    this.bucket = new TokenBucket(config.quota.ratePerSec, config.quota.burst, clock.monotonicMs());
    // Separate streams, so turning latency on does not change which entries fail.
    this.faultRng = createRng(config.seed);
    this.connectionRng = createRng(config.seed ^ 0x27d4eb2f);
    const latency = config.latencyMs;
    this.sampleLatencyMs =
      latency === null
        ? null
        : createLognormalSamplerMs(latency.p50Ms, latency.p99Ms, createRng(config.seed ^ 0x5bd1e995));
    this.sessionCreationDate = formatEventTime(clock.nowEpochMs());
  }

  /**
   * The delay to add before the next answer: a draw of the latency model (0 without one), plus stallMs
   * with probability stallRate (counted).
   */
  nextAnswerDelayMs(): number {
    let delayMs = this.sampleLatencyMs === null ? 0 : this.sampleLatencyMs();
    const stallRate = this.config.faults.stallRate ?? 0;
    if (stallRate > 0 && this.connectionRng() < stallRate) {
      delayMs += this.config.faults.stallMs ?? DEFAULT_STALL_MS;
      this.totals.answersStalled++;
    }
    return delayMs;
  }

  /** True when the next answer is to be replaced by a connection reset (probability connectionResetRate; counted). */
  nextAnswerIsReset(): boolean {
    const resetRate = this.config.faults.connectionResetRate ?? 0;
    if (resetRate > 0 && this.connectionRng() < resetRate) {
      this.totals.connectionsReset++;
      return true;
    }
    return false;
  }

  /**
   * Counts a request refused for its body size (413, answered by the server); a PutEvents one also counts
   * as a failed call in the metrics.
   */
  countTooLarge(target: string | undefined, arrivedEpochMs: number, bodyBytes: number): void {
    this.totals.requests++;
    this.totals.requestsRejected++;
    if (target === PUT_EVENTS_TARGET) {
      this.metrics.recordCall(arrivedEpochMs, bodyBytes);
      this.metrics.recordOutcome(arrivedEpochMs, { kind: 'failed', entries: null });
    }
  }

  /** Counts what the server did at the connection level. */
  countConnectionEvent(kind: 'cloudWatchRequests' | 'eventBusRequests'): void {
    this.totals[kind]++;
  }

  /** Everything counted so far; trail bytes are exact (queued records are serialised first). */
  stats(): EndpointStats {
    this.trail.serializePending();
    const buses: EndpointBusStats[] = [];
    for (const bus of this.buses.values()) {
      const trail = this.trail.countsOf(bus.name);
      buses.push({ ...bus.stats, trailRecords: trail.records, trailBytes: trail.bytes });
    }
    return {
      ...this.totals,
      trailRecords: this.trail.recordsTotal,
      trailBytes: this.trail.bytesTotal,
      trailFilesWritten: this.trail.filesWritten,
      buses,
    };
  }

  /**
   * Checks the caller's SigV4 Authorization: parsed, scoped to this region and `service`, and verified when
   * secrets are configured.
   * @returns the access key id, or the error to answer with
   */
  authenticate(
    request: PutEventsHttpRequest,
    service: string,
    nowEpochMs: number,
  ): { ok: true; accessKeyId: string } | { ok: false; error: AwsErrorAnswer } {
    const parsedAuth = parseAuthorizationHeader(firstHeader(request.headers.authorization));
    if (!parsedAuth.ok) return parsedAuth;
    const scopeError = checkCredentialScope(parsedAuth.auth, this.config.region, service, request.headers);
    if (scopeError !== null) return { ok: false, error: scopeError };
    if (this.verifier !== null) {
      const signatureError = this.verifier.verify(parsedAuth.auth, request, nowEpochMs);
      if (signatureError !== null) return { ok: false, error: signatureError };
    }
    return { ok: true, accessKeyId: parsedAuth.auth.accessKeyId };
  }

  /**
   * Decides the answer to one request and records what it did. Checks in order: authentication (parse,
   * scope, signature), operation (POST, X-Amz-Target, Content-Type), JSON, quota, injected 500, request
   * validation, then each entry.
   * @param arrivedEpochMs - when the request arrived (the wall clock); its metrics go in that minute
   */
  handle(request: PutEventsHttpRequest, arrivedEpochMs: number): PutEventsHttpAnswer {
    const requestId = randomUUID();
    this.totals.requests++;
    const target = firstHeader(request.headers['x-amz-target']);
    const isPutEvents = target === PUT_EVENTS_TARGET;
    if (isPutEvents) this.metrics.recordCall(arrivedEpochMs, request.body.length);
    const answer = this.decide(request, requestId, arrivedEpochMs, target);
    if (isPutEvents) {
      this.metrics.recordOutcome(
        arrivedEpochMs,
        answer.httpStatus === 200
          ? { kind: 'ok', entries: answer.entries ?? 0, failedEntries: answer.failedEntries }
          : answer.errorCode === THROTTLED.code
            ? { kind: 'throttled', entries: answer.entries }
            : { kind: 'failed', entries: answer.entries },
      );
    }
    return answer;
  }

  private decide(
    request: PutEventsHttpRequest,
    requestId: string,
    arrivedEpochMs: number,
    target: string | undefined,
  ): PutEventsHttpAnswer {
    const auth = this.authenticate(request, 'events', arrivedEpochMs);
    if (!auth.ok) return this.reject(requestId, auth.error);
    if (request.method !== 'POST' || target !== PUT_EVENTS_TARGET) {
      return this.reject(requestId, {
        httpStatus: 400,
        code: 'UnknownOperationException',
        message: target === undefined ? 'Missing X-Amz-Target header.' : 'Unknown operation.',
      });
    }
    // Assumption (AWS documents no answer): another content type is not read as AWS JSON, so the service
    // finds no operation for the request.
    if (!isAwsJsonContentType(firstHeader(request.headers['content-type']))) {
      return this.reject(requestId, {
        httpStatus: 400,
        code: 'UnknownOperationException',
        message: 'The Content-Type must be application/x-amz-json-1.1.',
      });
    }
    const parsed = parsePutEventsBody(request.body.toString('utf8'));
    if (!parsed.ok) return this.reject(requestId, parsed.error);
    const caller = this.principalFor(auth.accessKeyId);
    const entries = parsed.request.Entries ?? [];

    // Resolve each entry's bus once; count the request once for every existing bus it names.
    const entryBuses: Array<BusState | null> = new Array(entries.length);
    const namedBuses: BusState[] = [];
    for (let i = 0; i < entries.length; i++) {
      const name = resolveBusName(entries[i]!.EventBusName, this.config.region, this.config.accountId);
      const bus = name === null ? null : (this.buses.get(name) ?? this.createOnFirstUse(name));
      entryBuses[i] = bus;
      if (bus !== null && !namedBuses.includes(bus)) namedBuses.push(bus);
    }
    for (const bus of namedBuses) bus.stats.requests++;
    const context: RequestContext = {
      requestId,
      arrivedEpochMs,
      caller,
      request,
      entries,
      namedBuses,
      endpointId: parsed.request.EndpointId,
    };

    if (!this.bucket.tryTake(this.clock.monotonicMs())) {
      this.totals.requestsThrottled++;
      for (const bus of namedBuses) bus.stats.requestsThrottled++;
      return this.failLogged(context, THROTTLED);
    }
    const faults = this.config.faults;
    if (faults.internalErrorRate > 0 && this.faultRng() < faults.internalErrorRate) {
      this.totals.requestsRejected++;
      return this.failLogged(context, INTERNAL);
    }
    const invalid = validatePutEventsRequest(parsed.request, this.config.maxRequestEntryBytes);
    if (invalid !== null) {
      this.totals.requestsRejected++;
      return this.failLogged(context, invalid);
    }

    const results: EntryResult[] = new Array(entries.length);
    let failedEntries = 0;
    for (let i = 0; i < entries.length; i++) {
      const bus = entryBuses[i]!;
      const result = this.answerEntry(entries[i]!, bus, caller);
      results[i] = result;
      const accepted = 'eventId' in result;
      if (accepted) {
        this.totals.entriesAccepted++;
        if (bus === null) this.totals.entriesToUnknownBus++;
      } else {
        this.totals.entriesFailed++;
        failedEntries++;
      }
      if (bus !== null) {
        if (accepted) bus.stats.entriesAccepted++;
        else bus.stats.entriesFailed++;
      }
    }
    this.totals.requestsOk++;
    for (const bus of namedBuses) bus.stats.requestsOk++;
    this.record(context, { kind: 'answered', results });
    return {
      httpStatus: 200,
      body: renderPutEventsResponse(results),
      requestId,
      errorCode: null,
      entries: entries.length,
      failedEntries,
    };
  }

  private answerEntry(
    entry: PutEventsEntryInput,
    bus: BusState | null,
    caller: CallerPrincipal,
  ): EntryResult {
    const invalid = checkEntry(entry);
    if (invalid !== null) return invalid;
    const allowed = bus?.allowedPrincipals;
    if (
      allowed != null &&
      !allowed.has(caller.arn) &&
      !allowed.has(caller.identity.arn) &&
      !allowed.has(caller.identity.sessionContext?.sessionIssuer?.arn ?? '')
    ) {
      // IAM names the caller as it authenticated: an assumed role's STS session ARN, not the role
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
      return {
        errorCode: 'AccessDeniedException',
        errorMessage: `User: ${caller.identity.arn} is not authorized to perform: events:PutEvents on resource: ${bus!.arn}`,
      };
    }
    const faults = this.config.faults;
    if (faults.entryInternalFailureRate > 0 && this.faultRng() < faults.entryInternalFailureRate) {
      return { errorCode: 'InternalFailure', errorMessage: 'Internal Failure' };
    }
    if (faults.entryThrottleRate > 0 && this.faultRng() < faults.entryThrottleRate) {
      return { errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' };
    }
    return { eventId: randomUUID() };
  }

  private reject(requestId: string, error: AwsErrorAnswer): PutEventsHttpAnswer {
    this.totals.requestsRejected++;
    return this.errorAnswer(requestId, error);
  }

  private errorAnswer(
    requestId: string,
    error: AwsErrorAnswer,
    entries: number | null = null,
  ): PutEventsHttpAnswer {
    return {
      httpStatus: error.httpStatus,
      body: renderAwsErrorBody(error),
      requestId,
      errorCode: error.code,
      entries,
      failedEntries: 0,
    };
  }

  private failLogged(context: RequestContext, error: AwsErrorAnswer): PutEventsHttpAnswer {
    if (this.config.logFailedRequests) {
      this.record(context, { kind: 'error', errorCode: error.code, errorMessage: error.message });
    }
    return this.errorAnswer(context.requestId, error, context.entries.length);
  }

  private record(context: RequestContext, outcome: TrailOutcomeInput): void {
    const loggedBusNames: string[] = [];
    for (const bus of context.namedBuses) {
      if (bus.logging) loggedBusNames.push(bus.name);
    }
    if (loggedBusNames.length === 0) return;
    this.trail.add({
      eventTimeEpochMs: context.arrivedEpochMs,
      requestId: context.requestId,
      eventId: randomUUID(),
      userIdentity: context.caller.identity,
      sourceIpAddress: context.request.sourceIpAddress,
      userAgent: context.request.userAgent,
      hostHeader: context.request.hostHeader,
      entries: context.entries.map((entry) => ({
        source: entry.Source,
        detailType: entry.DetailType,
        timeEpochSec: entry.Time,
        eventBusName: entry.EventBusName,
        hasDetail: entry.Detail !== undefined,
      })),
      outcome,
      busNames: context.namedBuses.map((bus) => bus.name),
      loggedBusNames,
      endpoint:
        context.endpointId === undefined
          ? null
          : { endpointId: context.endpointId, arn: this.endpointArn(context.endpointId) },
    });
  }

  /**
   * The ARN of a global endpoint named by EndpointId. Assumption (docs/aws-behaviour.md §6.2): the emulator
   * has no endpoints to look the id up in, so the ARN names the endpoint by its id
   * (`arn:aws:events:<region>:<account>:endpoint/<EndpointId>`); AWS names it by the endpoint's name.
   */
  private endpointArn(endpointId: string): string {
    return `arn:aws:events:${this.config.region}:${this.config.accountId}:endpoint/${endpointId}`;
  }

  /** The buses that exist (declared, `default`, created), in creation order: DescribeEventBus, ListEventBuses. */
  existingBuses(): Array<{ name: string; arn: string }> {
    return [...this.buses.values()].map((bus) => ({ name: bus.name, arn: bus.arn }));
  }

  /**
   * CreateEventBus: a new bus, logged when logUndeclaredBuses is on (the rule of buses created on first
   * use); 'exists' when the name is taken, 'limit' at AWS's 100 buses.
   */
  createBus(name: string): { name: string; arn: string } | 'exists' | 'limit' {
    if (this.buses.has(name)) return 'exists';
    if (this.buses.size >= MAX_EVENT_BUSES) return 'limit';
    const bus = this.addBus(name);
    return { name, arn: bus.arn };
  }

  /**
   * A bus named by PutEvents that does not exist: with unknownBuses 'create' (and a valid name, under the
   * 100-bus quota) it is created now, logged when logUndeclaredBuses is on; with 'drop' it stays unknown
   * (the entry gets an EventId and is dropped, as recorded against AWS).
   */
  private createOnFirstUse(name: string): BusState | null {
    if (this.config.unknownBuses !== 'create') return null;
    if (this.buses.size >= MAX_EVENT_BUSES || !BUS_NAME.test(name)) return null;
    return this.addBus(name);
  }

  /** A new bus of this endpoint, logged when logUndeclaredBuses is on (buses not declared by --config). */
  private addBus(name: string): BusState {
    const bus: BusState = {
      name,
      arn: eventBusArn(this.config.region, this.config.accountId, name),
      logging: this.config.logUndeclaredBuses,
      allowedPrincipals: null,
      stats: zeroBusStats(name),
    };
    this.buses.set(name, bus);
    return bus;
  }

  private principalFor(accessKeyId: string): CallerPrincipal {
    let caller = this.principals.get(accessKeyId);
    if (caller === undefined) {
      const arn =
        this.config.principalsByAccessKey[accessKeyId] ?? `arn:aws:iam::${this.config.accountId}:root`;
      caller = { arn, identity: describeUserIdentity(arn, accessKeyId, this.sessionCreationDate) };
      if (this.principals.size >= MAX_CACHED_PRINCIPALS) this.principals.clear();
      this.principals.set(accessKeyId, caller);
    }
    return caller;
  }
}

type TrailOutcomeInput = Parameters<CloudTrailWriter['add']>[0]['outcome'];

interface RequestContext {
  requestId: string;
  arrivedEpochMs: number;
  caller: CallerPrincipal;
  request: PutEventsHttpRequest;
  entries: PutEventsEntryInput[];
  namedBuses: BusState[];
  /** The request's EndpointId (a global endpoint), if any. */
  endpointId: string | undefined;
}
