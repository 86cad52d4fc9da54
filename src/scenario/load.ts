/**
 * Loading scenario files: read, parse (YAML or JSON, both through the `yaml` package so every problem
 * gets a line), validate against the schema and the cross-field checks, collect EVERY problem, and
 * normalise. Problems are returned by {@link validateScenarioText}; {@link parseScenario} and
 * {@link loadScenario} throw them as one {@link ScenarioError}.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { checkCrossFields, type RawProblem } from './checks.js';
import { ScenarioError, type ScenarioProblem } from './errors.js';
import { problemsFromIssues } from './issues.js';
import {
  checkScenarioLimits,
  MAX_SCENARIO_FILE_BYTES,
  MAX_SERIES_FILE_BYTES,
  type RunLimitsCheck,
} from './limits.js';
import { formatPath, locatePath, pathOfKeyAt } from './locate.js';
import { normaliseScenario } from './normalise.js';
import { type ScenarioFileParsed, scenarioFileSchema } from './schema.js';
import { parseSeriesText } from './series.js';
import type { LoadedScenario, Scenario } from './types.js';
import { describeValue } from './units.js';

export { formatProblems, ScenarioError, type ScenarioProblem } from './errors.js';

/** The outcome of validating one scenario text. */
export type ScenarioValidation =
  | { ok: true; scenario: Scenario }
  | { ok: false; problems: ScenarioProblem[] };

/** Aliases allowed while converting the document (guards against "billion laughs" documents). */
const MAX_ALIAS_COUNT = 100;

/**
 * Validates a scenario text and returns the scenario or every problem found (never throws for bad input).
 * @param text - the file's content (YAML or JSON).
 * @param file - the file name as the user gave it; it is put in every problem.
 * @param runLimits - the run limits to check the normalised scenario against, located in the file like
 *   every other problem: src/schedule/limits.ts `checkRunLimits` (what `validate` and `run` pass), or by
 *   default only the scenario's own limits (src/scenario/limits.ts; this floor cannot see shape peaks).
 */
export function validateScenarioText(
  text: string,
  file: string,
  runLimits: RunLimitsCheck = checkScenarioLimits,
): ScenarioValidation {
  const textBytes = Buffer.byteLength(text, 'utf8');
  if (textBytes > MAX_SCENARIO_FILE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: null,
          column: null,
          path: '',
          message: tooLarge(
            textBytes,
            MAX_SCENARIO_FILE_BYTES,
            'a scenario file; put long replay series in a series file (shape.file)',
          ),
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ScenarioProblem[] = [];
  const at = (path: ReadonlyArray<string | number>, message: string): ScenarioProblem => {
    const position = locatePath(doc, lineCounter, path);
    return {
      file,
      line: position?.line ?? null,
      column: position?.column ?? null,
      path: formatPath(path),
      message,
    };
  };

  let syntaxBroken = false;
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      problems.push(duplicateKeyProblem(doc, lineCounter, error, file));
    } else {
      syntaxBroken = true;
      problems.push(yamlErrorProblem(lineCounter, error, file));
    }
  }
  if (syntaxBroken) return { ok: false, problems: sortProblems(problems) };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    problems.push({
      file,
      line: null,
      column: null,
      path: '',
      message: `invalid YAML: ${errorMessage(error)}`,
    });
    return { ok: false, problems };
  }
  if (raw === null || raw === undefined) {
    problems.push({
      file,
      line: null,
      column: null,
      path: '',
      message:
        'the file is empty; expected a scenario mapping with name, region, duration, buses and producers',
    });
    return { ok: false, problems };
  }

  const parsed = scenarioFileSchema.safeParse(raw, { reportInput: true, error: fallbackMessage });
  const rawProblems: RawProblem[] = [
    ...(parsed.success ? [] : problemsFromIssues(parsed.error.issues)),
    ...checkCrossFields(raw),
  ];
  for (const problem of dedupe(rawProblems)) problems.push(at(problem.path, problem.message));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  const seriesProblems = loadReplaySeries(parsed.data, file);
  if (seriesProblems.length > 0) {
    return { ok: false, problems: sortProblems(seriesProblems.map((p) => at(p.path, p.message))) };
  }
  const scenario = normaliseScenario(parsed.data);
  const limitProblems = runLimits(scenario);
  if (limitProblems.length > 0) {
    return { ok: false, problems: sortProblems(limitProblems.map((p) => at(p.path, p.message))) };
  }
  return { ok: true, scenario };
}

/**
 * Parses and validates a scenario text.
 * @param text - the file's content (YAML or JSON).
 * @param file - the file name for messages.
 * @param runLimits - the run limits to check (see {@link validateScenarioText})
 * @throws ScenarioError listing every problem.
 */
export function parseScenario(
  text: string,
  file: string,
  runLimits: RunLimitsCheck = checkScenarioLimits,
): LoadedScenario {
  const validation = validateScenarioText(text, file, runLimits);
  if (!validation.ok) throw new ScenarioError(validation.problems);
  return { scenario: validation.scenario, file, sha256: sha256Hex(Buffer.from(text, 'utf8')) };
}

/**
 * Reads, parses and validates a scenario file; the sha256 is of the file's bytes as read.
 * @param runLimits - the run limits to check (see {@link validateScenarioText})
 * @throws ScenarioError listing every problem, including a file that cannot be read.
 */
export async function loadScenario(
  file: string,
  runLimits: RunLimitsCheck = checkScenarioLimits,
): Promise<LoadedScenario> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > MAX_SCENARIO_FILE_BYTES) {
      throw new ScenarioError([
        {
          file,
          line: null,
          column: null,
          path: '',
          message: tooLarge(
            info.size,
            MAX_SCENARIO_FILE_BYTES,
            'a scenario file; put long replay series in a series file (shape.file)',
          ),
        },
      ]);
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError([
      { file, line: null, column: null, path: '', message: readFailure(file, error) },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ScenarioError([
      { file, line: null, column: null, path: '', message: `cannot read ${file}: not UTF-8 text` },
    ]);
  }
  const validation = validateScenarioText(text, file, runLimits);
  if (!validation.ok) throw new ScenarioError(validation.problems);
  return { scenario: validation.scenario, file, sha256: sha256Hex(bytes) };
}

/**
 * Reads the series file of every `replay` shape that names one (relative to the scenario file) into its
 * `counts`, in place; returns the problems (unreadable or malformed files) at `producers[i].shape.file`.
 */
function loadReplaySeries(data: ScenarioFileParsed, scenarioFile: string): RawProblem[] {
  const problems: RawProblem[] = [];
  data.producers.forEach((producer, index) => {
    const shape = producer.shape;
    if (shape?.kind !== 'replay' || shape.file === undefined) return;
    const path = ['producers', index, 'shape', 'file'];
    const seriesFile = resolve(dirname(scenarioFile), shape.file);
    let text: string;
    try {
      const size = statSync(seriesFile).size;
      if (size > MAX_SERIES_FILE_BYTES) {
        problems.push({ path, message: tooLarge(size, MAX_SERIES_FILE_BYTES, 'a replay series file') });
        return;
      }
      text = readFileSync(seriesFile, 'utf8');
    } catch (error) {
      problems.push({ path, message: readFailure(shape.file, error) });
      return;
    }
    const series = parseSeriesText(text, shape.file);
    if (!series.ok) problems.push({ path, message: series.message });
    else shape.counts = series.counts;
  });
  return problems;
}

function tooLarge(bytes: number, limitBytes: number, what: string): string {
  const mib = (n: number): string => `${(n / 1_048_576).toFixed(1)} MiB`;
  return `the file is ${mib(bytes)}; expected at most ${mib(limitBytes)} for ${what}`;
}

function readFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `cannot read ${file}: no such file`;
  if (code === 'EISDIR') return `cannot read ${file}: it is a directory; expected a scenario file`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${file}: permission denied`;
  return `cannot read ${file}: ${errorMessage(error)}`;
}

function duplicateKeyProblem(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  error: YAMLError,
  file: string,
): ScenarioProblem {
  const path = pathOfKeyAt(doc, error.pos[0]);
  const key = path?.[path.length - 1];
  const position = lineCounter.linePos(error.pos[0]);
  return {
    file,
    line: position.line,
    column: position.col,
    path: path === null ? '' : formatPath(path),
    message:
      key === undefined
        ? 'duplicate key; each key may appear once in a mapping'
        : `duplicate key "${key}"; each key may appear once in a mapping`,
  };
}

function yamlErrorProblem(lineCounter: LineCounter, error: YAMLError, file: string): ScenarioProblem {
  const position = lineCounter.linePos(error.pos[0]);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  return {
    file,
    line: position.line,
    column: position.col,
    path: '',
    message: `invalid YAML: ${firstLine}`,
  };
}

/** A message for any issue whose schema did not say what it expected (should not happen; kept safe). */
function fallbackMessage(issue: { code?: string; input?: unknown }): string {
  return issue.input === undefined ? 'is required' : `invalid value ${describeValue(issue.input)}`;
}

function dedupe(problems: RawProblem[]): RawProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${formatPath(problem.path)}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** File order: by line and column (problems without a line first), stable otherwise. */
function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
