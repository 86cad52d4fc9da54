import { describe, expect, it } from 'vitest';
import { checkCrossFields, EMPTY_DETAIL_BYTES } from '../../src/scenario/checks.js';

/** A raw producer (as parsed from YAML) with the given fields over a valid base. */
function producer(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'checkout',
    bus: 'orders',
    source: 'com.shop',
    detailTypes: ['OrderPlaced'],
    rate: '10/s',
    batching: { entriesPerRequest: 10 },
    entryBytes: 512,
    ...fields,
  };
}

function raw(producers: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { buses: [{ name: 'orders' }], producers, ...extra };
}

const messages = (value: unknown) =>
  checkCrossFields(value).map((problem) => `${problem.path.join('.')}: ${problem.message}`);

describe('checkCrossFields', () => {
  it('finds nothing in a valid file, and nothing in what is not a mapping', () => {
    expect(checkCrossFields(raw([producer()]))).toEqual([]);
    expect(checkCrossFields(null)).toEqual([]);
    expect(checkCrossFields([1, 2])).toEqual([]);
    expect(EMPTY_DETAIL_BYTES).toBe(2);
  });

  it('names a duplicate and where the name was first declared', () => {
    expect(
      messages(raw([producer(), producer()], { buses: [{ name: 'orders' }, { name: 'orders' }] })),
    ).toEqual([
      'buses.1.name: duplicate bus name "orders" (first declared at buses[0]); bus names must be unique',
      'producers.1.name: duplicate producer name "checkout" (first declared at producers[0]); producer names must be unique',
    ]);
  });

  it('lists the declared buses for an unknown one', () => {
    expect(messages(raw([producer({ bus: 'payments' })]))).toEqual([
      'producers.0.bus: unknown bus "payments"; expected the name of a bus declared under buses (orders)',
    ]);
    expect(messages({ producers: [producer()] })).toEqual([
      'producers.0.bus: unknown bus "orders"; expected the name of a bus declared under buses (none are declared)',
    ]);
  });

  it('wants a rate with constant, diurnal and bursts, and none with ramp, steps and replay', () => {
    expect(
      messages(
        raw([producer({ rate: undefined, shape: { kind: 'diurnal', peakHour: 1, peakToTrough: 2 } })]),
      ),
    ).toEqual([
      'producers.0.rate: is required with shape.kind diurnal; expected a rate such as "50/s", "3000/min" or "100/h"',
    ]);
    expect(messages(raw([producer({ shape: { kind: 'ramp', from: 1, to: 2 } })]))).toEqual([
      'producers.0.rate: must be absent when shape.kind is ramp (the shape gives the rates)',
    ]);
    expect(messages(raw([producer({ rate: undefined })]))).toEqual([
      'producers.0.rate: is required with shape.kind constant; expected a rate such as "50/s", "3000/min" or "100/h"',
    ]);
    // an unknown kind is the schema's to report
    expect(messages(raw([producer({ shape: { kind: 'zigzag' } })]))).toEqual([]);
  });

  it('refuses shapes that send nothing or do not fit their period, and a replay without one series', () => {
    const shaped = (shape: Record<string, unknown>) => messages(raw([producer({ rate: undefined, shape })]));
    expect(shaped({ kind: 'ramp', from: 0, to: '0/s' })).toEqual([
      'producers.0.shape.to: a ramp from 0 to 0 sends nothing; expected from or to > 0',
    ]);
    expect(shaped({ kind: 'steps', steps: [{ rate: 0, duration: '1m' }] })).toEqual([
      'producers.0.shape.steps: every step has rate 0, so nothing is sent; expected at least one step with a rate > 0',
    ]);
    expect(shaped({ kind: 'replay', interval: '1m' })).toEqual([
      'producers.0.shape.file: is required; expected file (a CSV or JSON series) or counts (a list of entries per interval)',
    ]);
    expect(shaped({ kind: 'replay', interval: '1m', file: 'a.csv', counts: [1] })).toEqual([
      'producers.0.shape.counts: give either file or counts, not both',
    ]);
    expect(
      messages(
        raw([producer({ shape: { kind: 'bursts', every: '1m', burstRate: 5, burstDuration: '2m' } })]),
      ),
    ).toEqual(['producers.0.shape.burstDuration: must be at most every (60000 ms); got 120000 ms']);
  });

  it('checks sizes against the request limit, the byte budget and the smallest entry', () => {
    expect(messages(raw([producer({ entryBytes: '2MB' })]))).toEqual([
      'producers.0.entryBytes: entry size 2097152 bytes is above the PutEvents request limit; expected at most 1048576 bytes ("1MB")',
    ]);
    expect(
      messages(
        raw([
          producer({
            batching: { entriesPerRequest: 10, maxBytes: 1000 },
            entryBytes: { dist: 'fixed', bytes: 2000 },
          }),
        ]),
      ),
    ).toEqual([
      "producers.0.entryBytes.bytes: entry size 2000 bytes is above the producer's byte budget batching.maxBytes (1000 bytes)",
    ]);
    // com.shop (8) + OrderPlaced (11) + {} (2) = 21 bytes
    expect(messages(raw([producer({ entryBytes: 20 })]))).toEqual([
      'producers.0.entryBytes: entry size 20 bytes is below the smallest entry this producer can send: 21 bytes (source "com.shop" 8 B + detail type "OrderPlaced" 11 B + an empty Detail {} 2 B); expected a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB" of at least 21 bytes',
    ]);
  });

  it('orders the ends of a uniform and a lognormal size, and checks every empirical row', () => {
    expect(messages(raw([producer({ entryBytes: { dist: 'lognormal', p50: 1000, p99: 1000 } })]))).toEqual([
      'producers.0.entryBytes.p99: must be greater than p50 (1000 bytes); got 1000 bytes',
    ]);
    expect(messages(raw([producer({ entryBytes: { dist: 'uniform', min: 1000, max: 1000 } })]))).toEqual([]);
    expect(messages(raw([producer({ entryBytes: { dist: 'uniform', min: 1000, max: 999 } })]))).toEqual([
      'producers.0.entryBytes.max: must be at least min (1000 bytes); got 999 bytes',
    ]);
    expect(
      messages(
        raw([
          producer({
            entryBytes: {
              dist: 'empirical',
              table: [
                { bytes: 100, weight: 1 },
                { bytes: '3MB', weight: 1 },
              ],
            },
          }),
        ]),
      ),
    ).toEqual([
      'producers.0.entryBytes.table.1.bytes: entry size 3145728 bytes is above the PutEvents request limit; expected at most 1048576 bytes ("1MB")',
    ]);
  });

  it('checks the endpoint latency order and that fault rates add up to at most 1', () => {
    expect(
      messages(
        raw([producer()], {
          endpoint: {
            latencyMs: { p50: 10, p99: 5 },
            faults: { entryInternalFailureRate: 0.6, entryThrottleRate: 0.5 },
          },
        }),
      ),
    ).toEqual([
      'endpoint.latencyMs.p99: must be >= p50 (10 ms); got 5 ms',
      'endpoint.faults.entryThrottleRate: entryInternalFailureRate + entryThrottleRate is 1.1; expected at most 1 (an entry fails in one way at most)',
    ]);
  });
});
