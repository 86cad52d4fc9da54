/** The run report's cost chart: each bus's monthly cost stacked by line-item component, with its table. */
import { describe, expect, it } from 'vitest';
import { costChart } from '../../../src/report/run/cost-chart.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('costChart', () => {
  it('stacks each bus by component (details in parentheses grouped), with the same numbers as a table', () => {
    const chart = costChart(loadQuickstartReport().cost);
    if (chart.kind !== 'stacked-bar') throw new Error(`unexpected kind ${chart.kind}`);
    expect(chart.categories).toEqual(['orders', 'payments', 'telemetry']);
    expect(chart.series).toEqual([
      { name: 'EventBridge custom events', colorIndex: 0, values: [131.4, 261.92, 1048.57] },
      { name: 'CloudTrail data events', colorIndex: 1, values: [52.74, 53.26, 0] },
      { name: 'S3 storage of trail files', colorIndex: 2, values: [2.93, 3.17, 0] },
      { name: 'S3 PUT requests of trail files', colorIndex: 3, values: [0.04, 0.09, 0] },
    ]);
    expect(chart.emptyReason).toBeNull();
    expect(chart.table?.rows).toEqual([
      ['orders', '$131.40', '$52.74', '$2.93', '$0.04', '$187.11'],
      ['payments', '$261.92', '$53.26', '$3.17', '$0.09', '$318.44'],
      ['telemetry', '$1,048.57', '$0.00', '$0.00', '$0.00', '$1,048.57'],
    ]);
    expect(chart.table?.columns.map((column) => `${column.align} ${column.label}`)).toEqual([
      'left bus',
      'right EventBridge custom events $/month',
      'right CloudTrail data events $/month',
      'right S3 storage of trail files $/month',
      'right S3 PUT requests of trail files $/month',
      'right total $/month',
    ]);
  });

  it('says why when the estimate prices no bus', () => {
    const cost = loadQuickstartReport().cost;
    cost.buses = [];
    const chart = costChart(cost);
    expect(chart).toMatchObject({ series: [], table: null, emptyReason: 'The estimate prices no bus.' });
  });
});
