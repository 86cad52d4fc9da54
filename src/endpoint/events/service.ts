/**
 * The endpoint's state and decisions for one PutEvents request: authentication, quota, faults, validation,
 * per-entry results, counters and the CloudTrail draft. No sockets here: server.ts reads and writes HTTP.
 */
import { randomUUID } from 'node:crypto';
import { type EntryResult, formatEventTime } from '../../eventbridge/cloudtrail-record.js';
import type { CloudTrailWriter } from '../cloudtrail/writer.js';
import { type AwsErrorAnswer, INTERNAL, renderAwsErrorBody, THROTTLED } from '../errors.js';
import { checkCredentialScope, parseAuthorizationHeader, SignatureVerifier } from '../sigv4.js';
import { TokenBucket } from '../token-bucket.js';
import type { EndpointBusStats, EndpointClock, EndpointConfig, EndpointStats } from '../types.js';
import { type BusState, EventBusRegistry } from './bus-registry.js';
import { FaultModel } from './faults.js';
import type { PutEventsMetrics } from './metrics.js';
import {
  firstHeader,
  isAwsJsonContentType,
  PUT_EVENTS_TARGET,
  type PutEventsHttpAnswer,
  type PutEventsHttpRequest,
} from './models.js';
import { accessDenied, type CallerPrincipal, CallerPrincipals } from './principals.js';
import {
  checkEntry,
  type PutEventsEntryInput,
  parsePutEventsBody,
  resolveBusName,
  validatePutEventsRequest,
} from './put-events.js';
import { renderPutEventsResponse } from './responses.js';

/** PutEvents semantics over the endpoint's configuration, quota, fault model, counters and trail. */
export class PutEventsService {
  private readonly config: EndpointConfig;
  private readonly clock: EndpointClock;
  private readonly trail: CloudTrailWriter;
  private readonly buses: EventBusRegistry;
  private readonly bucket: TokenBucket;
  private readonly faults: FaultModel;
  private readonly principals: CallerPrincipals;
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
    this.buses = new EventBusRegistry(config);
    this.bucket = new TokenBucket(config.quota.ratePerSec, config.quota.burst, clock.monotonicMs());
    this.faults = new FaultModel(config);
    this.principals = new CallerPrincipals(config, formatEventTime(clock.nowEpochMs()));
  }

  /** The delay to add before the next answer (the fault model's latency and stalls). */
  nextAnswerDelayMs(): number {
    return this.faults.nextAnswerDelayMs();
  }

  /** True when the next answer is to be replaced by a connection reset (the fault model's). */
  nextAnswerIsReset(): boolean {
    return this.faults.nextAnswerIsReset();
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
    for (const bus of this.buses.all()) {
      const trail = this.trail.countsOf(bus.name);
      buses.push({ ...bus.stats, trailRecords: trail.records, trailBytes: trail.bytes });
    }
    return {
      ...this.totals,
      connectionsReset: this.faults.connectionsReset,
      answersStalled: this.faults.answersStalled,
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
    const caller = this.principals.of(auth.accessKeyId);
    const entries = parsed.request.Entries ?? [];

    // Resolve each entry's bus once; count the request once for every existing bus it names.
    const entryBuses: Array<BusState | null> = new Array(entries.length);
    const namedBuses: BusState[] = [];
    for (let i = 0; i < entries.length; i++) {
      const name = resolveBusName(entries[i]!.EventBusName, this.config.region, this.config.accountId);
      const bus = name === null ? null : this.buses.forPutEvents(name);
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
    if (this.faults.internalError()) {
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
    const denied = accessDenied(caller, bus);
    if (denied !== null) return denied;
    return this.faults.entryFault() ?? { eventId: randomUUID() };
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
    return [...this.buses.all()].map((bus) => ({ name: bus.name, arn: bus.arn }));
  }

  /**
   * CreateEventBus: a new bus, logged when logUndeclaredBuses is on (the rule of buses created on first
   * use); 'exists' when the name is taken, 'limit' at AWS's 100 buses.
   */
  createBus(name: string): { name: string; arn: string } | 'exists' | 'limit' {
    const bus = this.buses.create(name);
    return typeof bus === 'string' ? bus : { name, arn: bus.arn };
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
