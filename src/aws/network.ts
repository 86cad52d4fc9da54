/**
 * Failures to reach an AWS service (or the `--endpoint-url` standing in for it), told as what was being reached,
 * why it could not be, and what to do: `busload pricing --refresh` and `busload profile` without a network
 * end with exit 6 (README "Exit codes") instead of an internal error naming `getaddrinfo`.
 */
import { InputError, UnreachableError } from '../errors.js';

/** Socket and DNS error codes that mean "could not reach it", with what each says to a user. */
const UNREACHABLE_CODES: Record<string, string> = {
  ENOTFOUND: 'the name does not resolve: no network (or no DNS) is available here, or the host name is wrong',
  EAI_AGAIN: 'the name could not be resolved: no DNS server answered (no network is available)',
  ECONNREFUSED: 'nothing is listening at that address (connection refused)',
  ENETUNREACH: 'no route to that network: no network is available',
  EHOSTUNREACH: 'no route to that host: no network is available',
  ENETDOWN: 'the network is down',
  ETIMEDOUT: 'the connection timed out (no network, or a firewall drops the traffic)',
  ECONNRESET: 'the connection was reset before an answer came',
};

/** The error code of a network failure (on the error or its cause), or null when it is not one. */
export function unreachableCode(error: unknown): string | null {
  for (
    let current = error, depth = 0;
    current !== null && typeof current === 'object' && depth < 4;
    depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES[code] !== undefined) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The error to throw for `error` when it is a network failure, else `error` itself.
 * Example: ENOTFOUND reaching https://api.pricing.us-east-1.amazonaws.com for "the AWS Price List API" ->
 * "could not reach the AWS Price List API at https://api.pricing.us-east-1.amazonaws.com (getaddrinfo ENOTFOUND
 * ...): the name does not resolve: no network (or no DNS) is available here, or the host name is wrong; ...".
 * @param service - what was being reached, e.g. "the AWS Price List API"
 * @param url - where (the --endpoint-url, or the service's default endpoint)
 * @param hint - what the user can do, e.g. "pass --endpoint-url"
 */
export function asUnreachable(error: unknown, service: string, url: string, hint: string): unknown {
  if ((error as { name?: unknown } | null)?.name === 'CredentialsProviderError') {
    return new InputError(
      `${service} at ${url}: no AWS credentials (the SDK's default chain found none: ${error instanceof Error ? error.message : String(error)}); set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`,
    );
  }
  const code = unreachableCode(error);
  if (code === null) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnreachableError(
    `could not reach ${service} at ${url} (${message}): ${UNREACHABLE_CODES[code]}; ${hint}`,
  );
}

/** True for loopback addresses (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether a URL names this machine (a loopback host). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

/** Placeholder keys for an emulator on loopback (it verifies signatures only when started with --credentials). */
export const LOOPBACK_CREDENTIALS = { accessKeyId: 'BUSLOADLOCAL', secretAccessKey: 'busload-local-secret' };

/**
 * The credentials a client for `endpointUrl` should be given explicitly: placeholder keys for a loopback
 * endpoint (an emulator) when the environment names none (no AWS_ACCESS_KEY_ID, no AWS_PROFILE), so that
 * `profile --endpoint-url http://127.0.0.1:PORT` works on a machine without AWS credentials; otherwise
 * undefined (the SDK's default chain).
 */
export function credentialsForEndpoint(
  endpointUrl: string | undefined,
  env: Record<string, string | undefined>,
): typeof LOOPBACK_CREDENTIALS | undefined {
  if (endpointUrl === undefined || !isLoopbackUrl(endpointUrl)) return undefined;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE) return undefined;
  return LOOPBACK_CREDENTIALS;
}
