/**
 * Reading the reports that `compare` and `regress` take: a report whose problems become an InputError
 * (exit 2), and the re-pricing both commands apply unless `--as-recorded`.
 */
import { InputError } from '../errors.js';
import type { PricingNote } from '../report/reprice.js';
import type { RunReport } from '../report/types.js';

/**
 * The reports a command reads, re-priced with the current model and the catalog (`--catalog`, default the
 * bundled one) unless `--as-recorded`, and the note saying which.
 */
export async function priceForCommand<Role extends string>(
  reports: Record<Role, { report: RunReport; file: string }>,
  options: { asRecorded?: boolean | undefined; catalog?: string | undefined },
): Promise<{ reports: Record<Role, RunReport>; note: PricingNote }> {
  const { priceReports } = await import('../report/reprice.js');
  const { loadCatalogFile } = await import('../catalog/catalog-file.js');
  const { catalog } = await loadCatalogFile(options.catalog);
  return priceReports(reports, catalog, options.asRecorded ?? false);
}

/** Reads a report for a command, turning its problems into an InputError (exit 2). */
export async function loadReportOrFail(file: string): Promise<RunReport> {
  const { readReportFile } = await import('../report/read.js');
  const read = await readReportFile(file);
  if ('problems' in read) throw new InputError(read.problems.join('\n'));
  return read.report;
}
