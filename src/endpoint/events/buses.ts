/**
 * The EventBridge control-plane calls producers make at start-up (docs/aws-behaviour.md §1.5):
 * DescribeEventBus, ListEventBuses and CreateEventBus, AWS JSON 1.1 like PutEvents, over the buses the
 * PutEventsService knows (`default`, the buses of --config, buses created here or on first use). Shapes from
 * the EventBridge service model [S1]; answers and error texts as recorded against AWS [S6].
 * No sockets here: server.ts routes the request and writes the answer.
 */
import { randomUUID } from 'node:crypto';
import { type AwsErrorAnswer, renderAwsErrorBody } from '../errors.js';
import type { PutEventsHttpAnswer, PutEventsHttpRequest } from './models.js';
import { resolveBusName } from './put-events.js';
import type { PutEventsService } from './service.js';

/** The X-Amz-Target values served here. */
export const EVENT_BUS_TARGETS: ReadonlySet<string> = new Set([
  'AWSEvents.DescribeEventBus',
  'AWSEvents.ListEventBuses',
  'AWSEvents.CreateEventBus',
]);

/** ListEventBuses' Limit: 1 to 100 (service model). */
const MAX_LIST_LIMIT = 100;
/**
 * Assumption: ListEventBuses without Limit answers every bus on one page (AWS documents no default page
 * size; an account holds at most 100 buses).
 */
const DEFAULT_LIST_LIMIT = MAX_LIST_LIMIT;
const BUS_NAME_PATTERN = /^[/.\-_A-Za-z0-9]+$/;

type Json = Record<string, unknown>;

interface BusMetadata {
  creationEpochMs: number;
  /** Members CreateEventBus echoes back and DescribeEventBus returns (Description, KmsKeyIdentifier, ...). */
  echoed: Json;
}

function validation(message: string): AwsErrorAnswer {
  return { httpStatus: 400, code: 'ValidationException', message };
}

/** AWS's validation text (the form recorded against AWS [S6]): `1 validation error detected: Value ...`. */
function constraint(value: unknown, member: string, rule: string): AwsErrorAnswer {
  return validation(
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

/** DescribeEventBus, ListEventBuses and CreateEventBus over the endpoint's buses. */
export class EventBusesService {
  private readonly service: PutEventsService;
  private readonly nowEpochMs: () => number;
  private readonly region: string;
  private readonly accountId: string;
  private readonly startedEpochMs: number;
  /** Buses created by CreateEventBus (others date from the endpoint's start). */
  private readonly metadata = new Map<string, BusMetadata>();

  constructor(options: {
    service: PutEventsService;
    nowEpochMs: () => number;
    region: string;
    accountId: string;
  }) {
    this.service = options.service;
    this.nowEpochMs = options.nowEpochMs;
    this.region = options.region;
    this.accountId = options.accountId;
    this.startedEpochMs = options.nowEpochMs();
  }

  /**
   * Answers one request whose X-Amz-Target is in EVENT_BUS_TARGETS: authentication (scope `events`), then
   * the operation. The answer has the shape of PutEvents' (JSON 1.1, `__type` errors).
   */
  handle(request: PutEventsHttpRequest, target: string, arrivedEpochMs: number): PutEventsHttpAnswer {
    const requestId = randomUUID();
    const answer = (httpStatus: number, body: string, errorCode: string | null): PutEventsHttpAnswer => ({
      httpStatus,
      body,
      requestId,
      errorCode,
      entries: null,
      failedEntries: 0,
    });
    const error = (e: AwsErrorAnswer): PutEventsHttpAnswer =>
      answer(e.httpStatus, renderAwsErrorBody(e), e.code);
    const auth = this.service.authenticate(request, 'events', arrivedEpochMs);
    if (!auth.ok) return error(auth.error);
    if (request.method !== 'POST') {
      return error({ httpStatus: 400, code: 'UnknownOperationException', message: 'Unknown operation.' });
    }
    let input: unknown;
    try {
      const text = request.body.toString('utf8');
      input = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      return error({
        httpStatus: 400,
        code: 'SerializationException',
        message: 'Start of structure or map found where not expected.',
      });
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return error({
        httpStatus: 400,
        code: 'SerializationException',
        message: 'Start of structure or map found where not expected.',
      });
    }
    const body = input as Json;
    const outcome =
      target === 'AWSEvents.DescribeEventBus'
        ? this.describe(body)
        : target === 'AWSEvents.ListEventBuses'
          ? this.list(body)
          : this.create(body);
    if ('code' in outcome && 'httpStatus' in outcome) return error(outcome as AwsErrorAnswer);
    return answer(200, JSON.stringify(outcome), null);
  }

  private entry(bus: { name: string; arn: string }): Json {
    const metadata = this.metadata.get(bus.name);
    const epochSeconds = (metadata?.creationEpochMs ?? this.startedEpochMs) / 1000;
    return {
      Name: bus.name,
      Arn: bus.arn,
      ...(metadata?.echoed['Description'] === undefined
        ? {}
        : { Description: metadata.echoed['Description'] }),
      CreationTime: epochSeconds,
      LastModifiedTime: epochSeconds,
    };
  }

  /** DescribeEventBus: Name (a name or an ARN) defaults to `default`. */
  private describe(input: Json): Json | AwsErrorAnswer {
    const given = input['Name'] ?? 'default';
    if (typeof given !== 'string' || given.length === 0 || given.length > 1600) {
      return constraint(given, 'name', 'Member must have length between 1 and 1600');
    }
    const name = resolveBusName(given, this.region, this.accountId);
    const bus = this.service.existingBuses().find((candidate) => candidate.name === name);
    if (bus === undefined) {
      return {
        httpStatus: 400,
        code: 'ResourceNotFoundException',
        message: `Event bus ${given} does not exist.`,
      };
    }
    const metadata = this.metadata.get(bus.name);
    const { Description: _description, ...rest } = metadata?.echoed ?? {};
    const entry = this.entry(bus);
    return { ...entry, ...rest };
  }

  /** ListEventBuses: NamePrefix, Limit (1-100) and NextToken; buses in name order. */
  private list(input: Json): Json | AwsErrorAnswer {
    const prefix = input['NamePrefix'];
    if (prefix !== undefined && (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 256)) {
      return constraint(prefix, 'namePrefix', 'Member must have length between 1 and 256');
    }
    const limit = input['Limit'] ?? DEFAULT_LIST_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      return constraint(limit, 'limit', `Member must have value between 1 and ${MAX_LIST_LIMIT}`);
    }
    let offset = 0;
    const token = input['NextToken'];
    if (token !== undefined) {
      const decoded = typeof token === 'string' ? Buffer.from(token, 'base64url').toString('utf8') : '';
      offset = decoded.startsWith('buses:') ? Number(decoded.slice(6)) : Number.NaN;
      if (!Number.isInteger(offset) || offset < 0) return validation('The NextToken provided is invalid.');
    }
    const matching = this.service
      .existingBuses()
      .filter((bus) => prefix === undefined || bus.name.startsWith(prefix as string))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const page = matching.slice(offset, offset + limit).map((bus) => this.entry(bus));
    const output: Json = { EventBuses: page };
    if (offset + limit < matching.length) {
      output['NextToken'] = Buffer.from(`buses:${offset + limit}`, 'utf8').toString('base64url');
    }
    return output;
  }

  /**
   * CreateEventBus: a custom bus (partner buses, with EventSourceName, are not served). The answer echoes
   * the optional members given, as AWS's does: EventBusArn, Description, KmsKeyIdentifier,
   * DeadLetterConfig, LogConfig.
   */
  private create(input: Json): Json | AwsErrorAnswer {
    const name = input['Name'];
    if (typeof name !== 'string') {
      return constraint(name ?? 'null', 'name', 'Member must not be null');
    }
    if (name.length === 0 || name.length > 256) {
      return constraint(name, 'name', 'Member must have length between 1 and 256');
    }
    if (!BUS_NAME_PATTERN.test(name)) {
      return constraint(name, 'name', 'Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+');
    }
    if (input['EventSourceName'] !== undefined) {
      return validation('The busload emulator does not serve partner event buses (EventSourceName).');
    }
    if (name.includes('/')) {
      // Assumption (AWS reserves '/' for partner buses, whose names come from the event source).
      return validation(`Event bus name ${name} must not contain '/' unless it is a partner event bus.`);
    }
    const created = this.service.createBus(name);
    if (created === 'exists') {
      return {
        httpStatus: 400,
        code: 'ResourceAlreadyExistsException',
        message: `Event bus ${name} already exists.`,
      };
    }
    if (created === 'limit') {
      // Assumption: the wording is the emulator's (AWS documents the quota of 100 buses, not this text).
      return {
        httpStatus: 400,
        code: 'LimitExceededException',
        message: 'The requested resource exceeds the maximum number allowed.',
      };
    }
    const echoed: Json = {};
    for (const member of ['Description', 'KmsKeyIdentifier', 'DeadLetterConfig', 'LogConfig']) {
      if (input[member] !== undefined) echoed[member] = input[member];
    }
    this.metadata.set(name, { creationEpochMs: this.nowEpochMs(), echoed });
    return { EventBusArn: created.arn, ...echoed };
  }
}
