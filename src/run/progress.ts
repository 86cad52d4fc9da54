/**
 * Live progress of a run, driven only by worker progress messages (kept apart from results).
 * On a TTY one status line is redrawn in place; otherwise one plain line per interval (CI logs).
 */
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  type Histogram,
} from '../metrics/histogram.js';
import { PROGRESS_COUNT_FIELDS, type ProgressDelta, type WorkerProgress } from '../workers/protocol.js';

/** Running sums of progress deltas (the counting fields of a delta; maxLatencyMs is a maximum). */
export type ProgressTotals = Omit<ProgressDelta, 'latencyHistogram'>;

const SUMMED = PROGRESS_COUNT_FIELDS;

/**
 * Sums progress deltas per bus and over all buses; `take()` returns and resets the interval's window
 * (counts and a latency histogram, for the window's p99).
 */
export class ProgressAccumulator {
  readonly total: ProgressTotals = emptyTotals();
  /** Totals per bus (for the projected cost). */
  readonly byBus = new Map<string, ProgressTotals>();
  private window: ProgressTotals = emptyTotals();
  private windowLatency: Histogram = createLatencyHistogram();

  /** Adds one worker's delta to the totals and the current window. */
  add(progress: WorkerProgress): void {
    for (const [bus, delta] of Object.entries(progress.buses)) {
      let busTotal = this.byBus.get(bus);
      if (busTotal === undefined) {
        busTotal = emptyTotals();
        this.byBus.set(bus, busTotal);
      }
      for (const target of [this.total, this.window, busTotal]) {
        for (const field of SUMMED) target[field] += delta[field] ?? 0;
        target.maxLatencyMs = Math.max(target.maxLatencyMs, delta.maxLatencyMs);
      }
      if (delta.latencyHistogram) addHistogram(this.windowLatency, decodeHistogram(delta.latencyHistogram));
    }
  }

  /** The window since the previous call (with its p99 latency in ms, null without answers), then a fresh one. */
  take(): ProgressTotals & { p99Ms: number | null } {
    const window = this.window;
    const latency = this.windowLatency;
    this.window = emptyTotals();
    this.windowLatency = createLatencyHistogram();
    const p99Ms = latency.totalCount > 0 ? latency.getValueAtPercentile(99) / 1000 : null;
    return { ...window, p99Ms };
  }
}

function emptyTotals(): ProgressTotals {
  return {
    entriesPlanned: 0,
    calls: 0,
    attempts: 0,
    attemptsSucceeded: 0,
    attemptsThrottled: 0,
    entriesSucceeded: 0,
    entriesFailed: 0,
    entriesDropped: 0,
    billableChunks: 0,
    maxLatencyMs: 0,
  };
}

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Formats one progress line (pure): elapsed/total, calls/s, entries/s against the plan, the window's p99,
 * throttles, failed and dropped entries so far, and the projected monthly cost when known.
 * Example: ` 12s/30s | 377 calls/s | 1,131/1,131 entries/s | p99 45.2 ms | throttled 0 | failed 0 | dropped 0 | ~$17,274/month`
 */
export function formatProgressLine(input: {
  elapsedMs: number;
  totalMs: number;
  windowMs: number;
  window: ProgressTotals & { p99Ms?: number | null };
  total: ProgressTotals;
  /** Planned entries/s: the window's planned entries when known, else the shape's rate. */
  plannedEntriesPerSec: number;
  /** Projected $/month of all buses from the counts so far (null: not known yet). */
  projectedMonthlyUsd?: string | null;
}): string {
  const seconds = input.windowMs / 1000;
  const perSec = (count: number): number => (seconds > 0 ? count / seconds : 0);
  const callsPerSec = perSec(input.window.calls);
  const entriesPerSec = perSec(input.window.entriesSucceeded + input.window.entriesFailed);
  const plannedPerSec =
    input.window.entriesPlanned > 0 ? perSec(input.window.entriesPlanned) : input.plannedEntriesPerSec;
  const latency =
    input.window.p99Ms === undefined
      ? `max ${input.window.maxLatencyMs.toFixed(1)} ms`
      : input.window.p99Ms === null
        ? 'p99 -'
        : `p99 ${input.window.p99Ms.toFixed(1)} ms`;
  const parts = [
    `${pad(Math.floor(input.elapsedMs / 1000), 3)}s/${Math.round(input.totalMs / 1000)}s`,
    `${INTEGER.format(callsPerSec)} calls/s`,
    `${INTEGER.format(entriesPerSec)}/${INTEGER.format(plannedPerSec)} entries/s`,
    latency,
    `throttled ${INTEGER.format(input.total.attemptsThrottled)}`,
    `failed ${INTEGER.format(input.total.entriesFailed)}`,
    `dropped ${INTEGER.format(input.total.entriesDropped)}`,
  ];
  if (input.projectedMonthlyUsd) parts.push(`~$${input.projectedMonthlyUsd}/month`);
  return parts.join(' | ');
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
