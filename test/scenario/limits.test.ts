import { describe, expect, it } from 'vitest';
import {
  byFlag,
  checkScenarioLimits,
  formatCount,
  MAX_DURATION_MS,
  MAX_SCENARIO_FILE_BYTES,
  MAX_SERIES_FILE_BYTES,
  MAX_SERIES_POINTS,
  MAX_STREAMS,
} from '../../src/scenario/limits.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

describe('the limits', () => {
  it('have their documented values', () => {
    expect(MAX_DURATION_MS).toBe(7 * 24 * 3_600_000);
    expect(MAX_SCENARIO_FILE_BYTES).toBe(1_048_576);
    expect(MAX_SERIES_FILE_BYTES).toBe(16 * 1_048_576);
    expect(MAX_SERIES_POINTS).toBe(100_000);
    expect(MAX_STREAMS).toBe(10_000);
  });
});

describe('formatCount and byFlag', () => {
  it('format counts with thousands separators, whole', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(0.4)).toBe('0');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('name the flag behind a figure, or nothing', () => {
    expect(byFlag(undefined)).toBe('');
    expect(byFlag('--duration 2h')).toBe(' (with --duration 2h)');
  });
});

describe('checkScenarioLimits', () => {
  it('accepts 7 days of replay exactly', () => {
    expect(checkScenarioLimits(makeScenario([makeProducer()], MAX_DURATION_MS))).toEqual([]);
  });

  it('refuses a longer replay, naming the flag', () => {
    expect(
      checkScenarioLimits(makeScenario([makeProducer()], 169 * 3_600_000), { duration: '--duration 169h' }),
    ).toEqual([
      {
        path: ['duration'],
        message:
          '169 h (with --duration 169h) is longer than a run can hold; expected at most 168h (7 days of wall-clock replay)',
      },
    ]);
  });

  it('refuses more than 10,000 producer instances in all', () => {
    const producers = [
      makeProducer({ name: 'a', instances: 6000 }),
      makeProducer({ name: 'b', instances: 4001 }),
    ];
    expect(checkScenarioLimits(makeScenario(producers))).toEqual([
      {
        path: ['producers'],
        message:
          "10,001 producer instances in all; expected at most 10,000 (every worker walks every instance's schedule)",
      },
    ]);
  });

  it('refuses a replay series over 100,000 counts, at its shape', () => {
    const counts = Array.from({ length: 100_001 }, () => 1);
    const producers = [
      makeProducer({ name: 'a' }),
      makeProducer({ name: 'b', shape: { kind: 'replay', intervalMs: 60_000, counts, speed: 1 } }),
    ];
    expect(checkScenarioLimits(makeScenario(producers))).toEqual([
      {
        path: ['producers', 1, 'shape'],
        message:
          'the replay series holds 100,001 counts; expected at most 100,000 (every worker holds and walks the whole series; use a longer interval)',
      },
    ]);
  });

  it('does not look at rates (src/schedule/limits.ts does)', () => {
    const hot = makeProducer({ shape: { kind: 'constant', ratePerSec: 1e12 } });
    expect(checkScenarioLimits(makeScenario([hot]))).toEqual([]);
  });
});
