/**
 * `busload validate <scenario...>`: every problem of every file, then exit 0 or 2.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ExitCode } from '../../errors.js';
import { thresholdProblems } from '../../report/gate/thresholds.js';
import { ScenarioError } from '../../scenario/errors.js';
import { formatProblems, loadScenario } from '../../scenario/load.js';
import { checkRunLimits } from '../../schedule/limits.js';

/**
 * Why a path given to validate is not a scenario file, or null when it should be validated: so that
 * `busload validate scenarios/*` works on the shipped folder (its JSON Schema and replay series beside
 * the scenarios).
 */
async function notAScenario(file: string): Promise<string | null> {
  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) return 'a directory';
  if (/\.(csv|tsv)$/i.test(file)) return 'a replay series (checked through the scenario that names it)';
  if (basename(file) === 'schema.json') {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes('"title": "busload scenario"')) return 'the scenario JSON Schema';
  }
  return null;
}

/**
 * The files to validate: a directory stands for its scenario files (*.yaml, *.yml, *.json, in name order);
 * an empty directory is a problem, not a silent success.
 */
async function expandPaths(paths: string[]): Promise<{ files: string[]; emptyDirs: string[] }> {
  const files: string[] = [];
  const emptyDirs: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
    if (names.length === 0) emptyDirs.push(path);
    for (const name of names) files.push(join(path, name));
  }
  return { files, emptyDirs };
}

export async function validateCommand(paths: string[]): Promise<number> {
  const { files, emptyDirs } = await expandPaths(paths);
  // A directory without scenario files next to other paths (`validate scenarios/*` meets scenarios/series)
  // is skipped; given alone, nothing would be validated: that is a problem, not a success.
  const pathProblems = files.length === 0 ? emptyDirs : [];
  let failed = pathProblems.length;
  for (const empty of emptyDirs) {
    if (files.length === 0)
      process.stderr.write(`${empty}: no scenario files (*.yaml, *.yml, *.json) in the directory\n`);
    else process.stdout.write(`skipped ${empty} (a directory without scenario files)\n`);
  }
  for (const file of files) {
    const skip = await notAScenario(file);
    if (skip !== null) {
      process.stdout.write(`skipped ${file} (${skip})\n`);
      continue;
    }
    try {
      const { scenario } = await loadScenario(file, checkRunLimits);
      const thresholds = thresholdProblems(
        file,
        scenario.thresholds,
        scenario.buses.map((bus) => bus.name),
      );
      if (thresholds.length > 0) {
        failed++;
        process.stderr.write(`${thresholds.join('\n')}\n`);
        continue;
      }
      process.stdout.write(
        `ok ${file} (${scenario.name}: ${scenario.buses.length} buses, ${scenario.producers.length} producers, ${scenario.durationMs / 1000} s)\n`,
      );
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      failed++;
      process.stderr.write(`${formatProblems(error.problems)}\n`);
    }
  }
  if (failed > 0) {
    process.stderr.write(`${failed} of ${files.length + pathProblems.length} scenario file(s) invalid\n`);
    return ExitCode.invalidInput;
  }
  return ExitCode.ok;
}
