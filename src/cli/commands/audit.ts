/**
 * `busload audit <files or dirs>`: who called PutEvents on which bus, from where and how it ended, from
 * CloudTrail data-event files (the embedded endpoint's `cloudtrail/` folder, or files downloaded from a real
 * trail's S3 bucket). Files are streamed one record at a time.
 */
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import { example } from '../help.js';
import { type BusloadCommand, type FlagsOf, formatOption } from '../options.js';

function builder(yargs: Argv) {
  return yargs
    .positional('paths', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'files or directories',
    })
    .options({
      format: formatOption(['table', 'json', 'md']),
      bus: { type: 'string', array: true, describe: 'only these buses' },
      since: { type: 'string', describe: 'only records at or after this ISO time' },
      until: { type: 'string', describe: 'only records before this ISO time' },
    })
    .example(...example('$0 audit reports/runs/rogue-producer/<time>/cloudtrail', "a run's trail files"))
    .example(
      ...example(
        '$0 audit ./trail-bucket-copy --bus orders --since 2026-11-24T00:00:00Z --format md',
        'files downloaded from a real trail bucket',
      ),
    );
}

/** The flags of `busload audit`, as its handler gets them. */
export type AuditFlags = FlagsOf<typeof builder>;

export const auditCommand: BusloadCommand<typeof builder> = {
  command: 'audit <paths..>',
  describe:
    'who called PutEvents on which bus: counts by bus x principal x source IP x outcome from CloudTrail files',
  builder,
  handler: audit,
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function timeFlag(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const epochMs = ISO_TIME.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (!Number.isFinite(epochMs)) {
    throw new InputError(
      `--${name} ${value}: expected an ISO time such as 2026-11-24T22:00:00Z (or a date, 2026-11-24)`,
    );
  }
  return epochMs;
}

/** Counts the trail records of the files by bus, principal, source IP and outcome, and prints the table. */
async function audit(options: AuditFlags): Promise<number> {
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
  const { listTrailFiles, NotTrailFileError, readTrailRecords } = await import(
    '../../audit/records-stream.js'
  );
  const { renderAuditJson, renderAuditMarkdown, renderAuditTable } = await import('../../audit/render.js');
  const { AuditAccumulator } = await import('../../audit/summarize.js');
  if (!['table', 'json', 'md'].includes(options.format)) {
    throw new InputError(`--format ${options.format}: expected table, json or md`);
  }
  const sinceEpochMs = timeFlag('since', options.since);
  const untilEpochMs = timeFlag('until', options.until);
  if (sinceEpochMs !== null && untilEpochMs !== null && untilEpochMs <= sinceEpochMs) {
    throw new InputError(`--until ${options.until}: must be after --since ${options.since}`);
  }
  const buses = (options.bus ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  if (buses.some((name) => name === '')) throw new InputError('--bus: expected a bus name (or ARN), got ""');
  const accumulator = new AuditAccumulator({ buses, sinceEpochMs, untilEpochMs });
  for await (const file of listTrailFiles(options.paths)) {
    try {
      for await (const record of readTrailRecords(file.path)) accumulator.add(record);
      accumulator.files += 1;
    } catch (error) {
      // A digest file or other JSON in a trail folder is not an error; a file named explicitly must be a trail file.
      if (error instanceof NotTrailFileError && !file.explicit) {
        accumulator.filesSkipped += 1;
        accumulator.files += 1;
        continue;
      }
      if (error instanceof NotTrailFileError) throw new InputError(error.message);
      throw error;
    }
  }
  const summary = accumulator.summary();
  if (summary.files === 0) {
    throw new InputError(`${options.paths.join(', ')}: no CloudTrail files (*.json, *.json.gz) found`);
  }
  const render =
    options.format === 'json'
      ? renderAuditJson
      : options.format === 'md'
        ? renderAuditMarkdown
        : renderAuditTable;
  process.stdout.write(render(summary));
  return ExitCode.ok;
}
