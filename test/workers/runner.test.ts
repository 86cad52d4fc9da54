/**
 * The runner's accounting on virtual time: a discrete-event clock and a scripted fake Sender, so every
 * count is exact and nothing depends on the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import type { BusCounters } from '../../src/metrics/counters.js';
import type { ProducerSpec } from '../../src/scenario/types.js';
import { ProducerRunner, type RunnerOptions } from '../../src/workers/runner.js';
import type { AttemptOutcome, OutgoingEntry, SendOutcome } from '../../src/workers/sender-contract.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

type Script = (
  call: number,
  entries: OutgoingEntry[],
) => { latencyMs: number; outcome: SendOutcome; attempts?: AttemptOutcome[] };

const ok = (entries: OutgoingEntry[]): SendOutcome => ({
  kind: 'response',
  entryErrors: entries.map(() => null),
  attempts: 1,
  retryDelayMs: 0,
});

function setUp(producer: ProducerSpec, script: Script, overrides: Partial<RunnerOptions> = {}) {
  const clock = new VirtualClock();
  const sent: OutgoingEntry[][] = [];
  let calls = 0;
  const runner = new ProducerRunner({
    scenario: makeScenario([producer], 1000),
    slice: { index: 0, count: 1 },
    seed: 1,
    durationMs: 1000,
    maxLagMs: 1000,
    maxInFlight: 64,
    clock,
    createSender: (_producer, onAttempt) => ({
      send: (entries, signal) =>
        new Promise((resolve) => {
          sent.push(entries);
          const { latencyMs, outcome, attempts } = script(calls++, entries);
          const finish = (): void => {
            for (const attempt of attempts ?? ['succeeded']) onAttempt(attempt);
            resolve(outcome);
          };
          if (Number.isFinite(latencyMs)) clock.at(clock.now + latencyMs, finish);
          signal.addEventListener('abort', () =>
            resolve({ kind: 'error', name: 'AbortError', attempts: 1, retryDelayMs: 0 }),
          );
        }),
      destroy: () => {},
    }),
    ...overrides,
  });
  return { clock, runner, sent };
}

const invariant = (c: BusCounters): void => {
  expect(c.entriesPlanned, 'planned = succeeded + failed + dropped').toBe(
    c.entriesSucceeded + c.entriesFailed + c.entriesDropped,
  );
};

// 20/s for 1 s, batches of 5: 20 entries in 4 batches at 200, 450, 700, 950 ms
const producer = makeProducer({
  shape: { kind: 'constant', ratePerSec: 20 },
  batching: { kind: 'fixed', entriesPerRequest: 5 },
  entryBytes: { dist: 'fixed', bytes: 70_000 },
});

describe('ProducerRunner', () => {
  it('sends every batch on time and counts successes exactly', async () => {
    const { clock, runner, sent } = setUp(producer, (_call, entries) => ({
      latencyMs: 10,
      outcome: ok(entries),
    }));
    const outcome = await clock.drive(runner.run());
    const orders = outcome.buses.get('orders')!;
    expect(orders.counters).toMatchObject({
      calls: 4,
      attempts: 4,
      attemptsSucceeded: 4,
      entriesPlanned: 20,
      entriesSucceeded: 20,
      entriesFailed: 0,
      entriesDropped: 0,
      entryBytes: 1_400_000,
      billableChunks: 40, // 70,000 B = 2 chunks of 65,536 B
      batchesLate: 0,
      batchesDropped: 0,
      errors: {},
    });
    expect(orders.latency.totalCount).toBe(4);
    // 10 ms = 10,000 us; HdrHistogram's bucket at 3 digits is 8 us wide there
    expect(orders.latency.getValueAtPercentile(100) - 10_000).toBeLessThan(8);
    expect(orders.latency.getValueAtPercentile(0)).toBeGreaterThanOrEqual(10_000);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.maxLagMs).toBe(0);
    expect(sent[0]!.map((entry) => entry.EventBusName)).toEqual(Array(5).fill('orders'));
    expect(sent[0]![0]!.Source).toBe('com.shop.checkout');
  });

  it('resends entries that failed with ThrottlingException, then counts them succeeded', async () => {
    const { clock, runner } = setUp(producer, (call, entries) => ({
      latencyMs: 10,
      outcome:
        call === 0
          ? {
              kind: 'response',
              entryErrors: [null, 'ThrottlingException', null, 'InternalFailure', null],
              attempts: 1,
              retryDelayMs: 0,
            }
          : ok(entries),
    }));
    const { buses } = await clock.drive(runner.run());
    const c = buses.get('orders')!.counters;
    expect(c).toMatchObject({
      calls: 5,
      entriesPlanned: 20,
      entriesSucceeded: 20,
      entriesFailed: 0,
      entriesResent: 2,
      errors: { ThrottlingException: 1, InternalFailure: 1 },
    });
    // first batch: sent at 200, answered at 210, resent after 50 ms at 260, answered at 270
    expect(buses.get('orders')!.latency.getValueAtPercentile(100) - 70_000).toBeLessThan(64);
    expect(buses.get('orders')!.latency.getValueAtPercentile(100)).toBeGreaterThanOrEqual(70_000);
    expect(buses.get('orders')!.serviceLatency.totalCount).toBe(5);
    invariant(c);
  });

  it('gives up after resendFailedEntries and never resends non-retryable codes', async () => {
    const { clock, runner } = setUp(
      { ...producer, retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 2 } },
      (_call, entries) => ({
        latencyMs: 5,
        outcome: {
          kind: 'response',
          entryErrors: entries.map((_e, i) =>
            entries.length === 5 && i === 0 ? 'MalformedDetail' : 'InternalFailure',
          ),
          attempts: 1,
          retryDelayMs: 0,
        },
      }),
    );
    const { buses } = await clock.drive(runner.run());
    const c = buses.get('orders')!.counters;
    // per batch: call 1 (5 entries), 2 resends of the 4 InternalFailure ones, then all of them fail
    expect(c).toMatchObject({
      calls: 12,
      entriesPlanned: 20,
      entriesSucceeded: 0,
      entriesFailed: 20,
      entriesResent: 32,
      errors: { MalformedDetail: 4, InternalFailure: 48 },
    });
    invariant(c);
  });

  it('counts a whole-request error as a failed call with all its entries failed', async () => {
    const { clock, runner } = setUp(producer, (call, entries) => ({
      latencyMs: 5,
      attempts: call === 1 ? ['throttled', 'throttled', 'throttled'] : ['succeeded'],
      outcome:
        call === 1
          ? { kind: 'error', name: 'ThrottlingException', attempts: 3, retryDelayMs: 1500 }
          : ok(entries),
    }));
    const { buses } = await clock.drive(runner.run());
    const c = buses.get('orders')!.counters;
    expect(c).toMatchObject({
      calls: 4,
      attempts: 6,
      attemptsSucceeded: 3,
      attemptsThrottled: 3,
      callsFailed: 1,
      retryDelayMs: 1500,
      entriesSucceeded: 15,
      entriesFailed: 5,
      errors: { ThrottlingException: 1 },
    });
    invariant(c);
  });

  it('under overload: waits at maxInFlight, counts late batches and drops past maxLagMs', async () => {
    // one entry every 10 ms, one call at a time, each takes 25 ms: the schedule falls behind
    const busy = makeProducer({
      shape: { kind: 'constant', ratePerSec: 100 },
      batching: { kind: 'fixed', entriesPerRequest: 1 },
    });
    const { clock, runner } = setUp(busy, (_call, entries) => ({ latencyMs: 25, outcome: ok(entries) }), {
      maxInFlight: 1,
      maxLagMs: 30,
    });
    const outcome = await clock.drive(runner.run());
    const c = outcome.buses.get('orders')!.counters;
    expect(c.entriesPlanned).toBe(100);
    expect(c.batchesDropped).toBeGreaterThan(0);
    expect(c.batchesLate).toBeGreaterThan(0);
    expect(c.entriesDropped).toBe(c.batchesDropped);
    expect(c.calls).toBe(c.entriesSucceeded);
    // one call every 25 ms over ~1 s
    expect(c.calls).toBeGreaterThanOrEqual(38);
    expect(c.calls).toBeLessThanOrEqual(41);
    expect(outcome.maxLagMs).toBeGreaterThan(30);
    invariant(c);
  });

  it('on stop: no new batches, in-flight calls finish, due batches are dropped', async () => {
    const { clock, runner } = setUp(producer, (_call, entries) => ({ latencyMs: 100, outcome: ok(entries) }));
    clock.at(460, () => runner.stop());
    const outcome = await clock.drive(runner.run());
    const c = outcome.buses.get('orders')!.counters;
    expect(outcome.interrupted).toBe(true);
    // batches at 200 and 450 were sent (answered at 300 and 550); 700 and 950 were never due
    expect(c).toMatchObject({ calls: 2, entriesPlanned: 10, entriesSucceeded: 10, entriesDropped: 0 });
    invariant(c);
  });

  it('on stop: calls still in flight after drainTimeoutMs are aborted and count as dropped, not failed', async () => {
    const { clock, runner } = setUp(
      producer,
      (call, entries) => ({ latencyMs: call === 0 ? 10 : Number.POSITIVE_INFINITY, outcome: ok(entries) }),
      { drainTimeoutMs: 20 },
    );
    clock.at(500, () => runner.stop());
    const outcome = await clock.drive(runner.run());
    const c = outcome.buses.get('orders')!.counters;
    expect(c).toMatchObject({
      calls: 2,
      entriesSucceeded: 5,
      entriesFailed: 0,
      entriesDropped: 5,
      callsFailed: 0,
      errors: {},
    });
    invariant(c);
  });

  it('progress deltas add up to the totals', async () => {
    const { clock, runner } = setUp(producer, (_call, entries) => ({ latencyMs: 10, outcome: ok(entries) }));
    const seen: number[] = [];
    for (const atMs of [300, 800]) {
      clock.at(atMs, () => {
        seen.push(runner.takeProgress()['orders']!.entriesSucceeded);
      });
    }
    const { buses } = await clock.drive(runner.run());
    const last = runner.takeProgress()['orders']!;
    expect(seen).toEqual([5, 10]);
    expect(last.entriesSucceeded).toBe(5);
    expect(last.maxLatencyMs).toBe(10);
    expect(seen[0]! + seen[1]! + last.entriesSucceeded).toBe(buses.get('orders')!.counters.entriesSucceeded);
  });
});

describe('ProducerRunner latency from the write', () => {
  // A sender on the virtual clock that prepares for `prepMs`, holds until notBeforeMs (when given), writes
  // (stamping sentMs), and is answered `serviceMs` later.
  function preparingRunner(prepMs: number, serviceMs: number, sendLeadMs: number) {
    const holds: Array<number | undefined> = [];
    const writes: number[] = [];
    const unused = (): never => {
      throw new Error('not called: createSender is replaced');
    };
    const { clock, runner } = setUp(producer, unused, {
      sendLeadMs,
      createSender: (_producer, onAttempt, _abort, nowMs) => ({
        send: (entries, _signal, notBeforeMs) =>
          new Promise((resolve) => {
            holds.push(notBeforeMs);
            const write = (): void => {
              const sentMs = nowMs();
              writes.push(sentMs);
              clock.at(sentMs + serviceMs, () => {
                onAttempt('succeeded');
                resolve({ ...ok(entries), sentMs });
              });
            };
            clock.at(Math.max(clock.now + prepMs, notBeforeMs ?? 0), write);
          }),
        destroy: () => {},
      }),
    });
    return { clock, runner, holds, writes };
  }

  // HdrHistogram values are exact to 3 significant digits (10 ms reads back as 10.007)
  const percentileMs = (histogram: { getValueAtPercentile(p: number): number }, p: number): number =>
    histogram.getValueAtPercentile(p) / 1000;

  it('measures service latency from the write, not from the call into the sender', async () => {
    const { clock, runner, holds, writes } = preparingRunner(4, 10, 0);
    const outcome = await clock.drive(runner.run());
    const orders = outcome.buses.get('orders')!;
    expect(holds).toEqual([undefined, undefined, undefined, undefined]);
    expect(writes).toEqual([204, 454, 704, 954]);
    // service: write -> answer = 10 ms; latency from the intended time includes the 4 ms of preparation
    expect(percentileMs(orders.serviceLatency, 100)).toBeCloseTo(10, 1);
    expect(percentileMs(orders.latency, 0)).toBeCloseTo(14, 1);
    expect(percentileMs(orders.latency, 100)).toBeCloseTo(14, 1);
    invariant(orders.counters);
  });

  it('with a send lead, hands batches over early and the sender holds the write until the intended time', async () => {
    const { clock, runner, holds, writes } = preparingRunner(2, 10, 3);
    const outcome = await clock.drive(runner.run());
    const orders = outcome.buses.get('orders')!;
    expect(holds).toEqual([200, 450, 700, 950]);
    expect(writes).toEqual([200, 450, 700, 950]);
    // preparation happened inside the lead: latency from the intended time is the service latency
    expect(percentileMs(orders.latency, 0)).toBeCloseTo(10, 1);
    expect(percentileMs(orders.latency, 100)).toBeCloseTo(10, 1);
    expect(percentileMs(orders.serviceLatency, 100)).toBeCloseTo(10, 1);
    expect(orders.counters).toMatchObject({
      calls: 4,
      entriesPlanned: 20,
      entriesSucceeded: 20,
      batchesLate: 0,
    });
    invariant(orders.counters);
  });

  it('counts a batch whose preparation outlasts the lead from its intended time, never less than its service time', async () => {
    const { clock, runner, writes } = preparingRunner(5, 10, 3);
    const outcome = await clock.drive(runner.run());
    const orders = outcome.buses.get('orders')!;
    // handed over at 197, written at 202 (2 ms after the intended 200): latency 12, service 10
    expect(writes).toEqual([202, 452, 702, 952]);
    expect(percentileMs(orders.latency, 100)).toBeCloseTo(12, 1);
    expect(percentileMs(orders.serviceLatency, 100)).toBeCloseTo(10, 1);
    // handed over on time, but written 2 ms late: late, and the run's lag is taken at the write
    expect(orders.counters.batchesLate).toBe(4);
    expect(outcome.maxLagMs).toBe(2);
    invariant(orders.counters);
  });
});
