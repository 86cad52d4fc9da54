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
  type ProgressPhase,
  type ProgressState,
  progressFraction,
} from '../run/progress.js';
import type { ProgressView } from '../run/session.js';

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
