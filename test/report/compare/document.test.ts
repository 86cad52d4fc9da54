/** The comparison as a report document: header figures, overview, per-bus tables and the runs compared. */
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/report/compare/compare.js';
import { buildComparisonDocument } from '../../../src/report/compare/document.js';
import { loadQuickstartAfterReport, loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('buildComparisonDocument', () => {
  const doc = buildComparisonDocument(compareReports(loadQuickstartReport(), loadQuickstartAfterReport()));

  it('titles the two runs and shows the money totals with their deltas', () => {
    expect(doc.title).toBe(
      'busload compare: quickstart (2026-11-24T09:15:02.118Z) -> quickstart (2026-11-25T09:15:04.502Z)',
    );
    expect(doc.banner).toBeNull();
    expect(doc.figures).toEqual([
      { label: 'Total', value: '$1,512.25/month (-$41.87)' },
      { label: 'EventBridge', value: '$1,442.77/month (+$0.88)' },
      { label: 'CloudTrail logging', value: '$69.48/month (-$42.75)' },
    ]);
  });

  it('has the overview, one table per bus and the runs compared', () => {
    expect(
      doc.sections.map((section) => [
        section.id,
        section.blocks.map((block) => ('id' in block ? `${block.kind}:${block.id}` : block.kind)),
      ]),
    ).toEqual([
      ['overview', ['table:compare-overview', 'paragraph']],
      [
        'buses',
        [
          'subheading',
          'table:compare-orders',
          'subheading',
          'table:compare-payments',
          'subheading',
          'table:compare-telemetry',
        ],
      ],
      ['runs', ['table:compare-runs', 'paragraph']],
    ]);
  });

  it('writes the overview deltas (after minus before) with the p99 verdicts', () => {
    const [overview] = doc.sections[0]!.blocks;
    if (overview?.kind !== 'table') throw new Error('expected the overview table');
    expect(overview.rows).toEqual([
      ['orders', '2.49 -> 10.00', '-39,595,200', '$0.00', '-$41.80', '-$41.80', '46.9 -> 47.7 (noise)'],
      ['payments', '10.00 -> 10.00', '-700,800', '+$0.88', '-$0.95', '-$0.07', '92.5 -> 34.7 (significant)'],
      ['telemetry', '10.00 -> 10.00', '0', '$0.00', '$0.00', '$0.00', '11.4 -> 11.4 (noise)'],
    ]);
    expect(overview.totalRow).toEqual(['total', '', '', '+$0.88', '-$42.75', '-$41.87', '']);
  });
});
