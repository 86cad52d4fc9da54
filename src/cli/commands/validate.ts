/**
 * `busload validate <scenario...>`: every problem of every file, then exit 0 or 2.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ScenarioError } from '../../scenario/errors.js';
import { formatProblems, loadScenario } from '../../scenario/load.js';
import { ExitCode } from '../errors.js';

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

export async function validateCommand(files: string[]): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const skip = await notAScenario(file);
    if (skip !== null) {
      process.stdout.write(`skipped ${file} (${skip})\n`);
      continue;
    }
    try {
      const { scenario } = await loadScenario(file);
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
    process.stderr.write(`${failed} of ${files.length} scenario file(s) invalid\n`);
    return ExitCode.invalidInput;
  }
  return ExitCode.ok;
}
