/**
 * The terminal's progress line (pure, exact strings): a bar of the replay time, the phase, the clock and the
 * figures; beside it the plain line of logs.
 */
import { describe, expect, it } from 'vitest';
import { formatTtyProgressLine } from '../../src/cli/progress-view.js';
import { formatPlainProgressLine, type ProgressState } from '../../src/run/progress.js';

const state = (overrides: Partial<ProgressState>): ProgressState => ({
  phase: 'running',
  elapsedMs: 12_000,
  totalMs: 30_000,
  phaseMs: 12_000,
  figures: null,
  ...overrides,
});

describe('progress text', () => {
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
