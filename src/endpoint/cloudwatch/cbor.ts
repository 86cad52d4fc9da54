/**
 * CloudWatch over Smithy RPC v2 CBOR (docs/aws-behaviour.md §7.1): `POST /service/GraniteServiceVersion20100801/
 * operation/<Op>` with `smithy-protocol: rpc-v2-cbor` and a CBOR body; answers carry the same header,
 * `Content-Type: application/cbor`, timestamps as tag 1 (epoch seconds), errors as a map with `__type`
 * (the error's shape id) and `message`; an operation without output answers with no body
 * (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html, read 2026-12-07).
 *
 * CBOR codec: cbor-x (maintained, spec-complete CBOR with tag 1 dates both ways, no native code required).
 */
import { Decoder, Encoder } from 'cbor-x';
import type { CloudWatchError } from './errors.js';
import { CLOUDWATCH_OPERATIONS_WITHOUT_OUTPUT, type CloudWatchOutcome } from './models.js';

/** The path prefix of CloudWatch's RPC v2 CBOR operations (`/service/<service shape>/operation/`). */
export const CLOUDWATCH_CBOR_PATH_PREFIX = '/service/GraniteServiceVersion20100801/operation/';
/** The value of the `smithy-protocol` header both ways. */
export const RPC_V2_CBOR = 'rpc-v2-cbor';
export const CBOR_CONTENT_TYPE = 'application/cbor';

// Plain CBOR maps and arrays (no cbor-x record extension, which other decoders do not know).
const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

/**
 * The operation named by an RPC v2 CBOR path, or null when the path is not one of CloudWatch's.
 * Example: `/service/GraniteServiceVersion20100801/operation/ListMetrics` -> `ListMetrics`.
 */
export function cborOperationOf(path: string): string | null {
  if (!path.startsWith(CLOUDWATCH_CBOR_PATH_PREFIX)) return null;
  const operation = path.slice(CLOUDWATCH_CBOR_PATH_PREFIX.length);
  return operation.length > 0 && !operation.includes('/') ? operation : null;
}

/**
 * Decodes a request body: an empty body is an empty input structure; tag 1 timestamps become Dates.
 * @returns the input, or null when the body is not CBOR
 */
export function decodeCborBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return decoder.decode(body);
  } catch {
    return null;
  }
}

/** An outcome as RPC v2 CBOR writes it: the output map (no body without output), or the error map. */
export function renderCborAnswer(
  operation: string,
  outcome: CloudWatchOutcome,
): { httpStatus: number; body: Buffer } {
  if (outcome.error !== null) return renderCborError(outcome.error);
  if (CLOUDWATCH_OPERATIONS_WITHOUT_OUTPUT.has(operation)) return { httpStatus: 200, body: Buffer.alloc(0) };
  return { httpStatus: 200, body: encoder.encode(outcome.output) };
}

/** An error map: `__type` is the shape id (awsQueryCompatible: the query code goes in x-amzn-query-error). */
export function renderCborError(error: CloudWatchError): { httpStatus: number; body: Buffer } {
  return {
    httpStatus: error.httpStatus,
    body: encoder.encode({ __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message }),
  };
}
