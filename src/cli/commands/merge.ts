/**
 * `busload merge <report.json...> --out <dir>`: the exact merge of shard reports (counts summed, histograms
 * added, time series aligned, cost re-estimated) into report.json, report.md and report.html.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import type { ShardReport } from '../../report/merge.js';
import { example } from '../help.js';
import { type BusloadCommand, CATALOG_OPTION, type FlagsOf } from '../options.js';
import { TOOL_VERSION } from '../version.js';

function builder(yargs: Argv) {
  return yargs
    .positional('reports', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'the report.json of every shard',
    })
    .options({
      out: {
        type: 'string',
        demandOption: true,
        describe: 'directory for the merged reports',
      },
      catalog: CATALOG_OPTION,
    })
    .example(
      ...example(
        '$0 merge shards/*/report.json --out merged',
        'one report of the whole plan from the shards of an Indexed Job',
      ),
    );
}

/** The flags of `busload merge`, as its handler gets them. */
export type MergeFlags = FlagsOf<typeof builder>;

export const mergeCommand: BusloadCommand<typeof builder> = {
  command: 'merge <reports..>',
  describe: 'merge shard reports exactly (counts summed, histograms added, cost re-estimated)',
  builder,
  handler: merge,
};

async function readShard(file: string): Promise<ShardReport> {
  const { parseShardReport } = await import('../../report/merge.js');
  const { parseReport } = await import('../../report/schema.js');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: cannot read the report (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${file}: (top level): expected a report.json (valid JSON): ${(error as Error).message}`,
    );
  }
  const shard = parseShardReport(file, json);
  // The report schema and its invariants (counts add up, histograms valid): a broken shard is not merged.
  const checked = parseReport(json);
  if ('problems' in checked)
    throw new InputError(checked.problems.map((problem) => `${file}: ${problem}`).join('\n'));
  return shard;
}

/** Merges the shard reports into one run directory and prints its summary. */
async function merge(options: MergeFlags): Promise<number> {
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
  const { loadCatalogFile } = await import('../../catalog/catalog-file.js');
  const { mergeShardReports } = await import('../../report/merge.js');
  const { renderSummary } = await import('../../report/run/summary.js');
  const { writeRunReports } = await import('../../report/write.js');
  if (options.reports.length < 1) throw new InputError('merge: name the shard reports (report.json files)');
  if (typeof options.out !== 'string' || options.out.trim() === '') {
    throw new InputError('--out: expected the directory for the merged reports');
  }
  const problems: string[] = [];
  const shards: ShardReport[] = [];
  for (const file of options.reports) {
    try {
      shards.push(await readShard(file));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  const { catalog } = await loadCatalogFile(options.catalog);
  const report = mergeShardReports(shards, { catalog, toolVersion: TOOL_VERSION });
  const dir = resolve(options.out);
  await writeRunReports(dir, report);
  process.stdout.write(
    renderSummary(report, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }),
  );
  process.stdout.write(
    `merged ${shards.length} shard${shards.length === 1 ? '' : 's'} of ${report.scenario.name}: ${report.totals.entries.planned} planned entries, ${report.totals.requests.calls} calls\n${dir}\n`,
  );
  return ExitCode.ok;
}
