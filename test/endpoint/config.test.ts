import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCOUNT_ID,
  defaultEndpointConfig,
  validateEndpointConfig,
} from '../../src/endpoint/config.js';

describe('defaultEndpointConfig', () => {
  it('is a valid loopback endpoint with AWS us-east-1 limits, no faults and no trail files', () => {
    const config = defaultEndpointConfig();
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 0,
      region: 'us-east-1',
      accountId: '111122223333',
      buses: [],
      quota: { ratePerSec: 10_000, burst: 10_000 },
      maxRequestEntryBytes: 1_048_576,
      maxBodyBytes: 4_194_304,
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
    });
    expect(DEFAULT_ACCOUNT_ID).toBe('111122223333');
    expect(validateEndpointConfig(config)).toEqual([]);
  });
  it('replaces the fields given, shallowly', () => {
    const config = defaultEndpointConfig({ region: 'eu-west-1', quota: { ratePerSec: 5, burst: 1 } });
    expect([config.region, config.quota, config.accountId]).toEqual([
      'eu-west-1',
      { ratePerSec: 5, burst: 1 },
      '111122223333',
    ]);
  });
});

describe('validateEndpointConfig', () => {
  it('names every invalid field, in order', () => {
    const config = defaultEndpointConfig({
      port: 70_000,
      accountId: '123',
      region: 'mars',
      quota: { ratePerSec: 0, burst: 0 },
      maxRequestEntryBytes: 0,
      maxBodyBytes: -1,
      trailFlushIntervalMs: 0,
      latencyMs: { p50Ms: 0, p99Ms: -1 },
      faults: {
        entryInternalFailureRate: 2,
        entryThrottleRate: -0.1,
        internalErrorRate: Number.NaN,
        connectionResetRate: 1.5,
        stallRate: 0.5,
        stallMs: -5,
      },
      clientTimeoutMs: 0,
      secretsByAccessKey: { AKID: '' },
      buses: [
        { name: 'orders', logging: true, allowedPrincipals: null },
        { name: 'orders', logging: false, allowedPrincipals: null },
        { name: 'bad name', logging: false, allowedPrincipals: null },
      ],
    });
    expect(validateEndpointConfig(config)).toEqual([
      'config.port must be an integer from 0 to 65535',
      'config.accountId must be 12 digits',
      'config.region must be a region code like us-east-1',
      'config.quota.ratePerSec must be > 0',
      'config.quota.burst must be >= 1',
      'config.maxRequestEntryBytes must be > 0',
      'config.maxBodyBytes must be > 0',
      'config.trailFlushIntervalMs must be > 0',
      'config.latencyMs.p50Ms must be > 0',
      'config.latencyMs.p99Ms must be >= config.latencyMs.p50Ms',
      'config.faults.entryInternalFailureRate must be between 0 and 1',
      'config.faults.entryThrottleRate must be between 0 and 1',
      'config.faults.internalErrorRate must be between 0 and 1',
      'config.faults.connectionResetRate must be between 0 and 1',
      'config.faults.stallMs must be >= 0',
      'config.clientTimeoutMs must be > 0',
      'config.secretsByAccessKey.AKID must be a non-empty secret',
      "config.buses[1].name 'orders' is declared twice",
      'config.buses[2].name must match [.-_A-Za-z0-9]+',
    ]);
  });
  it('accepts the edges: port 65535, rates 0 and 1, p99 equal to p50', () => {
    const config = defaultEndpointConfig({
      port: 65_535,
      latencyMs: { p50Ms: 5, p99Ms: 5 },
      faults: { entryInternalFailureRate: 1, entryThrottleRate: 0, internalErrorRate: 1, stallMs: 0 },
    });
    expect(validateEndpointConfig(config)).toEqual([]);
  });
});
