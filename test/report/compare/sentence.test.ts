import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/report/compare/compare.js';
import { renderComparisonMarkdown } from '../../../src/report/compare/render.js';
import { loadQuickstartAfterReport, loadQuickstartReport } from '../../helpers/report-fixture.js';

const loadAfter = loadQuickstartAfterReport;

describe('compareReports', () => {
  const comparison = compareReports(loadQuickstartReport(), loadAfter());

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
});
