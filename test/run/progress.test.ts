/**
 * The progress display's text (pure formatters, exact strings): the figures are labelled, the clock reads
 * elapsed/planned with the ETA.
 */
import { describe, expect, it } from 'vitest';
import {
  emptyTotals,
  formatClockSeconds,
  formatPlainProgressLine,
  formatProgressClock,
  formatProgressFigures,
  formatProgressTotals,
  ProgressAccumulator,
  type ProgressState,
  type ProgressTotals,
} from '../../src/run/progress.js';

function totals(overrides: Partial<ProgressTotals> = {}): ProgressTotals {
  return { ...emptyTotals(), ...overrides };
}

describe('progress text', () => {
  it('labels every figure: sent of planned entries/s, calls/s, dropped, errors, p99, throttled, failed', () => {
    const figures = formatProgressFigures({
      windowMs: 2000,
      window: {
        ...totals({ entriesPlanned: 2262, entriesSucceeded: 2200, entriesFailed: 62, calls: 754 }),
        p99Ms: 45.24,
      },
      // 12 attempts answered neither 200 nor a throttle: errors.
      total: totals({
        attempts: 1000,
        attemptsSucceeded: 980,
        attemptsThrottled: 8,
        entriesDropped: 3,
        entriesFailed: 62,
      }),
      plannedEntriesPerSec: 999,
      projectedMonthlyUsd: '17,274',
    });
    expect(figures).toBe(
      'sent 1,131 of 1,131 planned entries/s | 377 calls/s | dropped 3 | errors 12 | p99 45.2 ms | throttled 8 | failed entries 62 | ~$17,274/month',
    );
  });

  it('takes the planned rate from the shape when the window planned nothing, and says p99 - without answers', () => {
    expect(
      formatProgressFigures({
        windowMs: 1000,
        window: { ...totals(), p99Ms: null },
        total: totals(),
        plannedEntriesPerSec: 570,
      }),
    ).toBe(
      'sent 0 of 570 planned entries/s | 0 calls/s | dropped 0 | errors 0 | p99 - | throttled 0 | failed entries 0',
    );
  });

  it('shows the totals once the replay is over', () => {
    expect(
      formatProgressTotals(
        totals({
          entriesPlanned: 16_950,
          entriesSucceeded: 16_950,
          calls: 2190,
          attempts: 2190,
          attemptsSucceeded: 2190,
        }),
        '1,538',
      ),
    ).toBe(
      'sent 16,950 of 16,950 planned entries | 2,190 calls | dropped 0 | errors 0 | throttled 0 | failed entries 0 | ~$1,538/month',
    );
  });

  it('formats clocks in whole seconds, minutes and hours', () => {
    expect([0, 999, 42_500, 185_000, 3_720_000].map(formatClockSeconds)).toEqual([
      '0s',
      '0s',
      '42s',
      '3m05s',
      '1h02m',
    ]);
  });

  const state = (overrides: Partial<ProgressState>): ProgressState => ({
    phase: 'running',
    elapsedMs: 12_000,
    totalMs: 30_000,
    phaseMs: 12_000,
    figures: null,
    ...overrides,
  });

  it('gives elapsed/planned and the ETA while running, the phase time around it', () => {
    expect(formatProgressClock(state({}))).toBe('12s/30s, ETA 18s');
    expect(formatProgressClock(state({ elapsedMs: 12_400 }))).toBe('12s/30s, ETA 18s');
    expect(formatProgressClock(state({ elapsedMs: -1500 }))).toBe('starts in 2s');
    expect(formatProgressClock(state({ phase: 'draining', elapsedMs: 31_200, phaseMs: 1200 }))).toBe(
      '30s/30s, draining 1s',
    );
    expect(formatProgressClock(state({ phase: 'starting workers', elapsedMs: null, phaseMs: 2500 }))).toBe(
      '2s',
    );
    expect(formatProgressClock(state({ phase: 'writing reports', elapsedMs: 31_000 }))).toBe('30s/30s');
  });
});

describe('ProgressAccumulator', () => {
  it('sums deltas per bus and overall, and take() hands over the window and starts a new one', () => {
    const accumulator = new ProgressAccumulator();
    const delta = (calls: number, maxLatencyMs: number) => ({
      ...totals({
        calls,
        attempts: calls,
        attemptsSucceeded: calls,
        entriesSucceeded: calls * 10,
        maxLatencyMs,
      }),
      latencyHistogram: '',
    });
    accumulator.add({ kind: 'progress', workerIndex: 0, atEpochMs: 0, buses: { orders: delta(3, 12) } });
    accumulator.add({
      kind: 'progress',
      workerIndex: 1,
      atEpochMs: 0,
      buses: { orders: delta(2, 30), telemetry: delta(5, 4) },
    });
    expect(accumulator.byBus.get('orders')).toEqual(
      totals({ calls: 5, attempts: 5, attemptsSucceeded: 5, entriesSucceeded: 50, maxLatencyMs: 30 }),
    );
    expect(accumulator.total).toEqual(
      totals({ calls: 10, attempts: 10, attemptsSucceeded: 10, entriesSucceeded: 100, maxLatencyMs: 30 }),
    );
    expect(accumulator.take()).toEqual({
      ...totals({ calls: 10, attempts: 10, attemptsSucceeded: 10, entriesSucceeded: 100, maxLatencyMs: 30 }),
      p99Ms: null,
    });
    expect(accumulator.take()).toEqual({ ...totals(), p99Ms: null });
    expect(accumulator.total.calls).toBe(10);
  });
});

describe('formatPlainProgressLine', () => {
  it('says the phase, the clock, the share done and the figures', () => {
    const running: ProgressState = {
      phase: 'running',
      elapsedMs: 12_000,
      totalMs: 30_000,
      phaseMs: 12_000,
      figures: 'sent 1 of 1 planned entries/s',
    };
    expect(formatPlainProgressLine(running)).toBe(
      'busload: running 12s/30s, ETA 18s (40%) | sent 1 of 1 planned entries/s',
    );
  });
});
