import { describe, expect, it } from 'vitest';
import { MetricMathError, parseExpression } from '../../../src/endpoint/cloudwatch/math-parser.js';

describe('metric math parser', () => {
  it('builds the tree with the usual precedence: * and / over + and -, ^ binding right', () => {
    expect(parseExpression('100 * m2 / m1')).toEqual({
      type: 'binary',
      operator: '/',
      left: {
        type: 'binary',
        operator: '*',
        left: { type: 'number', value: 100 },
        right: { type: 'id', name: 'm2' },
      },
      right: { type: 'id', name: 'm1' },
    });
    expect(parseExpression('a + b * c')).toEqual({
      type: 'binary',
      operator: '+',
      left: { type: 'id', name: 'a' },
      right: {
        type: 'binary',
        operator: '*',
        left: { type: 'id', name: 'b' },
        right: { type: 'id', name: 'c' },
      },
    });
    expect(parseExpression('2 ^ 3 ^ 2')).toEqual({
      type: 'binary',
      operator: '^',
      left: { type: 'number', value: 2 },
      right: {
        type: 'binary',
        operator: '^',
        left: { type: 'number', value: 3 },
        right: { type: 'number', value: 2 },
      },
    });
  });

  it('reads parentheses, unary minus, decimals and exponents, strings and calls (names any case)', () => {
    expect(parseExpression('-(m1 - .5e1)')).toEqual({
      type: 'unary',
      operand: {
        type: 'binary',
        operator: '-',
        left: { type: 'id', name: 'm1' },
        right: { type: 'number', value: 5 },
      },
    });
    expect(parseExpression("sum(METRICS('err'))")).toEqual({
      type: 'call',
      name: 'SUM',
      args: [{ type: 'call', name: 'METRICS', args: [{ type: 'string', value: 'err' }] }],
    });
    expect(parseExpression('FILL( m1 , 0 )')).toEqual({
      type: 'call',
      name: 'FILL',
      args: [
        { type: 'id', name: 'm1' },
        { type: 'number', value: 0 },
      ],
    });
    expect(parseExpression('METRICS()')).toEqual({ type: 'call', name: 'METRICS', args: [] });
  });

  it('names syntax errors and unknown functions', () => {
    expect(() => parseExpression('m1 +')).toThrow('the expression ends too early');
    expect(() => parseExpression('m1 ) 2')).toThrow("unexpected ')' at position 4");
    expect(() => parseExpression('m1 % 2')).toThrow("unexpected character '%' at position 4");
    expect(() => parseExpression('SEARCH(x)')).toThrow(
      'the busload emulator does not evaluate the function SEARCH',
    );
    expect(() => parseExpression("METRICS('m")).toThrow('unterminated string at position 9');
    expect(() => parseExpression('SUM(m1')).toThrow("expected ')' at the end");
    expect(() => parseExpression('SUM(m1 m2)')).toThrow("expected ')' at position 8");
    expect(() => parseExpression('')).toThrow(MetricMathError);
  });
});
