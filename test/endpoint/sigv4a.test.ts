import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4a } from '@smithy/signature-v4a';
import { describe, expect, it } from 'vitest';
import {
  checkCredentialScope,
  parseAuthorizationHeader,
  SignatureVerifier,
} from '../../src/endpoint/sigv4.js';
import { regionSetCovers } from '../../src/endpoint/sigv4a.js';

const KEY = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SIGNED_AT = new Date(Date.UTC(2026, 11, 7, 10, 0, 0));

/** A request signed by AWS's own JS SigV4a signer. */
async function signed(regionSet: string, secret = SECRET) {
  const signer = new SignatureV4a({
    service: 'events',
    region: regionSet,
    credentials: { accessKeyId: KEY, secretAccessKey: secret },
    sha256: Sha256,
  });
  const body = '{"Entries":[]}';
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: 'abcde.veo.endpoint.events.amazonaws.com',
      path: '/',
      query: {},
      headers: {
        host: 'abcde.veo.endpoint.events.amazonaws.com',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
      },
      body,
    },
    { signingDate: SIGNED_AT },
  );
  const headers = Object.fromEntries(
    Object.entries(request.headers as Record<string, string>).map(([name, value]) => [
      name.toLowerCase(),
      value,
    ]),
  );
  return { method: 'POST', url: '/', headers, body: Buffer.from(body) };
}

describe('SigV4a', () => {
  it('parses the Region-less scope and verifies a signature made by @smithy/signature-v4a', async () => {
    const request = await signed('*');
    const parsed = parseAuthorizationHeader(request.headers['authorization']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.auth).toMatchObject({
      accessKeyId: KEY,
      dateStamp: '20261207',
      region: '',
      service: 'events',
      algorithm: 'AWS4-ECDSA-P256-SHA256',
    });
    expect(checkCredentialScope(parsed.auth, 'us-east-1', 'events', request.headers)).toBeNull();
    const verifier = new SignatureVerifier({ [KEY]: SECRET });
    expect(verifier.verify(parsed.auth, request, SIGNED_AT.getTime())).toBeNull();
    // Another body under the same signature fails.
    expect(
      verifier.verify(parsed.auth, { ...request, body: Buffer.from('{}') }, SIGNED_AT.getTime()),
    ).toMatchObject({
      code: 'InvalidSignatureException',
    });
    // A key pair whose secret differs derives another key.
    const other = await signed('*', 'another-secret');
    const otherAuth = parseAuthorizationHeader(other.headers['authorization']);
    expect(otherAuth.ok && verifier.verify(otherAuth.auth, other, SIGNED_AT.getTime())).toMatchObject({
      code: 'InvalidSignatureException',
    });
  });

  it('checks that X-Amz-Region-Set covers the endpoint Region', async () => {
    const request = await signed('eu-west-1,eu-central-1');
    const parsed = parseAuthorizationHeader(request.headers['authorization']);
    expect(parsed.ok && checkCredentialScope(parsed.auth, 'us-east-1', 'events', request.headers)).toEqual({
      httpStatus: 400,
      code: 'InvalidSignatureException',
      message:
        "Credential should be scoped to a valid region set, 'eu-west-1,eu-central-1' does not include 'us-east-1'.",
    });
    const { 'x-amz-region-set': _dropped, ...without } = request.headers;
    expect(parsed.ok && checkCredentialScope(parsed.auth, 'us-east-1', 'events', without)).toMatchObject({
      code: 'IncompleteSignatureException',
    });
  });

  it('reads Region sets with wildcards', () => {
    expect(regionSetCovers('*', 'us-east-1')).toBe(true);
    expect(regionSetCovers('us-*', 'us-east-1')).toBe(true);
    expect(regionSetCovers('eu-west-1, us-east-1', 'us-east-1')).toBe(true);
    expect(regionSetCovers('us-east-2', 'us-east-1')).toBe(false);
    expect(regionSetCovers('', 'us-east-1')).toBe(false);
  });

  it('refuses a malformed SigV4a header with IncompleteSignatureException', () => {
    const header =
      'AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/events/aws4_request, SignedHeaders=host, Signature=3045';
    expect(parseAuthorizationHeader(header)).toEqual({
      ok: false,
      error: {
        httpStatus: 400,
        code: 'IncompleteSignatureException',
        message:
          "Credential must have exactly 4 slash-delimited elements, e.g. keyid/date/service/term, got 'AKIDEXAMPLE/20261207/us-east-1/events/aws4_request'",
      },
    });
  });
});
