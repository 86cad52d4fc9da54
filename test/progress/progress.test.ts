/**
 * The progress display's text (pure formatters, exact strings) and its phase logic (RunProgress with an
 * injected clock and a recording view): the clock starts when the workers are ready, the phases come in order,
 * the figures are labelled.
 */
import { describe, expect, it } from 'vitest';
import { formatTtyProgressLine, type ProgressView, RunProgress } from '../../src/cli/progress-view.js';
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

  it('draws a bar of the replay time on a terminal, and plain lines otherwise', () => {
    expect(formatTtyProgressLine(state({ figures: 'sent 1 of 1 planned entries/s' }))).toBe(
      'running          ████████░░░░░░░░░░░░  40% 12s/30s, ETA 18s | sent 1 of 1 planned entries/s',
    );
    expect(formatTtyProgressLine(state({ phase: 'starting workers', elapsedMs: null, phaseMs: 1000 }))).toBe(
      'starting workers ░░░░░░░░░░░░░░░░░░░░   0% 1s',
    );
    expect(formatPlainProgressLine(state({ figures: 'sent 1 of 1 planned entries/s' }))).toBe(
      'busload: running 12s/30s, ETA 18s (40%) | sent 1 of 1 planned entries/s',
    );
    expect(formatPlainProgressLine(state({ phase: 'planning', elapsedMs: null, phaseMs: 0 }))).toBe(
      'busload: planning 0s',
    );
  });
});

describe('RunProgress', () => {
  /** A view that records every state it is shown, and its stops. */
  function recorder(): ProgressView & { shown: ProgressState[]; stops: number } {
    const view = {
      shown: [] as ProgressState[],
      stops: 0,
      show(shownState: ProgressState) {
        view.shown.push(shownState);
      },
      stop() {
        view.stops += 1;
      },
    };
    return view;
  }

  it('starts the clock when the workers are ready, then drains and writes reports, in order', () => {
    let nowMs = 1_000_000;
    const view = recorder();
    const accumulator = new ProgressAccumulator();
    // intervalMs 0: no timer; the test ticks by hand.
    const progress = new RunProgress(view, accumulator, 0, () => nowMs);
    progress.schedule(4000, 0, () => ({ plannedEntriesPerSec: 100, projectedMonthlyUsd: null }));
    nowMs += 3000; // three seconds of starting workers: not on the replay clock
    progress.enter('starting workers');
    progress.tick();
    nowMs += 2000;
    progress.enter('running', nowMs + 250);
    nowMs += 1250; // 1 s into the schedule
    accumulator.add({
      kind: 'progress',
      workerIndex: 0,
      atEpochMs: nowMs,
      buses: {
        orders: {
          ...totals({
            entriesPlanned: 100,
            entriesSucceeded: 100,
            calls: 10,
            attempts: 10,
            attemptsSucceeded: 10,
          }),
          latencyHistogram: '',
        },
      },
    });
    progress.tick();
    nowMs += 3500; // past the schedule's end: draining
    progress.tick();
    progress.enter('writing reports');
    progress.stop();

    expect(view.shown.map((shown) => shown.phase)).toEqual([
      'planning',
      'starting workers',
      'starting workers',
      'running',
      'running',
      'draining',
      'writing reports',
    ]);
    expect(view.shown[2]!.elapsedMs).toBeNull();
    expect(view.shown[3]!.elapsedMs).toBe(-250);
    expect(view.shown[4]!.elapsedMs).toBe(1000);
    expect(formatProgressClock(view.shown[4]!)).toBe('1s/4s, ETA 3s');
    expect(view.shown[4]!.figures).toBe(
      'sent 100 of 100 planned entries/s | 10 calls/s | dropped 0 | errors 0 | p99 - | throttled 0 | failed entries 0',
    );
    expect(view.shown[5]!.phaseMs).toBe(500);
    expect(view.shown[6]!.figures).toBe(
      'sent 100 of 100 planned entries | 10 calls | dropped 0 | errors 0 | throttled 0 | failed entries 0',
    );
    expect(view.stops).toBe(1);
  });

  it('does not start running after a stop came while the workers were starting', () => {
    const view = recorder();
    const progress = new RunProgress(view, new ProgressAccumulator(), 0, () => 0);
    progress.enter('starting workers');
    progress.enter('draining');
    progress.enter('running', 100);
    expect(view.shown.map((shown) => shown.phase)).toEqual(['planning', 'starting workers', 'draining']);
  });
});
