/**
 * Problems found in scenario files, and the error that carries them to the CLI (exit code 2).
 */

/** One thing wrong with a scenario file: where it is and what was expected. */
export interface ScenarioProblem {
  /** The file as the user named it. */
  file: string;
  /** 1-based line of the offending node (of its parent for a missing key); null when there is none. */
  line: number | null;
  /** 1-based column, with the same rules as `line`. */
  column: number | null;
  /** Field path such as `producers[2].rate`; '' for the file as a whole. */
  path: string;
  /** What is wrong and the expected form. */
  message: string;
}

/** Thrown by `parseScenario` / `loadScenario` when a file has problems; it lists all of them. */
export class ScenarioError extends Error {
  /** Every problem found, in file order. */
  readonly problems: ScenarioProblem[];

  /** @param problems - at least one problem; the message is their {@link formatProblems} rendering. */
  constructor(problems: ScenarioProblem[]) {
    super(formatProblems(problems));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/**
 * Renders problems one per line as `<file>:<line>:<col> <path>: <message>`. Without a line the location
 * is the file alone; without a path (the file as a whole) the path part is left out.
 * @example formatProblems([{ file: 'a.yaml', line: 3, column: 5, path: 'duration', message: 'must be > 0' }])
 *   // 'a.yaml:3:5 duration: must be > 0'
 */
export function formatProblems(problems: readonly ScenarioProblem[]): string {
  return problems.map(formatProblem).join('\n');
}

function formatProblem(problem: ScenarioProblem): string {
  let location = problem.file;
  if (problem.line !== null) location += `:${problem.line}:${problem.column ?? 1}`;
  const path = problem.path === '' ? '' : ` ${problem.path}`;
  return `${location}${path}: ${problem.message}`;
}
