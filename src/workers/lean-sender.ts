/**
 * The lean transport (`--transport lean`): the same PutEvents wire request the SDK sends, built without the
 * SDK's per-call middleware machinery, so one small machine can drive rates the full SDK path cannot.
 *
 * What is the same as the SDK (test/workers/lean-sender.test.ts compares both requests byte for byte,
 * less the signature, the date and the random invocation id):
 * - method, path, header names, values and order: content-type, x-amz-target, content-length,
 *   x-amz-user-agent and user-agent (captured once from the SDK itself, see captureSdkTemplate), host,
 *   amz-sdk-invocation-id, amz-sdk-request, x-amz-date, x-amz-content-sha256, [x-amz-security-token],
 *   authorization;
 * - the body: `{"Entries":[{...}]}` with each entry's members in the API model's order (Time, Source,
 *   Resources, DetailType, Detail, EventBusName, TraceHeader), JSON-escaped as the SDK does;
 * - the signature: SigV4 by the SDK's own signer, @smithy/signature-v4, with node:crypto SHA-256;
 * - retries as the SDK's standard mode (this @smithy/core's constants): only throttling errors
 *   (ThrottlingException and the SDK's other throttling names, HTTP 429) and transient ones (HTTP
 *   500/502/503/504, connection resets, timeouts) are retried, up to maxAttempts, after a full-jitter delay
 *   random() x 2^attempt x (500 ms when throttled, else 100 ms), capped at 20 s, drawing on a retry quota
 *   of 500 tokens (a retry costs 5, after a timeout 10; a success gives back its retry's cost, or 1).
 *   `adaptive` mode's client-side rate limiter is not emulated: lean producers retry in standard mode.
 */
import { createHash, createHmac, type Hash, type Hmac, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OutgoingEntry, Sender, SendOutcome } from './runner.js';
import type { SdkSenderOptions } from './sender.js';

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

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 (or HMAC-SHA-256 with a secret) over node:crypto, in the shape the SDK's signer expects. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

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
  let body = '{"Entries":[';
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (i > 0) body += ',';
    body += `{"Source":${JSON.stringify(entry.Source)},"DetailType":${JSON.stringify(entry.DetailType)},"Detail":${JSON.stringify(entry.Detail)},"EventBusName":${JSON.stringify(entry.EventBusName)}}`;
  }
  return `${body}]}`;
}

interface RawResponse {
  statusCode: number;
  headers: IncomingMessage['headers'];
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

/**
 * A Sender that signs with @smithy/signature-v4 and sends over node:http (see the module comment).
 * @param options - see LeanSenderOptions
 */
export function createLeanSender(options: LeanSenderOptions): Sender {
  const url = new URL(options.endpointUrl);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets })
    : new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const send = secure ? httpsRequest : httpRequest;
  const hostHeader = url.host;
  const path = url.pathname === '' ? '/' : url.pathname;
  const signer = new SignatureV4({
    service: 'events',
    region: options.region,
    credentials: {
      accessKeyId: options.credentials.accessKeyId,
      secretAccessKey: options.credentials.secretAccessKey,
      ...(options.credentials.sessionToken ? { sessionToken: options.credentials.sessionToken } : {}),
    },
    sha256: NodeSha256,
    uriEscapePath: true,
  });
  const maxAttempts = Math.max(1, options.producer.retry.maxAttempts);
  const random = options.random ?? Math.random;
  const template = options.template === undefined ? captureSdkTemplate() : Promise.resolve(options.template);
  let retryTokens: number = RETRY.initialTokens;
  const abortSignal = options.abortSignal;

  const attempt = async (
    body: string,
    invocationId: string,
    attemptNumber: number,
    ua: SdkTemplate,
  ): Promise<RawResponse> => {
    const headers: Record<string, string> = {
      'content-type': AMZ_JSON_1_1,
      'x-amz-target': TARGET,
      'content-length': String(Buffer.byteLength(body, 'utf8')),
      'x-amz-user-agent': ua.amzUserAgent,
      'user-agent': ua.userAgent,
      host: hostHeader,
      'amz-sdk-invocation-id': invocationId,
      'amz-sdk-request': `attempt=${attemptNumber}; max=${maxAttempts}`,
    };
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path,
      query: {},
      headers,
      body,
    });
    return new Promise<RawResponse>((resolve, reject) => {
      if (abortSignal?.aborted) {
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        return;
      }
      const req = send({
        agent,
        host: url.hostname,
        port: url.port === '' ? undefined : Number(url.port),
        method: 'POST',
        path,
        headers: signed.headers,
      });
      const onAbort = (): void => {
        req.destroy(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      };
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      const connectTimer = setTimeout(() => {
        req.destroy(Object.assign(new Error('connection timed out'), { name: 'TimeoutError' }));
      }, CONNECTION_TIMEOUT_MS);
      req.once('socket', (socket) => {
        if (!socket.connecting) clearTimeout(connectTimer);
        else socket.once('connect', () => clearTimeout(connectTimer));
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => {
        req.destroy(Object.assign(new Error('request timed out'), { name: 'TimeoutError' }));
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => {
          abortSignal?.removeEventListener('abort', onAbort);
          resolve({
            statusCode: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.once('error', reject);
      });
      req.once('error', (error) => {
        clearTimeout(connectTimer);
        abortSignal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      req.end(body);
    });
  };

  return {
    async send(entries: OutgoingEntry[]): Promise<SendOutcome> {
      const ua = await template;
      const body = serializePutEventsBody(entries);
      const invocationId = randomUUID();
      let retryDelayMs = 0;
      let lastRetryCost = 0;
      for (let attemptNumber = 1; ; attemptNumber++) {
        let failure: AttemptError;
        try {
          const response = await attempt(body, invocationId, attemptNumber, ua);
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
            return { kind: 'error', name, attempts: attemptNumber, retryDelayMs };
          }
        }
        options.onAttempt(failure.throttling ? 'throttled' : 'failed');
        const cost = failure.timeout ? RETRY.timeoutRetryCost : RETRY.retryCost;
        const retryable = failure.throttling || failure.transient;
        if (!retryable || attemptNumber >= maxAttempts || retryTokens < cost || abortSignal?.aborted) {
          return { kind: 'error', name: failure.name, attempts: attemptNumber, retryDelayMs };
        }
        retryTokens -= cost;
        lastRetryCost = cost;
        const base = failure.throttling ? RETRY.throttlingBaseDelayMs : RETRY.baseDelayMs;
        const delayMs = Math.floor(Math.min(RETRY.maxDelayMs, random() * 2 ** attemptNumber * base));
        retryDelayMs += delayMs;
        await sleep(delayMs, abortSignal);
      }
    },
    destroy(): void {
      agent.destroy();
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

function sleep(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  if (delayMs <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
