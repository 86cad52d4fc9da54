/**
 * src/aws/network.ts: telling "could not reach it" from other failures, on a real refused connection to
 * 127.0.0.1 and on the error shapes the SDK and Node give, and which endpoints are this machine's.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeServicesCommand, PricingClient } from '@aws-sdk/client-pricing';
import { describe, expect, it } from 'vitest';
import {
  asUnreachable,
  credentialsForEndpoint,
  isLoopbackHost,
  isLoopbackUrl,
  LOOPBACK_CREDENTIALS,
  unreachableCode,
} from '../../src/aws/network.js';
import { InputError, UnreachableError } from '../../src/errors.js';

/** A URL on 127.0.0.1 where nothing listens any more (a port just freed). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('unreachableCode', () => {
  it('finds the socket or DNS code on the error or up to three causes down', () => {
    expect(unreachableCode(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))).toBe(
      'ENOTFOUND',
    );
    const wrapped = new Error('fetch failed', {
      cause: new Error('inner', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }),
    });
    expect(unreachableCode(wrapped)).toBe('ECONNREFUSED');
    let deep: unknown = Object.assign(new Error('deep'), { code: 'ETIMEDOUT' });
    for (let i = 0; i < 4; i++) deep = new Error(`level ${i}`, { cause: deep });
    expect(unreachableCode(deep)).toBeNull();
    expect(unreachableCode(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBeNull();
    expect(unreachableCode('ECONNREFUSED')).toBeNull();
    expect(unreachableCode(null)).toBeNull();
  });

  it('recognises a real refused connection to 127.0.0.1 through fetch and through the SDK', async () => {
    const url = await closedPortUrl();
    const fetchError = await fetch(url).then(
      () => null,
      (error: unknown) => error,
    );
    expect(unreachableCode(fetchError)).toBe('ECONNREFUSED');
    const client = new PricingClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'AKIDNETWORKTEST', secretAccessKey: 'network-secret' },
      maxAttempts: 1,
    });
    const sdkError = await client.send(new DescribeServicesCommand({})).then(
      () => null,
      (error: unknown) => error,
    );
    client.destroy();
    expect(unreachableCode(sdkError)).toBe('ECONNREFUSED');
  });
});

describe('asUnreachable', () => {
  it('turns a network failure into an UnreachableError saying what, where, why and what to do', async () => {
    const url = await closedPortUrl();
    const error = Object.assign(new Error(`connect ECONNREFUSED ${url.slice(7)}`), { code: 'ECONNREFUSED' });
    const turned = asUnreachable(error, 'the AWS Price List API', url, 'pass --endpoint-url');
    expect(turned).toBeInstanceOf(UnreachableError);
    expect((turned as Error).message).toBe(
      `could not reach the AWS Price List API at ${url} (connect ECONNREFUSED ${url.slice(7)}): nothing is ` +
        'listening at that address (connection refused); pass --endpoint-url',
    );
  });

  it('turns missing credentials into an InputError naming the variables to set', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const turned = asUnreachable(error, 'CloudWatch', 'https://monitoring.eu-west-1.amazonaws.com', 'hint');
    expect(turned).toBeInstanceOf(InputError);
    expect((turned as Error).message).toBe(
      "CloudWatch at https://monitoring.eu-west-1.amazonaws.com: no AWS credentials (the SDK's default chain " +
        'found none: Could not load credentials from any providers); set AWS_PROFILE or ' +
        'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
    );
  });

  it('returns any other error as it is', () => {
    const error = new TypeError('a bug');
    expect(asUnreachable(error, 'CloudWatch', 'https://x', 'hint')).toBe(error);
  });
});

describe('loopback endpoints', () => {
  it('knows loopback hosts and URLs', () => {
    expect(['localhost', '::1', '127.0.0.1', '127.1.2.3'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.1', '128.0.0.1', '127.0.0', 'example.com', '::2'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isLoopbackUrl('http://127.0.0.1:4010')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:4010/')).toBe(true);
    expect(isLoopbackUrl('http://localhost')).toBe(true);
    expect(isLoopbackUrl('https://monitoring.us-east-1.amazonaws.com')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });

  it('gives placeholder credentials for a loopback endpoint only when the environment names none', () => {
    const url = 'http://127.0.0.1:4010';
    expect(credentialsForEndpoint(url, {})).toBe(LOOPBACK_CREDENTIALS);
    expect(credentialsForEndpoint(url, { AWS_ACCESS_KEY_ID: 'AKID' })).toBeUndefined();
    expect(credentialsForEndpoint(url, { AWS_PROFILE: 'dev' })).toBeUndefined();
    expect(credentialsForEndpoint(url, { AWS_PROFILE: '' })).toBe(LOOPBACK_CREDENTIALS);
    expect(credentialsForEndpoint('https://pricing.us-east-1.amazonaws.com', {})).toBeUndefined();
    expect(credentialsForEndpoint(undefined, {})).toBeUndefined();
  });
});
