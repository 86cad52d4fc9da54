/**
 * SigV4's canonical request pieces as AWS's signers build them: header values, the query string and the
 * path (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). The endpoint's
 * verifier (src/endpoint/sigv4.ts) rebuilds the canonical request of every signed request from them.
 */
import { uriEncode } from './core.js';

const INNER_WHITESPACE = /\s{2,}|[\t\n\r]/;

/**
 * A header value as SigV4 canonicalises it: a list joined with commas, trimmed, runs of whitespace collapsed
 * to one space ('' when absent). Example: ['  a   b ', 'c'] -> 'a b ,c'.
 */
export function canonicalHeaderValue(value: string | string[] | undefined): string {
  const text = (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
  return INNER_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

/**
 * SigV4's canonical query string: each name and value URI-encoded, sorted by encoded name, then by value
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). Sorting whole `k=v`
 * strings instead puts `a-b=1` before `a=2`, unlike the signers.
 */
export function canonicalQuery(query: string): string {
  if (query.length === 0) return '';
  const pairs = query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eqAt = pair.indexOf('=');
      const name = eqAt < 0 ? pair : pair.slice(0, eqAt);
      const value = eqAt < 0 ? '' : pair.slice(eqAt + 1);
      return [uriEncode(decodeOrKeep(name)), uriEncode(decodeOrKeep(value))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * SigV4's canonical URI for services other than S3: the path as sent, each segment URI-encoded again
 * ("each path segment must be URI-encoded twice", https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html),
 * as botocore signs it.
 */
export function canonicalPath(path: string): string {
  if (path.length === 0 || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}
