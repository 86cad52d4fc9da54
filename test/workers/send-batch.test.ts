/**
 * One batch on the wire, on virtual time with a scripted Sender: the entries it builds, when each call and
 * resend goes out, what every outcome adds to the counters, and that the runner's slot is always released.
 */
import { describe, expect, it } from 'vitest';
import type { ProducerSpec } from '../../src/scenario/types.js';
import type { PlannedBatch } from '../../src/schedule/plan.js';
import { WorkerBuses } from '../../src/workers/bus-state.js';
import {
  type BatchContext,
  type ProducerRuntime,
  RESENDABLE_ENTRY_ERRORS,
  sendBatch,
} from '../../src/workers/send-batch.js';
import type { OutgoingEntry, SendOutcome } from '../../src/workers/sender-contract.js';
import { makeProducer } from '../helpers/scenario-builder.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** What the scripted sender saw of one call. */
interface SeenCall {
  atMs: number;
  entries: OutgoingEntry[];
  notBeforeMs: number | undefined;
}

/** Answers call n (0-based) after `latencyMs` with `outcome`, or throws `throws`. */
type Script = (
  call: number,
  entries: OutgoingEntry[],
) => { latencyMs?: number; outcome?: SendOutcome; throws?: unknown };

const accepted = (entries: OutgoingEntry[]): SendOutcome => ({
  kind: 'response',
  entryErrors: entries.map(() => null),
  attempts: 1,
  retryDelayMs: 0,
});

function setUp(producer: ProducerSpec, script: Script, resendBaseDelayMs = 50) {
  const clock = new VirtualClock();
  const buses = new WorkerBuses(1_000, 10_000);
  const stop = new AbortController();
  const abort = new AbortController();
  const calls: SeenCall[] = [];
  let released = 0;
  const writeLags: number[] = [];
  const runtime: ProducerRuntime = {
    producer,
    bus: buses.bus(producer.bus),
    sender: {
      send: (entries, signal, notBeforeMs) => {
        calls.push({ atMs: clock.now, entries, notBeforeMs });
        const { latencyMs = 0, outcome, throws } = script(calls.length - 1, entries);
        if (throws !== undefined) return Promise.reject(throws);
        return new Promise((resolve) => {
          if (Number.isFinite(latencyMs)) clock.at(clock.now + latencyMs, () => resolve(outcome!));
          signal.addEventListener('abort', () =>
            resolve({ kind: 'error', name: 'AbortError', attempts: 1, retryDelayMs: 0 }),
          );
        });
      },
      destroy: () => {},
    },
  };
  const context: BatchContext = {
    clock,
    buses,
    abortSignal: abort.signal,
    stopSignal: stop.signal,
    resendBaseDelayMs,
    releaseSlot: () => {
      released += 1;
    },
    noteWriteLag: (lagMs) => {
      writeLags.push(lagMs);
    },
  };
  return { clock, buses, runtime, context, calls, stop, abort, released: () => released, writeLags };
}

/** A batch of `count` entries of `bytes` each, intended at `intendedSendMs`. */
function batch(count: number, bytes: number, intendedSendMs = 0): PlannedBatch {
  return {
    intendedSendMs,
    entries: Array.from({ length: count }, (_, seq) => ({
      arrivalMs: intendedSendMs,
      bytes,
      detailTypeIndex: seq % 2,
      seq,
    })),
    bytes: count * bytes,
    producerIndex: 0,
    instance: 0,
    stream: 0,
    batchIndex: 0,
  };
}

const producer = makeProducer({ retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 2 } });

describe('sendBatch', () => {
  it('builds each entry at its planned size for its bus, sends once and counts it succeeded', async () => {
    const { clock, runtime, context, calls, released } = setUp(producer, (_call, entries) => ({
      latencyMs: 12,
      outcome: accepted(entries),
    }));
    clock.now = 100;
    await clock.drive(sendBatch(context, runtime, batch(3, 70_000, 100), false));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.atMs).toBe(100);
    expect(calls[0]!.notBeforeMs).toBeUndefined();
    expect(calls[0]!.entries.map((entry) => [entry.Source, entry.DetailType, entry.EventBusName])).toEqual([
      ['com.shop.checkout', 'OrderPlaced', 'orders'],
      ['com.shop.checkout', 'OrderCancelled', 'orders'],
      ['com.shop.checkout', 'OrderPlaced', 'orders'],
    ]);
    for (const entry of calls[0]!.entries) {
      const size = ['Source', 'DetailType', 'Detail'] as const;
      expect(size.reduce((sum, field) => sum + Buffer.byteLength(entry[field], 'utf8'), 0)).toBe(70_000);
    }
    expect(runtime.bus.counters).toMatchObject({
      calls: 1,
      attempts: 1,
      entriesSucceeded: 3,
      entriesFailed: 0,
      entryBytes: 210_000,
      billableChunks: 6, // 70,000 B is 2 chunks of 64 KB
      callsFailed: 0,
      errors: {},
    });
    expect(runtime.bus.latency.totalCount).toBe(1);
    expect(Math.round(runtime.bus.latency.getValueAtPercentile(100) / 1000)).toBe(12);
    expect(released()).toBe(1);
  });

  it('resends only retryable entry failures, after 50, 100 ms, then gives up after resendFailedEntries', async () => {
    expect([...RESENDABLE_ENTRY_ERRORS]).toEqual(['ThrottlingException', 'InternalFailure']);
    const { clock, runtime, context, calls, released } = setUp(producer, (call) => ({
      latencyMs: 5,
      outcome: {
        kind: 'response',
        // the first entry is throttled every time, the second accepted, the third invalid (not resendable)
        entryErrors:
          call === 0 ? ['ThrottlingException', null, 'ValidationException'] : ['ThrottlingException'],
        attempts: 1,
        retryDelayMs: 0,
      },
    }));
    await clock.drive(sendBatch(context, runtime, batch(3, 256), false));
    // call at 0, answered at 5, resend after 50 ms at 55, answered at 60, resend after 100 ms at 160
    expect(calls.map((call) => call.atMs)).toEqual([0, 55, 160]);
    expect(calls.map((call) => call.entries.length)).toEqual([3, 1, 1]);
    expect(runtime.bus.counters).toMatchObject({
      calls: 3,
      attempts: 3,
      entriesSucceeded: 1,
      entriesFailed: 2,
      entriesResent: 2,
      errors: { ThrottlingException: 3, ValidationException: 1 },
    });
    expect(released()).toBe(1);
  });

  it('caps the resend delay at 1 s', async () => {
    const throttledProducer = makeProducer({
      retry: { mode: 'standard', maxAttempts: 1, resendFailedEntries: 4 },
    });
    const { clock, runtime, context, calls } = setUp(
      throttledProducer,
      (_call, entries) => ({
        outcome: {
          kind: 'response',
          entryErrors: entries.map(() => 'InternalFailure'),
          attempts: 1,
          retryDelayMs: 0,
        },
      }),
      300,
    );
    await clock.drive(sendBatch(context, runtime, batch(1, 256), false));
    // delays 300, 600, then 1,200 and 2,400 capped at 1,000
    expect(calls.map((call) => call.atMs)).toEqual([0, 300, 900, 1_900, 2_900]);
    expect(runtime.bus.counters).toMatchObject({ calls: 5, entriesFailed: 1, entriesResent: 4 });
    expect(runtime.bus.counters.errors).toEqual({ InternalFailure: 5 });
  });

  it('counts result entries missing from a short response as failed', async () => {
    const { clock, runtime, context } = setUp(producer, () => ({
      outcome: { kind: 'response', entryErrors: [null], attempts: 2, retryDelayMs: 40 },
    }));
    await clock.drive(sendBatch(context, runtime, batch(3, 256), false));
    expect(runtime.bus.counters).toMatchObject({
      calls: 1,
      attempts: 2,
      retryDelayMs: 40,
      entriesSucceeded: 1,
      entriesFailed: 2,
      errors: { MissingResultEntry: 2 },
    });
  });

  it('counts a whole-request error, returned or thrown, as a failed call with all its entries failed', async () => {
    const returned = setUp(producer, () => ({
      outcome: { kind: 'error', name: 'InternalException', attempts: 3, retryDelayMs: 120 },
    }));
    await returned.clock.drive(sendBatch(returned.context, returned.runtime, batch(4, 256), false));
    expect(returned.runtime.bus.counters).toMatchObject({
      calls: 1,
      attempts: 3,
      retryDelayMs: 120,
      callsFailed: 1,
      entriesFailed: 4,
      errors: { InternalException: 1 },
    });
    const thrown = setUp(producer, () => ({
      throws: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    }));
    await thrown.clock.drive(sendBatch(thrown.context, thrown.runtime, batch(2, 256), false));
    expect(thrown.runtime.bus.counters).toMatchObject({
      calls: 1,
      attempts: 1,
      callsFailed: 1,
      entriesFailed: 2,
    });
    expect(thrown.runtime.bus.counters.errors).toEqual({ ECONNREFUSED: 1 });
    expect(thrown.released()).toBe(1);
  });

  it('holds only the first call until the intended time; resends go out at once', async () => {
    const { clock, runtime, context, calls } = setUp(producer, (call, entries) => ({
      outcome:
        call === 0
          ? {
              kind: 'response',
              entryErrors: entries.map(() => 'ThrottlingException'),
              attempts: 1,
              retryDelayMs: 0,
            }
          : accepted(entries),
    }));
    clock.now = 197;
    await clock.drive(sendBatch(context, runtime, batch(2, 256, 200), true));
    expect(calls.map((call) => call.notBeforeMs)).toEqual([200, undefined]);
    expect(runtime.bus.counters).toMatchObject({ calls: 2, entriesSucceeded: 2, entriesResent: 2 });
  });

  it('measures service latency from the write the sender reports, and the batch from its intended time', async () => {
    const { clock, runtime, context } = setUp(producer, (_call, entries) => ({
      latencyMs: 9,
      outcome: { ...accepted(entries), sentMs: 203 },
    }));
    clock.now = 201;
    await clock.drive(sendBatch(context, runtime, batch(1, 256, 200), false));
    // answered at 210: service 210 - 203 = 7 ms, latency 210 - 200 = 10 ms
    expect(Math.round(runtime.bus.serviceLatency.getValueAtPercentile(100) / 1000)).toBe(7);
    expect(Math.round(runtime.bus.latency.getValueAtPercentile(100) / 1000)).toBe(10);
  });

  it('ends both latencies when the response arrived, if the sender says so, not when send() resolved', async () => {
    const { clock, runtime, context, buses } = setUp(producer, (_call, entries) => ({
      latencyMs: 9,
      outcome: { ...accepted(entries), sentMs: 203, respondedMs: 207 },
    }));
    clock.now = 201;
    await clock.drive(sendBatch(context, runtime, batch(1, 256, 200), false));
    // send() resolved at 210, but the response arrived at 207: service 4 ms, latency 7 ms
    const ms = (us: number): number => Math.round(us / 1000);
    expect(ms(runtime.bus.serviceLatency.getValueAtPercentile(100))).toBe(4);
    expect(ms(runtime.bus.latency.getValueAtPercentile(100))).toBe(7);
    expect(buses.takeProgress()[producer.bus]!.maxLatencyMs).toBe(7);
  });

  it('ends a resent batch at the response of its last call', async () => {
    const { clock, runtime, context } = setUp(producer, (call, entries) => ({
      latencyMs: 10,
      outcome:
        call === 0
          ? {
              kind: 'response',
              entryErrors: entries.map(() => 'InternalFailure'),
              attempts: 1,
              retryDelayMs: 0,
              sentMs: 100,
              respondedMs: 104,
            }
          : { ...accepted(entries), sentMs: 160, respondedMs: 166 },
    }));
    clock.now = 100;
    await clock.drive(sendBatch(context, runtime, batch(2, 256, 100), false));
    // first call: answered (parsed) at 110, resend after 50 ms at 160, its response at 166 (parsed at 170)
    const ms = (us: number): number => Math.round(us / 1000);
    expect(ms(runtime.bus.latency.getValueAtPercentile(100))).toBe(66);
    expect(ms(runtime.bus.serviceLatency.getValueAtPercentile(0))).toBe(4);
    expect(ms(runtime.bus.serviceLatency.getValueAtPercentile(100))).toBe(6);
    expect(runtime.bus.counters).toMatchObject({ calls: 2, entriesSucceeded: 2, entriesResent: 2 });
  });

  it('counts a batch late when its first write, not its hand-over, was more than 1 ms after its intended time', async () => {
    const writtenAt = (sentMs: number | undefined) => {
      const run = setUp(producer, (_call, entries) => ({
        latencyMs: 5,
        outcome: { ...accepted(entries), ...(sentMs === undefined ? {} : { sentMs }) },
      }));
      run.clock.now = 190;
      return run;
    };
    const onTime = writtenAt(201);
    await onTime.clock.drive(sendBatch(onTime.context, onTime.runtime, batch(1, 256, 200), true));
    expect(onTime.runtime.bus.counters.batchesLate).toBe(0);
    expect(onTime.writeLags).toEqual([1]);
    const late = writtenAt(203.5);
    await late.clock.drive(sendBatch(late.context, late.runtime, batch(1, 256, 200), true));
    expect(late.runtime.bus.counters.batchesLate).toBe(1);
    expect(late.writeLags).toEqual([3.5]);
    // a sender that cannot tell when it wrote: the time send() was called (190, ahead of 200)
    const unknown = writtenAt(undefined);
    await unknown.clock.drive(sendBatch(unknown.context, unknown.runtime, batch(1, 256, 200), true));
    expect(unknown.runtime.bus.counters.batchesLate).toBe(0);
    expect(unknown.writeLags).toEqual([-10]);
  });

  it("judges a retried call's lag at its first attempt's write, not at the retry's (the wait is the SDK's backoff)", async () => {
    const run = setUp(producer, (_call, entries) => ({
      latencyMs: 5,
      outcome: { ...accepted(entries), attempts: 2, retryDelayMs: 400, firstSentMs: 200.5, sentMs: 600 },
    }));
    run.clock.now = 190;
    await run.clock.drive(sendBatch(run.context, run.runtime, batch(1, 256, 200), true));
    expect(run.runtime.bus.counters.batchesLate).toBe(0);
    expect(run.writeLags).toEqual([0.5]);
    expect(run.runtime.bus.counters.attempts).toBe(2);
  });

  it('after a stop: an aborted call drops its entries, and pending resends end failed without a wait', async () => {
    const aborted = setUp(producer, () => ({ latencyMs: Number.POSITIVE_INFINITY }));
    const sending = sendBatch(aborted.context, aborted.runtime, batch(3, 256), false);
    aborted.clock.at(40, () => {
      aborted.stop.abort();
      aborted.abort.abort();
    });
    await aborted.clock.drive(sending);
    expect(aborted.runtime.bus.counters).toMatchObject({
      calls: 1,
      entriesDropped: 3,
      entriesFailed: 0,
      callsFailed: 0,
    });
    expect(aborted.released()).toBe(1);

    const resending = setUp(producer, (_call, entries) => ({
      latencyMs: 5,
      outcome: {
        kind: 'response',
        entryErrors: entries.map(() => 'ThrottlingException'),
        attempts: 1,
        retryDelayMs: 0,
      },
    }));
    const sent = sendBatch(resending.context, resending.runtime, batch(2, 256), false);
    // the first answer comes at 5; the resend would go at 55; the stop comes at 20
    resending.clock.at(20, () => resending.stop.abort());
    await resending.clock.drive(sent);
    expect(resending.calls).toHaveLength(1);
    expect(resending.clock.now).toBe(20);
    expect(resending.runtime.bus.counters).toMatchObject({ calls: 1, entriesFailed: 2, entriesResent: 0 });
  });

  it('keeps the accounting when an entry cannot be built (a harness bug), and still releases the slot', async () => {
    const { clock, runtime, context, calls, released } = setUp(producer, () => ({}));
    await clock.drive(sendBatch(context, runtime, batch(2, 3), false));
    expect(calls).toHaveLength(0);
    expect(runtime.bus.counters).toMatchObject({
      calls: 0,
      entriesFailed: 2,
      errors: { 'HarnessError:RangeError': 1 },
    });
    expect(released()).toBe(1);
  });
});
