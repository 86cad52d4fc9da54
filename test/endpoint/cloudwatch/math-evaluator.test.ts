import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  type MathContext,
  type MathSeries,
  type MathValue,
} from '../../../src/endpoint/cloudwatch/math-evaluator.js';
import { MetricMathError, parseExpression } from '../../../src/endpoint/cloudwatch/math-parser.js';

const T = 1_796_635_680_000; // a minute boundary
const M = 60_000;

function series(label: string, points: Array<[number, number]>): MathSeries {
  return {
    label,
    periodSec: 60,
    timestamps: points.map(([minute]) => T + minute * M),
    values: points.map(([, value]) => value),
  };
}

const m1 = series('Calls', [
  [0, 10],
  [1, 20],
  [2, 40],
]);
const m2 = series('Errors', [
  [0, 1],
  [2, 10],
]);

function evaluate(text: string): MathValue {
  const context: MathContext = {
    valueOf: (id) => {
      if (id === 'm1') return { kind: 'series', series: m1 };
      if (id === 'm2') return { kind: 'series', series: m2 };
      throw new MetricMathError(`${id} is unknown`);
    },
    metricSeries: () => [
      { id: 'm1', series: m1 },
      { id: 'm2', series: m2 },
    ],
    startEpochMs: T,
    endEpochMs: T + 4 * M,
  };
  return evaluateExpression(parseExpression(text), context);
}

function points(value: MathValue): Array<[number, number]> {
  if (value.kind !== 'series') throw new Error(`not a series: ${value.kind}`);
  return value.series.timestamps.map((t, i) => [(t - T) / M, value.series.values[i]!]);
}

describe('metric math', () => {
  it('combines series at the timestamps both have, with precedence and parentheses', () => {
    expect(points(evaluate('100 * m2 / m1'))).toEqual([
      [0, 10],
      [2, 25],
    ]);
    expect(points(evaluate('(m1 + 2) * 2 ^ 2'))).toEqual([
      [0, 48],
      [1, 88],
      [2, 168],
    ]);
    expect(points(evaluate('-m2 - -1'))).toEqual([
      [0, 0],
      [2, -9],
    ]);
    expect(evaluate('2 ^ 3 ^ 2')).toEqual({ kind: 'scalar', value: 512 });
  });

  it('takes MIN and MAX of a series longer than the call stack allows for spread arguments', () => {
    // 300,000 one-second points (GetMetricData returns up to 100,800 per query; a stored series can be longer).
    const long: MathSeries = {
      label: 'Long',
      periodSec: 1,
      timestamps: Array.from({ length: 300_000 }, (_, i) => T + i * 1000),
      values: Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_001),
    };
    const context: MathContext = {
      valueOf: () => ({ kind: 'series', series: long }),
      metricSeries: () => [{ id: 'long', series: long }],
      startEpochMs: T,
      endEpochMs: T + 300_000 * 1000,
    };
    const run = (text: string) => evaluateExpression(parseExpression(text), context);
    expect(run('MIN(long)')).toEqual({ kind: 'scalar', value: 0 });
    // 7919 is prime and does not divide 300,001, so i x 7919 mod 300,001 over i < 300,000 takes every residue
    // but one (the one i = 300,000 would give: -7919 mod 300,001 = 292,082): the largest is 300,000.
    expect(run('MAX(long)')).toEqual({ kind: 'scalar', value: 300_000 });
  });

  it('aggregates one series to a number and an array to a series', () => {
    expect(evaluate('SUM(m1)')).toEqual({ kind: 'scalar', value: 70 });
    expect(evaluate('AVG(m2)')).toEqual({ kind: 'scalar', value: 5.5 });
    expect(evaluate('MAX(m1) - MIN(m1)')).toEqual({ kind: 'scalar', value: 30 });
    expect(evaluate('STDDEV(m2)')).toEqual({ kind: 'scalar', value: 4.5 });
    expect(points(evaluate('SUM(METRICS())'))).toEqual([
      [0, 11],
      [1, 20],
      [2, 50],
    ]);
    expect(points(evaluate("MAX(METRICS('m2'))"))).toEqual([
      [0, 1],
      [2, 10],
    ]);
    const array = evaluate('METRICS() * 2');
    expect(array.kind === 'array' && array.series.map((s) => s.values)).toEqual([
      [20, 40, 80],
      [2, 20],
    ]);
  });

  it('FILL, RATE, DIFF, RUNNING_SUM, PERIOD, ABS, CEIL, FLOOR, LOG10', () => {
    expect(points(evaluate('FILL(m2, 0)'))).toEqual([
      [0, 1],
      [1, 0],
      [2, 10],
      [3, 0],
    ]);
    expect(points(evaluate('RATE(m1)'))).toEqual([
      [1, 10 / 60],
      [2, 20 / 60],
    ]);
    expect(points(evaluate('DIFF(m1)'))).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(points(evaluate('RUNNING_SUM(m1)'))).toEqual([
      [0, 10],
      [1, 30],
      [2, 70],
    ]);
    expect(points(evaluate('PERIOD(m2)'))).toEqual([
      [0, 60],
      [2, 60],
    ]);
    expect(evaluate('ABS(-2) + CEIL(1.2) + FLOOR(1.8) + LOG10(100)')).toEqual({ kind: 'scalar', value: 7 });
  });

  it('gives no point for a division by zero in a series, and refuses one between numbers', () => {
    expect(points(evaluate('m1 / (m2 - 1)'))).toEqual([[2, 40 / 9]]);
    expect(() => evaluate('1 / 0')).toThrow('division by zero');
  });

  it('names wrong arguments and unknown ids', () => {
    expect(() => evaluate('FILL(m1)')).toThrow('FILL takes 2 arguments, got 1');
    expect(() => evaluate('RATE(3)')).toThrow('RATE expects a time series');
    expect(() => evaluate('m9')).toThrow('m9 is unknown');
  });

  it('refuses strings outside METRICS, a series as FILL value, a FILL past MaxDatapoints and an empty aggregate', () => {
    expect(() => evaluate('"x" + 1')).toThrow('a string ("x") is only allowed as METRICS\' filter');
    expect(() => evaluate('METRICS(m1)')).toThrow('METRICS takes an optional string filter');
    expect(() => evaluate('FILL(m1, m2)')).toThrow('FILL takes a number as its second argument');
    const empty: MathSeries = { label: 'Empty', periodSec: 60, timestamps: [], values: [] };
    const wide: MathContext = {
      valueOf: () => ({ kind: 'series', series: empty }),
      metricSeries: () => [{ id: 'e', series: empty }],
      startEpochMs: T,
      endEpochMs: T + 100_801 * M,
    };
    expect(() => evaluateExpression(parseExpression('FILL(e, 0)'), wide)).toThrow(
      'FILL would make more than 100800 data points; use a longer period',
    );
    expect(() => evaluateExpression(parseExpression('SUM(e)'), wide)).toThrow(
      'SUM of a time series without data points',
    );
    // At exactly 100,800 periods FILL still answers.
    const filled = evaluateExpression(parseExpression('FILL(e, 2)'), {
      ...wide,
      endEpochMs: T + 100_800 * M,
    });
    expect(filled.kind === 'series' && [filled.series.values.length, filled.series.values[0]]).toEqual([
      100_800, 2,
    ]);
  });

  it('passes numbers through aggregates and per-value functions', () => {
    expect(evaluate('SUM(3)')).toEqual({ kind: 'scalar', value: 3 });
    expect(evaluate('LOG(1)')).toEqual({ kind: 'scalar', value: 0 });
    expect(points(evaluate('ABS(-m2)'))).toEqual([
      [0, 1],
      [2, 10],
    ]);
  });
});
