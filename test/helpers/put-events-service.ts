/**
 * Test helpers: a PutEventsService without sockets (count-only trail, a fixed wall clock and a monotonic
 * clock the test moves), and the request shape it reads.
 */
import { CloudTrailWriter } from '../../src/endpoint/cloudtrail/writer.js';
import { MetricStore } from '../../src/endpoint/cloudwatch/metrics-store.js';
import { defaultEndpointConfig } from '../../src/endpoint/config.js';
import { PutEventsMetrics } from '../../src/endpoint/events/metrics.js';
import type { PutEventsHttpRequest } from '../../src/endpoint/events/models.js';
import { PutEventsService } from '../../src/endpoint/events/service.js';
import type { EndpointConfig } from '../../src/endpoint/types.js';
import { RAW_AUTHORIZATION } from './endpoint-client.js';

/** The wall clock of every service built here: 2026-12-07T10:00:00Z. */
export const SERVICE_AT_MS = Date.UTC(2026, 11, 7, 10, 0, 0);

/**
 * A service with the logged bus `orders` declared (and the overrides given).
 * @returns the service, its trail (close it at the end), its configuration and a way to move its monotonic clock
 */
export function newPutEventsService(overrides: Partial<EndpointConfig> = {}) {
  const config = defaultEndpointConfig({
    buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
    ...overrides,
  });
  let monotonicMs = 0;
  const clock = { nowEpochMs: () => SERVICE_AT_MS, monotonicMs: () => monotonicMs };
  const trail = new CloudTrailWriter({
    trailDir: null,
    accountId: config.accountId,
    region: config.region,
    flushIntervalMs: 60_000,
    nowEpochMs: clock.nowEpochMs,
  });
  const service = new PutEventsService(config, clock, trail, new PutEventsMetrics(new MetricStore()));
  return { service, trail, config, clock, advanceMs: (ms: number) => (monotonicMs += ms) };
}

/**
 * A POST of `body` (JSON-encoded unless a string) with AWS JSON 1.1, a well-formed unverified Authorization
 * and the given headers on top.
 */
export function serviceRequest(body: unknown, headers: Record<string, string> = {}): PutEventsHttpRequest {
  return {
    method: 'POST',
    url: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      authorization: RAW_AUTHORIZATION,
      ...headers,
    },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    sourceIpAddress: '127.0.0.1',
    userAgent: 'test',
    hostHeader: '127.0.0.1:4010',
  };
}
