/**
 * What `cost` and `profile` print under the cost table (exact text): the month priced, the band under
 * unconfirmed assumptions, the what-ifs per bus and the quota headroom; and its Markdown list form.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { markdownDetails, renderCostDetails } from '../../src/cli/cost-details.js';
import { estimateCost } from '../../src/model/estimate.js';
import { calendarMonth } from '../../src/model/money.js';
import { usageFromScenario } from '../../src/model/projection.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('renderCostDetails', () => {
  it('prints the month, the band, each bus what-ifs and the quota headroom of the tiny fixture', async () => {
    const { scenario } = await loadScenario('test/fixtures/cli/tiny.yaml');
    const { catalog } = await loadCatalogFile();
    const declared = usageFromScenario(scenario);
    const estimate = estimateCost({
      buses: declared.usage,
      projection: declared.projection,
      catalog,
      region: 'us-east-1',
      month: calendarMonth('2027-02'),
      quota: { quotaTps: 10_000, peakCallsPerSec: declared.peakCallsPerSec, basis: 'declared' },
    });
    expect(renderCostDetails(estimate).split('\n')).toEqual([
      "Month priced: 2027-02, 672 h (calendar month; AWS's pricing pages use 730 h)",
      'Band under unconfirmed assumptions: $1,341.16 to $1,342.71/month (cloudtrail.record-growth-bytes 0..400: $1,341.16-$1,342.39; s3.trail-file-puts 12..60: $1,341.16-$1,341.48)',
      'orders what-ifs (logging $/month): full batches of 10: $53.25 (saves $50.46); by mode: trail $103.71, lake-1y $75.52, lake-7y $251.72, cloudwatch-logs $193.43; Lake is cheaper below 3152 B per record (2235 B here: lake-1y is cheaper); 1 trail copy: saves $51.86',
      'telemetry what-ifs (logging $/month): full batches of 10: $106.24 (saves $0.26); by mode: trail $106.50, lake-1y $207.88, lake-7y $692.93, cloudwatch-logs $353.48; Lake is cheaper below 1500 B per record (3068 B here: trail is cheaper)',
      'Quota headroom: peak 62 PutEvents calls/s of 10,000/s (0.6%; declared); account and region: every bus of the account shares the PutEvents quota (L-9B653E91, adjustable)',
      '',
    ]);
  });
});

describe('markdownDetails', () => {
  it('lists the lines under the given prefix, and is empty without details', () => {
    expect(markdownDetails('a\nb\n', '\n')).toBe('\n- a\n- b\n');
    expect(markdownDetails('', '\n')).toBe('');
  });
});
