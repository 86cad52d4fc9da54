/**
 * `busload validate <scenario...>`: every problem of every file, then exit 0 or 2.
 */
import { ScenarioError } from '../../scenario/errors.js';
import { formatProblems, loadScenario } from '../../scenario/load.js';
import { ExitCode } from '../errors.js';

export async function validateCommand(files: string[]): Promise<number> {
  let failed = 0;
  for (const file of files) {
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
