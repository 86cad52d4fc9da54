import { describe, expect, it } from 'vitest';
import { emptyMergedBus, toBusResult } from '../../src/metrics/aggregate.js';
import { emptyCounters } from '../../src/metrics/counters.js';
import type { BusResult } from '../../src/metrics/types.js';
import {
  busUsageOf,
  countsOf,
  declaredBusUsage,
  type TrailGzipSource,
  type TrailRow,
  usageOfBusResults,
  withLoggingModes,
} from '../../src/model/usage.js';
import type { BusSpec } from '../../src/scenario/types.js';

const orders: BusSpec = {
  name: 'orders',
  classification: 'regulated',
  logging: 'trail',
  trailCopies: 2,
  allowedPrincipals: null,
};

const scoped: BusSpec = {
  name: 'audit',
  classification: 'production',
  logging: 'lake-1y',
  trailCopies: 1,
  allowedPrincipals: null,
  loggingScope: {
    exclusions: [
      { field: 'userIdentity.arn', operator: 'startsWith', values: ['arn:aws:sts::1:assumed-role/x'] },
    ],
    insights: false,
    lakeQueryGbPerMonth: 3,
    window: null,
  },
};

/** A report BusResult with 12 attempts (10 answered 200), 95 entries succeeded, 5 failed, 120 chunks. */
function measured(name: string): BusResult {
  return toBusResult(name, {
    ...emptyMergedBus(),
    counters: {
      ...emptyCounters(),
      calls: 11,
      attempts: 12,
      attemptsSucceeded: 10,
      entriesSucceeded: 95,
      entriesFailed: 5,
      billableChunks: 120,
    },
  });
}

const COUNTS = {
  requestsSucceeded: 10,
  requestsFailed: 2,
  entriesSucceeded: 95,
  entriesFailed: 5,
  billableChunks: 120,
};

describe('counts', () => {
  it('every attempt not answered 200 is a failed request; nothing counted yet is all 0', () => {
    expect(
      countsOf({
        attempts: 12,
        attemptsSucceeded: 10,
        entriesSucceeded: 95,
        entriesFailed: 5,
        billableChunks: 120,
      }),
    ).toEqual(COUNTS);
    expect(countsOf(undefined)).toEqual({
      requestsSucceeded: 0,
      requestsFailed: 0,
      entriesSucceeded: 0,
      entriesFailed: 0,
      billableChunks: 0,
    });
  });

  it("a report's BusResult: requests.succeeded of requests.attempts, entries and chunks as counted", () => {
    expect(busUsageOf(measured('orders'), orders, 'us-east-1').counts).toEqual(COUNTS);
  });
});

describe('declaredBusUsage', () => {
  it('takes classification, logging and copies from the spec and adds the ARN; no scope for the string form', () => {
    expect(declaredBusUsage(orders, 'us-east-1', COUNTS)).toEqual({
      name: 'orders',
      classification: 'regulated',
      loggingMode: 'trail',
      trailCopies: 2,
      counts: COUNTS,
      busArn: 'arn:aws:events:us-east-1:111122223333:event-bus/orders',
    });
  });

  it('carries the selector scope of the object form', () => {
    expect(declaredBusUsage(scoped, 'eu-west-1', COUNTS).scope).toBe(scoped.loggingScope);
  });
});

describe('busUsageOf', () => {
  it('a report bus with what its trail wrote, in the order report.json records it', () => {
    const usage = busUsageOf(measured('orders'), orders, 'us-east-1', {
      records: 12,
      recordBytes: 24_000,
      gzipRatio: 0.12,
    });
    expect(JSON.stringify(usage)).toBe(
      '{"name":"orders","classification":"regulated","loggingMode":"trail","trailCopies":2,' +
        '"counts":{"requestsSucceeded":10,"requestsFailed":2,"entriesSucceeded":95,"entriesFailed":5,"billableChunks":120},' +
        '"busArn":"arn:aws:events:us-east-1:111122223333:event-bus/orders",' +
        '"measuredTrail":{"records":12,"recordBytes":24000,"gzipRatio":0.12}}',
    );
    expect(busUsageOf(measured('orders'), orders, 'us-east-1', null)).not.toHaveProperty('measuredTrail');
  });
});

describe('the measured trail of a reconciliation row', () => {
  /** The measured trail usageOfBusResults gives the orders bus for `row`. */
  const measuredTrailOf = (row: TrailRow | undefined, gzip: TrailGzipSource) =>
    usageOfBusResults([measured('orders')], () => orders, 'us-east-1', row ? [row] : null, gzip)[0]!
      .measuredTrail ?? null;
  const row = { bus: 'orders', trailRecords: 12, trailBytes: 24_000, trailGzipRatio: 0.12 };

  it("keeps the row's gzip ratio when recorded, leaves it to the model's default when assumed", () => {
    expect(measuredTrailOf(row, 'recorded')).toEqual({ records: 12, recordBytes: 24_000, gzipRatio: 0.12 });
    expect(measuredTrailOf(row, 'assumed')).toEqual({ records: 12, recordBytes: 24_000, gzipRatio: null });
    expect(measuredTrailOf({ bus: 'orders', trailRecords: 12, trailBytes: 24_000 }, 'recorded')).toEqual({
      records: 12,
      recordBytes: 24_000,
      gzipRatio: null,
    });
  });

  it('null without a row, without records (logging off) or without bytes', () => {
    expect(measuredTrailOf(undefined, 'recorded')).toBeNull();
    expect(measuredTrailOf({ ...row, trailRecords: null, trailBytes: null }, 'recorded')).toBeNull();
    expect(measuredTrailOf({ ...row, trailRecords: 0 }, 'recorded')).toBeNull();
    expect(measuredTrailOf({ ...row, trailBytes: 0 }, 'recorded')).toBeNull();
  });
});

describe('usageOfBusResults', () => {
  it('pairs each bus with its spec and its trail row; a bus without a row has no measured trail', () => {
    const specs = [orders, { ...scoped, name: 'telemetry' }];
    const usage = usageOfBusResults(
      [measured('orders'), measured('telemetry')],
      (name) => specs.find((spec) => spec.name === name)!,
      'us-east-1',
      [{ bus: 'orders', trailRecords: 12, trailBytes: 24_000, trailGzipRatio: 0.12 }],
      'recorded',
    );
    expect(usage.map((bus) => [bus.name, bus.loggingMode, bus.measuredTrail ?? null])).toEqual([
      ['orders', 'trail', { records: 12, recordBytes: 24_000, gzipRatio: 0.12 }],
      ['telemetry', 'lake-1y', null],
    ]);
  });

  it('lets the spec lookup refuse a bus the report does not declare', () => {
    expect(() =>
      usageOfBusResults(
        [measured('ghost')],
        (name) => {
          throw new Error(`no entry for bus "${name}"`);
        },
        'us-east-1',
        null,
        'assumed',
      ),
    ).toThrow('no entry for bus "ghost"');
  });
});

describe('withLoggingModes', () => {
  it("replaces the named buses' modes and leaves the input and the other buses as they were", () => {
    const usage = [
      declaredBusUsage(orders, 'us-east-1', COUNTS),
      declaredBusUsage(scoped, 'us-east-1', COUNTS),
    ];
    const priced = withLoggingModes(usage, new Map([['audit', 'off' as const]]));
    expect(priced.map((bus) => bus.loggingMode)).toEqual(['trail', 'off']);
    expect(usage[1]!.loggingMode).toBe('lake-1y');
  });
});
