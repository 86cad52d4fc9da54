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
  /** The runner's clock: stamps SendOutcome.sentMs when a request is handed to the HTTP layer. */
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
  // Per call (keyed by the command's input object): when its last attempt went to the HTTP handler, and
  // the time its first attempt may not be written before.
  const sentAt = new WeakMap<object, number>();
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
      if (nowMs !== undefined) sentAt.set(input, nowMs());
      try {
        const result = await next(args);
        onAttempt(statusCodeOf(result) === 200 ? 'succeeded' : 'failed');
        return result;
      } catch (error) {
        onAttempt(isThrottleError(error) ? 'throttled' : 'failed');
        throw error;
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
        const sentMs = sentAt.get(input);
        return {
          kind: 'response',
          entryErrors: results.map((result) =>
            result.EventId !== undefined && result.ErrorCode === undefined
              ? null
              : (result.ErrorCode ?? 'UnknownEntryError'),
          ),
          attempts: output.$metadata.attempts ?? 1,
          retryDelayMs: output.$metadata.totalRetryDelay ?? 0,
          ...(sentMs === undefined ? {} : { sentMs }),
        };
      } catch (error) {
        const metadata = metadataOf(error);
        const sentMs = sentAt.get(input);
        return {
          kind: 'error',
          name: errorName(error),
          attempts: metadata?.attempts ?? 1,
          retryDelayMs: metadata?.totalRetryDelay ?? 0,
          ...(sentMs === undefined ? {} : { sentMs }),
        };
      }
    },
    destroy(): void {
      client.destroy();
    },
  };
}
