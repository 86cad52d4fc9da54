/**
 * `busload compare`: per-bus deltas, the latency noise flag, the sentence, and golden files of the Markdown
 * and JSON output (regenerate with UPDATE_GOLDEN=1 npx vitest run test/compare).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCompareCharts } from '../../src/report/compare/charts.js';
import { compareReports, latencyVerdict } from '../../src/report/compare/compare.js';
import { renderComparisonJson, renderComparisonMarkdown } from '../../src/report/compare/render.js';
import { renderComparisonHtml } from '../../src/report/compare/render-html.js';
import { escapeHtml } from '../../src/report/render-html.js';
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from '../report/fixture.js';
import { scanHtml } from '../report/html-scan.js';
import { externalReferences } from '../report/no-network.js';

const AFTER_PATH = fileURLToPath(
  new URL('../fixtures/reports/quickstart-after-report.json', import.meta.url),
);
const loadAfter = () => JSON.parse(readFileSync(AFTER_PATH, 'utf8')) as RunReport;

function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual, 'utf8');
    return;
  }
  if (!existsSync(path))
    throw new Error(`golden file ${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/compare`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('compareReports', () => {
  const comparison = compareReports(loadQuickstartReport(), loadAfter());

  it('names every bus with its deltas', () => {
    expect(comparison.buses.map((bus) => [bus.name, bus.presence])).toEqual([
      ['orders', 'both'],
      ['payments', 'both'],
      ['telemetry', 'both'],
    ]);
    const orders = Object.fromEntries(
      comparison.buses[0]!.metrics.map((m) => [m.key, [m.before, m.after, m.delta]]),
    );
    expect(orders).toEqual({
      calls: ['602', '150', '-452'],
      entriesPerCall: ['2.492', '10', '7.508'],
      dataEventsPerMonth: ['52735200', '13140000', '-39595200'],
      eventBridgeUsd: ['131.40', '131.40', '0'],
      // 13,140,000 data events $13.14 + S3 31.706454 GB-months x $0.023 = $0.73 + 8,760 PUTs $0.04
      loggingUsd: ['55.71', '13.91', '-41.8'],
      totalUsd: ['187.11', '145.31', '-41.8'],
      p50Ms: ['18.831', '17.887', '-0.944'],
      p99Ms: ['46.911', '47.679', '0.768'],
      throttledAttempts: ['0', '0', '0'],
      failedEntries: ['0', '0', '0'],
    });
    expect(comparison.totals.totalMonthlyUsd).toEqual({
      before: '1554.12',
      after: '1512.25',
      delta: '-41.87',
      changeRatio: -0.026941,
    });
  });

  it('flags latency changes within the noise of the per-interval samples, and significant ones', () => {
    const verdict = (bus: string, key: 'p50Ms' | 'p99Ms') =>
      comparison.buses.find((b) => b.name === bus)!.metrics.find((m) => m.key === key)!.latency!;
    // payments lost its slow retries and got faster: the per-interval p99s moved down clearly.
    expect(verdict('payments', 'p99Ms').verdict).toBe('significant');
    // telemetry is the same run: p = 1.
    expect(verdict('telemetry', 'p99Ms')).toMatchObject({ verdict: 'within-noise', pValue: 1 });
    // orders' whole-run p99 rose 1.6% but its per-interval p99s did not move up: noise. Its calls per interval
    // fell from ~20 to 5, so the per-interval percentiles are not like for like, and the verdict says so.
    expect(verdict('orders', 'p99Ms')).toMatchObject({ verdict: 'within-noise', pValue: 1 });
    expect(verdict('orders', 'p99Ms').caveat).toBe(
      'calls per interval differ 4x (20.1 vs 5): per-interval p99s are not like for like',
    );
  });

  it('summarises the change in one sentence: the runs, the cost, what changed on which bus, the latency verdicts', () => {
    expect(comparison.sentence).toBe(
      'From the run of quickstart at 2026-11-24 09:15 UTC to the run at 2026-11-25 09:15 UTC, the monthly cost falls from $1,554.12 to $1,512.25 per month (-$41.87, -2.7%); ' +
        'CloudTrail logging falls from $112.23 to $69.48 per month (-$42.75, -38%). ' +
        'On orders, entries per call rise from 2.49 to 10.00, PutEvents calls fall 75% (602 to 150) and CloudTrail data events fall 75% (52,735,200 to 13,140,000 per month); ' +
        'on payments, throttled attempts fall from 5 to 0 and failed entries fall from 10 to 0. ' +
        'The p99 latency of payments falls from 92.5 ms to 34.7 ms (-57.9 ms, -63%, significant); ' +
        'on orders (46.9 ms to 47.7 ms) and telemetry (11.4 ms to 11.4 ms) the p99 change is within the noise of the per-interval samples.',
    );
  });

  it('writes the sentence as plain text, pasteable into a review: no markup, every number with its unit', () => {
    const { sentence } = comparison;
    expect(sentence).not.toMatch(/[*_`|#\\<>[\]]/);
    expect(sentence).not.toContain('\n');
    // Money carries "$" and "per month", latencies "ms", percentages "%": no bare decimal number.
    const bare = sentence
      .replace(/[+-]?\$[\d,]+\.\d{2}/g, '')
      .replace(/[+-]?[\d.]+ ms/g, '')
      .replace(/[+-]?[\d.]+%/g, '')
      .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, '')
      .match(/\d+\.\d+/g);
    expect(bare).toEqual(['2.49', '10.00']); // entries per call: a ratio, named just before it
    // The Markdown shows the same sentence, and escaping it changes nothing.
    expect(renderComparisonMarkdown(comparison)).toContain(`\n> ${sentence}\n`);
  });

  it('carries the caveat of a run that did not complete in the sentence itself', () => {
    const after = loadAfter();
    after.status = 'degraded';
    after.statusReason = 'the generator was saturated';
    const result = compareReports(loadQuickstartReport(), after);
    expect(result.sentence).toMatch(
      / Caution: the after run ended degraded, so this comparison is not clean evidence\.$/,
    );
    expect(result.warnings).toEqual(['The after run is degraded: the generator was saturated.']);
  });

  it('names the two scenarios when they differ', () => {
    const before = loadQuickstartReport();
    const after = loadAfter();
    before.scenario.name = 'batching-before';
    after.scenario.name = 'batching-after';
    before.scenario.family = 'batching';
    after.scenario.family = 'batching';
    expect(compareReports(before, after).sentence).toMatch(
      /^From batching-before to batching-after, the monthly cost falls from \$1,554\.12 to \$1,512\.25 per month/,
    );
  });

  it('says "no samples" for reports without time series, and lists added and removed buses', () => {
    const before = loadQuickstartReport();
    for (const bus of before.buses) delete bus.timeSeries;
    expect(latencyVerdict(before.buses[0], loadAfter().buses[0], 'p99').verdict).toBe('no-samples');
    const after = loadAfter();
    after.buses = after.buses.filter((bus) => bus.name !== 'telemetry');
    after.cost.buses = after.cost.buses.filter((bus) => bus.name !== 'telemetry');
    const renamed = structuredClone(after.buses[0]!);
    renamed.name = 'audit';
    after.buses.push(renamed);
    const result = compareReports(before, after);
    expect(result.buses.map((bus) => [bus.name, bus.presence])).toEqual([
      ['audit', 'added'],
      ['orders', 'both'],
      ['payments', 'both'],
      ['telemetry', 'removed'],
    ]);
    expect(result.sentence).toContain('New bus: audit. Removed bus: telemetry.');
    expect(result.sentence).toContain('2 buses without per-interval samples to test');
    const telemetry = result.buses[3]!.metrics.find((m) => m.key === 'calls')!;
    expect([telemetry.before, telemetry.after, telemetry.delta]).toEqual(['1197', null, null]);
  });

  it('warns when the reports are of different scenarios or catalogs, saying what differs', () => {
    const after = loadAfter();
    after.scenario.name = 'other';
    after.run.seed = 7;
    after.run.plannedDurationMs = 10_000;
    after.run.region = 'eu-west-1';
    after.buses = after.buses.filter((bus) => bus.name !== 'telemetry');
    after.cost.catalog.id = 'aws-2027-01-01';
    const result = compareReports(loadQuickstartReport(), after, { allowDifferent: true });
    expect(result.sentence).toMatch(
      / Caution: the two reports are of different scenarios, not variants of one design\.$/,
    );
    expect(result.warnings).toEqual([
      'The reports are of different scenarios, compared as asked (--allow-different): scenario quickstart vs other; buses orders, payments, telemetry vs orders, payments; ' +
        'seed 42 vs 7; planned duration 30.0 s vs 10.0 s; region us-east-1 vs eu-west-1. ' +
        'Part of every change below is the difference between the scenarios, not the design change alone. Variants of one design should share a family (the family field of their scenario files).',
      'The reports are priced from different catalogs (aws-2026-11-23 vs aws-2027-01-01): part of the cost change is prices, not traffic.',
    ]);
    expect(result.relation).toEqual({
      kind: 'different',
      family: null,
      differences: [
        'scenario quickstart vs other',
        'buses orders, payments, telemetry vs orders, payments',
        'seed 42 vs 7',
        'planned duration 30.0 s vs 10.0 s',
        'region us-east-1 vs eu-west-1',
        'price catalog aws-2026-11-23 vs aws-2027-01-01',
      ],
    });
  });

  it('compares two variants of one family without a scenario warning', () => {
    const before = loadQuickstartReport();
    const after = loadAfter();
    before.scenario.name = 'batching-before';
    after.scenario.name = 'batching-after';
    expect(compareReports(before, after).relation.kind).toBe('different');
    before.scenario.family = 'batching';
    after.scenario.family = 'batching';
    const result = compareReports(before, after);
    expect(result.relation).toEqual({
      kind: 'same-family',
      family: 'batching',
      differences: ['scenario batching-before vs batching-after'],
    });
    expect(result.warnings).toEqual([]);
    const md = renderComparisonMarkdown(result);
    expect(md).not.toContain('Read this first');
    expect(md).toContain('| family          | batching ');
    // A family of one side only is not a family.
    delete after.scenario.family;
    expect(compareReports(before, after).relation.kind).toBe('different');
  });

  it('warns when runs of one scenario were made with different settings, naming each', () => {
    const after = loadAfter();
    after.run.seed = 7;
    after.run.transport = 'lean';
    after.run.target = 'https://events.us-east-1.amazonaws.com';
    expect(compareReports(loadQuickstartReport(), after).warnings).toEqual([
      'The runs were made with different settings: seed 42 vs 7; target local vs https://events.us-east-1.amazonaws.com; transport sdk vs lean. Part of the change may come from them, not from the design.',
    ]);
  });
});

describe('compare of runs at different rate scales', () => {
  const RATE_WARNING =
    'The runs are at different rate scales (before --rate-scale 1, after --rate-scale 2): producer rates differ by that factor, so part of the change in traffic and cost is the scale, not the design.';
  const scaled = () => {
    const after = loadAfter();
    after.run.rateScale = 2;
    return compareReports(loadQuickstartReport(), after);
  };

  it('warns, and records both rate scales in the JSON', () => {
    const comparison = scaled();
    expect(comparison.warnings).toEqual([RATE_WARNING]);
    expect([comparison.before.rateScale, comparison.after.rateScale]).toEqual([1, 2]);
    const json = JSON.parse(renderComparisonJson(comparison)) as {
      before: { rateScale: number };
      after: { rateScale: number };
      warnings: string[];
    };
    expect([json.before.rateScale, json.after.rateScale, json.warnings]).toEqual([1, 2, [RATE_WARNING]]);
  });

  it('says so first in Markdown and HTML, and shows both scales in the runs table', () => {
    const comparison = scaled();
    const md = renderComparisonMarkdown(comparison);
    expect(md).toContain(`## Read this first\n\n- **warning**: ${RATE_WARNING}\n`);
    const rateRow = md
      .split('\n')
      .filter((line) => line.startsWith('| rate scale '))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rateRow).toEqual([['', 'rate scale', '1', '2', '']]);
    // The row follows the duration, inside "Runs compared".
    const lines = md.split('\n');
    expect(lines[lines.findIndex((line) => line.startsWith('| rate scale ')) - 1]).toMatch(/^\| duration /);
    const html = renderComparisonHtml(comparison, '0.1.0');
    expect(html).toContain(
      'The runs are at different rate scales (before --rate-scale 1, after --rate-scale 2): producer rates differ by that factor',
    );
    expect(html).toContain('<tr><td>rate scale</td><td>1</td><td>2</td></tr>');
  });

  it('shows the row but no warning when both runs are at the same scale other than 1', () => {
    const before = loadQuickstartReport();
    const after = loadAfter();
    before.run.rateScale = 0.5;
    after.run.rateScale = 0.5;
    const comparison = compareReports(before, after);
    expect(comparison.warnings).toEqual([]);
    const rows = renderComparisonMarkdown(comparison)
      .split('\n')
      .filter((line) => line.startsWith('| rate scale '))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows).toEqual([['', 'rate scale', '0.5', '0.5', '']]);
  });

  it('says nothing of rate scales when both runs are at 1', () => {
    const comparison = compareReports(loadQuickstartReport(), loadAfter());
    expect(comparison.warnings).toEqual([]);
    expect(renderComparisonMarkdown(comparison)).not.toContain('rate scale');
  });
});

describe('compare output', () => {
  const before = loadQuickstartReport();
  const after = loadAfter();
  const comparison = compareReports(before, after);
  const charts = buildCompareCharts(before, after);

  it("Markdown (golden): tables only, with each bus's latency percentiles before and after", () => {
    const md = renderComparisonMarkdown(comparison, charts);
    expectGolden('compare.md', md);
    expect(md).not.toContain('<svg');
    // The bar charts' data is in the tables already: Markdown leaves them out.
    expect(md).not.toContain('PutEvents calls per bus, before and after');
    expect(md).toContain('**Chart: Latency percentile spectrum of payments, before and after.**');
  });

  it('JSON (golden)', () => {
    expectGolden('compare.json', renderComparisonJson(comparison));
  });

  it('HTML (golden)', () => {
    expectGolden('compare.html', renderComparisonHtml(comparison, '0.1.0', charts));
  });

  it('HTML: self-contained, one table per bus plus the overview, and the before/after charts', () => {
    const html = renderComparisonHtml(comparison, '0.1.0', charts);
    expect(externalReferences(html)).toEqual([]);
    const tags = scanHtml(html);
    const ids = tags.map((tag) => tag.attributes.get('id'));
    for (const id of [
      'table-compare-overview',
      'table-compare-orders',
      'table-compare-payments',
      'table-compare-telemetry',
      'chart-compare-calls',
      'chart-compare-entries-per-call',
      'chart-compare-data-events',
      'chart-compare-cost',
      'chart-compare-spectrum-orders',
      'chart-compare-spectrum-payments',
      'chart-compare-spectrum-telemetry',
    ]) {
      expect(ids).toContain(id);
    }
    // 4 bar charts and 3 spectra, each an SVG with drawn paths.
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(7);
    for (const svg of svgs) expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(5);
    expect(html).toContain(`<blockquote class="sentence">${escapeHtml(comparison.sentence)}</blockquote>`);
  });

  it("charts carry the reports' numbers: bars per bus and side, spectra before (dashed) and after (solid)", () => {
    const calls = charts.bars[0]!;
    if (calls.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(calls.categories).toEqual(['orders', 'payments', 'telemetry']);
    expect(calls.series.map((series) => [series.name, series.values, series.faded === true])).toEqual([
      ['before', [602, 300, 1197], true],
      ['after', [150, 300, 1197], false],
    ]);
    const cost = charts.bars[3]!;
    if (cost.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(cost.series.map((series) => [series.name, series.stack, series.values])).toEqual([
      ['before: EventBridge', 'before', [131.4, 261.92, 1048.57]],
      ['before: CloudTrail logging', 'before', [55.71, 56.52, 0]],
      ['after: EventBridge', 'after', [131.4, 262.8, 1048.57]],
      ['after: CloudTrail logging', 'after', [13.91, 55.57, 0]],
    ]);
    const payments = charts.spectra.get('payments')!;
    if (payments.kind === 'stacked-bar') throw new Error('unexpected kind');
    expect(payments.series.map((series) => [series.name, series.style])).toEqual([
      ['payments before', 'dashed'],
      ['payments after', 'solid'],
    ]);
    // The p99 row of the table is the whole-run p99 of each report.
    const p99 = payments.table!.rows.find((row) => row[0] === 'p99')!;
    expect(p99).toEqual(['p99', '92.5', '34.7', '-57.9 ms']);
  });

  it('a bus on one side only gets its one spectrum and "-" bars on the other side', () => {
    const trimmed = loadAfter();
    trimmed.buses = trimmed.buses.filter((bus) => bus.name !== 'telemetry');
    trimmed.cost.buses = trimmed.cost.buses.filter((bus) => bus.name !== 'telemetry');
    const result = buildCompareCharts(loadQuickstartReport(), trimmed);
    const calls = result.bars[0]!;
    if (calls.kind !== 'stacked-bar') throw new Error('unexpected kind');
    expect(calls.series[1]!.values).toEqual([150, 300, null]);
    expect(calls.table!.rows[2]).toEqual(['telemetry', '1,197', '-']);
    const telemetry = result.spectra.get('telemetry')!;
    if (telemetry.kind === 'stacked-bar') throw new Error('unexpected kind');
    expect(telemetry.series.map((series) => series.name)).toEqual(['telemetry before']);
    const html = renderComparisonHtml(compareReports(loadQuickstartReport(), trimmed), '0.1.0', result);
    expect(html.match(/<svg/g)).toHaveLength(7);
  });
});
