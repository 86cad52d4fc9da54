import { describe, expect, it } from 'vitest';
import {
  normaliseShape,
  SHAPE_FORMATS,
  SUPPORTED_SHAPE_KINDS,
  shapeFormat,
  shapeSchema,
} from '../../../src/scenario/schema/shapes.js';

const context = { producerName: 'p', rate: () => 40 };

describe('shapeSchema', () => {
  it('parses each kind with its units resolved and defaults filled', () => {
    expect(shapeSchema.parse({ kind: 'diurnal', peakHour: 14, peakToTrough: 4 })).toEqual({
      kind: 'diurnal',
      peakHour: 14,
      peakToTrough: 4,
      startHour: 0,
    });
    expect(shapeSchema.parse({ kind: 'replay', interval: '1m', counts: [1] })).toEqual({
      kind: 'replay',
      interval: 60_000,
      counts: [1],
      speed: 1,
    });
  });

  it('names an unknown or missing kind with the supported ones', () => {
    const list = 'constant, ramp, steps, diurnal, bursts, replay';
    expect(shapeSchema.safeParse({ kind: 'zigzag' }).error?.issues[0]?.message).toBe(
      `unknown shape kind "zigzag" (supported: ${list})`,
    );
    expect(shapeSchema.safeParse({}).error?.issues[0]?.message).toBe(`is required; expected one of: ${list}`);
  });

  it('says what an hour of the day is', () => {
    expect(
      shapeSchema.safeParse({ kind: 'diurnal', peakHour: 25, peakToTrough: 2 }).error?.issues[0]?.message,
    ).toBe('expected an hour of the day from 0 to 24 (fractions allowed); got 25');
  });
});

describe('SHAPE_FORMATS', () => {
  it('knows which kinds take the producer rate', () => {
    expect(SUPPORTED_SHAPE_KINDS).toEqual(['constant', 'ramp', 'steps', 'diurnal', 'bursts', 'replay']);
    expect(SUPPORTED_SHAPE_KINDS.filter((kind) => SHAPE_FORMATS[kind].usesRate)).toEqual([
      'constant',
      'diurnal',
      'bursts',
    ]);
    expect(shapeFormat('ramp')?.usesRate).toBe(false);
    expect(shapeFormat('zigzag')).toBeUndefined();
    expect(shapeFormat('toString')).toBeUndefined();
  });

  it('normalises a parsed shape by its kind', () => {
    expect(normaliseShape(shapeSchema.parse({ kind: 'constant' }), context)).toEqual({
      kind: 'constant',
      ratePerSec: 40,
    });
    expect(normaliseShape(shapeSchema.parse({ kind: 'ramp', from: 0, to: '2/s' }), context)).toEqual({
      kind: 'ramp',
      fromPerSec: 0,
      toPerSec: 2,
    });
    expect(
      normaliseShape(
        shapeSchema.parse({ kind: 'bursts', every: '1m', burstRate: 9, burstDuration: '5s' }),
        context,
      ),
    ).toEqual({ kind: 'bursts', ratePerSec: 40, everyMs: 60_000, burstRatePerSec: 9, burstDurationMs: 5000 });
  });

  it('a replay without its series loaded is an internal error naming the producer', () => {
    expect(() =>
      normaliseShape(shapeSchema.parse({ kind: 'replay', interval: '1m', file: 'a.csv' }), context),
    ).toThrow("internal: producer p's replay series was not loaded before normalising");
  });
});
