/**
 * `busload merge <report.json...> --out <dir>`: the exact merge of shard reports (counts summed, histograms
 * added, time series aligned, cost re-estimated) into report.json, report.md and report.html.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCatalogFile } from '../../catalog/catalog-file.js';
import { ExitCode, InputError } from '../../errors.js';
import { mergeShardReports, parseShardReport, type ShardReport } from '../../report/merge.js';
import { renderSummary } from '../../report/run/summary.js';
import { writeRunReports } from '../../report/write.js';
import { TOOL_VERSION } from '../version.js';

export interface MergeOptions {
  reports: string[];
  out: string;
  /** Price catalog file (default: the bundled catalog). */
  catalog?: string | undefined;
}

async function readShard(file: string): Promise<ShardReport> {
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
  // The report schema, its invariants and what a merge needs of a shard: a broken shard is not merged.
  return parseShardReport(file, json);
}

export async function mergeCommand(options: MergeOptions): Promise<number> {
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
