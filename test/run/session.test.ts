/**
 * A run's session: the progress's phase logic (RunProgress with an injected clock and a recording view: the
 * clock starts when the workers are ready, the phases come in order), and RunSession's signals and notes.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  emptyTotals,
  formatProgressClock,
  ProgressAccumulator,
  type ProgressState,
  type ProgressTotals,
} from '../../src/run/progress.js';
import { type ProgressView, RunProgress, RunSession } from '../../src/run/session.js';

function totals(overrides: Partial<ProgressTotals> = {}): ProgressTotals {
  return { ...emptyTotals(), ...overrides };
}

/** A view that records the phases it is shown and its stops, as text. */
function phaseLog(): ProgressView & { log: string[] } {
  const view = {
    log: [] as string[],
    show(shown: ProgressState) {
      view.log.push(shown.phase);
    },
    stop(options?: { keepLine?: boolean }) {
      view.log.push(options?.keepLine ? 'stop (line kept)' : 'stop');
    },
  };
  return view;
}

/** The text written to a stream. */
function captured(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk) => chunks.push(String(chunk)));
  return { stream, text: () => chunks.join('') };
}

describe('RunSession', () => {
  it('on the first signal says so above the progress, drains and aborts; a second signal changes nothing', () => {
    const signals = new EventEmitter();
    const notes = captured();
    const view = phaseLog();
    const session = new RunSession({
      view,
      tty: false,
      notes: notes.stream,
      signals: signals as unknown as NodeJS.Process,
      now: () => 0,
    });
    expect(session.signal.aborted).toBe(false);
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(session.signal.aborted).toBe(true);
    expect(session.signalled).toBe(true);
    expect(notes.text()).toBe(
      '\nbusload: stopping (letting in-flight calls finish, then writing the report)...\n',
    );
    expect(view.log).toEqual(['planning', 'stop', 'planning', 'draining']);
    session.close();
    expect(view.log.at(-1)).toBe('stop (line kept)');
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('without a progress view writes notes straight to the stream and ignores phases', () => {
    const signals = new EventEmitter();
    const notes = captured();
    const session = new RunSession({
      view: null,
      tty: true,
      notes: notes.stream,
      signals: signals as unknown as NodeJS.Process,
    });
    expect(session.progress).toBeNull();
    expect(signals.listenerCount('SIGINT')).toBe(1);
    session.say('busload: replaying x\n');
    session.enter('running', 5);
    session.endDisplay();
    session.close();
    expect(notes.text()).toBe('busload: replaying x\n');
    expect(session.signalled).toBe(false);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('feeds worker progress to its accumulator', () => {
    const session = new RunSession({
      view: null,
      tty: false,
      notes: captured().stream,
      signals: new EventEmitter() as unknown as NodeJS.Process,
    });
    session.accumulator.add({
      kind: 'progress',
      workerIndex: 0,
      atEpochMs: 0,
      buses: { orders: { ...totals({ calls: 3, attempts: 4 }), latencyHistogram: '' } },
    });
    session.close();
    expect(session.accumulator.byBus.get('orders')?.attempts).toBe(4);
    expect(session.accumulator.total.calls).toBe(3);
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
