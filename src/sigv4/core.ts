/**
 * The pure pieces of AWS Signature Version 4 that both sides of busload share: the lean transport's signer
 * (src/workers/lean/signer.ts) and the embedded endpoint's verifier (src/endpoint/sigv4.ts). How a request is
 * signed: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { createHmac, hash } from 'node:crypto';

/** The Authorization algorithm of SigV4 with HMAC-SHA256. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** One-shot SHA-256 in lower-case hex (node:crypto's `hash`, cheaper than a Hash object per call). */
export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

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
