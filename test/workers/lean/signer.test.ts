/**
 * The lean transport's SigV4 signer gives @smithy/signature-v4's signature and headers, byte for byte, for
 * the same request and time (plain and temporary credentials, untidy header values, paths that need
 * escaping), and derives its signing key once per UTC day.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { canonicalPath, LeanSigner, NodeSha256, sigv4Dates } from '../../../src/workers/lean/signer.js';

const headers = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'AWSEvents.PutEvents',
  'content-length': '27',
  'x-amz-user-agent': 'aws-sdk-js/3.0.0',
  'user-agent': 'aws-sdk-js/3.0.0 ua/2.1 os/linux',
  host: 'events.eu-west-1.amazonaws.com',
  'amz-sdk-invocation-id': '2f1b8c1e-9f7a-4d0e-8a57-0c1f3c9d4e21',
  'amz-sdk-request': 'attempt=1; max=3',
};
const body = '{"Entries":[{"Source":"a"}]}';
const date = new Date('2026-12-07T09:30:05.123Z');

async function smithy(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  path: string,
  requestHeaders: Record<string, string>,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials,
    region: 'eu-west-1',
    service: 'events',
    sha256: NodeSha256,
    uriEscapePath: true,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'https:',
      hostname: 'events.eu-west-1.amazonaws.com',
      path,
      query: {},
      headers: { ...requestHeaders },
      body,
    },
    { signingDate: date },
  );
  return signed.headers as Record<string, string>;
}

describe('LeanSigner', () => {
  it('formats the SigV4 dates', () => {
    expect(sigv4Dates(date)).toEqual({ longDate: '20261207T093005Z', shortDate: '20261207' });
  });

  it('signs as @smithy/signature-v4 does, headers in the same order', async () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' };
    const lean = new LeanSigner(credentials, 'eu-west-1', 'events', '/').sign(headers, body, date);
    const expected = await smithy(credentials, '/', headers);
    expect(Object.entries(lean)).toEqual(Object.entries(expected));
    expect(lean.authorization).toMatch(/SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;/);
  });

  it('signs temporary credentials, untidy values and escaped paths the same way', async () => {
    const credentials = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 's',
      sessionToken: 'token/with+chars=',
    };
    const untidy = { ...headers, 'x-amz-user-agent': '  two  spaces\tand tab ' };
    const path = '/a b/./c/../d*(x)/';
    const lean = new LeanSigner(credentials, 'eu-west-1', 'events', path).sign(untidy, body, date);
    expect(Object.entries(lean)).toEqual(Object.entries(await smithy(credentials, path, untidy)));
    expect(canonicalPath(path)).toBe('/a%20b/d%2A%28x%29/');
  });

  it('derives the key once per day and again on the next day', async () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' };
    const signer = new LeanSigner(credentials, 'eu-west-1', 'events', '/');
    const nextDay = new Date('2026-12-08T00:00:01.000Z');
    signer.sign(headers, body, date);
    const second = signer.sign(headers, body, nextDay);
    const expected = await new SignatureV4({
      credentials,
      region: 'eu-west-1',
      service: 'events',
      sha256: NodeSha256,
    }).sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'events.eu-west-1.amazonaws.com',
        path: '/',
        query: {},
        headers: { ...headers },
        body,
      },
      { signingDate: nextDay },
    );
    expect(second.authorization).toBe(expected.headers.authorization);
    expect(second.authorization).toContain('/20261208/eu-west-1/events/aws4_request');
  });
});
