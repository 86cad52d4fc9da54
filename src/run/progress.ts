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

/** Totals of nothing yet (every count 0). */
export function emptyTotals(): ProgressTotals {
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

/** The phases of a run, in order, as the progress names them. */
export const PROGRESS_PHASES = [
  'planning',
  'starting workers',
  'running',
  'draining',
  'writing reports',
] as const;
export type ProgressPhase = (typeof PROGRESS_PHASES)[number];

/** What the figures of one progress update are computed from. */
export interface ProgressFiguresInput {
  /** The window the rates are over, ms. */
  windowMs: number;
  window: ProgressTotals & { p99Ms?: number | null };
  total: ProgressTotals;
  /** Planned entries/s: the window's planned entries when known, else the shape's rate. */
  plannedEntriesPerSec: number;
  /** Projected $/month of all buses from the counts so far (null: not known yet). */
  projectedMonthlyUsd?: string | null;
}

/**
 * The labelled figures of a progress update (pure): entries/s sent against planned, calls/s, dropped entries,
 * errors (attempts answered neither 200 nor a throttle, or not answered), the window's p99, throttled attempts,
 * failed entries and the projected monthly cost when known.
 * Example: `sent 1,131 of 1,131 planned entries/s | 377 calls/s | dropped 0 | errors 0 | p99 45.2 ms | throttled 0 | failed entries 0 | ~$17,274/month`
 */
export function formatProgressFigures(input: ProgressFiguresInput): string {
  const seconds = input.windowMs / 1000;
  const perSec = (count: number): number => (seconds > 0 ? count / seconds : 0);
  const entriesPerSec = perSec(input.window.entriesSucceeded + input.window.entriesFailed);
  const plannedPerSec =
    input.window.entriesPlanned > 0 ? perSec(input.window.entriesPlanned) : input.plannedEntriesPerSec;
  const latency =
    input.window.p99Ms === undefined
      ? `max ${input.window.maxLatencyMs.toFixed(1)} ms`
      : input.window.p99Ms === null
        ? 'p99 -'
        : `p99 ${input.window.p99Ms.toFixed(1)} ms`;
  const { total } = input;
  const errors = Math.max(0, total.attempts - total.attemptsSucceeded - total.attemptsThrottled);
  const parts = [
    `sent ${INTEGER.format(entriesPerSec)} of ${INTEGER.format(plannedPerSec)} planned entries/s`,
    `${INTEGER.format(perSec(input.window.calls))} calls/s`,
    `dropped ${INTEGER.format(total.entriesDropped)}`,
    `errors ${INTEGER.format(errors)}`,
    latency,
    `throttled ${INTEGER.format(total.attemptsThrottled)}`,
    `failed entries ${INTEGER.format(total.entriesFailed)}`,
  ];
  if (input.projectedMonthlyUsd) parts.push(`~$${input.projectedMonthlyUsd}/month`);
  return parts.join(' | ');
}

/**
 * The run's totals (pure), shown once the replay is over instead of the last window's rates.
 * Example: `sent 16,950 of 16,950 planned entries | 2,190 calls | dropped 0 | errors 0 | throttled 0 | failed entries 0 | ~$1,538/month`
 */
export function formatProgressTotals(total: ProgressTotals, projectedMonthlyUsd?: string | null): string {
  const errors = Math.max(0, total.attempts - total.attemptsSucceeded - total.attemptsThrottled);
  const parts = [
    `sent ${INTEGER.format(total.entriesSucceeded + total.entriesFailed)} of ${INTEGER.format(total.entriesPlanned)} planned entries`,
    `${INTEGER.format(total.calls)} calls`,
    `dropped ${INTEGER.format(total.entriesDropped)}`,
    `errors ${INTEGER.format(errors)}`,
    `throttled ${INTEGER.format(total.attemptsThrottled)}`,
    `failed entries ${INTEGER.format(total.entriesFailed)}`,
  ];
  if (projectedMonthlyUsd) parts.push(`~$${projectedMonthlyUsd}/month`);
  return parts.join(' | ');
}

/** Whole seconds, as "42s", "3m05s" or "1h02m". */
export function formatClockSeconds(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Where a run is, for the progress display. */
export interface ProgressState {
  phase: ProgressPhase;
  /** Replay time since the schedule started (the clock starts when every worker is ready), ms; null before. */
  elapsedMs: number | null;
  /** The schedule's length, ms. */
  totalMs: number;
  /** Time spent in the current phase, ms (shown for the phases around the replay). */
  phaseMs: number;
  /** The labelled figures (formatProgressFigures), or null before the first update. */
  figures: string | null;
}

/**
 * The clock part of a progress update (pure): the replay's elapsed and planned time with the ETA while
 * running; the time spent in the phase otherwise.
 * Examples: running 12 s of 30 s -> "12s/30s, ETA 18s"; draining for 1.2 s -> "30s/30s, draining 1s";
 * starting workers for 2.5 s -> "2s".
 */
export function formatProgressClock(state: ProgressState): string {
  const total = formatClockSeconds(state.totalMs);
  switch (state.phase) {
    case 'running': {
      const elapsedMs = state.elapsedMs ?? 0;
      if (elapsedMs < 0) return `starts in ${formatClockSeconds(-elapsedMs + 999)}`;
      return `${formatClockSeconds(Math.min(elapsedMs, state.totalMs))}/${total}, ETA ${formatClockSeconds(state.totalMs - elapsedMs + 999)}`;
    }
    case 'draining':
      return `${total}/${total}, draining ${formatClockSeconds(state.phaseMs)}`;
    case 'writing reports':
      return state.elapsedMs === null
        ? ''
        : `${formatClockSeconds(Math.min(state.elapsedMs, state.totalMs))}/${total}`;
    default:
      return formatClockSeconds(state.phaseMs);
  }
}

/** The fraction of the replay done (0..1): 0 before the workers are ready, 1 once the schedule has ended. */
export function progressFraction(state: ProgressState): number {
  if (state.phase === 'draining' || state.phase === 'writing reports') return 1;
  if (state.elapsedMs === null || state.totalMs <= 0) return 0;
  return Math.min(1, Math.max(0, state.elapsedMs / state.totalMs));
}

/**
 * One plain progress line (no TTY: CI logs), e.g.
 * `busload: running 12s/30s, ETA 18s (40%) | sent 1,131 of 1,131 planned entries/s | 377 calls/s | ...`.
 */
export function formatPlainProgressLine(state: ProgressState): string {
  const clock = formatProgressClock(state);
  const percent = state.phase === 'running' ? ` (${Math.round(progressFraction(state) * 100)}%)` : '';
  const head = `busload: ${state.phase}${clock === '' ? '' : ` ${clock}`}${percent}`;
  return state.figures === null ? head : `${head} | ${state.figures}`;
}
