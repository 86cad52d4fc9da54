/**
 * `busload compare <before.json> <after.json>`: before/after evidence for a design review, per bus, in
 * Markdown (default), JSON or a self-contained HTML page; to stdout or --out.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import { example } from '../help.js';
import { type BusloadCommand, type FlagsOf, formatOption, REPRICING_OPTIONS } from '../options.js';
import { loadReportOrFail, priceForCommand } from '../report-input.js';
import { TOOL_VERSION } from '../version.js';

function builder(yargs: Argv) {
  return yargs
    .positional('before', {
      type: 'string',
      demandOption: true,
      describe: 'report.json of the baseline run',
    })
    .positional('after', {
      type: 'string',
      demandOption: true,
      describe: 'report.json of the changed run',
    })
    .options({
      format: formatOption(['md', 'json', 'html']),
      out: {
        type: 'string',
        describe: 'write to this file instead of stdout (stdout then gets the path and the summary sentence)',
      },
      'allow-different': {
        type: 'boolean',
        default: false,
        describe:
          'compare reports of different scenarios (neither the same name nor the same scenario family); the comparison says what differs',
      },
      ...REPRICING_OPTIONS,
    })
    .example(...example('$0 compare before/report.json after/report.json', 'Markdown for the pull request'))
    .example(
      ...example(
        '$0 compare before/report.json after/report.json --format html --out compare.html',
        'one offline page',
      ),
    );
}

/** The flags of `busload compare`, as its handler gets them. */
export type CompareFlags = FlagsOf<typeof builder>;

export const compareCommand: BusloadCommand<typeof builder> = {
  command: 'compare <before> <after>',
  describe:
    'before/after evidence for a design review: per-bus deltas of calls, entries per call, cost and latency',
  builder,
  handler: compare,
};

/** Compares the two reports and prints (or writes) the comparison. */
async function compare(options: CompareFlags): Promise<number> {
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
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
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
