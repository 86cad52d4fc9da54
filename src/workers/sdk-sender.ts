/**
 * The SDK transport: one EventBridgeClient per producer (its own credentials, retry settings and HTTP agent),
 * PutEventsCommand per call, and a middleware that sees every HTTP attempt inside the SDK's retry loop.
 */
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import type { ProducerSpec } from '../scenario/types.js';
import type { ProducerCredentials } from './protocol.js';
import {
  type AttemptOutcome,
  errorName,
  holdUntil,
  type OutgoingEntry,
  type Sender,
  type SendOutcome,
} from './sender-contract.js';
import { type AttemptWatch, type WireStamps, watchAttempt } from './wire-stamps.js';

/** How the SDK clients of a worker are configured. */
export interface SdkSenderOptions {
  producer: ProducerSpec;
  credentials: ProducerCredentials;
  endpointUrl: string;
  region: string;
  /** The HTTP agent's maxSockets (>= the worker's maxInFlight, so calls never queue on the agent). */
  maxSockets: number;
  /** Called once per HTTP attempt, retries included. */
  onAttempt: (outcome: AttemptOutcome) => void;
  /** Aborts every call still in flight (the runner's bounded drain); default: never. */
  abortSignal?: AbortSignal;
  /**
   * The runner's clock: stamps SendOutcome.sentMs when the last attempt was written to its socket and
   * respondedMs when its response head arrived (src/workers/wire-stamps.ts).
   */
  nowMs?: () => number;
}

/** Connection set-up may take at most this long. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** A request (send to full response) may take at most this long; then the SDK throws TimeoutError. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Whether an attempt's error is a throttle: the error name ThrottlingException (how EventBridge answers over
 * its quota) or HTTP 429.
 */
export function isThrottleError(error: unknown): boolean {
  if (errorName(error) === 'ThrottlingException') return true;
  const metadata = metadataOf(error);
  return metadata?.httpStatusCode === 429;
}

interface ResponseMetadataLike {
  httpStatusCode?: number | undefined;
  attempts?: number | undefined;
  totalRetryDelay?: number | undefined;
}

function metadataOf(value: unknown): ResponseMetadataLike | undefined {
  if (typeof value !== 'object' || value === null || !('$metadata' in value)) return undefined;
  const metadata = value.$metadata;
  return typeof metadata === 'object' && metadata !== null ? (metadata as ResponseMetadataLike) : undefined;
}

function statusCodeOf(deserialized: unknown): number | undefined {
  if (typeof deserialized !== 'object' || deserialized === null || !('response' in deserialized))
    return undefined;
  const response = deserialized.response;
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) return undefined;
  return typeof response.statusCode === 'number' ? response.statusCode : undefined;
}

/** What the sender knows of one attempt: when it went to the HTTP handler, and the wire stamps. */
interface WireTimes {
  handedMs: number;
  stamps: WireStamps;
}

/** Watches a signed attempt on the wire (nothing to watch without an Authorization header). */
function watchSigned(request: unknown, nowMs: () => number): AttemptWatch | undefined {
  const headers =
    typeof request === 'object' && request !== null ? (request as { headers?: unknown }).headers : undefined;
  const authorization =
    typeof headers === 'object' && headers !== null
      ? (headers as Record<string, unknown>).authorization
      : undefined;
  return typeof authorization === 'string' ? watchAttempt(authorization, nowMs) : undefined;
}

/** An attempt's write: to its socket, or, if the request never reached a socket, to the HTTP handler. */
function writtenAt(times: WireTimes): number {
  return times.stamps.writtenMs ?? times.handedMs;
}

/** A call's first and last attempts (the same object when there was one). */
interface CallAttempts {
  first: WireTimes;
  last: WireTimes;
}

/**
 * SendOutcome's sentMs and respondedMs from the last attempt (its write, and the response head's arrival
 * when there was one), and firstSentMs from the first attempt's write.
 */
function wireTimesOf(attempts: CallAttempts | undefined): {
  sentMs?: number;
  firstSentMs?: number;
  respondedMs?: number;
} {
  if (attempts === undefined) return {};
  const { respondedMs } = attempts.last.stamps;
  return {
    sentMs: writtenAt(attempts.last),
    firstSentMs: writtenAt(attempts.first),
    ...(respondedMs === undefined ? {} : { respondedMs }),
  };
}

/**
 * The producer's EventBridgeClient (exported for the calls/s measurement script and tests).
 * @param options - endpoint, region, credentials, retry and socket settings
 */
export function createEventBridgeClient(options: Omit<SdkSenderOptions, 'onAttempt'>): EventBridgeClient {
  const agent = { keepAlive: true, maxSockets: options.maxSockets };
  return new EventBridgeClient({
    endpoint: options.endpointUrl,
    region: options.region,
    credentials: {
      accessKeyId: options.credentials.accessKeyId,
      secretAccessKey: options.credentials.secretAccessKey,
      ...(options.credentials.sessionToken ? { sessionToken: options.credentials.sessionToken } : {}),
    },
    retryMode: options.producer.retry.mode,
    maxAttempts: options.producer.retry.maxAttempts,
    requestHandler: {
      httpAgent: agent,
      httpsAgent: agent,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
}

/**
 * A Sender backed by the real SDK.
 *
 * Attempt outcomes come from a middleware at step "deserialize" with high priority: that step runs inside
 * the retry middleware (step "finalizeRequest"), once per attempt, and high priority puts it outside the
 * deserializer, so it sees the parsed error (and its name) of each failed attempt.
 *
 * Speed: the SDK resolves its whole middleware stack on every `client.send(command, options)` (about a
 * fifth of a call's CPU in a profile). The client option `cacheMiddleware` resolves it once per command
 * class, but only for calls without options, and the runner needs an abort signal. So the sender does what
 * `cacheMiddleware` does, with the sender's one abort signal: it resolves the PutEvents handler once
 * (`command.resolveMiddleware(client.middlewareStack, client.config, { abortSignal })`) and calls it for
 * every command. Every middleware (serialisation, endpoint rules, SigV4, retries, user agent) still runs
 * on every call; only the stack's assembly is skipped.
 * @param options - see SdkSenderOptions
 */
export function createSdkSender(options: SdkSenderOptions): Sender {
  const client = createEventBridgeClient(options);
  const { onAttempt, nowMs } = options;
  // Per call (keyed by the command's input object): what its first and last attempts saw on the wire, and the time
  // its first attempt may not be written before.
  const callAttempts = new WeakMap<object, CallAttempts>();
  const notBefore = new WeakMap<object, number>();
  client.middlewareStack.add(
    (next) => async (args) => {
      // This middleware runs per attempt after serialisation and signing, just outside the deserializer:
      // what follows is the request handler's write, the wait for the answer, and the answer's parse.
      const input = args.input as object;
      const holdMs = notBefore.get(input);
      if (holdMs !== undefined && nowMs !== undefined) {
        notBefore.delete(input);
        await holdUntil(holdMs, nowMs, options.abortSignal);
      }
      const watch = nowMs === undefined ? undefined : watchSigned(args.request, nowMs);
      if (nowMs !== undefined) {
        const times = { handedMs: nowMs(), stamps: watch?.stamps ?? {} };
        const seen = callAttempts.get(input);
        if (seen === undefined) callAttempts.set(input, { first: times, last: times });
        else seen.last = times;
      }
      try {
        const result = await next(args);
        onAttempt(statusCodeOf(result) === 200 ? 'succeeded' : 'failed');
        return result;
      } catch (error) {
        onAttempt(isThrottleError(error) ? 'throttled' : 'failed');
        throw error;
      } finally {
        watch?.done();
      }
    },
    { step: 'deserialize', name: 'busloadAttemptOutcome', priority: 'high' },
  );
  const requestOptions = options.abortSignal === undefined ? undefined : { abortSignal: options.abortSignal };
  let handler: ((command: PutEventsCommand) => Promise<{ output: PutEventsCommandOutput }>) | undefined;
  const sendCommand = async (command: PutEventsCommand): Promise<PutEventsCommandOutput> => {
    handler ??= command.resolveMiddleware(
      client.middlewareStack,
      client.config,
      requestOptions,
    ) as unknown as (command: PutEventsCommand) => Promise<{ output: PutEventsCommandOutput }>;
    return (await handler(command)).output;
  };
  return {
    async send(entries: OutgoingEntry[], _signal: AbortSignal, notBeforeMs?: number): Promise<SendOutcome> {
      const input = { Entries: entries };
      if (notBeforeMs !== undefined) notBefore.set(input, notBeforeMs);
      try {
        const output = await sendCommand(new PutEventsCommand(input));
        const results = output.Entries ?? [];
        return {
          kind: 'response',
          entryErrors: results.map((result) =>
            result.EventId !== undefined && result.ErrorCode === undefined
              ? null
              : (result.ErrorCode ?? 'UnknownEntryError'),
          ),
          attempts: output.$metadata.attempts ?? 1,
          retryDelayMs: output.$metadata.totalRetryDelay ?? 0,
          ...wireTimesOf(callAttempts.get(input)),
        };
      } catch (error) {
        const metadata = metadataOf(error);
        return {
          kind: 'error',
          name: errorName(error),
          attempts: metadata?.attempts ?? 1,
          retryDelayMs: metadata?.totalRetryDelay ?? 0,
          ...wireTimesOf(callAttempts.get(input)),
        };
      }
    },
    destroy(): void {
      client.destroy();
    },
  };
}
