/**
 * The contract between the runner and a transport (the SDK sender, the lean sender, a test's fake): what
 * goes out, how a call and each of its HTTP attempts ended, and the two helpers every sender shares
 * (holding a prepared write until its time, naming a thrown error).
 */
import type { ProducerSpec } from '../scenario/types.js';

/** One entry as sent: a built entry plus its bus. */
export interface OutgoingEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
}

/** How one HTTP attempt ended, as seen inside the SDK's retry loop. */
export type AttemptOutcome = 'succeeded' | 'throttled' | 'failed';

/** How one send() call ended. */
export type SendOutcome =
  | {
      kind: 'response';
      /** Per request entry, in order: null = accepted (EventId), else the entry's ErrorCode. */
      entryErrors: Array<string | null>;
      attempts: number;
      retryDelayMs: number;
      /** When the last attempt's request was handed to the socket (runner clock); absent: unknown. */
      sentMs?: number;
      /**
       * When the first attempt's request was handed to the socket (runner clock; earlier than sentMs when the
       * sender retried); absent: unknown. The schedule is kept, or not, at this write.
       */
      firstSentMs?: number;
      /**
       * When the last attempt's response arrived, before the sender read and parsed it (runner clock);
       * absent: unknown (the runner takes the time send() resolved).
       */
      respondedMs?: number;
    }
  | {
      kind: 'error';
      /** The error's name (e.g. ThrottlingException, InternalException, TimeoutError, AbortError). */
      name: string;
      attempts: number;
      retryDelayMs: number;
      /** When the last attempt's request was handed to the socket (runner clock); absent: never written. */
      sentMs?: number;
      /** When the first attempt's request was handed to the socket (runner clock); absent: never written. */
      firstSentMs?: number;
      /** When the last attempt's (error) response arrived (runner clock); absent: none came, or unknown. */
      respondedMs?: number;
    };

/** A producer's connection to PutEvents. */
export interface Sender {
  /**
   * Sends one PutEvents call. With `notBeforeMs` (runner clock), the sender does its per-call work now
   * (serialising, signing) but writes the first attempt no earlier than then.
   */
  send(entries: OutgoingEntry[], signal: AbortSignal, notBeforeMs?: number): Promise<SendOutcome>;
  destroy(): void;
}

/**
 * Makes the Sender of one producer; `onAttempt` is called once per HTTP attempt (retries included);
 * `abortSignal` (the same one every send() gets) aborts the calls still in flight after a bounded drain;
 * `nowMs` is the runner's clock, for stamping SendOutcome.sentMs at the socket write and respondedMs at the
 * response's arrival.
 */
export type SenderFactory = (
  producer: ProducerSpec,
  onAttempt: (outcome: AttemptOutcome) => void,
  abortSignal: AbortSignal,
  nowMs: () => number,
) => Sender;

/**
 * Waits until `notBeforeMs` on `nowMs`'s clock (a sender holding a prepared write); resolves at once when
 * that time has come or `signal` aborts.
 */
export function holdUntil(notBeforeMs: number, nowMs: () => number, signal?: AbortSignal): Promise<void> {
  const delayMs = notBeforeMs - nowMs();
  if (delayMs <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
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

/**
 * The name of a thrown value: its Error name, or for a plain Error from the network layer its code
 * (ECONNREFUSED, ENOTFOUND, ECONNRESET, ETIMEDOUT: the cause, not "Error"); else "UnknownError".
 */
export function errorName(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (error instanceof Error && error.name && error.name !== 'Error') return error.name;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof Error && error.name) return error.name;
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return 'UnknownError';
}
