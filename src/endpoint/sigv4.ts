/**
 * SigV4 on the endpoint: parsing of the `Authorization` header on every request, and verification of the
 * signature when secrets are configured. Without secrets any well-formed header is accepted, as other local
 * emulators do; the access key id names the principal. Verifying costs two SHA-256 and one HMAC per request:
 * the derived signing key is cached per (secret, date, region, service).
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalHeaderValue, canonicalPath, canonicalQuery } from '../sigv4/canonical.js';
import { SIGV4_ALGORITHM as ALGORITHM, deriveSigningKey, sha256Hex } from '../sigv4/core.js';
import type { AwsErrorAnswer } from './errors.js';
import { deriveSigV4aPublicKey, regionSetCovers, SIGV4A_ALGORITHM, verifySigV4aSignature } from './sigv4a.js';

/** The parts of a well-formed `AWS4-HMAC-SHA256` Authorization header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  dateStamp: string;
  region: string;
  service: string;
  signedHeaders: readonly string[];
  /** 64 lowercase hex digits (SigV4), or a hex DER ECDSA signature (SigV4a). */
  signature: string;
  /** Set for SigV4a (`AWS4-ECDSA-P256-SHA256`, sigv4a.ts): its scope has no Region (region is ''). */
  algorithm?: typeof SIGV4A_ALGORITHM;
}

/** The outcome of parsing: the parts, or the AWS error to answer with. */
export type SigV4ParseResult = { ok: true; auth: SigV4Authorization } | { ok: false; error: AwsErrorAnswer };

const SIGNATURE_HEX = /^[0-9a-f]{64}$/;
/** A DER ECDSA P-256 signature is 8 to 72 bytes. */
const SIGV4A_SIGNATURE_HEX = /^[0-9a-f]{16,144}$/;
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
  // A client signs request after request with the same key, scope and header list: only the signature
  // changes. The scope part of a header seen before is taken from a cache; the signature is checked anew.
  if (header !== undefined) {
    // The last scope seen is compared in place (no substring, no hashing); others are looked up.
    const last = lastScope;
    if (last !== null && header.length === last.prefix.length + 64 && header.startsWith(last.prefix)) {
      const signature = header.slice(last.prefix.length);
      if (SIGNATURE_HEX.test(signature)) return { ok: true, auth: { ...last.scope, signature } };
    }
    const signatureAt = header.lastIndexOf(SIGNATURE_PARAM);
    if (signatureAt > 0) {
      const prefix = header.slice(0, signatureAt + SIGNATURE_PARAM.length);
      const cached = parsedScopes.get(prefix);
      const signature = header.slice(prefix.length);
      if (cached !== undefined && SIGNATURE_HEX.test(signature)) {
        lastScope = { prefix, scope: cached };
        return { ok: true, auth: { ...cached, signature } };
      }
    }
  }
  const parsed = parseAuthorizationHeaderFully(header);
  if (parsed.ok && header !== undefined) {
    const signatureAt = header.lastIndexOf(SIGNATURE_PARAM);
    // Only the canonical layout (Signature last, as the SDKs and the AWS CLI send it) is cached.
    if (signatureAt > 0 && header.slice(signatureAt + SIGNATURE_PARAM.length) === parsed.auth.signature) {
      if (parsedScopes.size >= MAX_CACHED_SCOPES) parsedScopes.clear();
      const { signature: _signature, ...scope } = parsed.auth;
      Object.freeze(scope.signedHeaders); // shared by every later result from the cache
      parsedScopes.set(header.slice(0, signatureAt + SIGNATURE_PARAM.length), scope);
    }
  }
  return parsed;
}

const SIGNATURE_PARAM = ', Signature=';
/** Distinct Authorization scope parts kept (random headers from a fuzzer cannot grow it forever). */
const MAX_CACHED_SCOPES = 1_000;
const parsedScopes = new Map<string, Omit<SigV4Authorization, 'signature'>>();
/** The scope part (up to and including `, Signature=`) last taken from the cache, and its parse. */
let lastScope: { prefix: string; scope: Omit<SigV4Authorization, 'signature'> } | null = null;

function parseAuthorizationHeaderFully(header: string | undefined): SigV4ParseResult {
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
  if (algorithm !== ALGORITHM && algorithm !== SIGV4A_ALGORITHM) {
    return incomplete(
      `Unsupported AWS 'algorithm': '${algorithm}'; expected '${ALGORITHM}' or '${SIGV4A_ALGORITHM}'.`,
    );
  }
  const v4a = algorithm === SIGV4A_ALGORITHM;
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
  // SigV4a's scope has no Region: keyid/date/service/term.
  if (v4a) scope.splice(2, 0, '');
  const [accessKeyId, dateStamp, region, service, terminator] = scope;
  if (
    scope.length !== 5 ||
    !accessKeyId ||
    !dateStamp ||
    (!region && !v4a) ||
    !service ||
    terminator === undefined
  ) {
    return incomplete(
      v4a
        ? `Credential must have exactly 4 slash-delimited elements, e.g. keyid/date/service/term, got '${credential}'`
        : `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  if (!DATE_STAMP.test(dateStamp)) return incomplete(`Date must be in YYYYMMDD format, got '${dateStamp}'.`);
  if (terminator !== 'aws4_request') {
    return incomplete(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    );
  }
  if (v4a ? !SIGV4A_SIGNATURE_HEX.test(signature) : !SIGNATURE_HEX.test(signature)) {
    return incomplete(
      v4a
        ? 'Signature must be a hexadecimal DER-encoded ECDSA signature.'
        : 'Signature must be 64 lowercase hexadecimal digits.',
    );
  }
  const headers = signedHeaders.split(';');
  if (headers.some((name) => name.length === 0))
    return incomplete('SignedHeaders must not contain empty names.');
  const auth: SigV4Authorization = {
    accessKeyId,
    dateStamp,
    region: region ?? '',
    service,
    signedHeaders: headers,
    signature,
  };
  if (v4a) auth.algorithm = SIGV4A_ALGORITHM;
  return { ok: true, auth };
}

/**
 * Checks the credential scope against this endpoint: the service must be `events` and the region the
 * endpoint's. Answers InvalidSignatureException as AWS does for a wrongly scoped credential.
 * @param service - the expected signing name: `events` (default) or `monitoring` (CloudWatch)
 * @returns null when the scope fits
 */
export function checkCredentialScope(
  auth: SigV4Authorization,
  region: string,
  service = 'events',
  headers?: IncomingHttpHeaders,
): AwsErrorAnswer | null {
  if (auth.service !== service) {
    return {
      httpStatus: 400,
      code: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: '${service}'.`,
    };
  }
  if (auth.algorithm === SIGV4A_ALGORITHM) {
    // SigV4a names its Regions in X-Amz-Region-Set; it must cover this endpoint's.
    const regionSet = canonicalHeaderValue(headers?.['x-amz-region-set']);
    if (regionSet.length === 0) {
      return {
        httpStatus: 400,
        code: 'IncompleteSignatureException',
        message: "SigV4a requires the 'X-Amz-Region-Set' header.",
      };
    }
    if (!regionSetCovers(regionSet, region)) {
      return {
        httpStatus: 400,
        code: 'InvalidSignatureException',
        message: `Credential should be scoped to a valid region set, '${regionSet}' does not include '${region}'.`,
      };
    }
    return null;
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

/** What a signature covers: the request line, the headers and the body. */
export interface SignedRequest {
  method: string;
  /** The request target as received (path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How far a request's X-Amz-Date may be from the endpoint's clock (AWS's documented 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** Derived signing keys kept at most (one per key, day, region and service). */
const MAX_CACHED_SIGNING_KEYS = 1_000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Epoch ms of an X-Amz-Date value (`YYYYMMDD'T'HHMMSS'Z'`), or null when it is not one. */
function amzDateEpochMs(amzDate: string): number | null {
  const parts = AMZ_DATE.exec(amzDate);
  if (parts === null) return null;
  return Date.UTC(
    Number(parts[1]),
    Number(parts[2]) - 1,
    Number(parts[3]),
    Number(parts[4]),
    Number(parts[5]),
    Number(parts[6]),
  );
}

function invalidSignature(message: string): AwsErrorAnswer {
  return { httpStatus: 400, code: 'InvalidSignatureException', message };
}

/** AWS's answer to an unknown access key id when signatures are verified. */
export const UNRECOGNIZED_CLIENT: AwsErrorAnswer = {
  httpStatus: 400,
  code: 'UnrecognizedClientException',
  message: 'The security token included in the request is invalid.',
};

/** Verifies SigV4 signatures against configured secrets. */
export class SignatureVerifier {
  private readonly secretsByAccessKey: ReadonlyMap<string, string>;
  private readonly signingKeys = new Map<string, KeyObject>();
  private lastAmzDate = '';
  private lastSignedAtMs: number | null = null;

  /** @param secretsByAccessKey - access key id -> secret access key */
  constructor(secretsByAccessKey: Record<string, string>) {
    this.secretsByAccessKey = new Map(Object.entries(secretsByAccessKey));
  }

  /**
   * Recomputes the signature of a request and compares it with the one sent. Checks, in order: the key is
   * known (UnrecognizedClientException), X-Amz-Date is present, matches the scope's date and is within 15
   * minutes of nowEpochMs, host is signed, then the signature itself (InvalidSignatureException).
   * @returns null when the signature is valid
   */
  verify(auth: SigV4Authorization, request: SignedRequest, nowEpochMs: number): AwsErrorAnswer | null {
    const secret = this.secretsByAccessKey.get(auth.accessKeyId);
    if (secret === undefined) return UNRECOGNIZED_CLIENT;
    const amzDate = canonicalHeaderValue(request.headers['x-amz-date']);
    const signedAtMs = amzDate === this.lastAmzDate ? this.lastSignedAtMs : amzDateEpochMs(amzDate);
    if (signedAtMs === null) {
      return {
        httpStatus: 400,
        code: 'IncompleteSignatureException',
        message:
          "Authorization header requires existence of a valid 'X-Amz-Date' header (YYYYMMDD'T'HHMMSS'Z').",
      };
    }
    if (!amzDate.startsWith(auth.dateStamp)) {
      return invalidSignature(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.dateStamp}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      );
    }
    // Requests signed in the same second share the parse.
    this.lastAmzDate = amzDate;
    this.lastSignedAtMs = signedAtMs;
    if (Math.abs(nowEpochMs - signedAtMs) > MAX_CLOCK_SKEW_MS) {
      return invalidSignature(
        `Signature expired or not yet current: ${amzDate} is more than 15 minutes away from ${new Date(nowEpochMs).toISOString()}.`,
      );
    }
    if (!auth.signedHeaders.includes('host')) {
      return invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    const queryAt = request.url.indexOf('?');
    const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
    let canonicalHeaders = '';
    for (const name of auth.signedHeaders)
      canonicalHeaders += `${name}:${canonicalHeaderValue(request.headers[name])}\n`;
    const query = canonicalQuery(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    const rest = `${query}\n${canonicalHeaders}\n${auth.signedHeaders.join(';')}\n${sha256Hex(request.body)}`;
    // Assumption: a path some signers encode only once (the JS SDK's own path, when it has no escapes to
    // add) is also accepted; `/` is the same either way, so PutEvents pays for one HMAC.
    const encodedPath = canonicalPath(path);
    if (
      !this.matches(auth, secret, request.method, encodedPath, rest, amzDate) &&
      (encodedPath === (path || '/') ||
        !this.matches(auth, secret, request.method, path || '/', rest, amzDate))
    ) {
      return invalidSignature(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
          'Access Key and signing method. Consult the service documentation for details.',
      );
    }
    return null;
  }

  /**
   * True when the signature sent is the one of this canonical request (`rest` is everything after the
   * canonical URI). A method, not a closure made per request.
   */
  private matches(
    auth: SigV4Authorization,
    secret: string,
    method: string,
    canonicalUri: string,
    rest: string,
    amzDate: string,
  ): boolean {
    const canonicalRequest = `${method}\n${canonicalUri}\n${rest}`;
    if (auth.algorithm === SIGV4A_ALGORITHM) {
      const scope = `${auth.dateStamp}/${auth.service}/aws4_request`;
      const stringToSign = `${SIGV4A_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
      return verifySigV4aSignature(this.sigV4aKey(auth.accessKeyId, secret), stringToSign, auth.signature);
    }
    const scope = `${auth.dateStamp}/${auth.region}/${auth.service}/aws4_request`;
    const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    const expected = createHmac('sha256', this.signingKey(secret, auth)).update(stringToSign).digest();
    const sent = Buffer.from(auth.signature, 'hex');
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  }

  /** The SigV4a public key of an access key (derived once; cached like the SigV4 signing keys). */
  private sigV4aKey(accessKeyId: string, secret: string): KeyObject {
    const cacheKey = `v4a/${accessKeyId}`;
    let key = this.signingKeys.get(cacheKey);
    if (key === undefined) {
      key = deriveSigV4aPublicKey(accessKeyId, secret);
      if (this.signingKeys.size >= MAX_CACHED_SIGNING_KEYS) this.signingKeys.clear();
      this.signingKeys.set(cacheKey, key);
    }
    return key;
  }

  private signingKey(secret: string, auth: SigV4Authorization): KeyObject {
    const cacheKey = `${auth.accessKeyId}/${auth.dateStamp}/${auth.region}/${auth.service}`;
    let key = this.signingKeys.get(cacheKey);
    if (key === undefined) {
      // A KeyObject: each request's HMAC then skips importing the raw key.
      key = createSecretKey(deriveSigningKey(secret, auth.dateStamp, auth.region, auth.service));
      if (this.signingKeys.size >= MAX_CACHED_SIGNING_KEYS) this.signingKeys.clear();
      this.signingKeys.set(cacheKey, key);
    }
    return key;
  }
}
