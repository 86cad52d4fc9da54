/**
 * The endpoint's default configuration and its validation at the boundary.
 */
import { DEFAULT_ACCOUNT_ID, REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import type { EndpointConfig } from './types.js';

/** The account id used when none is given (defined with the other EventBridge facts). */
export { DEFAULT_ACCOUNT_ID };

/**
 * A complete configuration: 127.0.0.1, a free port, us-east-1, account 111122223333, a quota of
 * 10,000 requests/s with a burst of 10,000 (us-east-1's PutEvents quota, docs/aws-behaviour.md §3; AWS documents no
 * burst), 1,048,576 entry bytes per request (docs/aws-behaviour.md §2), a 4 MiB body cap, no added latency, no faults,
 * no trail files, a 2 s flush interval, failed requests logged, signatures not verified, slow or silent
 * clients cut after 30 s.
 * @param overrides - fields to replace (shallow)
 */
export function defaultEndpointConfig(overrides: Partial<EndpointConfig> = {}): EndpointConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    region: 'us-east-1',
    accountId: DEFAULT_ACCOUNT_ID,
    buses: [],
    quota: { ratePerSec: 10_000, burst: 10_000 },
    maxRequestEntryBytes: REQUEST_LIMIT_BYTES,
    maxBodyBytes: 4 * 1_048_576,
    latencyMs: null,
    faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 },
    seed: 1,
    principalsByAccessKey: {},
    secretsByAccessKey: {},
    clientTimeoutMs: 30_000,
    trailDir: null,
    trailFlushIntervalMs: 2000,
    logFailedRequests: true,
    unknownBuses: 'drop',
    logUndeclaredBuses: false,
    ...overrides,
  };
}

function isRate(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

/**
 * Every problem with a configuration, each naming its field (empty when it is valid).
 * @param config - the configuration to check
 */
export function validateEndpointConfig(config: EndpointConfig): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    problems.push('config.port must be an integer from 0 to 65535');
  }
  if (!/^\d{12}$/.test(config.accountId)) problems.push('config.accountId must be 12 digits');
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region))
    problems.push('config.region must be a region code like us-east-1');
  if (!(config.quota.ratePerSec > 0)) problems.push('config.quota.ratePerSec must be > 0');
  if (!(config.quota.burst >= 1)) problems.push('config.quota.burst must be >= 1');
  if (!(config.maxRequestEntryBytes > 0)) problems.push('config.maxRequestEntryBytes must be > 0');
  if (!(config.maxBodyBytes > 0)) problems.push('config.maxBodyBytes must be > 0');
  if (!(config.trailFlushIntervalMs > 0)) problems.push('config.trailFlushIntervalMs must be > 0');
  if (config.latencyMs !== null) {
    if (!(config.latencyMs.p50Ms > 0)) problems.push('config.latencyMs.p50Ms must be > 0');
    if (!(config.latencyMs.p99Ms >= config.latencyMs.p50Ms)) {
      problems.push('config.latencyMs.p99Ms must be >= config.latencyMs.p50Ms');
    }
  }
  for (const key of [
    'entryInternalFailureRate',
    'entryThrottleRate',
    'internalErrorRate',
    'connectionResetRate',
    'stallRate',
  ] as const) {
    if (!isRate(config.faults[key] ?? 0)) problems.push(`config.faults.${key} must be between 0 and 1`);
  }
  const stallMs = config.faults.stallMs;
  if (stallMs !== undefined && !(Number.isFinite(stallMs) && stallMs >= 0)) {
    problems.push('config.faults.stallMs must be >= 0');
  }
  if (!(config.clientTimeoutMs > 0)) problems.push('config.clientTimeoutMs must be > 0');
  for (const [accessKeyId, secret] of Object.entries(config.secretsByAccessKey)) {
    if (typeof secret !== 'string' || secret.length === 0) {
      problems.push(`config.secretsByAccessKey.${accessKeyId} must be a non-empty secret`);
    }
  }
  const seen = new Set<string>();
  config.buses.forEach((bus, i) => {
    if (!/^[.\-_A-Za-z0-9]{1,256}$/.test(bus.name))
      problems.push(`config.buses[${i}].name must match [.-_A-Za-z0-9]+`);
    if (seen.has(bus.name)) problems.push(`config.buses[${i}].name '${bus.name}' is declared twice`);
    seen.add(bus.name);
  });
  return problems;
}
