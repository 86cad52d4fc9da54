/**
 * `busload audit <files or dirs>`: who called PutEvents on which bus, from where and how it ended, from
 * CloudTrail data-event files (the embedded endpoint's `cloudtrail/` folder, or files downloaded from a real
 * trail's S3 bucket). Files are streamed one record at a time.
 */
import { listTrailFiles, NotTrailFileError, readTrailRecords } from '../../audit/records-stream.js';
import { renderAuditJson, renderAuditMarkdown, renderAuditTable } from '../../audit/render.js';
import { AuditAccumulator } from '../../audit/summarize.js';
import { ExitCode, InputError } from '../../errors.js';

export interface AuditOptions {
  paths: string[];
  format: 'table' | 'json' | 'md';
  bus?: string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

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

export async function auditCommand(options: AuditOptions): Promise<number> {
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
