/**
 * Live progress of a run, driven only by worker progress messages (kept apart from results).
 * On a TTY one status line is redrawn in place; otherwise one plain line per interval (CI logs).
 */
import type { ProgressDelta, WorkerProgress } from '../workers/protocol.js';

/** Running sums of progress deltas (the same fields as one delta). */
export type ProgressTotals = ProgressDelta;

/** Sums progress deltas; `take()` returns and resets the interval's window. */
export class ProgressAccumulator {
  readonly total: ProgressTotals = emptyTotals();
  private window: ProgressTotals = emptyTotals();

  /** Adds one worker's delta to the totals and the current window. */
  add(progress: WorkerProgress): void {
    for (const delta of Object.values(progress.buses)) {
      for (const target of [this.total, this.window]) {
        target.calls += delta.calls;
        target.entriesSucceeded += delta.entriesSucceeded;
        target.entriesFailed += delta.entriesFailed;
        target.entriesDropped += delta.entriesDropped;
        target.attemptsThrottled += delta.attemptsThrottled;
        target.maxLatencyMs = Math.max(target.maxLatencyMs, delta.maxLatencyMs);
      }
    }
  }

  /** The window since the previous call, then a fresh one. */
  take(): ProgressTotals {
    const window = this.window;
    this.window = emptyTotals();
    return window;
  }
}

function emptyTotals(): ProgressTotals {
  return {
    calls: 0,
    entriesSucceeded: 0,
    entriesFailed: 0,
    entriesDropped: 0,
    attemptsThrottled: 0,
    maxLatencyMs: 0,
  };
}

/** Formats one progress line (pure). */
export function formatProgressLine(input: {
  elapsedMs: number;
  totalMs: number;
  windowMs: number;
  window: ProgressTotals;
  total: ProgressTotals;
  plannedEntriesPerSec: number;
}): string {
  const seconds = input.windowMs / 1000;
  const callsPerSec = seconds > 0 ? input.window.calls / seconds : 0;
  const entriesPerSec =
    seconds > 0 ? (input.window.entriesSucceeded + input.window.entriesFailed) / seconds : 0;
  return [
    `${pad(Math.floor(input.elapsedMs / 1000), 3)}s/${Math.round(input.totalMs / 1000)}s`,
    `${Math.round(callsPerSec)} calls/s`,
    `${Math.round(entriesPerSec)}/${Math.round(input.plannedEntriesPerSec)} entries/s`,
    `max ${input.window.maxLatencyMs.toFixed(1)} ms`,
    `throttled ${input.total.attemptsThrottled}`,
    `failed ${input.total.entriesFailed}`,
    `dropped ${input.total.entriesDropped}`,
  ].join(' | ');
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, ' ');
}

/** Writes progress lines to a stream: redrawn in place on a TTY, appended otherwise. */
export class ProgressPrinter {
  private lastLength = 0;
  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly tty: boolean,
  ) {}

  /** Shows a line. */
  show(line: string): void {
    if (this.tty) {
      const padded = line.padEnd(this.lastLength, ' ');
      this.stream.write(`\r${padded}`);
      this.lastLength = line.length;
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  /** Ends the in-place line so later output starts on a fresh line. */
  done(): void {
    if (this.tty && this.lastLength > 0) this.stream.write('\n');
    this.lastLength = 0;
  }
}
