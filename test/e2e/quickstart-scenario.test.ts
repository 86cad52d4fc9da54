import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { peakCallsPerSecOf } from '../../src/cli/commands/run.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';
import { makeBus, makeProducer, makeScenario } from '../helpers/scenario-builder.js';

const QUICKSTART = 'scenarios/quickstart.yaml';

const expected: Scenario = makeScenario(
  [
    makeProducer({
      name: 'checkout',
      principal: 'arn:aws:iam::111122223333:role/checkout-producer',
      detailTypeWeights: [1, 1],
      instances: 2,
      shape: { kind: 'constant', ratePerSec: 40 },
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 100, maxBytes: 1_048_576 },
      entryBytes: { dist: 'lognormal', p50Bytes: 1229, p99Bytes: 24_576 },
    }),
    makeProducer({
      name: 'ledger',
      bus: 'payments',
      principal: 'arn:aws:iam::111122223333:role/ledger-writer',
      source: 'com.shop.ledger',
      detailTypes: ['PaymentCaptured', 'RefundIssued'],
      detailTypeWeights: [1, 1],
      shape: { kind: 'ramp', fromPerSec: 10, toPerSec: 30 },
      batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
      entryBytes: { dist: 'fixed', bytes: 2048 },
    }),
    makeProducer({
      name: 'metrics',
      bus: 'telemetry',
      // No principal in the file: the default role named after the producer.
      principal: 'arn:aws:iam::111122223333:role/metrics',
      source: 'com.shop.metrics',
      detailTypes: ['HostMetrics'],
      detailTypeWeights: [1],
      instances: 2,
      shape: { kind: 'constant', ratePerSec: 500 },
      batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
      entryBytes: { dist: 'fixed', bytes: 600 },
      retry: { mode: 'adaptive', maxAttempts: 2, resendFailedEntries: 0 },
    }),
  ],
  30_000,
  {
    name: 'quickstart',
    buses: [
      makeBus('orders', { classification: 'regulated' }),
      makeBus('payments', { classification: 'regulated', trailCopies: 2 }),
      makeBus('telemetry', { classification: 'telemetry', logging: 'off' }),
    ],
  },
);

describe('scenarios/quickstart.yaml', () => {
  it('normalises to exact values (units resolved, defaults filled)', async () => {
    const loaded = await loadScenario(QUICKSTART);
    expect(loaded.scenario).toEqual(expected);
    expect(loaded.file).toBe(QUICKSTART);
  });

  it('carries the sha256 of the file bytes, and parseScenario of the text gives the same result', async () => {
    const bytes = await readFile(QUICKSTART);
    const loaded = await loadScenario(QUICKSTART);
    expect(loaded.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parseScenario(bytes.toString('utf8'), QUICKSTART)).toEqual(loaded);
  });

  it('plans under 100 PutEvents calls/s, so a busy 2-core machine keeps up (fixed batches exactly, linger batches at worst one entry per call)', async () => {
    const { scenario } = await loadScenario(QUICKSTART);
    let worstCallsPerSec = 0;
    for (const producer of scenario.producers) {
      const peakPerSec =
        producer.shape.kind === 'constant'
          ? producer.shape.ratePerSec
          : producer.shape.kind === 'ramp'
            ? Math.max(producer.shape.fromPerSec, producer.shape.toPerSec)
            : Number.NaN; // quickstart uses constant and ramp shapes only
      const entriesPerCall = producer.batching.kind === 'fixed' ? producer.batching.entriesPerRequest : 1;
      worstCallsPerSec += peakPerSec / entriesPerCall;
    }
    // checkout 40 (at one entry per call) + ledger 3 + metrics 50.
    expect(worstCallsPerSec).toBe(93);
    // The bound `busload run` states: linger batches go when full or after lingerMs, so checkout sends at most
    // 2 instances x 10 + 40 / 10 = 24 calls/s.
    expect(peakCallsPerSecOf(scenario)).toBe(77);
  });

  it('gives a JSON rendering of the same file the same scenario', () => {
    const json = JSON.stringify({
      name: 'quickstart',
      region: 'us-east-1',
      duration: '30s',
      buses: expected.buses.map(({ allowedPrincipals: _none, ...bus }) => bus),
      producers: [
        {
          name: 'checkout',
          bus: 'orders',
          principal: 'arn:aws:iam::111122223333:role/checkout-producer',
          source: 'com.shop.checkout',
          detailTypes: ['OrderPlaced', 'OrderCancelled'],
          instances: 2,
          rate: '40/s',
          batching: { maxEntries: 10, lingerMs: 100 },
          entryBytes: { dist: 'lognormal', p50: '1.2KB', p99: '24KB' },
        },
        {
          name: 'ledger',
          bus: 'payments',
          principal: 'arn:aws:iam::111122223333:role/ledger-writer',
          source: 'com.shop.ledger',
          detailTypes: ['PaymentCaptured', 'RefundIssued'],
          shape: { kind: 'ramp', from: '10/s', to: '30/s' },
          batching: { entriesPerRequest: 10 },
          entryBytes: '2KB',
        },
        {
          name: 'metrics',
          bus: 'telemetry',
          source: 'com.shop.metrics',
          detailTypes: ['HostMetrics'],
          instances: 2,
          rate: 500,
          batching: { entriesPerRequest: 10 },
          entryBytes: 600,
          retry: { mode: 'adaptive', maxAttempts: 2, resendFailedEntries: 0 },
        },
      ],
    });
    expect(parseScenario(json, 'quickstart.json').scenario).toEqual(expected);
  });
});
