/**
 * When an HTTP attempt the SDK makes really met the wire: node:http's diagnostics channels tell when a
 * client request was written to its socket (`http.client.request.start`, published on Node 20 when the
 * request's last byte has been handed to its socket) and when its response head arrived
 * (`http.client.response.finish`, published as the response is parsed, before the SDK reads or parses its
 * body). The SDK's NodeHttpHandler creates the request itself, so an attempt is recognised by its signed
 * Authorization header, which the sender registers just before it hands the attempt to the handler.
 *
 * Stamps are taken on the caller's clock (the runner's); a response's arrival is the time its poll phase read
 * its first answer (./arrival-clock.ts), so another call's processing in the same phase is not in it. An
 * attempt that never reached a socket (aborted, connection refused) has no writtenMs; one without a response
 * (reset, timeout) has no respondedMs.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { arrivalMs } from './arrival-clock.js';

/** What was seen of one attempt on the wire (runner clock, ms). */
export interface WireStamps {
  /** The request was written to its socket. */
  writtenMs?: number;
  /** The response's head arrived (before its body was read or parsed). */
  respondedMs?: number;
}

/** One registered attempt. */
export interface AttemptWatch {
  readonly stamps: WireStamps;
  /** Stops watching (the attempt is over); a request not yet written is no longer matched. */
  done(): void;
}

interface Watch {
  stamps: WireStamps;
  nowMs: () => number;
}

/** Attempts registered and not yet written, by Authorization header (first registered, first matched). */
const waiting = new Map<string, Watch[]>();
/** Attempts written and not yet answered, by their client request. */
const written = new WeakMap<ClientRequest, Watch>();
let subscribed = false;

function onRequestStart(message: unknown): void {
  const request = (message as { request: ClientRequest }).request;
  const authorization = request.getHeader('authorization');
  if (typeof authorization !== 'string') return;
  const queue = waiting.get(authorization);
  const watch = queue?.shift();
  if (watch === undefined) return;
  if (queue!.length === 0) waiting.delete(authorization);
  watch.stamps.writtenMs = watch.nowMs();
  written.set(request, watch);
}

function onResponse(message: unknown): void {
  const watch = written.get((message as { request: ClientRequest }).request);
  if (watch !== undefined && watch.stamps.respondedMs === undefined) {
    watch.stamps.respondedMs = arrivalMs(watch.nowMs, watch.stamps.writtenMs);
  }
}

/**
 * Watches the next client request written with this Authorization header (in this thread).
 * @param authorization - the attempt's signed Authorization header
 * @param nowMs - the clock the stamps are taken on
 */
export function watchAttempt(authorization: string, nowMs: () => number): AttemptWatch {
  if (!subscribed) {
    subscribe('http.client.request.start', onRequestStart);
    subscribe('http.client.response.finish', onResponse);
    subscribed = true;
  }
  const watch: Watch = { stamps: {}, nowMs };
  const queue = waiting.get(authorization);
  if (queue === undefined) waiting.set(authorization, [watch]);
  else queue.push(watch);
  return {
    stamps: watch.stamps,
    done(): void {
      const pending = waiting.get(authorization);
      const at = pending?.indexOf(watch) ?? -1;
      if (at < 0) return;
      pending!.splice(at, 1);
      if (pending!.length === 0) waiting.delete(authorization);
    },
  };
}

/** Attempts registered and not yet written (for tests: nothing may be left behind). */
export function waitingAttempts(): number {
  let count = 0;
  for (const queue of waiting.values()) count += queue.length;
  return count;
}
