import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/report/compare/compare.js';
import { renderComparisonJson, renderComparisonMarkdown } from '../../../src/report/compare/render.js';
import { renderComparisonHtml } from '../../../src/report/compare/render-html.js';
import { loadQuickstartAfterReport, loadQuickstartReport } from '../../helpers/report-fixture.js';

const loadAfter = loadQuickstartAfterReport;

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

  it('says "no samples" for reports without time series, and lists added and removed buses', () => {
    const before = loadQuickstartReport();
    for (const bus of before.buses) delete bus.timeSeries;
    const orders = compareReports(before, loadAfter()).buses[0]!;
    expect(orders.metrics.find((metric) => metric.key === 'p99Ms')?.latency?.verdict).toBe('no-samples');
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
