import { describe, expect, it } from 'vitest';
import { canonicalHeaderValue, canonicalPath, canonicalQuery } from '../../src/sigv4/canonical.js';

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

describe('canonicalHeaderValue', () => {
  it('trims, collapses inner whitespace and joins a list with commas', () => {
    expect(canonicalHeaderValue('  application/x-amz-json-1.1 ')).toBe('application/x-amz-json-1.1');
    expect(canonicalHeaderValue('a \t  b\nc')).toBe('a b c');
    expect(canonicalHeaderValue(['  a   b ', 'c'])).toBe('a b ,c');
    expect(canonicalHeaderValue('a b')).toBe('a b');
    expect(canonicalHeaderValue(undefined)).toBe('');
  });
});
