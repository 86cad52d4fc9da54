import { describe, expect, it } from 'vitest';
import { defaultPrincipal, normaliseScenario } from '../../src/scenario/normalise.js';
import { scenarioFileSchema } from '../../src/scenario/schema.js';
import { makeEndpoint } from '../helpers/scenario-builder.js';

function parsed(
  producers: Record<string, unknown>[],
  buses: unknown[] = [{ name: 'orders', classification: 'regulated' }],
) {
  return scenarioFileSchema.parse({ name: 'n', region: 'us-east-1', duration: '1m', buses, producers });
}

const BASE = {
  name: 'checkout',
  bus: 'orders',
  source: 'com.shop',
  detailTypes: ['OrderPlaced', { name: 'OrderCancelled', weight: 3 }],
  rate: '10/s',
  batching: { entriesPerRequest: 10 },
  entryBytes: 512,
};

describe('defaultPrincipal', () => {
  it("is a role named after the producer in busload's default account", () => {
    expect(defaultPrincipal('checkout')).toBe('arn:aws:iam::111122223333:role/checkout');
  });
});

describe('normaliseScenario', () => {
  it('fills every field in the unit its name says', () => {
    const scenario = normaliseScenario(parsed([BASE]));
    expect(scenario).toEqual({
      name: 'n',
      region: 'us-east-1',
      durationMs: 60_000,
      timeScale: 1,
      buses: [
        {
          name: 'orders',
          classification: 'regulated',
          logging: 'off',
          trailCopies: 1,
          allowedPrincipals: null,
        },
      ],
      producers: [
        {
          name: 'checkout',
          bus: 'orders',
          principal: 'arn:aws:iam::111122223333:role/checkout',
          source: 'com.shop',
          detailTypes: ['OrderPlaced', 'OrderCancelled'],
          detailTypeWeights: [1, 3],
          instances: 1,
          shape: { kind: 'constant', ratePerSec: 10 },
          batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
          entryBytes: { dist: 'fixed', bytes: 512 },
          retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 2 },
        },
      ],
      endpoint: makeEndpoint(),
      thresholds: [],
    });
  });

  it("normalises each shape kind through the schema's format of it", () => {
    const shapes = normaliseScenario(
      parsed([
        { ...BASE, name: 'a', rate: undefined, shape: { kind: 'ramp', from: '1/s', to: '60/min' } },
        {
          ...BASE,
          name: 'b',
          rate: undefined,
          shape: { kind: 'steps', steps: [{ rate: 5, duration: '2m' }] },
        },
        { ...BASE, name: 'c', shape: { kind: 'diurnal', peakHour: 14, peakToTrough: 4 } },
        {
          ...BASE,
          name: 'd',
          shape: { kind: 'bursts', every: '10m', burstRate: '100/s', burstDuration: '30s' },
        },
        {
          ...BASE,
          name: 'e',
          rate: undefined,
          shape: { kind: 'replay', interval: '1m', counts: [3, 4], speed: 2 },
        },
      ]),
    ).producers.map((producer) => producer.shape);
    expect(shapes).toEqual([
      { kind: 'ramp', fromPerSec: 1, toPerSec: 1 },
      { kind: 'steps', steps: [{ ratePerSec: 5, durationMs: 120_000 }] },
      { kind: 'diurnal', meanPerSec: 10, peakHour: 14, peakToTrough: 4, startHour: 0 },
      { kind: 'bursts', ratePerSec: 10, everyMs: 600_000, burstRatePerSec: 100, burstDurationMs: 30_000 },
      { kind: 'replay', intervalMs: 60_000, counts: [3, 4], speed: 2 },
    ]);
  });

  it('normalises linger batching, size distributions and the logging object', () => {
    const scenario = normaliseScenario(
      parsed(
        [
          {
            ...BASE,
            batching: { maxEntries: 5, lingerMs: 20, maxBytes: '256KB' },
            entryBytes: { dist: 'lognormal', p50: '1KB', p99: '4KB' },
          },
          { ...BASE, name: 'u', entryBytes: { dist: 'uniform', min: 100, max: 200 } },
          { ...BASE, name: 'e', entryBytes: { dist: 'empirical', table: [{ bytes: '1KB', weight: 2 }] } },
        ],
        [
          {
            name: 'orders',
            classification: 'regulated',
            trailCopies: 3,
            logging: {
              mode: 'trail',
              trailCopies: 2,
              exclude: [
                { field: 'userIdentity.arn', startsWith: ['arn:aws:sts::111122223333:assumed-role/canary'] },
              ],
            },
          },
        ],
      ),
    );
    expect(scenario.producers.map((producer) => [producer.batching, producer.entryBytes])).toEqual([
      [
        { kind: 'linger', maxEntries: 5, lingerMs: 20, maxBytes: 262_144 },
        { dist: 'lognormal', p50Bytes: 1024, p99Bytes: 4096 },
      ],
      [
        { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
        { dist: 'uniform', minBytes: 100, maxBytes: 200 },
      ],
      [
        { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
        { dist: 'empirical', table: [{ bytes: 1024, weight: 2 }] },
      ],
    ]);
    expect(scenario.buses[0]).toEqual({
      name: 'orders',
      classification: 'regulated',
      logging: 'trail',
      trailCopies: 2,
      allowedPrincipals: null,
      loggingScope: {
        exclusions: [
          {
            field: 'userIdentity.arn',
            operator: 'startsWith',
            values: ['arn:aws:sts::111122223333:assumed-role/canary'],
          },
        ],
        insights: false,
        lakeQueryGbPerMonth: 0,
        window: null,
      },
    });
  });

  it('refuses, as an internal error, what validation should have stopped', () => {
    expect(() => normaliseScenario(parsed([{ ...BASE, rate: undefined }]))).toThrow(
      'internal: producer checkout has a constant shape and no rate after validation',
    );
    expect(() =>
      normaliseScenario(
        parsed([{ ...BASE, rate: undefined, shape: { kind: 'replay', interval: '1m', file: 'x.csv' } }]),
      ),
    ).toThrow("internal: producer checkout's replay series was not loaded before normalising");
  });
});
