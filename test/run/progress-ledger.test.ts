/**
 * The stand-in results of given-up workers are a snapshot: progress that arrives afterwards (the workers
 * still finish their calls) must not change them, or a report would count an entry both dropped and
 * succeeded (planned < succeeded + failed + dropped).
 */
import { describe, expect, it } from 'vitest';
import { ProgressLedger } from '../../src/run/stop-deadline.js';
import type { ProgressDelta, WorkerProgress } from '../../src/workers/protocol.js';

function delta(fields: Partial<ProgressDelta>): ProgressDelta {
  return {
    entriesPlanned: 0,
    calls: 0,
    attempts: 0,
    attemptsSucceeded: 0,
    billableChunks: 0,
    entriesSucceeded: 0,
    entriesFailed: 0,
    entriesDropped: 0,
    attemptsThrottled: 0,
    maxLatencyMs: 0,
    latencyHistogram: '',
    ...fields,
  };
}

const progress = (fields: Partial<ProgressDelta>): WorkerProgress => ({
  kind: 'progress',
  workerIndex: 0,
  atEpochMs: 0,
  buses: { orders: delta(fields) },
});

describe('ProgressLedger.resultsOf', () => {
  it('counts in-flight entries as dropped and is not changed by later progress', () => {
    const ledger = new ProgressLedger();
    ledger.add(progress({ entriesPlanned: 30, entriesSucceeded: 10, calls: 3 }));
    const [result] = ledger.resultsOf(1, 0, 1);
    const counters = result!.buses[0]!.counters;
    expect(counters).toMatchObject({ entriesPlanned: 30, entriesSucceeded: 10, entriesDropped: 20 });
    // the two calls in flight answer after the worker was given up
    ledger.add(progress({ entriesSucceeded: 20 }));
    expect(counters).toMatchObject({ entriesPlanned: 30, entriesSucceeded: 10, entriesDropped: 20 });
    expect(counters.entriesPlanned).toBe(
      counters.entriesSucceeded + counters.entriesFailed + counters.entriesDropped,
    );
  });
});
