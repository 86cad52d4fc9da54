/**
 * The pure pieces of AWS Signature Version 4 that both sides of busload share: the lean transport's signer
 * (src/workers/lean/signer.ts) and the embedded endpoint's verifier (src/endpoint/sigv4.ts). How a request is
 * signed: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import * as nodeCrypto from 'node:crypto';
import { type createHash, createHmac } from 'node:crypto';

/** The Authorization algorithm of SigV4 with HMAC-SHA256. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** node:crypto's one-shot `hash` (Node >= 20.12 and 21.7), when this Node has it. */
type OneShotHash = (algorithm: string, data: string | Buffer, encoding: 'hex') => string;

/**
 * The SHA-256 hex function for a node:crypto module: its one-shot `hash` where it exists (cheaper than a
 * Hash object per call), else a Hash object (Node 20 before 20.12, which busload's engines still allow).
 */
export function sha256HexFor(crypto: {
  hash?: OneShotHash | undefined;
  createHash: typeof createHash;
}): (data: string | Buffer) => string {
  const oneShot = crypto.hash;
  if (typeof oneShot === 'function') return (data) => oneShot('sha256', data, 'hex');
  return (data) => crypto.createHash('sha256').update(data).digest('hex');
}

/** SHA-256 in lower-case hex. */
export const sha256Hex: (data: string | Buffer) => string = sha256HexFor(
  nodeCrypto as { hash?: OneShotHash; createHash: typeof createHash },
);

/**
 * RFC 3986 encoding as SigV4 wants it (and @smithy's escapeUri does): every byte but A-Z a-z 0-9 - _ . ~
 * percent-encoded, upper-case hex. Example: "a b!" -> "a%20b%21".
 */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The signing key of a scope: HMAC chain over the date (YYYYMMDD), Region, service and "aws4_request",
 * starting from "AWS4" + the secret access key. Callers cache it per scope: it changes once a day.
 */
export function deriveSigningKey(
  secretAccessKey: string,
  dateStamp: string,
  region: string,
  service: string,
): Buffer {
  const dateKey = createHmac('sha256', `AWS4${secretAccessKey}`).update(dateStamp).digest();
  const regionKey = createHmac('sha256', dateKey).update(region).digest();
  const serviceKey = createHmac('sha256', regionKey).update(service).digest();
  return createHmac('sha256', serviceKey).update('aws4_request').digest();
}
