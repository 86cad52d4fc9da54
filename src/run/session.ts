/**
 * One run's session on this process: the signals (SIGINT/SIGTERM stop the run, which still writes an
 * interrupted report), the live progress (phases, timed updates, the projected cost) and the notes printed
 * above it. The engine (src/run/execute.ts) talks to the user only through a session; how progress looks on a
 * terminal is the CLI's ProgressView (src/cli/progress-view.ts).
 */
import {
  formatProgressFigures,
  formatProgressTotals,
  ProgressAccumulator,
  type ProgressPhase,
  type ProgressState,
} from './progress.js';

/** A progress display: told where the run is; stopped before anything else is printed. */
export interface ProgressView {
  show(state: ProgressState): void;
  /**
   * Ends the display so other output can follow: a terminal's line is cleared, or with keepLine left as the
   * last state, on a line of its own.
   */
  stop(options?: { keepLine?: boolean }): void;
}

/** Rates and cost of a progress update that depend on the scenario and the model (computed by the caller). */
export type PlannedFigures = (elapsedMs: number) => {
  plannedEntriesPerSec: number;
  projectedMonthlyUsd: string | null;
};

/**
 * The progress of one `busload run`: tracks the phase (planning, starting workers, running from the moment
 * every worker is ready, draining once the schedule has ended, writing reports) and shows it every
 * `intervalMs` and at each phase change. Time comes from `now` (injected in tests).
 */
export class RunProgress {
  private phase: ProgressPhase = 'planning';
  private phaseStartMs: number;
  private scheduleStartMs: number | null = null;
  private lastTickMs: number;
  private figures: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private totalMs = 0;
  private planned: PlannedFigures = () => ({ plannedEntriesPerSec: 0, projectedMonthlyUsd: null });

  /**
   * Shows 'planning' at once and then updates every `intervalMs` (unref'd: it never keeps the process alive).
   * @param now - the wall clock, epoch ms (tests inject one)
   */
  constructor(
    private readonly view: ProgressView,
    private readonly accumulator: ProgressAccumulator,
    intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.phaseStartMs = now();
    this.lastTickMs = this.phaseStartMs;
    this.view.show(this.state());
    this.startTimer(intervalMs);
  }

  private startTimer(intervalMs: number): void {
    if (!(intervalMs > 0)) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /**
   * The schedule, once planned: its length, the update interval from now on, and how to compute the planned
   * rate and the projected cost.
   */
  schedule(totalMs: number, intervalMs: number, planned: PlannedFigures): void {
    this.totalMs = totalMs;
    this.planned = planned;
    this.clearTimer();
    this.startTimer(intervalMs);
  }

  /** A new phase; 'running' carries the schedule's start on the wall clock (the clock starts there). */
  enter(phase: ProgressPhase, scheduleStartEpochMs?: number): void {
    // A stop while the workers were starting: the run drains, it does not start running.
    if (phase === 'running' && this.phase === 'draining') return;
    const nowMs = this.now();
    this.phase = phase;
    this.phaseStartMs = nowMs;
    if (phase === 'running') {
      this.scheduleStartMs = scheduleStartEpochMs ?? nowMs;
      this.lastTickMs = Math.max(nowMs, this.scheduleStartMs);
    }
    if (phase === 'writing reports') {
      this.clearTimer();
      // The replay is over: its totals, not the last window's rates.
      const elapsedMs =
        this.scheduleStartMs === null ? 0 : Math.min(nowMs - this.scheduleStartMs, this.totalMs);
      this.figures = formatProgressTotals(
        this.accumulator.total,
        this.planned(elapsedMs).projectedMonthlyUsd,
      );
    }
    this.view.show(this.state());
  }

  /** Takes the figures of the window since the last tick and shows them (called every intervalMs). */
  tick(): void {
    const nowMs = this.now();
    if (this.scheduleStartMs === null || nowMs < this.scheduleStartMs) {
      this.view.show(this.state());
      return;
    }
    const elapsedMs = nowMs - this.scheduleStartMs;
    if (this.phase === 'running' && elapsedMs >= this.totalMs) {
      this.phase = 'draining';
      this.phaseStartMs = this.scheduleStartMs + this.totalMs;
    }
    const windowMs = nowMs - this.lastTickMs;
    this.lastTickMs = nowMs;
    this.figures = formatProgressFigures({
      windowMs,
      window: this.accumulator.take(),
      total: this.accumulator.total,
      ...this.planned(Math.min(elapsedMs, this.totalMs)),
    });
    this.view.show(this.state());
  }

  /** Where the run is now. */
  state(): ProgressState {
    const nowMs = this.now();
    return {
      phase: this.phase,
      elapsedMs: this.scheduleStartMs === null ? null : nowMs - this.scheduleStartMs,
      totalMs: this.totalMs,
      phaseMs: nowMs - this.phaseStartMs,
      figures: this.figures,
    };
  }

  /** Prints a line of its own above the display (the display then goes on below it). */
  note(text: string, stream: NodeJS.WritableStream): void {
    this.view.stop();
    stream.write(text);
    this.view.show(this.state());
  }

  /** Ends the display; the last state stays as a line of its own. */
  stop(): void {
    this.clearTimer();
    this.view.stop({ keepLine: true });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

/** How a session shows itself: the progress view (none: --no-progress) and where notes go. */
export interface SessionOptions {
  /** The progress display; null shows none (notes still go to `notes`). */
  view: ProgressView | null;
  /** A terminal redraws every second; otherwise a plain line per phase and at least every 5 s. */
  tty: boolean;
  /** Where notes and the stop message go (stderr). */
  notes: NodeJS.WritableStream;
  /** The process whose signals stop the run (default: this one; tests pass an emitter). */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** The wall clock, epoch ms (tests inject one). */
  now?: () => number;
}

/**
 * A run's session: owns the abort signal the engine stops on, the progress accumulator fed by worker
 * messages, and the display. Signals are honoured from the moment it opens (loading, planning, worker
 * start-up, draining); `close()` ends the display and removes the handlers, whatever happened.
 */
export class RunSession {
  readonly accumulator = new ProgressAccumulator();
  readonly progress: RunProgress | null;
  /** A terminal's progress is redrawn every second; plain lines come at least every 5 s. */
  readonly tty: boolean;
  private readonly controller = new AbortController();
  private stopRequested = false;
  private readonly notes: NodeJS.WritableStream;
  private readonly signals: Pick<NodeJS.Process, 'on' | 'off'>;
  private readonly onSignal = (): void => this.stop();

  constructor(options: SessionOptions) {
    this.tty = options.tty;
    this.notes = options.notes;
    this.signals = options.signals ?? process;
    this.progress =
      options.view === null
        ? null
        : new RunProgress(options.view, this.accumulator, options.tty ? 1000 : 5000, options.now);
    this.signals.on('SIGINT', this.onSignal);
    this.signals.on('SIGTERM', this.onSignal);
  }

  /** Aborted once a signal came: the engine stops scheduling and drains. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether a signal stopped the run. */
  get signalled(): boolean {
    return this.stopRequested;
  }

  /** The first signal: says so above the progress, enters 'draining' and aborts (later signals change nothing). */
  stop(): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    this.say('\nbusload: stopping (letting in-flight calls finish, then writing the report)...\n');
    this.progress?.enter('draining');
    this.controller.abort();
  }

  /** Prints a line of its own (above the progress display, which goes on below it). */
  say(text: string): void {
    if (this.progress) this.progress.note(text, this.notes);
    else this.notes.write(text);
  }

  /** A new phase of the run. */
  enter(phase: ProgressPhase, scheduleStartEpochMs?: number): void {
    this.progress?.enter(phase, scheduleStartEpochMs);
  }

  /** Ends the display (its last state stays as a line), before the summary is printed. */
  endDisplay(): void {
    this.progress?.stop();
  }

  /** Ends the display and removes the signal handlers. */
  close(): void {
    this.progress?.stop();
    this.signals.off('SIGINT', this.onSignal);
    this.signals.off('SIGTERM', this.onSignal);
  }
}
