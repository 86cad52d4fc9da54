/**
 * How a run's progress is shown. On a terminal: one line redrawn in place by cli-progress (a bar of the replay's
 * time, the phase, elapsed/planned time with the ETA, then the labelled figures), cut to the terminal's width.
 * Otherwise (CI logs, pipes): one plain line when a phase begins and one per update.
 * The text itself comes from the pure formatters of progress.ts.
 */
import cliProgress from 'cli-progress';
import {
  formatPlainProgressLine,
  formatProgressClock,
  formatProgressFigures,
  formatProgressTotals,
  type ProgressAccumulator,
  type ProgressPhase,
  type ProgressState,
  progressFraction,
} from '../run/progress.js';

/** A progress display: told where the run is; stopped before anything else is printed. */
export interface ProgressView {
  show(state: ProgressState): void;
  /**
   * Ends the display so other output can follow: a terminal's line is cleared, or with keepLine left as the
   * last state, on a line of its own.
   */
  stop(options?: { keepLine?: boolean }): void;
}

/** Width of the bar, characters. */
const BAR_SIZE = 20;
/** Widest phase name ("starting workers"), so the bar does not jump when the phase changes. */
const PHASE_WIDTH = 16;

/**
 * The in-place line of a terminal (pure), e.g.
 * `running          ████████░░░░░░░░░░░░  40% 12s/30s, ETA 18s | sent 1,131 of 1,131 planned entries/s | ...`.
 */
export function formatTtyProgressLine(state: ProgressState, barSize = BAR_SIZE): string {
  const fraction = progressFraction(state);
  const filled = Math.round(fraction * barSize);
  const bar = '\u2588'.repeat(filled) + '\u2591'.repeat(barSize - filled);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4, ' ');
  const clock = formatProgressClock(state);
  const head = `${state.phase.padEnd(PHASE_WIDTH, ' ')} ${bar} ${percent}${clock === '' ? '' : ` ${clock}`}`;
  return state.figures === null ? head : `${head} | ${state.figures}`;
}

/** A terminal: cli-progress redraws the line in place (cursor hidden meanwhile), cut to the terminal width. */
class TtyProgressView implements ProgressView {
  private bar: cliProgress.SingleBar | null = null;
  private lastLine = '';

  constructor(private readonly stream: NodeJS.WriteStream) {}

  show(state: ProgressState): void {
    const line = formatTtyProgressLine(state);
    this.lastLine = line;
    if (this.bar === null) {
      this.bar = new cliProgress.SingleBar({
        stream: this.stream,
        // The whole line is ours (formatTtyProgressLine); the payload carries it.
        format: (_options, _params, payload: { line?: string }) => payload.line ?? '',
        hideCursor: true,
        // The terminal cuts a line longer than its width rather than wrapping it (a wrapped line cannot be
        // redrawn in place).
        linewrap: false,
        // busload handles SIGINT/SIGTERM itself (and stops the bar before printing).
        gracefulExit: false,
        // Redraws only when the line changed, at most twice a second.
        fps: 2,
        clearOnComplete: true,
      });
      this.bar.start(1, 0, { line });
    }
    this.bar.update(progressFraction(state), { line });
    // Draw now, not at the next frame: a phase must be seen even if the next one follows at once.
    this.bar.render();
  }

  stop(options: { keepLine?: boolean } = {}): void {
    if (this.bar === null) return;
    this.bar.stop();
    this.bar = null;
    if (options.keepLine && this.lastLine !== '') this.stream.write(`${this.lastLine}\n`);
  }
}

/** Not a terminal: one line per phase change and per update. */
class PlainProgressView implements ProgressView {
  private lastPhase: ProgressPhase | null = null;
  constructor(private readonly stream: NodeJS.WritableStream) {}

  show(state: ProgressState): void {
    if (state.phase === this.lastPhase && state.figures === null) return;
    this.lastPhase = state.phase;
    this.stream.write(`${formatPlainProgressLine(state)}\n`);
  }

  stop(): void {}
}

/** The view for a stream: redrawn in place on a terminal, plain lines otherwise. */
export function createProgressView(stream: NodeJS.WriteStream, tty: boolean): ProgressView {
  return tty ? new TtyProgressView(stream) : new PlainProgressView(stream);
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
