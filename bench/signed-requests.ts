/**
 * Pre-signed PutEvents requests for the bench's peer load generators (the raw-socket client and autocannon):
 * `count` distinct 10-entry (by default) requests of ~500 B entries, signed once with @smithy/signature-v4
 * (signatures stay valid for the 15-minute skew window), so the peers spend no CPU per request on signing.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../src/workers/lean/signer.js';

/** The access key every bench client signs with, and the endpoint verifies. */
export const BENCH_KEY = {
  accessKeyId: 'AKIDBENCH0000000000',
  secretAccessKey: 'bench-secret-not-a-real-credential',
} as const;
/** The principal the bench key maps to on the endpoint. */
export const BENCH_PRINCIPAL = 'arn:aws:iam::111122223333:role/bench-producer';
/** The (logged) bus every bench request names. */
export const BENCH_BUS = 'bench';

/** One signed request: its headers (lower-case names, as signed) and body. */
export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs `count` distinct PutEvents requests for `target`.
 * @param target - the endpoint's URL (its host is signed)
 * @param count - distinct requests
 * @param entriesPerRequest - entries in each (10 in the measurements)
 */
export async function signedPutEvents(
  target: URL,
  count: number,
  entriesPerRequest: number,
): Promise<SignedRequest[]> {
  const signer = new SignatureV4({
    credentials: BENCH_KEY,
    region: 'us-east-1',
    service: 'events',
    sha256: NodeSha256,
  });
  const requests: SignedRequest[] = [];
  for (let i = 0; i < count; i++) {
    // Source (13 B) + DetailType (11 B) + Detail (~476 B): ~500 B entries by AWS's size formula.
    const entries = Array.from({ length: entriesPerRequest }, (_, k) => ({
      Source: 'com.bench.src',
      DetailType: 'OrderPlaced',
      Detail: JSON.stringify({ orderId: i * 100 + k, pad: 'x'.repeat(440) }),
      EventBusName: BENCH_BUS,
    }));
    const body = JSON.stringify({ Entries: entries });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: '/',
      headers: {
        host: target.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    requests.push({ headers: signed.headers as Record<string, string>, body });
  }
  return requests;
}
