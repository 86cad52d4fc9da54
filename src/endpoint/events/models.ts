/**
 * What PutEvents and the bus calls see of an HTTP request and give back (AWS JSON 1.1), and the header checks
 * they share. No sockets here: server.ts reads the request and writes the answer (responses.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';

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

/** The first value of a header node:http may give as a list (undefined when absent). */
export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
