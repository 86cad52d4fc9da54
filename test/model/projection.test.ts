import { describe, expect, it } from 'vitest';
import {
  expectedChunksLognormal,
  normalCdf,
  projectionFromRun,
  usageFromScenario,
} from '../../src/model/projection.js';
import { Z_P99 } from '../../src/schedule/entry-size.js';
import { producer, scenario } from '../helpers/model.js';

describe('projectionFromRun', () => {
  it('30 s at real time -> factor 87,600', () => {
    const projection = projectionFromRun(30_000, 1);
    expect(projection.factor).toBe('87600');
    expect(projection.ratio).toEqual({ numerator: '2628000000', denominator: '30000' });
    expect(projection.basis).toBe('30 s of replay at real time -> 730 h month (x 87600)');
  });
  it('timeScale samples the profile at real rates: 30 s at timeScale 720 is still x 87,600', () => {
    const projection = projectionFromRun(30_000, 720);
    expect(projection.factor).toBe('87600');
    expect(projection.ratio).toEqual({ numerator: '2628000000', denominator: '30000' });
    expect(projection.basis).toBe(
      '30 s of replay sampling 21600 s of profile (timeScale 720) at real rates -> 730 h month (x 87600)',
    );
  });
  it('7 s -> 375,428.571429 shown, exact ratio kept', () => {
    const projection = projectionFromRun(7_000, 1);
    expect(projection.factor).toBe('375428.571429');
    expect(projection.ratio).toEqual({ numerator: '2628000000', denominator: '7000' });
  });
  it('rejects a zero duration', () => {
    expect(() => projectionFromRun(0, 1)).toThrow(RangeError);
  });
});

describe('normalCdf', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(-Z_P99)).toBeCloseTo(0.01, 14);
    expect(normalCdf(-8) / 6.220960574271784e-16).toBeCloseTo(1, 6);
  });
});

describe('expectedChunksLognormal', () => {
  it('p50 = 64 KB, p99 = 128 KB: 1 + 0.5 + 0.01 + the tail', () => {
    // P(X > 64 KB) = 0.5 (the median), P(X > 128 KB) = 0.01 (the p99), P(X > 192 KB) = 1 - Phi(Z99 log2 3), ...
    const tail = 1 - normalCdf(Z_P99 * Math.log2(3)) + (1 - normalCdf(Z_P99 * 2));
    expect(expectedChunksLognormal(65_536, 131_072)).toBeCloseTo(1.51 + tail, 7);
    expect(expectedChunksLognormal(65_536, 131_072)).toBeCloseTo(1.510115, 6);
  });
  it('p99 below 64 KB -> about 1 chunk, and never less', () => {
    const chunks = expectedChunksLognormal(1024, 32_768);
    expect(chunks).toBeGreaterThan(1);
    expect(chunks).toBeLessThan(1.01);
  });
  it('is deterministic and treats p50 = p99 as a fixed size', () => {
    expect(expectedChunksLognormal(1228.8, 24_576)).toBe(expectedChunksLognormal(1228.8, 24_576));
    expect(expectedChunksLognormal(70_000, 70_000)).toBe(2);
  });
});

describe('usageFromScenario', () => {
  it('is exact for fixed batching and fixed sizes', () => {
    const result = usageFromScenario(scenario([producer('checkout', 'orders')]));
    expect(result.projection.factor).toBe('1');
    const [orders, telemetry] = result.usage;
    expect(orders?.counts).toEqual({
      requestsSucceeded: 13_140_000,
      requestsFailed: 0,
      entriesSucceeded: 131_400_000,
      entriesFailed: 0,
      billableChunks: 131_400_000,
    });
    expect(orders?.loggingMode).toBe('trail');
    expect(result.assumptions).toHaveLength(1);
    expect(result.assumptions[0]).toMatchObject({ id: 'declared-volumes', confirmed: false });
    expect(result.assumptions[0]!.value).toContain('0 producer(s) enumerated, 0 sampled at a time scale');
    expect(result.assumptions[0]!.value).toContain('1 in closed form');
    expect(telemetry?.counts.entriesSucceeded).toBe(0);
    expect(result.approximations).toEqual([
      'producers.checkout: volumes in closed form (constant rate, batches of a fixed size the byte budget never cuts: exact, equal to the simulation)',
      "declared volumes: every request is answered (no quota throttles or whole-request errors); per-entry faults and bus-policy denials as the scenario's endpoint declares them",
    ]);
  });

  it('sums producers per bus and bills 2 chunks for 65,537-byte entries', () => {
    const result = usageFromScenario(
      scenario([
        producer('a', 'orders', { entryBytes: { dist: 'fixed', bytes: 65_537 } }),
        producer('b', 'orders', {
          shape: { kind: 'constant', ratePerSec: 1 },
          batching: { kind: 'fixed', entriesPerRequest: 1, maxBytes: 1_048_576 },
        }),
      ]),
    );
    // a: 131,400,000 entries x 2 chunks, 13,140,000 calls; b: 2,628,000 entries x 1 chunk, 2,628,000 calls.
    expect(result.usage[0]?.counts.billableChunks).toBe(262_800_000 + 2_628_000);
    expect(result.usage[0]?.counts.requestsSucceeded).toBe(13_140_000 + 2_628_000);
  });

  it('runs a ramp over the scenario profile it spans and says so', () => {
    const result = usageFromScenario(
      scenario([producer('r', 'orders', { shape: { kind: 'ramp', fromPerSec: 10, toPerSec: 30 } })]),
    );
    // 30 s from 10/s to 30/s: 600 entries, 60 batches of 10 -> x 87,600.
    expect(result.usage[0]?.counts.entriesSucceeded).toBe(52_560_000);
    expect(result.usage[0]?.counts.requestsSucceeded).toBe(5_256_000);
    expect(result.approximations[0]).toBe(
      "producers.r: volumes from the run's arrivals and batcher, enumerated over the ramp over the scenario's 30 s profile (600 entries); nothing random in it (one seed)",
    );
  });

  it('batches linger producers with the run batcher and says so', () => {
    const result = usageFromScenario(
      scenario([
        producer('l', 'orders', {
          instances: 4,
          batching: { kind: 'linger', maxEntries: 10, lingerMs: 200, maxBytes: 1_048_576 },
        }),
      ]),
    );
    // 12.5 entries/s per instance: arrivals every 80 ms, so a batch opened at t holds t, t + 80, t + 160
    // (t + 240 is past the 200 ms deadline): 3 entries per request. 400 s (20,000 entries) simulated.
    // Every batch holds exactly 3; the window's edge (batches opened in it) adds at most one per instance.
    const counts = result.usage[0]!.counts;
    expect(counts.entriesSucceeded / counts.requestsSucceeded).toBe(3);
    expect(Math.abs(counts.requestsSucceeded / 43_800_000 - 1)).toBeLessThan(0.0005);
    expect(result.approximations[0]).toContain('enumerated over 400 s of constant rate');
  });

  it('draws lognormal sizes over several seeds and reports their spread', () => {
    const result = usageFromScenario(
      scenario([
        producer('n', 'orders', { entryBytes: { dist: 'lognormal', p50Bytes: 65_536, p99Bytes: 131_072 } }),
      ]),
    );
    // The seeds' mean of drawn sizes is within 1% of the continuous model's 1.510115 chunks per entry.
    const chunks = result.usage[0]!.counts.billableChunks;
    expect(Math.abs(chunks / (131_400_000 * 1.510115) - 1)).toBeLessThan(0.01);
    expect(result.approximations[0]).toContain('expected value over seeds 1, 2, 3, 4, 5, spread');
  });
});

describe('usageFromScenario: shapes, sizes, byte caps, callers and peak', () => {
  it('a batch byte limit caps fixed batches exactly: 300 KB entries, 1 MiB -> 3 per request', () => {
    const result = usageFromScenario(
      scenario([
        producer('big', 'orders', {
          shape: { kind: 'constant', ratePerSec: 3 },
          entryBytes: { dist: 'fixed', bytes: 307_200 },
        }),
      ]),
    );
    // 3/s x 2,628,000 s = 7,884,000 entries in requests of 3 -> 2,628,000 calls; 5 chunks each
    expect(result.usage[0]?.counts).toMatchObject({
      requestsSucceeded: 2_628_000,
      entriesSucceeded: 7_884_000,
      billableChunks: 39_420_000,
    });
    expect(result.approximations[0]).toBe(
      "producers.big: volumes from the run's arrivals and batcher, enumerated over 6667 s of constant rate (20,001 entries); nothing random in it (one seed)",
    );
  });

  it('steps and replay shapes are run over their whole sequence and file', () => {
    const steps = usageFromScenario({
      ...scenario([
        producer('s', 'orders', {
          shape: {
            kind: 'steps',
            steps: [
              { ratePerSec: 100, durationMs: 15_000 },
              { ratePerSec: 300, durationMs: 15_000 },
            ],
          },
        }),
      ]),
    });
    // (100 x 15 + 300 x 15) / 30 = 200/s
    expect(steps.usage[0]?.counts.entriesSucceeded).toBe(200 * 2_628_000);
    const replay = usageFromScenario({
      ...scenario([
        producer('r', 'orders', {
          shape: { kind: 'replay', intervalMs: 3_600_000, counts: [360_000, 720_000], speed: 1 },
        }),
      ]),
      durationMs: 60_000,
      timeScale: 120,
    });
    // 2 h of profile: 1,080,000 entries / 7,200 s = 150/s
    // (sampled at timeScale 22: the period's edges move it by less than 0.001%)
    expect(Math.abs(replay.usage[0]!.counts.entriesSucceeded / (150 * 2_628_000) - 1)).toBeLessThan(1e-5);
    expect(replay.approximations[0]).toBe(
      "producers.r: volumes from the run's arrivals and batcher, sampled over the replay file (2 intervals, 2 h) at timeScale 22 (49,091 entries, 1/22 of the period, at real rates; sampling error 0%: the move at timeScale 44); nothing random in it (one seed)",
    );
    // Peak: 720,000 entries in an hour = 200/s, in requests of 10 -> 20 calls/s.
    expect(replay.peakCallsPerSec).toBe(20);
  });

  it('gives calls per caller as CloudTrail records them', () => {
    const result = usageFromScenario(
      scenario([
        producer('a', 'orders', { principal: 'arn:aws:iam::111122223333:role/checkout' }),
        producer('b', 'orders', {
          principal: 'arn:aws:iam::111122223333:role/canary',
          shape: { kind: 'constant', ratePerSec: 10 },
        }),
      ]),
    );
    // Record bytes from the endpoint's serializer: 2,982 B per checkout call, 2,976 B per canary call
    // (the role name is 2 characters shorter, and appears 3 times in the record).
    expect(result.usage[0]?.principals).toEqual([
      {
        principalArn: 'arn:aws:sts::111122223333:assumed-role/checkout/busload',
        requests: 13_140_000,
        recordBytes: 13_140_000 * 2_982,
      },
      {
        principalArn: 'arn:aws:sts::111122223333:assumed-role/canary/busload',
        requests: 2_628_000,
        recordBytes: 2_628_000 * 2_976,
      },
    ]);
    expect(result.usage[0]?.busArn).toBe('arn:aws:events:us-east-1:111122223333:event-bus/orders');
    expect(result.peakCallsPerSec).toBe(6);
  });
});
