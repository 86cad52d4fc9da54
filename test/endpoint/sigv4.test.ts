import { describe, expect, it } from 'vitest';
import {
  canonicalPath,
  canonicalQuery,
  checkCredentialScope,
  parseAuthorizationHeader,
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

describe('SigV4 canonical request parts', () => {
  it('sorts the query by encoded name, then value, and encodes both', () => {
    // Whole-string sorting would put a-b=1 first ('-' < '='); the signers sort by name: a < a-b.
    expect(canonicalQuery('a=2&a-b=1')).toBe('a=2&a-b=1');
    expect(canonicalQuery('b=2&a=3&a=1')).toBe('a=1&a=3&b=2');
    expect(canonicalQuery('x=a%20b&flag')).toBe('flag=&x=a%20b');
    expect(canonicalQuery("k=it's")).toBe('k=it%27s');
    expect(canonicalQuery('')).toBe('');
  });

  it('URI-encodes each path segment once more (non-S3 services)', () => {
    expect(canonicalPath('/')).toBe('/');
    expect(canonicalPath('')).toBe('/');
    expect(canonicalPath('/a%20b/c')).toBe('/a%2520b/c');
  });
});
