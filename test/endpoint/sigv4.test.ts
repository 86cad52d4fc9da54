import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import {
  checkCredentialScope,
  MAX_CLOCK_SKEW_MS,
  parseAuthorizationHeader,
  SignatureVerifier,
  UNRECOGNIZED_CLIENT,
} from '../../src/endpoint/sigv4.js';

const SIGNATURE = 'a'.repeat(64);
const GOOD = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260307/us-east-1/events/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${SIGNATURE}`;

describe('parseAuthorizationHeader', () => {
  it('parses a well-formed header', () => {
    expect(parseAuthorizationHeader(GOOD)).toEqual({
      ok: true,
      auth: {
        accessKeyId: 'AKIDEXAMPLE',
        dateStamp: '20260307',
        region: 'us-east-1',
        service: 'events',
        signedHeaders: ['content-type', 'host', 'x-amz-date'],
        signature: SIGNATURE,
      },
    });
  });

  it('gives each request its own signature when the rest of the header repeats (the scope is cached)', () => {
    const other = 'b'.repeat(64);
    const first = parseAuthorizationHeader(GOOD);
    const second = parseAuthorizationHeader(GOOD.replace(SIGNATURE, other));
    expect(first.ok && first.auth.signature).toBe(SIGNATURE);
    expect(second.ok && second.auth.signature).toBe(other);
    expect(second.ok && second.auth.signedHeaders).toEqual(['content-type', 'host', 'x-amz-date']);
    const uppercase = parseAuthorizationHeader(GOOD.replace(SIGNATURE, 'A'.repeat(64)));
    expect(uppercase.ok).toBe(false);
    const trailing = parseAuthorizationHeader(`${GOOD}, Extra=1`);
    expect(trailing.ok && trailing.auth.signature).toBe(SIGNATURE);
  });

  it('answers MissingAuthenticationTokenException without a header', () => {
    expect(parseAuthorizationHeader(undefined)).toEqual({
      ok: false,
      error: {
        httpStatus: 400,
        code: 'MissingAuthenticationTokenException',
        message: 'Missing Authentication Token',
      },
    });
  });

  it.each([
    ['another algorithm', GOOD.replace('AWS4-HMAC-SHA256', 'AWS3'), "Unsupported AWS 'algorithm'"],
    ['no Signature', GOOD.replace(/, Signature=.*/, ''), "requires 'Signature' parameter"],
    ['no Credential', GOOD.replace(/Credential=[^,]*, /, ''), "requires 'Credential' parameter"],
    ['4-part scope', GOOD.replace('/us-east-1/', '/'), 'exactly 5 slash-delimited elements'],
    ['bad date', GOOD.replace('20260307', '2026-03-07'), 'YYYYMMDD'],
    ['bad terminator', GOOD.replace('aws4_request', 'aws5_request'), "valid terminator: 'aws4_request'"],
    ['short signature', GOOD.replace(SIGNATURE, 'abc'), '64 lowercase hexadecimal digits'],
  ])('answers IncompleteSignatureException for %s', (_label, header, messagePart) => {
    const result = parseAuthorizationHeader(header);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('IncompleteSignatureException');
    expect(result.error.httpStatus).toBe(400);
    expect(result.error.message).toContain(messagePart);
  });
});

describe('checkCredentialScope', () => {
  const parsed = parseAuthorizationHeader(GOOD);
  if (!parsed.ok) throw new Error('fixture must parse');
  it('accepts the endpoint region and events', () => {
    expect(checkCredentialScope(parsed.auth, 'us-east-1')).toBeNull();
  });
  it('refuses another region or service', () => {
    expect(checkCredentialScope(parsed.auth, 'eu-west-1')?.message).toBe(
      "Credential should be scoped to a valid region, not 'us-east-1'.",
    );
    expect(checkCredentialScope({ ...parsed.auth, service: 'sqs' }, 'us-east-1')?.code).toBe(
      'InvalidSignatureException',
    );
  });
});

describe('parseAuthorizationHeader scope cache', () => {
  it('never answers one scope for another, whichever was seen last', () => {
    const east = GOOD;
    const west = GOOD.replace('us-east-1', 'us-west-2'); // same length, other scope
    const regions: string[] = [];
    for (const header of [east, west, east, west.replace(SIGNATURE, 'c'.repeat(64)), east]) {
      const parsed = parseAuthorizationHeader(header);
      regions.push(parsed.ok ? `${parsed.auth.region}/${parsed.auth.signature[0]}` : 'error');
    }
    expect(regions).toEqual(['us-east-1/a', 'us-west-2/a', 'us-east-1/a', 'us-west-2/c', 'us-east-1/a']);
    // The last scope's prefix followed by a signature of another length is parsed (and refused) in full.
    expect(parseAuthorizationHeader(`${GOOD}0`)).toMatchObject({
      ok: false,
      error: { code: 'IncompleteSignatureException' },
    });
  });
});

describe('SignatureVerifier (SigV4)', () => {
  const KEY = 'AKIDEXAMPLE';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  const AT = new Date(Date.UTC(2026, 11, 7, 10, 0, 0));

  async function signedRequest(signingDate: Date, body = '{"Entries":[]}') {
    const signer = new SignatureV4({
      service: 'events',
      region: 'us-east-1',
      credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
      sha256: Sha256,
    });
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4010,
        path: '/',
        headers: {
          host: '127.0.0.1:4010',
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSEvents.PutEvents',
        },
        body,
      },
      { signingDate },
    );
    const headers = Object.fromEntries(
      Object.entries(signed.headers as Record<string, string>).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    );
    return { method: 'POST', url: '/', headers, body: Buffer.from(body) };
  }

  function verify(
    verifier: SignatureVerifier,
    request: Awaited<ReturnType<typeof signedRequest>>,
    nowMs: number,
  ) {
    const parsed = parseAuthorizationHeader(request.headers['authorization']);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return verifier.verify(parsed.auth, request, nowMs);
  }

  it('accepts what @smithy/signature-v4 signs, and refuses a changed body or an unknown key', async () => {
    const verifier = new SignatureVerifier({ [KEY]: SECRET });
    const request = await signedRequest(AT);
    expect(verify(verifier, request, AT.getTime())).toBeNull();
    expect(
      verify(verifier, { ...request, body: Buffer.from('{"Entries":[{}]}') }, AT.getTime()),
    ).toMatchObject({
      code: 'InvalidSignatureException',
      message: expect.stringMatching(/^The request signature we calculated does not match/),
    });
    expect(verify(new SignatureVerifier({ OTHER: SECRET }), request, AT.getTime())).toEqual(
      UNRECOGNIZED_CLIENT,
    );
  });

  it('checks each X-Amz-Date against the clock, also when the previous request had the same date', async () => {
    const verifier = new SignatureVerifier({ [KEY]: SECRET });
    const now = await signedRequest(AT);
    const early = await signedRequest(new Date(AT.getTime() - MAX_CLOCK_SKEW_MS - 1_000));
    const results = [now, early, now, early].map(
      (request) => verify(verifier, request, AT.getTime())?.message ?? 'ok',
    );
    expect(results).toEqual([
      'ok',
      'Signature expired or not yet current: 20261207T094459Z is more than 15 minutes away from 2026-12-07T10:00:00.000Z.',
      'ok',
      'Signature expired or not yet current: 20261207T094459Z is more than 15 minutes away from 2026-12-07T10:00:00.000Z.',
    ]);
    // The same date, later on the endpoint's clock, is now too old.
    expect(verify(verifier, now, AT.getTime() + MAX_CLOCK_SKEW_MS + 1)?.code).toBe(
      'InvalidSignatureException',
    );
    const broken = { ...now, headers: { ...now.headers, 'x-amz-date': '2026-12-07T10:00:00Z' } };
    expect(verify(verifier, broken, AT.getTime())).toMatchObject({ code: 'IncompleteSignatureException' });
  });
});
