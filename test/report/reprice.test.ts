/**
 * Re-pricing a report (src/report/reprice.ts): from the model input the report recorded, or, for a report
 * written before it was recorded, from its buses, scenario.buses and reconciliation. Exact values from the
 * quickstart fixture (us-east-1, bundled catalog, 30 s of replay -> factor 87,600).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { InputError } from '../../src/errors.js';
import { checkReportInvariants } from '../../src/report/invariants.js';
import { priceReports, repriceReport, usageOfReport } from '../../src/report/reprice.js';
import { parseReport } from '../../src/report/schema.js';
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

const { catalog } = await loadCatalogFile();
const s3Line = (report: RunReport, bus: string) =>
  report.cost.buses
    .find((b) => b.name === bus)!
    .lineItems.find((item) => item.priceId === 's3.standard-storage');

describe('usageOfReport / repriceReport', () => {
  it('prices the recorded input: a measured gzip ratio of 0.25 doubles the files of 1 / 8.8 x 2.2', () => {
    const report = loadQuickstartReport();
    const orders = report.pricingInputs!.buses.find((bus) => bus.name === 'orders')!;
    orders.measuredTrail = { ...orders.measuredTrail!, gzipRatio: 0.25 };
    const repriced = repriceReport(report, catalog, 'q.json');
    // 602 x 87,600 = 52,735,200 records x 1,900 B x 0.25 / 2^30 x 12 = 279.9468... GB-months x $0.023 = $6.44
    expect(s3Line(repriced, 'orders')).toMatchObject({ quantity: '279.946849', monthlyUsd: '6.44' });
    expect(usageOfReport(report, 'q.json').usage).not.toBe(report.pricingInputs!.buses); // a copy
  });

  it('rebuilds the input of an older report from reconciliation (record bytes measured, gzip ratio assumed)', () => {
    const report = loadQuickstartReport();
    delete report.pricingInputs;
    const { usage, region, projection } = usageOfReport(report, 'old.json');
    expect(region).toBe('us-east-1');
    expect(projection.factor).toBe('87600');
    expect(usage.find((bus) => bus.name === 'orders')?.measuredTrail).toEqual({
      records: 602,
      recordBytes: 1_143_800,
      gzipRatio: null,
    });
    // 52,735,200 x 1,900 / 8.8 / 2^30 x 12 = 127.248568 GB-months x $0.023 = $2.93 (the fixture's own figure)
    expect(s3Line(repriceReport(report, catalog, 'old.json'), 'orders')).toMatchObject({
      quantity: '127.248568',
      monthlyUsd: '2.93',
    });
  });

  it('refuses an older report without scenario.buses, naming the file', () => {
    const report = loadQuickstartReport();
    delete report.pricingInputs;
    delete report.scenario.buses;
    expect(() => usageOfReport(report, 'ancient.json')).toThrow(InputError);
    expect(() => usageOfReport(report, 'ancient.json')).toThrow(
      'ancient.json: scenario.buses: missing (the report is too old to re-price; re-run it)',
    );
  });

  it('keeps the quota headroom and re-prices a calendar month as that month', () => {
    const report = loadQuickstartReport();
    report.cost.quotaHeadroom = {
      quotaTps: 10_000,
      peakCallsPerSec: '70',
      usedShare: '0.7%',
      headroomCallsPerSec: '9930',
      basis: 'test',
      scope: 'account',
    };
    report.cost.month = { label: '2027-02', hours: 672, basis: 'calendar month' };
    const repriced = repriceReport(report, catalog, 'q.json');
    expect(repriced.cost.quotaHeadroom).toEqual(report.cost.quotaHeadroom);
    expect(repriced.cost.month).toEqual({ label: '2027-02', hours: 672, basis: 'calendar month' });
    // telemetry: 1,048,572,000 chunks x 672 / 730 = 965,260,800
    expect(repriced.cost.buses.find((bus) => bus.name === 'telemetry')?.monthly.customEvents).toBe(
      '965260800',
    );
  });

  it('refuses a region the catalog lacks', () => {
    const report = loadQuickstartReport();
    report.cost.catalog.region = 'mars-north-1';
    expect(() => repriceReport(report, catalog, 'q.json')).toThrow(
      'q.json: cost.catalog.region mars-north-1: not in catalog aws-2026-11-23',
    );
  });
});

describe('priceReports: the note says which was done', () => {
  it('as recorded: the stored blocks, unchanged', () => {
    const before = loadQuickstartReport();
    const { reports, note } = priceReports({ before: { report: before, file: 'b.json' } }, catalog, true);
    expect(reports.before).toBe(before);
    expect(note.mode).toBe('as-recorded');
    expect(note.text).toMatch(/^Costs as recorded in the reports \(--as-recorded\): before: model /);
  });
});

describe('the recorded pricing inputs in report.json', () => {
  it('are checked by the schema and must name the report buses', () => {
    const report = loadQuickstartReport();
    report.pricingInputs!.buses[0]!.counts.requestsSucceeded = -1;
    const parsed = parseReport(JSON.parse(JSON.stringify(report)));
    expect('problems' in parsed && parsed.problems[0]).toMatch(
      /^pricingInputs\.buses\[0\]\.counts\.requestsSucceeded: /,
    );
    const renamed = loadQuickstartReport();
    renamed.pricingInputs!.buses[0]!.name = 'ledger';
    expect(checkReportInvariants(renamed)).toEqual([
      "pricingInputs.buses (ledger, payments, telemetry) must name the report's buses (orders, payments, telemetry)",
    ]);
  });
});
