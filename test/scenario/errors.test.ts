import { describe, expect, it } from 'vitest';
import { formatProblems, ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.js';

const AT_LINE: ScenarioProblem = {
  file: 'a.yaml',
  line: 3,
  column: 5,
  path: 'duration',
  message: 'must be > 0',
};

describe('formatProblems', () => {
  it('renders file:line:col path: message, one per line', () => {
    expect(
      formatProblems([
        AT_LINE,
        { file: 'a.yaml', line: 9, column: null, path: 'producers[0]', message: 'x' },
      ]),
    ).toBe('a.yaml:3:5 duration: must be > 0\na.yaml:9:1 producers[0]: x');
  });

  it('leaves out an unknown line and an empty path', () => {
    expect(
      formatProblems([{ file: 'b.yaml', line: null, column: null, path: '', message: 'cannot read b.yaml' }]),
    ).toBe('b.yaml: cannot read b.yaml');
    expect(formatProblems([])).toBe('');
  });
});

describe('ScenarioError', () => {
  it('carries its problems and their rendering as its message', () => {
    const error = new ScenarioError([AT_LINE]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ScenarioError');
    expect(error.message).toBe('a.yaml:3:5 duration: must be > 0');
    expect(error.problems).toEqual([AT_LINE]);
  });
});
