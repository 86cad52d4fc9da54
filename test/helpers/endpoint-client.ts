/**
 * Test helpers: a real SDK client pointed at an endpoint, and a raw node:http POST.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/** AWS's documentation example secret: never a real credential. */
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

/** A real EventBridge client for the endpoint at url; maxAttempts 1 so retries never hide behaviour. */
export function createTestClient(url: string, accessKeyId = 'AKIDEXAMPLE'): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: EXAMPLE_SECRET },
    maxAttempts: 1,
  });
}

/** A well-formed (unverified) SigV4 header for raw requests. */
export const RAW_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260307/us-east-1/events/aws4_request, ' +
  `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`;

/** The status, headers and body of a raw answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs body to url with the given headers (content-length set unless chunked is asked for).
 * @param chunks - when given, the body is sent chunked in these pieces
 */
export function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  chunks?: string[],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers:
          chunks === undefined ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers,
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (piece: string) => {
          text += piece;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (chunks === undefined) req.end(body);
    else {
      for (const piece of chunks) req.write(piece);
      req.end();
    }
  });
}

/** Sends raw bytes on a fresh connection and resolves with the status code of the answer (0 if none). */
export function rawExchange(port: number, raw: Buffer): Promise<{ status: number; hasRequestId: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (data) => received.push(data));
    socket.on('error', () => {
      // The server may cut a garbage request after answering: the answer is what counts.
    });
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      resolve({ status: match ? Number(match[1]) : 0, hasRequestId: /\r\nx-amzn-requestid: /i.test(text) });
    });
    // Not end(): node:http drops a connection whose client half-closes before an asynchronous answer.
    socket.write(raw);
  });
}
