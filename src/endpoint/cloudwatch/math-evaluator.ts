/**
 * The evaluator of metric math for GetMetricData's `Expression` queries (docs/aws-behaviour.md §7.2):
 * arithmetic over the time series of other queries, as CloudWatch documents it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html, read 2026-12-07),
 * on the trees math-parser.ts builds.
 *
 * Served: numbers, query ids, `+ - * / ^`, unary minus, parentheses, and the functions ABS, CEIL, FLOOR, LOG,
 * LOG10, SUM, AVG, MIN, MAX, STDDEV, METRICS, FILL, RATE, DIFF, RUNNING_SUM, PERIOD (the parser refuses any
 * other by name). Pure: no clock, no I/O.
 *
 * Assumptions where CloudWatch documents no rule: two time series combine at the timestamps both have; a
 * division by zero gives no point; an expression whose result is a single number gives that number at every
 * timestamp of the request's MetricStat results.
 */
import { type MathNode, MetricMathError } from './math-parser.js';

/** One time series: points in time order, its period and its label. */
export interface MathSeries {
  label: string;
  periodSec: number;
  timestamps: number[];
  values: number[];
}

/** What an expression evaluates to. */
export type MathValue =
  | { kind: 'scalar'; value: number }
  | { kind: 'series'; series: MathSeries }
  | { kind: 'array'; series: MathSeries[] };

/** What evaluation reads: other queries' values by id, the MetricStat series, and the time grid. */
export interface MathContext {
  valueOf(id: string): MathValue;
  /** The MetricStat queries' series with their ids, in request order (for METRICS()). */
  metricSeries(): Array<{ id: string; series: MathSeries }>;
  startEpochMs: number;
  endEpochMs: number;
}

function mapSeries(series: MathSeries, f: (value: number, i: number) => number | null): MathSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < series.values.length; i++) {
    const value = f(series.values[i]!, i);
    if (value !== null && Number.isFinite(value)) {
      timestamps.push(series.timestamps[i]!);
      values.push(value);
    }
  }
  return { ...series, timestamps, values };
}

function arithmetic(operator: string, a: number, b: number): number | null {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
    default:
      return a ** b;
  }
}

/** Two series at the timestamps both have. */
function combine(operator: string, left: MathSeries, right: MathSeries): MathSeries {
  const rightAt = new Map<number, number>();
  for (let i = 0; i < right.timestamps.length; i++) rightAt.set(right.timestamps[i]!, right.values[i]!);
  return mapSeries(left, (value, i) => {
    const other = rightAt.get(left.timestamps[i]!);
    return other === undefined ? null : arithmetic(operator, value, other);
  });
}

function applyBinary(operator: string, left: MathValue, right: MathValue): MathValue {
  if (left.kind === 'scalar' && right.kind === 'scalar') {
    const value = arithmetic(operator, left.value, right.value);
    if (value === null) throw new MetricMathError('division by zero');
    return { kind: 'scalar', value };
  }
  if (left.kind === 'array') {
    return {
      kind: 'array',
      series: left.series.map((s) => asSeries(applyBinary(operator, { kind: 'series', series: s }, right))),
    };
  }
  if (right.kind === 'array') {
    return {
      kind: 'array',
      series: right.series.map((s) => asSeries(applyBinary(operator, left, { kind: 'series', series: s }))),
    };
  }
  if (left.kind === 'series' && right.kind === 'series') {
    return { kind: 'series', series: combine(operator, left.series, right.series) };
  }
  if (left.kind === 'series' && right.kind === 'scalar') {
    return { kind: 'series', series: mapSeries(left.series, (v) => arithmetic(operator, v, right.value)) };
  }
  const series = (right as { kind: 'series'; series: MathSeries }).series;
  const scalar = (left as { kind: 'scalar'; value: number }).value;
  return { kind: 'series', series: mapSeries(series, (v) => arithmetic(operator, scalar, v)) };
}

function asSeries(value: MathValue): MathSeries {
  if (value.kind !== 'series') throw new MetricMathError('expected a single time series');
  return value.series;
}

function aggregate(name: string, values: number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  switch (name) {
    case 'SUM':
      return sum;
    case 'AVG':
      return sum / values.length;
    // reduce, not Math.min(...values): a series of up to 100,800 points would overflow the call stack.
    case 'MIN':
      return values.reduce((a, b) => Math.min(a, b));
    case 'MAX':
      return values.reduce((a, b) => Math.max(a, b));
    default: {
      const mean = sum / values.length;
      return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    }
  }
}

/** Applies a per-value function to scalars, series and arrays alike. */
function perValue(value: MathValue, f: (v: number) => number): MathValue {
  if (value.kind === 'scalar') return { kind: 'scalar', value: f(value.value) };
  if (value.kind === 'series') return { kind: 'series', series: mapSeries(value.series, f) };
  return { kind: 'array', series: value.series.map((s) => mapSeries(s, f)) };
}

/** Applies a series -> series function to a series or to each series of an array. */
function perSeries(value: MathValue, name: string, f: (s: MathSeries) => MathSeries): MathValue {
  if (value.kind === 'series') return { kind: 'series', series: f(value.series) };
  if (value.kind === 'array') return { kind: 'array', series: value.series.map(f) };
  throw new MetricMathError(`${name} expects a time series`);
}

function arity(name: string, args: MathNode[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw new MetricMathError(
      `${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
}

/**
 * Evaluates a parsed expression.
 * Example: with m1 = [10, 20] and m2 = [1, 5] at the same timestamps, `100 * m2 / m1` is [10, 25].
 */
export function evaluateExpression(node: MathNode, context: MathContext): MathValue {
  const evaluate = (n: MathNode): MathValue => evaluateExpression(n, context);
  switch (node.type) {
    case 'number':
      return { kind: 'scalar', value: node.value };
    case 'string':
      throw new MetricMathError(`a string ("${node.value}") is only allowed as METRICS' filter`);
    case 'id':
      return context.valueOf(node.name);
    case 'unary':
      return perValue(evaluate(node.operand), (v) => -v);
    case 'binary':
      return applyBinary(node.operator, evaluate(node.left), evaluate(node.right));
    case 'call':
      return callFunction(node.name, node.args, context, evaluate);
  }
}

function callFunction(
  name: string,
  args: MathNode[],
  context: MathContext,
  evaluate: (n: MathNode) => MathValue,
): MathValue {
  switch (name) {
    case 'ABS':
    case 'CEIL':
    case 'FLOOR':
    case 'LOG':
    case 'LOG10': {
      arity(name, args, 1, 1);
      const f = { ABS: Math.abs, CEIL: Math.ceil, FLOOR: Math.floor, LOG: Math.log, LOG10: Math.log10 }[name];
      return perValue(evaluate(args[0]!), f);
    }
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX':
    case 'STDDEV': {
      arity(name, args, 1, 1);
      const value = evaluate(args[0]!);
      if (value.kind === 'scalar') return value;
      if (value.kind === 'series') {
        // Over one time series: a single number for the whole range.
        const result = aggregate(name, value.series.values);
        if (result === null) throw new MetricMathError(`${name} of a time series without data points`);
        return { kind: 'scalar', value: result };
      }
      // Over an array: one series, the aggregate at each timestamp of any member.
      const byTime = new Map<number, number[]>();
      for (const series of value.series) {
        series.timestamps.forEach((t, i) => {
          const list = byTime.get(t) ?? [];
          list.push(series.values[i]!);
          byTime.set(t, list);
        });
      }
      const timestamps = [...byTime.keys()].sort((a, b) => a - b);
      return {
        kind: 'series',
        series: {
          label: name,
          periodSec: value.series[0]?.periodSec ?? 60,
          timestamps,
          values: timestamps.map((t) => aggregate(name, byTime.get(t)!)!),
        },
      };
    }
    case 'METRICS': {
      arity(name, args, 0, 1);
      const filter = args[0];
      if (filter !== undefined && filter.type !== 'string') {
        throw new MetricMathError('METRICS takes an optional string filter');
      }
      const matching = context
        .metricSeries()
        .filter((entry) => filter === undefined || entry.id.includes(filter.value));
      return { kind: 'array', series: matching.map((entry) => entry.series) };
    }
    case 'FILL': {
      arity(name, args, 2, 2);
      const fill = evaluate(args[1]!);
      if (fill.kind !== 'scalar') throw new MetricMathError('FILL takes a number as its second argument');
      return perSeries(evaluate(args[0]!), name, (series) => fillSeries(series, fill.value, context));
    }
    case 'RATE':
    case 'DIFF':
      arity(name, args, 1, 1);
      return perSeries(evaluate(args[0]!), name, (series) => {
        const timestamps: number[] = [];
        const values: number[] = [];
        for (let i = 1; i < series.values.length; i++) {
          const change = series.values[i]! - series.values[i - 1]!;
          const seconds = (series.timestamps[i]! - series.timestamps[i - 1]!) / 1000;
          timestamps.push(series.timestamps[i]!);
          values.push(name === 'RATE' ? change / seconds : change);
        }
        return { ...series, timestamps, values };
      });
    case 'RUNNING_SUM':
      arity(name, args, 1, 1);
      return perSeries(evaluate(args[0]!), name, (series) => {
        let total = 0;
        return { ...series, values: series.values.map((v) => (total += v)) };
      });
    default:
      // PERIOD
      arity(name, args, 1, 1);
      return perSeries(evaluate(args[0]!), name, (series) => ({
        ...series,
        values: series.values.map(() => series.periodSec),
      }));
  }
}

/** Points FILL may create (GetMetricData's default MaxDatapoints). */
const MAX_FILLED_POINTS = 100_800;

/** A series with every period of the request's range present, the missing ones set to value. */
function fillSeries(series: MathSeries, value: number, context: MathContext): MathSeries {
  const periodMs = series.periodSec * 1000;
  const alignMs = Math.min(periodMs, 60_000);
  const first = context.startEpochMs - (((context.startEpochMs % alignMs) + alignMs) % alignMs);
  const known = new Map<number, number>();
  for (let i = 0; i < series.timestamps.length; i++) known.set(series.timestamps[i]!, series.values[i]!);
  if ((context.endEpochMs - first) / periodMs > MAX_FILLED_POINTS) {
    throw new MetricMathError(
      `FILL would make more than ${MAX_FILLED_POINTS} data points; use a longer period`,
    );
  }
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = first; t < context.endEpochMs; t += periodMs) {
    timestamps.push(t);
    values.push(known.get(t) ?? value);
  }
  return { ...series, timestamps, values };
}
