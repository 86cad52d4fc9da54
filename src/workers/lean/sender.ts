/**
 * The lean transport (`--transport lean`): the same PutEvents wire request the SDK sends, built without the
 * SDK's per-call middleware machinery, so one small machine can drive rates the full SDK path cannot.
 *
 * What is the same as the SDK (test/workers/lean/sender.test.ts compares both requests byte for byte,
 * less the signature, the date and the random invocation id):
 * - method, path, header names, values and order: content-type, x-amz-target, content-length,
 *   x-amz-user-agent and user-agent (captured once from the SDK itself, see captureSdkTemplate), host,
 *   amz-sdk-invocation-id, amz-sdk-request, x-amz-date, [x-amz-security-token], x-amz-content-sha256,
 *   authorization, and the Connection: keep-alive that node:http adds;
 * - the body: `{"Entries":[{...}]}` with each entry's members in the API model's order (Time, Source,
 *   Resources, DetailType, Detail, EventBusName, TraceHeader), JSON-escaped as the SDK does;
 * - the signature: SigV4 as @smithy/signature-v4 computes it (signer.ts; the signing key cached per
 *   day, one HMAC per request);
 * - sent over raw keep-alive sockets (http1-pool.ts), one write per request, not node:http's client;
 * - retries as the SDK's standard mode (this @smithy/core's constants): only throttling errors
 *   (ThrottlingException and the SDK's other throttling names, HTTP 429) and transient ones (HTTP
 *   500/502/503/504, connection resets, timeouts) are retried, up to maxAttempts, after a full-jitter delay
 *   random() x 2^attempt x (500 ms when throttled, else 100 ms), capped at 20 s, drawing on a retry quota
 *   of 500 tokens (a retry costs 5, after a timeout 10; a success gives back its retry's cost, or 1).
 *   `adaptive` mode's client-side rate limiter is not emulated: lean producers retry in standard mode.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { arrivalMs } from '../arrival-clock.js';
import type { SdkSenderOptions } from '../sdk-sender.js';
import { holdUntil, type OutgoingEntry, type Sender, type SendOutcome } from '../sender-contract.js';
import { Http1Pool } from './http1-pool.js';
import { LeanSigner } from './signer.js';

/** How a lean sender is configured (the same inputs as the SDK sender). */
export interface LeanSenderOptions extends SdkSenderOptions {
  /** The user-agent headers to send (default: captured from the SDK once per process). */
  template?: SdkTemplate;
  /** Uniform [0, 1) source for retry jitter (default Math.random, as the SDK). */
  random?: () => number;
}

/** What the SDK puts in every PutEvents request that does not depend on the call. */
export interface SdkTemplate {
  userAgent: string;
  amzUserAgent: string;
}

/** Error names the SDK classifies as throttling (docs/aws-behaviour.md §8). */
export const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const TRANSIENT_STATUS: ReadonlySet<number> = new Set([500, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** The standard retry mode's constants in the installed @smithy/core (util-retry constants). */
export const RETRY = {
  baseDelayMs: 100,
  throttlingBaseDelayMs: 500,
  maxDelayMs: 20_000,
  initialTokens: 500,
  retryCost: 5,
  timeoutRetryCost: 10,
  noRetryIncrement: 1,
} as const;

const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;
const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';
const TARGET = 'AWSEvents.PutEvents';

let templatePromise: Promise<SdkTemplate> | undefined;

/**
 * The user-agent headers the SDK sends from this process, captured by running one PutEvents through a real
 * EventBridgeClient whose request handler records the request instead of sending it (nothing leaves the
 * process). Memoised per thread.
 */
export function captureSdkTemplate(): Promise<SdkTemplate> {
  templatePromise ??= (async () => {
    let captured: Record<string, string> | undefined;
    const body = '{"FailedEntryCount":0,"Entries":[{"EventId":"template"}]}';
    const client = new EventBridgeClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEMPLATE', secretAccessKey: 'template-not-a-secret' },
      requestHandler: {
        handle: async (request: { headers: Record<string, string> }) => {
          captured = { ...request.headers };
          return {
            response: {
              statusCode: 200,
              reason: 'OK',
              headers: { 'content-type': AMZ_JSON_1_1 },
              body: Buffer.from(body),
            },
          };
        },
        updateHttpClientConfig: () => {},
        httpHandlerConfigs: () => ({}),
        destroy: () => {},
      },
    });
    try {
      await client.send(
        new PutEventsCommand({
          Entries: [{ Source: 's', DetailType: 't', Detail: '{}', EventBusName: 'b' }],
        }),
      );
    } finally {
      client.destroy();
    }
    const userAgent = captured?.['user-agent'];
    const amzUserAgent = captured?.['x-amz-user-agent'];
    if (userAgent === undefined || amzUserAgent === undefined) {
      throw new Error('could not capture the SDK user agent for the lean transport');
    }
    return { userAgent, amzUserAgent };
  })();
  return templatePromise;
}

/**
 * The PutEvents JSON body as the SDK serialises it: members in the model's order, strings escaped like
 * JSON.stringify (the SDK's JSON codec produces the same bytes for strings).
 * @param entries - the entries
 */
export function serializePutEventsBody(entries: ReadonlyArray<OutgoingEntry>): string {
  // One native JSON.stringify: an array replacer keeps only these members and writes them in its order.
  return JSON.stringify({ Entries: entries }, BODY_MEMBERS);
}

/** The body's members in the API model's order (an entry's other members are not sent). */
const BODY_MEMBERS = ['Entries', 'Source', 'DetailType', 'Detail', 'EventBusName'];

interface RawResponse {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface AttemptError {
  kind: 'error';
  name: string;
  throttling: boolean;
  transient: boolean;
  timeout: boolean;
}

/** The error name of a non-200 answer: x-amzn-ErrorType, else the body's __type/code, else the status. */
export function errorNameOf(response: RawResponse): string {
  const header = response.headers['x-amzn-errortype'];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.split(':')[0];
  if (fromHeader) return fromHeader;
  try {
    const parsed = JSON.parse(response.body) as { __type?: string; code?: string };
    const type = parsed.__type ?? parsed.code;
    if (typeof type === 'string' && type !== '') return type.slice(type.lastIndexOf('#') + 1);
  } catch {
    // not JSON: fall through
  }
  return response.statusCode === 429 ? 'TooManyRequestsException' : `Http${response.statusCode}Error`;
}

function classify(response: RawResponse): AttemptError {
  const name = errorNameOf(response);
  return {
    kind: 'error',
    name,
    throttling: response.statusCode === 429 || THROTTLING_ERROR_NAMES.has(name),
    transient: TRANSIENT_STATUS.has(response.statusCode) || TRANSIENT_ERROR_NAMES.has(name),
    timeout: false,
  };
}

/** Where an attempt tells its call when it was written and when its response arrived (runner clock). */
interface AttemptStamps {
  written(writtenMs: number): void;
  answered(respondedMs: number): void;
}

/**
 * A Sender that signs with @smithy/signature-v4 and sends over node:http (see the module comment).
 * @param options - see LeanSenderOptions
 */
export function createLeanSender(options: LeanSenderOptions): Sender {
  const url = new URL(options.endpointUrl);
  const hostHeader = url.host;
  const path = url.pathname === '' ? '/' : url.pathname;
  const requestLine = `POST ${path} HTTP/1.1\r\n`;
  const pool = new Http1Pool({
    url,
    maxSockets: options.maxSockets,
    connectTimeoutMs: CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  const signer = new LeanSigner(options.credentials, options.region, 'events', path);
  const maxAttempts = Math.max(1, options.producer.retry.maxAttempts);
  const random = options.random ?? Math.random;
  const template = options.template === undefined ? captureSdkTemplate() : Promise.resolve(options.template);
  let retryTokens: number = RETRY.initialTokens;
  const abortSignal = options.abortSignal;

  const nowMs = options.nowMs;

  const attempt = async (
    body: string,
    invocationId: string,
    attemptNumber: number,
    ua: SdkTemplate,
    /** Told the runner-clock times of the write and of the response's arrival (before its body is parsed). */
    stamp: AttemptStamps,
    /** The write waits for this runner-clock time (the request is built and signed before). */
    notBeforeMs: number | undefined,
  ): Promise<RawResponse> => {
    const bodyBytes = Buffer.byteLength(body, 'utf8');
    const signed = signer.sign(
      {
        'content-type': AMZ_JSON_1_1,
        'x-amz-target': TARGET,
        'content-length': String(bodyBytes),
        'x-amz-user-agent': ua.amzUserAgent,
        'user-agent': ua.userAgent,
        host: hostHeader,
        'amz-sdk-invocation-id': invocationId,
        'amz-sdk-request': `attempt=${attemptNumber}; max=${maxAttempts}`,
      },
      body,
      new Date(),
    );
    let head = requestLine;
    for (const name in signed) head += `${name}: ${signed[name]}\r\n`;
    head += 'Connection: keep-alive\r\n\r\n';
    const headBytes = Buffer.byteLength(head, 'latin1');
    const bytes = Buffer.allocUnsafe(headBytes + bodyBytes);
    bytes.write(head, 0, 'latin1');
    bytes.write(body, headBytes, 'utf8');
    if (notBeforeMs !== undefined && nowMs !== undefined) await holdUntil(notBeforeMs, nowMs, abortSignal);
    let writtenMs: number | undefined;
    const response = await pool.request({
      bytes,
      ...(nowMs === undefined
        ? {}
        : {
            onWrite: () => {
              writtenMs = nowMs();
              stamp.written(writtenMs);
            },
          }),
      ...(abortSignal === undefined ? {} : { signal: abortSignal }),
    });
    // Still in the socket read's continuation: the poll phase's arrival time (./arrival-clock.ts).
    if (nowMs !== undefined) stamp.answered(arrivalMs(nowMs, writtenMs));
    return {
      statusCode: response.statusCode,
      headers: response.headers,
      body: response.body.toString('utf8'),
    };
  };

  return {
    async send(entries: OutgoingEntry[], _signal: AbortSignal, notBeforeMs?: number): Promise<SendOutcome> {
      const ua = await template;
      const body = serializePutEventsBody(entries);
      let holdMs = notBeforeMs;
      const invocationId = randomUUID();
      let retryDelayMs = 0;
      let lastRetryCost = 0;
      // The first and last attempts' writes and the arrival of the last one's response (a new write forgets an
      // older answer).
      let sentMs: number | undefined;
      let firstSentMs: number | undefined;
      let respondedMs: number | undefined;
      const stamp: AttemptStamps = {
        written: (writtenMs) => {
          sentMs = writtenMs;
          firstSentMs ??= writtenMs;
          respondedMs = undefined;
        },
        answered: (answeredMs) => {
          respondedMs = answeredMs;
        },
      };
      const sent = (): { sentMs?: number; firstSentMs?: number; respondedMs?: number } => ({
        ...(sentMs === undefined ? {} : { sentMs }),
        ...(firstSentMs === undefined ? {} : { firstSentMs }),
        ...(respondedMs === undefined ? {} : { respondedMs }),
      });
      for (let attemptNumber = 1; ; attemptNumber++) {
        let failure: AttemptError;
        try {
          const hold = holdMs;
          holdMs = undefined; // retries are not held
          const response = await attempt(body, invocationId, attemptNumber, ua, stamp, hold);
          if (response.statusCode === 200) {
            options.onAttempt('succeeded');
            retryTokens = Math.min(
              RETRY.initialTokens,
              retryTokens + (lastRetryCost > 0 ? lastRetryCost : RETRY.noRetryIncrement),
            );
            return {
              kind: 'response',
              entryErrors: parseEntryErrors(response.body, entries.length),
              attempts: attemptNumber,
              retryDelayMs,
              ...sent(),
            };
          }
          failure = classify(response);
        } catch (error) {
          const name = networkErrorName(error);
          failure = {
            kind: 'error',
            name,
            throttling: false,
            transient: name === 'TimeoutError' || TRANSIENT_NETWORK_CODES.has(name),
            timeout: name === 'TimeoutError',
          };
          if (name === 'AbortError') {
            options.onAttempt('failed');
            return { kind: 'error', name, attempts: attemptNumber, retryDelayMs, ...sent() };
          }
        }
        options.onAttempt(failure.throttling ? 'throttled' : 'failed');
        const cost = failure.timeout ? RETRY.timeoutRetryCost : RETRY.retryCost;
        const retryable = failure.throttling || failure.transient;
        if (!retryable || attemptNumber >= maxAttempts || retryTokens < cost || abortSignal?.aborted) {
          return { kind: 'error', name: failure.name, attempts: attemptNumber, retryDelayMs, ...sent() };
        }
        retryTokens -= cost;
        lastRetryCost = cost;
        const base = failure.throttling ? RETRY.throttlingBaseDelayMs : RETRY.baseDelayMs;
        const delayMs = Math.floor(Math.min(RETRY.maxDelayMs, random() * 2 ** attemptNumber * base));
        retryDelayMs += delayMs;
        await holdUntil(performance.now() + delayMs, () => performance.now(), abortSignal);
      }
    },
    destroy(): void {
      pool.destroy();
    },
  };
}

function networkErrorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const record = error as { name?: unknown; code?: unknown };
    if (record.name === 'AbortError' || record.name === 'TimeoutError') return record.name;
    if (typeof record.code === 'string') return record.code;
    if (typeof record.name === 'string') return record.name;
  }
  return 'UnknownError';
}

/**
 * Per request entry, in order: null = accepted (EventId), else its ErrorCode; a body that cannot be read
 * marks every entry `MalformedResponse`.
 * @param body - the 200 response body
 * @param count - entries sent
 */
export function parseEntryErrors(body: string, count: number): Array<string | null> {
  try {
    const parsed = JSON.parse(body) as { Entries?: Array<{ EventId?: string; ErrorCode?: string }> };
    return (parsed.Entries ?? []).map((result) =>
      result.EventId !== undefined && result.ErrorCode === undefined
        ? null
        : (result.ErrorCode ?? 'UnknownEntryError'),
    );
  } catch {
    return Array.from({ length: count }, () => 'MalformedResponse');
  }
}
