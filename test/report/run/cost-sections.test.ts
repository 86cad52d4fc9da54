/** The cost part of a report document, shared by the run report and `busload cost`. */
import { describe, expect, it } from 'vitest';
import { costSections, costTotalRow } from '../../../src/report/run/cost-sections.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

const blockIds = (sections: ReturnType<typeof costSections>) =>
  sections.map((section) => [
    section.id,
    section.title,
    section.blocks.map((block) => ('id' in block ? `${block.kind}:${block.id}` : block.kind)),
  ]);

describe('costTotalRow', () => {
  it('sums the buses column by column (decimal strings), the total being the estimate total', () => {
    expect(costTotalRow(loadQuickstartReport().cost)).toEqual([
      'total',
      '',
      '1,441,896,000',
      '105,996,000',
      '$1,441.89',
      '$112.23',
      '$1,554.12',
      '',
    ]);
  });
});

describe('costSections', () => {
  it('gives the cost per bus, line items per bus, recommendations and assumptions, in that order', () => {
    expect(blockIds(costSections(loadQuickstartReport().cost))).toEqual([
      ['cost', 'Monthly cost per bus', ['table:cost', 'paragraph']],
      [
        'line-items',
        'Cost line items',
        [
          'subheading',
          'table:line-items-orders',
          'subheading',
          'table:line-items-payments',
          'subheading',
          'table:line-items-telemetry',
        ],
      ],
      ['recommendations', 'Recommendations', ['list']],
      ['assumptions', 'Assumptions', ['table:assumptions']],
    ]);
  });

  it('puts the totals row under the cost table', () => {
    const cost = loadQuickstartReport().cost;
    const [table] = costSections(cost)[0]!.blocks;
    expect(table?.kind === 'table' && table.totalRow).toEqual(costTotalRow(cost));
  });
});
