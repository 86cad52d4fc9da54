/**
 * Parsing of the SigV4 `Authorization` header. Signatures are not verified yet (a later issue): any
 * well-formed header is accepted, as other local emulators do; the access key id names the principal.
 */
import type { AwsErrorAnswer } from './aws-errors.js';

/** The parts of a well-formed `AWS4-HMAC-SHA256` Authorization header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  dateStamp: string;
  region: string;
  service: string;
  signedHeaders: string[];
  /** 64 lowercase hex digits. */
  signature: string;
}

/** The outcome of parsing: the parts, or the AWS error to answer with. */
export type SigV4ParseResult = { ok: true; auth: SigV4Authorization } | { ok: false; error: AwsErrorAnswer };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;
const DATE_STAMP = /^\d{8}$/;

function incomplete(message: string): SigV4ParseResult {
  return { ok: false, error: { httpStatus: 400, code: 'IncompleteSignatureException', message } };
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b,
 * Signature=<hex>`. Missing -> MissingAuthenticationTokenException; anything malformed ->
 * IncompleteSignatureException whose message names what is wrong.
 * @param header - the raw header value, or undefined when absent
 */
export function parseAuthorizationHeader(header: string | undefined): SigV4ParseResult {
  if (header === undefined || header.length === 0) {
    return {
      ok: false,
      error: {
        httpStatus: 400,
        code: 'MissingAuthenticationTokenException',
        message: 'Missing Authentication Token',
      },
    };
  }
  const spaceAt = header.indexOf(' ');
  const algorithm = spaceAt < 0 ? header : header.slice(0, spaceAt);
  if (algorithm !== ALGORITHM) {
    return incomplete(`Unsupported AWS 'algorithm': '${algorithm}'; expected '${ALGORITHM}'.`);
  }
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (const part of header.slice(spaceAt + 1).split(',')) {
    const eqAt = part.indexOf('=');
    if (eqAt < 0) continue;
    const key = part.slice(0, eqAt).trim();
    const value = part.slice(eqAt + 1).trim();
    if (key === 'Credential') credential = value;
    else if (key === 'SignedHeaders') signedHeaders = value;
    else if (key === 'Signature') signature = value;
  }
  const missing: string[] = [];
  if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (credential === undefined || signature === undefined || signedHeaders === undefined) {
    return incomplete(missing.join(' '));
  }
  const scope = credential.split('/');
  const [accessKeyId, dateStamp, region, service, terminator] = scope;
  if (scope.length !== 5 || !accessKeyId || !dateStamp || !region || !service || terminator === undefined) {
    return incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  if (!DATE_STAMP.test(dateStamp)) return incomplete(`Date must be in YYYYMMDD format, got '${dateStamp}'.`);
  if (terminator !== 'aws4_request') {
    return incomplete(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    );
  }
  if (!SIGNATURE_HEX.test(signature)) return incomplete('Signature must be 64 lowercase hexadecimal digits.');
  const headers = signedHeaders.split(';');
  if (headers.some((name) => name.length === 0))
    return incomplete('SignedHeaders must not contain empty names.');
  return { ok: true, auth: { accessKeyId, dateStamp, region, service, signedHeaders: headers, signature } };
}

/**
 * Checks the credential scope against this endpoint: the service must be `events` and the region the
 * endpoint's. Answers InvalidSignatureException as AWS does for a wrongly scoped credential.
 * @returns null when the scope fits
 */
export function checkCredentialScope(auth: SigV4Authorization, region: string): AwsErrorAnswer | null {
  if (auth.service !== 'events') {
    return {
      httpStatus: 400,
      code: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: 'events'.`,
    };
  }
  if (auth.region !== region) {
    return {
      httpStatus: 400,
      code: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, not '${auth.region}'.`,
    };
  }
  return null;
}
