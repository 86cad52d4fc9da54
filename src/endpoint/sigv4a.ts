/**
 * SigV4a (`AWS4-ECDSA-P256-SHA256`), the signature global endpoints need (docs/aws-behaviour.md §1.6): the
 * credential scope has no Region (`<key>/<date>/<service>/aws4_request`), the Regions go in the signed
 * `X-Amz-Region-Set` header, and the signature is an ECDSA P-256 / SHA-256 signature (DER, hex) over the same
 * canonical request as SigV4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-sigv4a,
 * read 2026-12-07).
 *
 * Verification uses node:crypto (OpenSSL) for HMAC, the P-256 public key and ECDSA. The one piece written
 * here is the documented key derivation (NIST SP 800-108 HMAC-SHA256 in counter mode, from the secret key to
 * the P-256 private key), as @smithy/signature-v4a (AWS's own JS signer, used by the tests) implements it;
 * that package exports only a signer, so it cannot verify.
 */
import { createECDH, createHmac, createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The Authorization algorithm of SigV4a. */
export const SIGV4A_ALGORITHM = 'AWS4-ECDSA-P256-SHA256';

/** The order n of P-256, minus 2 (a derived candidate must not exceed it). */
const P256_N_MINUS_2 = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f', 'hex');
/** Derivation attempts at most (the counter is one byte; AWS's signers stop at 254). */
const MAX_DERIVATION_ATTEMPTS = 254;

/** Adds one to a 32-byte big-endian number. */
function plusOne(value: Buffer): Buffer {
  const out = Buffer.from(value);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === 0xff) out[i] = 0;
    else {
      out[i] = out[i]! + 1;
      break;
    }
  }
  return out;
}

/**
 * The P-256 private key of an access key pair: HMAC-SHA256 keyed with `AWS4A` + secret over
 * (i=1, label `AWS4-ECDSA-P256-SHA256`, 0x00, access key id, counter byte, L=256); the first candidate not
 * above n-2, plus one.
 */
export function deriveSigV4aPrivateKey(accessKeyId: string, secretAccessKey: string): Buffer {
  const inputKey = Buffer.from(`AWS4A${secretAccessKey}`, 'utf8');
  for (let counter = 1; counter <= MAX_DERIVATION_ATTEMPTS; counter++) {
    const fixedInput = Buffer.concat([
      Buffer.from([0, 0, 0, 1]),
      Buffer.from(SIGV4A_ALGORITHM, 'utf8'),
      Buffer.from([0]),
      Buffer.from(accessKeyId, 'utf8'),
      Buffer.from([counter]),
      Buffer.from([0, 0, 1, 0]),
    ]);
    const candidate = createHmac('sha256', inputKey).update(fixedInput).digest();
    if (Buffer.compare(candidate, P256_N_MINUS_2) <= 0) return plusOne(candidate);
  }
  throw new Error('SigV4a key derivation found no key');
}

/** The P-256 public key matching an access key pair (what a signature is verified against). */
export function deriveSigV4aPublicKey(accessKeyId: string, secretAccessKey: string): KeyObject {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(deriveSigV4aPrivateKey(accessKeyId, secretAccessKey));
  const point = ecdh.getPublicKey(); // 0x04 || X || Y
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}

/** True when signatureHex (DER, hex) is a valid ECDSA P-256/SHA-256 signature of stringToSign. */
export function verifySigV4aSignature(
  publicKey: KeyObject,
  stringToSign: string,
  signatureHex: string,
): boolean {
  try {
    return verify(
      'sha256',
      Buffer.from(stringToSign, 'utf8'),
      { key: publicKey, dsaEncoding: 'der' },
      Buffer.from(signatureHex, 'hex'),
    );
  } catch {
    return false;
  }
}

/**
 * Whether an `X-Amz-Region-Set` value covers a Region: a comma-separated list whose items are Regions or
 * wildcards (`*`, `us-*`).
 * Example: regionSetCovers('us-east-1,eu-*', 'eu-west-1') is true.
 */
export function regionSetCovers(regionSet: string, region: string): boolean {
  return regionSet
    .split(',')
    .map((item) => item.trim())
    .some((item) =>
      item.endsWith('*') ? region.startsWith(item.slice(0, -1)) : item.length > 0 && item === region,
    );
}
