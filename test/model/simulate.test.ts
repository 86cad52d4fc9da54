/**
 * The simulated declared volumes: the closed form is exactly the simulation, the rate x linger boundary,
 * whole periods per shape, sampling and seeds.
 */
import { describe, expect, it } from 'vitest';
import { entryOutcomeOf } from '../../src/model/entry-outcome.js';
import { closedFormBatchSize, simulateProducer } from '../../src/model/simulate.js';
import { countWindow } from '../../src/model/window-counts.js';
import { loadScenario } from '../../src/scenario/load.js';
import { producer, scenario } from '../helpers/model.js';

describe('closed form (fixed entriesPerRequest, constant shape) equals the simulation', () => {
  it.each([
    ['fixed 2 KB, batches of 10, 1 instance', producer('a', 'orders')],
    [
      'uniform 300 B..1.5 KB, batches of 10 under 256 KB, 8 instances',
      producer('b', 'orders', {
        instances: 8,
        shape: { kind: 'constant', ratePerSec: 12_000 },
        batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 262_144 },
        entryBytes: { dist: 'uniform', minBytes: 300, maxBytes: 1536 },
        detailTypes: ['HostMetrics', 'ContainerMetrics'],
        detailTypeWeights: [1, 1],
      }),
    ],
    [
      'fixed 70 KB (2 chunks), batches of 5, 3 instances',
      producer('c', 'orders', {
        instances: 3,
        shape: { kind: 'constant', ratePerSec: 30 },
        batching: { kind: 'fixed', entriesPerRequest: 5, maxBytes: 1_048_576 },
        entryBytes: { dist: 'fixed', bytes: 71_680 },
      }),
    ],
  ])('%s', (_label, spec) => {
    const s = scenario([spec]);
    const closed = simulateProducer(s, 0);
    const simulated = simulateProducer(s, 0, { forceSimulation: true, entryBudget: 1_000_000 });
    expect(closed.method).toBe('closed-form');
    expect(simulated.calls).toBe(closed.calls);
    expect(simulated.entries).toBe(closed.entries);
    expect(simulated.chunks).toBe(closed.chunks);
  });

  it('is not used when the byte budget can cut a batch, or the shape is not constant', () => {
    expect(closedFormBatchSize(producer('a', 'orders'))).toBe(10);
    expect(
      closedFormBatchSize(producer('a', 'orders', { entryBytes: { dist: 'fixed', bytes: 307_200 } })),
    ).toBeNull();
    expect(
      closedFormBatchSize(
        producer('a', 'orders', { entryBytes: { dist: 'lognormal', p50Bytes: 1000, p99Bytes: 2000 } }),
      ),
    ).toBeNull();
    expect(
      closedFormBatchSize(producer('a', 'orders', { shape: { kind: 'ramp', fromPerSec: 1, toPerSec: 2 } })),
    ).toBeNull();
  });
});

describe('the rate x linger boundary', () => {
  it('40/s, 1 instance, linger 50 ms: the arrival at the deadline opens the next batch (2 a request)', () => {
    const volumes = simulateProducer(
      scenario([
        producer('b', 'orders', {
          shape: { kind: 'constant', ratePerSec: 40 },
          batching: { kind: 'linger', maxEntries: 10, lingerMs: 50, maxBytes: 1_048_576 },
        }),
      ]),
      0,
    );
    // 40/s x 2,628,000 s = 105,120,000 entries; 2 per request -> 52,560,000 calls (not 3 -> 35,040,000).
    expect(volumes.entries).toBe(105_120_000);
    expect(volumes.calls).toBe(52_560_000);
    expect(volumes.peakCallsPerSec).toBe(20);
  });
});

describe('whole periods per shape', () => {
  it('a long period is sampled at a time scale, with its sampling error and the seeds spread', () => {
    const volumes = simulateProducer(
      {
        ...scenario([
          producer('d', 'orders', {
            instances: 3,
            shape: { kind: 'diurnal', meanPerSec: 120, peakHour: 20, peakToTrough: 6, startHour: 0 },
            batching: { kind: 'linger', maxEntries: 10, lingerMs: 50, maxBytes: 1_048_576 },
            entryBytes: { dist: 'lognormal', p50Bytes: 1536, p99Bytes: 12_288 },
          }),
        ]),
        durationMs: 60_000,
        timeScale: 1440,
      },
      0,
    );
    // 10,368,000 entries a day / 50,000 -> timeScale 208: about 49,850 entries per seed.
    expect(volumes.method).toBe('sampled');
    expect(volumes.timeScale).toBe(208);
    expect(volumes.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(volumes.samplingError).toBeLessThan(0.005);
    // Entries are the day's mean rate x the month whatever the sampling: 120/s x 2,628,000 s.
    expect(Math.abs(volumes.entries / 315_360_000 - 1)).toBeLessThan(1e-4);
    // Arrivals are deterministic (diurnal): only the chunks of the drawn sizes vary with the seed.
    expect(volumes.spread.calls[0]).toBe(volumes.spread.calls[1]);
    expect(volumes.spread.chunks[1]).toBeGreaterThan(volumes.spread.chunks[0]);
  });
});

describe("bursts start with a burst: a run of whole cycles is the estimate's month", () => {
  it('identity-logins: the plan its own 60 s run sends (4 whole 15-minute cycles) projects to the estimate', async () => {
    const { scenario: s } = await loadScenario('scenarios/identity-logins.yaml');
    const volumes = simulateProducer(s, 0);
    // 1 h of profile = 4 x 15 min: the same mean rate as the month of cycles (it was 13.64% low when the
    // first cycle was quiet: 3 bursts in 4 cycles)
    expect(Math.abs(volumes.profileRateShare!)).toBeLessThan(1e-12);
    const p = s.producers[0]!;
    const profileMs = s.durationMs * s.timeScale;
    const outcome = entryOutcomeOf(s, p);
    const perMonth = (value: number) => (value * 2_628_000_000) / s.durationMs;
    const runs = [1, 2, 3, 4, 5].map((seed) =>
      countWindow(p, seed, profileMs, { startMs: 0, endMs: profileMs }, s.timeScale, outcome),
    );
    const mean = (pick: (counts: (typeof runs)[number]) => number) =>
      perMonth(runs.reduce((sum, counts) => sum + pick(counts), 0) / runs.length);
    // 132 entries/s a cycle (600 x 120 + 60 x 780 over 900 s) x 3,600 s / 60 = 7,920 entries per run
    expect(runs[0]!.entries + runs[0]!.entriesFailed).toBeGreaterThan(7_400);
    expect(runs[0]!.entries + runs[0]!.entriesFailed).toBeLessThan(8_400);
    expect(Math.abs(mean((c) => c.calls) / volumes.calls - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean((c) => c.chunks) / volumes.chunks - 1)).toBeLessThan(0.03);
  });
});

describe('declared endpoint faults and bus policy', () => {
  it('a producer the bus policy leaves out: every entry failed and unbilled, one call a batch', () => {
    const s = scenario([
      producer('legacy', 'orders', { principal: 'arn:aws:iam::111122223333:role/legacy' }),
    ]);
    s.buses[0]!.allowedPrincipals = ['arn:aws:iam::111122223333:role/ledger'];
    const volumes = simulateProducer(s, 0);
    expect(volumes.outcome).toEqual({ denied: true, failShare: 1, resends: 0 });
    expect(volumes.calls).toBe(13_140_000);
    expect(volumes.entries).toBe(0);
    expect(volumes.entriesFailed).toBe(131_400_000);
    expect(volumes.chunks).toBe(0);
  });

  it('throttled entries are resent in more calls and end succeeded but for p^(R+1)', () => {
    const s = scenario([producer('a', 'orders')]);
    s.endpoint.faults.entryThrottleRate = 0.01;
    const volumes = simulateProducer(s, 0);
    // Batches of 10: 1 + (1 - 0.99^10) + (1 - 0.9999^10) calls each (resendFailedEntries 2).
    const perBatch = 1 + (1 - 0.99 ** 10) + (1 - 0.9999 ** 10);
    expect(volumes.calls / 13_140_000).toBeCloseTo(perBatch, 9);
    expect(volumes.entriesFailed / 131_400_000).toBeCloseTo(1e-6, 12);
  });
});
