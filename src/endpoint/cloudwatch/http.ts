/**
 * CloudWatch on the endpoint's port in the three protocols CloudWatch serves (its service model lists
 * `smithy-rpc-v2-cbor`, `json` and `query`; docs/aws-behaviour.md §7.1): which requests are CloudWatch's,
 * authentication against the `monitoring` signing name, gzip bodies, decoding, and the answer in the
 * protocol the request came in. server.ts only routes and writes what this returns.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { gunzip } from 'node:zlib';
import type { AwsErrorAnswer } from '../errors.js';
import { renderAwsErrorBody } from '../errors.js';
import type { PutEventsHttpRequest } from '../events/models.js';
import {
  CBOR_CONTENT_TYPE,
  cborOperationOf,
  decodeCborBody,
  RPC_V2_CBOR,
  renderCborAnswer,
  renderCborError,
} from './cbor.js';
import type { CloudWatchError } from './errors.js';
import { CLOUDWATCH_TARGET_PREFIX, renderJsonAnswer } from './json.js';
import type { CloudWatchOutcome } from './models.js';
import {
  CLOUDWATCH_API_VERSION,
  decodeQueryForm,
  FORM_CONTENT_TYPE,
  renderQueryAnswer,
  renderQueryError,
} from './query.js';
import type { CloudWatchService } from './service.js';

/** The signing name of CloudWatch (the credential scope's service). */
export const CLOUDWATCH_SIGNING_SERVICE = 'monitoring';

/** The three wire protocols. */
export type CloudWatchProtocol = 'json' | 'query' | 'cbor';

/** The content type of AWS JSON 1.0 answers (CloudWatch). */
const AMZ_JSON_1_0 = 'application/x-amz-json-1.0';
const XML_CONTENT_TYPE = 'text/xml';

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function mediaType(value: string | undefined): string {
  if (value === undefined) return '';
  const semicolonAt = value.indexOf(';');
  return (semicolonAt < 0 ? value : value.slice(0, semicolonAt)).trim().toLowerCase();
}

function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt < 0 ? url : url.slice(0, queryAt);
}

/**
 * The CloudWatch protocol a request speaks, or null when it is not a CloudWatch request:
 * - JSON 1.0: `X-Amz-Target: GraniteServiceVersion20100801.<Op>`;
 * - RPC v2 CBOR: the path `/service/GraniteServiceVersion20100801/operation/<Op>`;
 * - awsQuery: a form-encoded body (EventBridge speaks JSON 1.1 only), or a GET with `Action=` in the query.
 * A request signed for `monitoring` that matches none of these is CloudWatch's too (answered as awsQuery,
 * CloudWatch's original protocol), never an EventBridge signature error.
 */
export function cloudWatchProtocolOf(
  request: Pick<PutEventsHttpRequest, 'method' | 'url' | 'headers'>,
): CloudWatchProtocol | null {
  const target = firstHeader(request.headers['x-amz-target']);
  if (target !== undefined) return target.startsWith(CLOUDWATCH_TARGET_PREFIX) ? 'json' : null;
  if (cborOperationOf(pathOf(request.url)) !== null) return 'cbor';
  const contentType = mediaType(firstHeader(request.headers['content-type']));
  if (contentType === FORM_CONTENT_TYPE) return 'query';
  if (request.method === 'GET' && /[?&]Action=/.test(request.url)) return 'query';
  const authorization = firstHeader(request.headers.authorization) ?? '';
  if (authorization.includes(`/${CLOUDWATCH_SIGNING_SERVICE}/aws4_request`)) {
    return contentType === CBOR_CONTENT_TYPE ? 'cbor' : 'query';
  }
  return null;
}

/** What server.ts writes: status, headers, body. */
export interface CloudWatchHttpAnswer {
  httpStatus: number;
  headers: OutgoingHttpHeaders;
  body: string | Buffer;
}

/**
 * Authentication errors under the codes CloudWatch's query protocol uses for them (its CommonErrors page:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html, read 2026-12-07), sent
 * in XML and in the awsQueryCompatible `x-amzn-query-error` header. Assumption: the HTTP status stays that of
 * the JSON answer.
 */
const AUTH_QUERY_CODES: Readonly<Record<string, string>> = {
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
  IncompleteSignatureException: 'IncompleteSignature',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  UnrecognizedClientException: 'InvalidClientTokenId',
};

/** Gunzips a body, refusing to inflate past maxBytes. */
export function gunzipCapped(body: Buffer, maxBytes: number): Promise<Buffer | 'too-large' | 'malformed'> {
  return new Promise((resolve) => {
    gunzip(body, { maxOutputLength: maxBytes }, (error, result) => {
      if (error === null) resolve(result);
      else
        resolve(
          error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
            ? 'too-large'
            : 'malformed',
        );
    });
  });
}

/** Everything answerCloudWatchRequest needs from the endpoint. */
export interface CloudWatchHttpContext {
  cloudWatch: CloudWatchService;
  authenticate(
    request: PutEventsHttpRequest,
    service: string,
    nowEpochMs: number,
  ): { ok: true } | { ok: false; error: AwsErrorAnswer };
  maxBodyBytes: number;
  nowEpochMs(): number;
}

/**
 * Answers one CloudWatch request in its protocol: authentication (scoped to `monitoring`), the protocol's
 * framing (method, content type, Action), gzip, decoding, the operation, and the encoded answer.
 */
export async function answerCloudWatchRequest(
  context: CloudWatchHttpContext,
  request: PutEventsHttpRequest,
  protocol: CloudWatchProtocol,
  arrivedEpochMs: number,
  requestId: string,
): Promise<CloudWatchHttpAnswer> {
  let operation = '';
  const answer = (
    outcome: CloudWatchOutcome,
    authError: AwsErrorAnswer | null = null,
  ): CloudWatchHttpAnswer => encode(protocol, operation, outcome, requestId, authError);
  const fail = (httpStatus: number, code: string, queryCode: string, message: string): CloudWatchHttpAnswer =>
    answer({ output: null, error: { httpStatus, code, queryCode, message } });

  const unreadable = (message: string): CloudWatchHttpAnswer =>
    fail(400, 'SerializationException', 'SerializationException', message);

  const auth = context.authenticate(request, CLOUDWATCH_SIGNING_SERVICE, arrivedEpochMs);
  if (!auth.ok) {
    const queryCode = AUTH_QUERY_CODES[auth.error.code] ?? auth.error.code;
    return answer({ output: null, error: { ...auth.error, queryCode } }, auth.error);
  }
  const contentType = mediaType(firstHeader(request.headers['content-type']));
  if (protocol === 'json') {
    operation = firstHeader(request.headers['x-amz-target'])!.slice(CLOUDWATCH_TARGET_PREFIX.length);
    if (
      request.method !== 'POST' ||
      (contentType !== AMZ_JSON_1_0 && contentType !== 'application/x-amz-json-1.1')
    ) {
      return fail(
        400,
        'UnknownOperationException',
        'UnknownOperation',
        'Expected POST with Content-Type application/x-amz-json-1.0.',
      );
    }
  } else if (protocol === 'cbor') {
    operation = cborOperationOf(pathOf(request.url)) ?? '';
    if (request.method !== 'POST' || firstHeader(request.headers['smithy-protocol']) !== RPC_V2_CBOR) {
      // The RPC v2 spec requires the smithy-protocol header on every request.
      return fail(
        400,
        'UnknownOperationException',
        'UnknownOperation',
        `Expected POST with the header smithy-protocol: ${RPC_V2_CBOR}.`,
      );
    }
  } else if (request.method !== 'POST' && request.method !== 'GET') {
    return fail(400, 'UnknownOperationException', 'InvalidAction', 'awsQuery requests are POST or GET.');
  }

  let body = request.body;
  if (firstHeader(request.headers['content-encoding'])?.toLowerCase() === 'gzip') {
    const inflated = await gunzipCapped(body, context.maxBodyBytes);
    if (inflated === 'too-large') {
      return fail(
        413,
        'RequestEntityTooLargeException',
        'RequestEntityTooLarge',
        'The request body is too large once decompressed.',
      );
    }
    if (inflated === 'malformed') {
      return fail(
        400,
        'SerializationException',
        'SerializationException',
        'The gzip request body could not be decompressed.',
      );
    }
    body = inflated;
  }

  const nowEpochMs = context.nowEpochMs();
  if (protocol === 'json') {
    const text = body.toString('utf8');
    let input: unknown;
    try {
      input = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      return unreadable('Unable to parse the request body as JSON.');
    }
    return answer(context.cloudWatch.execute(operation, input, nowEpochMs));
  }
  if (protocol === 'cbor') {
    const input = decodeCborBody(body);
    if (input === null) return unreadable('The request body is not valid CBOR.');
    return answer(context.cloudWatch.execute(operation, input, nowEpochMs));
  }
  const form =
    request.method === 'GET' ? request.url.slice(request.url.indexOf('?') + 1) : body.toString('utf8');
  const decoded = decodeQueryForm(form);
  operation = decoded.action;
  if (operation === '') {
    return fail(
      400,
      'MissingAction',
      'MissingAction',
      'The request is missing an action or a required parameter.',
    );
  }
  if (decoded.version !== undefined && decoded.version !== CLOUDWATCH_API_VERSION) {
    // Assumption: CloudWatch answers another API version as an action it does not know.
    return fail(
      400,
      'InvalidAction',
      'InvalidAction',
      `Could not find operation ${operation} for version ${decoded.version}.`,
    );
  }
  return answer(context.cloudWatch.execute(operation, decoded.input, nowEpochMs));
}

function jsonHeaders(error: CloudWatchError | null): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'Content-Type': AMZ_JSON_1_0 };
  if (error !== null)
    headers['x-amzn-query-error'] = `${error.queryCode};${error.httpStatus >= 500 ? 'Receiver' : 'Sender'}`;
  return headers;
}

function encode(
  protocol: CloudWatchProtocol,
  operation: string,
  outcome: CloudWatchOutcome,
  requestId: string,
  authError: AwsErrorAnswer | null,
): CloudWatchHttpAnswer {
  const error = outcome.error;
  if (protocol === 'query') {
    const xml =
      error === null ? renderQueryAnswer(operation, outcome, requestId) : renderQueryError(error, requestId);
    return { httpStatus: xml.httpStatus, headers: { 'Content-Type': XML_CONTENT_TYPE }, body: xml.body };
  }
  if (protocol === 'cbor') {
    const cbor = error === null ? renderCborAnswer(operation, outcome) : renderCborError(error);
    const headers: OutgoingHttpHeaders = { 'smithy-protocol': RPC_V2_CBOR };
    if (cbor.body.length > 0) headers['Content-Type'] = CBOR_CONTENT_TYPE;
    if (error !== null)
      headers['x-amzn-query-error'] = `${error.queryCode};${error.httpStatus >= 500 ? 'Receiver' : 'Sender'}`;
    return { httpStatus: cbor.httpStatus, headers, body: cbor.body };
  }
  // JSON 1.0: an authentication error keeps the body EventBridge's JSON answers have.
  const json =
    authError !== null
      ? { httpStatus: authError.httpStatus, body: renderAwsErrorBody(authError), error }
      : renderJsonAnswer(outcome);
  return { httpStatus: json.httpStatus, headers: jsonHeaders(json.error), body: json.body };
}
