/**
 * `busload compare <before.json> <after.json>`: before/after evidence for a design review, per bus, in
 * Markdown (default), JSON or a self-contained HTML page; to stdout or --out.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExitCode, InputError } from '../../errors.js';
import { readReportFile } from '../../report/read.js';
import type { PricingNote } from '../../report/reprice.js';
import type { RunReport } from '../../report/types.js';
import { TOOL_VERSION } from '../version.js';

export interface CompareOptions {
  before: string;
  after: string;
  format: 'md' | 'json' | 'html';
  out?: string;
  /** Keep the reports' stored cost blocks (default: re-price both with the current model and catalog). */
  asRecorded?: boolean;
  /** Catalog to re-price with (default: the bundled one). */
  catalog?: string;
  /** Compare reports of different scenarios (neither the same name nor the same family). */
  allowDifferent?: boolean;
}

/**
 * The reports a command reads, re-priced with the current model and the catalog (`--catalog`, default the
 * bundled one) unless `--as-recorded`, and the note saying which.
 */
export async function priceForCommand<Role extends string>(
  reports: Record<Role, { report: RunReport; file: string }>,
  options: { asRecorded?: boolean; catalog?: string },
): Promise<{ reports: Record<Role, RunReport>; note: PricingNote }> {
  const { priceReports } = await import('../../report/reprice.js');
  const { loadCatalogFile } = await import('../../catalog/catalog-file.js');
  const { catalog } = await loadCatalogFile(options.catalog);
  return priceReports(reports, catalog, options.asRecorded ?? false);
}

/** Reads a report for a command, turning its problems into an InputError (exit 2). */
export async function loadReportOrFail(file: string): Promise<RunReport> {
  const read = await readReportFile(file);
  if ('problems' in read) throw new InputError(read.problems.join('\n'));
  return read.report;
}

export async function compareCommand(options: CompareOptions): Promise<number> {
  const [recordedBefore, recordedAfter] = await Promise.all([
    loadReportOrFail(options.before),
    loadReportOrFail(options.after),
  ]);
  const { reports, note } = await priceForCommand(
    {
      before: { report: recordedBefore, file: options.before },
      after: { report: recordedAfter, file: options.after },
    },
    options,
  );
  // Loaded here, not at the top: `regress` imports this module for loadReportOrFail only.
  const { before, after } = reports;
  const { compareReports, scenarioRelation } = await import('../../report/compare/compare.js');
  const relation = scenarioRelation(before, after);
  if (relation.kind === 'different' && options.allowDifferent !== true) {
    throw new InputError(
      `${options.before} and ${options.after}: reports of different scenarios (${relation.differences.join('; ')}).\n` +
        'If they are variants of one design, give both scenario files the same `family:` and run them again; ' +
        'to compare them anyway, pass --allow-different (the comparison then says what differs).',
    );
  }
  const comparison = compareReports(before, after, { allowDifferent: options.allowDifferent === true });
  const { buildCompareCharts } = await import('../../report/compare/charts.js');
  const pricing = await import('../../report/pricing-note.js');
  let text: string;
  if (options.format === 'html') {
    // Only HTML loads the charting library (through render-html).
    const { renderComparisonHtml } = await import('../../report/compare/render-html.js');
    text = pricing.withPricingHtml(
      renderComparisonHtml(comparison, TOOL_VERSION, buildCompareCharts(before, after)),
      note,
    );
  } else {
    const { renderComparisonJson, renderComparisonMarkdown } = await import('../../report/compare/render.js');
    text =
      options.format === 'json'
        ? pricing.withPricingJson(renderComparisonJson(comparison), note)
        : pricing.withPricingMarkdown(
            renderComparisonMarkdown(comparison, buildCompareCharts(before, after)),
            note,
          );
  }
  if (options.out) {
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, text, 'utf8');
    // The path, then the sentence as plain text, ready to paste into a review.
    process.stdout.write(`${options.out}\n${comparison.sentence}\n`);
  } else {
    process.stdout.write(text);
  }
  return ExitCode.ok;
}
