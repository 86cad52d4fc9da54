/**
 * SigV4 for the lean transport, the same signature @smithy/signature-v4 computes (test/workers/lean/signer
 * .test.ts checks them equal), at a fraction of its cost per request: the signing key is derived once per
 * UTC day (and cached with its scope), so a request costs one SHA-256 of the body, one of the canonical
 * request and one HMAC; no promises, no header copies beyond the one the request needs.
 *
 * Signed headers are the request's own less those @smithy never signs (its ALWAYS_UNSIGNABLE_HEADERS,
 * `proxy-*`, `sec-*`); the signer adds x-amz-date, x-amz-security-token (temporary credentials) and
 * x-amz-content-sha256 after the given headers, then authorization, in @smithy's order.
 */
import { createHash, createHmac } from 'node:crypto';
import { ALWAYS_UNSIGNABLE_HEADERS } from '@smithy/signature-v4';
import {
  SIGV4_ALGORITHM as ALGORITHM,
  deriveSigningKey,
  uriEncode as escapeUri,
  sha256Hex,
} from '../../sigv4/core.js';
import type { ProducerCredentials } from '../protocol.js';

/** A header value @smithy would change in the canonical request (line breaks, tabs, runs or edge spaces). */
const UNTRIMMED = /[\r\n\t]| {2}|^ | $/;

/** `Date` -> ['20261207T093000Z', '20261207'] (SigV4's long and short dates). */
export function sigv4Dates(date: Date): { longDate: string; shortDate: string } {
  const longDate = `${date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')}`;
  return { longDate, shortDate: longDate.slice(0, 8) };
}

/** The canonical path of `path` as @smithy computes it with uriEscapePath (segments normalised, escaped twice). */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function isSignable(lowerName: string): boolean {
  return (
    !Object.hasOwn(ALWAYS_UNSIGNABLE_HEADERS, lowerName) &&
    !lowerName.startsWith('proxy-') &&
    !lowerName.startsWith('sec-')
  );
}

/** A SigV4 signer for one set of credentials, region and service (POST requests, no query string). */
export class LeanSigner {
  private readonly credentials: ProducerCredentials;
  private readonly region: string;
  private readonly service: string;
  private readonly canonicalPathText: string;
  private cachedDay = '';
  private cachedKey: Buffer = Buffer.alloc(0);
  private cachedScope = '';
  /** The sorted signable names of the last header set (requests of one sender share their names). */
  private namesKey = '';
  private names: string[] = [];

  /**
   * @param credentials - the keys (and session token) to sign with
   * @param region - the signing region
   * @param service - the signing service (events)
   * @param path - the request path (always the same for one endpoint)
   */
  constructor(credentials: ProducerCredentials, region: string, service: string, path: string) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.canonicalPathText = canonicalPath(path);
  }

  /**
   * Signs a POST: returns the headers in wire order (the given ones, then the signer's).
   * @param headers - lower-case names, in the order they go on the wire
   * @param body - the request body
   * @param date - the signing time
   */
  sign(headers: Record<string, string>, body: string, date: Date): Record<string, string> {
    const { longDate, shortDate } = sigv4Dates(date);
    if (shortDate !== this.cachedDay) {
      const { secretAccessKey } = this.credentials;
      this.cachedKey = deriveSigningKey(secretAccessKey, shortDate, this.region, this.service);
      this.cachedScope = `${shortDate}/${this.region}/${this.service}/aws4_request`;
      this.cachedDay = shortDate;
    }
    const signed: Record<string, string> = { ...headers, 'x-amz-date': longDate };
    const token = this.credentials.sessionToken;
    if (token) signed['x-amz-security-token'] = token;
    const payloadHash = sha256Hex(body);
    signed['x-amz-content-sha256'] = payloadHash;
    const keys = Object.keys(signed);
    const namesKey = keys.join('\n');
    if (namesKey !== this.namesKey) {
      this.names = keys.filter(isSignable).sort();
      this.namesKey = namesKey;
    }
    const names = this.names;
    let canonical = `POST\n${this.canonicalPathText}\n\n`;
    for (const name of names) {
      const value = signed[name]!;
      canonical += `${name}:${
        UNTRIMMED.test(value)
          ? value
              .replace(/[\r\n]/g, ' ')
              .replace(/[ \t]+/g, ' ')
              .replace(/^ | $/g, '')
          : value
      }\n`;
    }
    const signedHeaders = names.join(';');
    canonical += `\n${signedHeaders}\n${payloadHash}`;
    const stringToSign = `${ALGORITHM}\n${longDate}\n${this.cachedScope}\n${sha256Hex(canonical)}`;
    const signature = createHmac('sha256', this.cachedKey).update(stringToSign).digest('hex');
    signed.authorization = `${ALGORITHM} Credential=${this.credentials.accessKeyId}/${this.cachedScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return signed;
  }
}

/** @smithy's Checksum interface over node:crypto. */
export class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {}
}
