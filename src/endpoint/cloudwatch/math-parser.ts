/**
 * The parser of metric math for GetMetricData's `Expression` queries (docs/aws-behaviour.md §7.2), as
 * CloudWatch documents the syntax
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html, read 2026-12-07):
 * numbers, query ids, strings (METRICS' filter), `+ - * / ^` with the usual precedence (`^` binds right),
 * unary minus, parentheses, and calls of the functions math-evaluator.ts evaluates. Any other function
 * (SEARCH, IF, ANOMALY_DETECTION_BAND, ...) is refused by name. Pure: no clock, no I/O.
 */

/** A refused or failing expression; the message names the problem. */
export class MetricMathError extends Error {}

/** A parsed expression. */
export type MathNode =
  | { type: 'number'; value: number }
  | { type: 'id'; name: string }
  | { type: 'string'; value: string }
  | { type: 'unary'; operand: MathNode }
  | { type: 'binary'; operator: '+' | '-' | '*' | '/' | '^'; left: MathNode; right: MathNode }
  | { type: 'call'; name: string; args: MathNode[] };

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'punct'; value: string; at: number };

const FUNCTIONS: ReadonlySet<string> = new Set([
  'ABS',
  'CEIL',
  'FLOOR',
  'LOG',
  'LOG10',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'STDDEV',
  'METRICS',
  'FILL',
  'RATE',
  'DIFF',
  'RUNNING_SUM',
  'PERIOD',
]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text.slice(i));
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name !== null) {
      tokens.push({ kind: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new MetricMathError(`unterminated string at position ${i + 1}`);
      tokens.push({ kind: 'string', value: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    if ('+-*/^(),'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, at: i });
      i++;
      continue;
    }
    throw new MetricMathError(`unexpected character '${c}' at position ${i + 1}`);
  }
  return tokens;
}

/**
 * Parses an expression.
 * Example: `100 * m2 / m1` -> binary(*, 100, binary(/, m2, m1)) with the usual precedence.
 * @throws MetricMathError naming the position of a syntax error or an unknown function
 */
export function parseExpression(text: string): MathNode {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const expect = (value: string): void => {
    const token = tokens[position];
    if (token?.kind !== 'punct' || token.value !== value) {
      throw new MetricMathError(
        token === undefined
          ? `expected '${value}' at the end`
          : `expected '${value}' at position ${token.at + 1}`,
      );
    }
    position++;
  };
  const binary = (operators: string, next: () => MathNode, rightAssociative = false): (() => MathNode) => {
    const parse = (): MathNode => {
      let left = next();
      for (;;) {
        const token = peek();
        if (token?.kind !== 'punct' || !operators.includes(token.value)) return left;
        position++;
        const right = rightAssociative ? parse() : next();
        left = { type: 'binary', operator: token.value as '+', left, right };
        if (rightAssociative) return left;
      }
    };
    return parse;
  };
  const primary = (): MathNode => {
    const token = tokens[position++];
    if (token === undefined) throw new MetricMathError('the expression ends too early');
    if (token.kind === 'number') return { type: 'number', value: token.value };
    if (token.kind === 'string') return { type: 'string', value: token.value };
    if (token.kind === 'punct' && token.value === '(') {
      const inner = additive();
      expect(')');
      return inner;
    }
    if (token.kind === 'punct' && token.value === '-') return { type: 'unary', operand: power() };
    if (token.kind === 'name') {
      const next = peek();
      if (next?.kind === 'punct' && next.value === '(') {
        const name = token.value.toUpperCase();
        if (!FUNCTIONS.has(name)) {
          throw new MetricMathError(`the busload emulator does not evaluate the function ${token.value}`);
        }
        position++;
        const args: MathNode[] = [];
        const close = peek();
        if (!(close?.kind === 'punct' && close.value === ')')) {
          args.push(additive());
          while (peek()?.kind === 'punct' && peek()!.value === ',') {
            position++;
            args.push(additive());
          }
        }
        expect(')');
        return { type: 'call', name, args };
      }
      return { type: 'id', name: token.value };
    }
    throw new MetricMathError(`unexpected '${token.value}' at position ${token.at + 1}`);
  };
  const power: () => MathNode = binary('^', primary, true);
  const multiplicative = binary('*/', power);
  const additive = binary('+-', multiplicative);
  const tree = additive();
  if (position < tokens.length) {
    throw new MetricMathError(
      `unexpected '${tokens[position]!.value}' at position ${tokens[position]!.at + 1}`,
    );
  }
  return tree;
}
