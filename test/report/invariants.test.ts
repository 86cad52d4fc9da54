import { describe, expect, it } from 'vitest';
import { checkReportInvariants } from '../../src/report/invariants.js';
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

describe('checkReportInvariants', () => {
  it('finds nothing wrong with the fixture', () => {
    expect(checkReportInvariants(loadQuickstartReport())).toEqual([]);
  });

  it('catches an entry that is not accounted for, in the bus and in the totals', () => {
    const report = loadQuickstartReport();
    report.buses[0]!.entries.planned += 1;
    expect(checkReportInvariants(report)).toEqual([
      'buses[0] (orders).entries: planned (1501) != succeeded + failed + dropped (1500 + 0 + 0 = 1500)',
      'totals.entries.planned (16500) != sum over buses (16501)',
    ]);
  });

  it('catches totals that are not the sum of the buses', () => {
    const report = loadQuickstartReport();
    report.totals.requests.throttled = 4;
    report.totals.errors = { ThrottlingException: 5 };
    expect(checkReportInvariants(report)).toEqual([
      'totals.requests.throttled (4) != sum over buses (5)',
      'totals.errors.InternalFailure (0) != sum over buses (2)',
    ]);
  });

  it('catches a non-integer or negative count', () => {
    const report = loadQuickstartReport();
    report.buses[1]!.entries.bytes = 12.5;
    report.buses[1]!.schedule.batchesLate = -1;
    const problems = checkReportInvariants(report);
    expect(problems).toContain('buses[1] (payments).entries.bytes must be a non-negative integer, got 12.5');
    expect(problems).toContain(
      'buses[1] (payments).schedule.batchesLate must be a non-negative integer, got -1',
    );
  });

  it('catches a cost estimate that prices other buses than the report', () => {
    const report = loadQuickstartReport();
    report.cost.buses[2]!.name = 'metrics';
    const problems = checkReportInvariants(report);
    expect(problems).toContain('cost.buses lacks report buses: telemetry');
    expect(problems).toContain('cost.buses has buses the report does not: metrics');
  });

  it('catches money that is not a decimal string', () => {
    const report = loadQuickstartReport();
    const orders = report.cost.buses[0]!;
    (orders.monthly as unknown as Record<string, unknown>)['loggingUsd'] = 55.71;
    orders.lineItems[0]!.unitPriceUsd = '1e-6';
    report.cost.totalMonthlyUsd = '$1,554.12';
    expect(checkReportInvariants(report)).toEqual([
      'cost.totalMonthlyUsd must be a non-negative decimal string, got "$1,554.12"',
      'cost.buses[0] (orders).monthly.loggingUsd must be a non-negative decimal string, got 55.71',
      'cost.buses[0] (orders).lineItems[0].unitPriceUsd must be a non-negative decimal string, got "1e-6"',
    ]);
  });

  it('accepts a null line-item amount ("depends on usage") but not a missing one', () => {
    const report = loadQuickstartReport();
    // Older reports carried null amounts; the model no longer writes them, but readers accept them.
    report.cost.buses[1]!.lineItems[2]!.monthlyUsd = null;
    expect(checkReportInvariants(report)).toEqual([]);
    (report.cost.buses[1]!.lineItems[2] as unknown as Record<string, unknown>)['monthlyUsd'] = undefined;
    expect(checkReportInvariants(report)).toEqual([
      'cost.buses[1] (payments).lineItems[2].monthlyUsd must be a non-negative decimal string, got undefined',
    ]);
  });

  it('catches cost totals that do not add up (beyond half a cent per rounded amount)', () => {
    const report = loadQuickstartReport();
    report.cost.buses[0]!.monthly.totalUsd = '187.13';
    report.cost.totalMonthlyUsd = '1554.14';
    expect(checkReportInvariants(report)).toEqual([
      'cost.buses[0] (orders).monthly.totalUsd (187.13) != eventBridgeUsd + loggingUsd',
    ]);
    report.cost.totalMonthlyUsd = '1600.00';
    expect(checkReportInvariants(report)).toContain(
      "cost.totalMonthlyUsd (1600.00) != sum of the buses' totalUsd",
    );
  });

  it('requires a reason when the run did not complete', () => {
    const report = loadQuickstartReport();
    report.status = 'failed';
    expect(checkReportInvariants(report)).toEqual(['statusReason is required when status is "failed"']);
    report.statusReason = 'worker 1 crashed: out of memory';
    expect(checkReportInvariants(report)).toEqual([]);
  });

  it('requires run.rateScale to be a number > 0 (a built report always records it)', () => {
    const report = loadQuickstartReport();
    report.run.rateScale = 0.5;
    expect(checkReportInvariants(report)).toEqual([]);
    report.run.rateScale = 0;
    expect(checkReportInvariants(report)).toEqual(['run.rateScale must be a number > 0, got 0']);
    report.run.rateScale = Number.POSITIVE_INFINITY;
    expect(checkReportInvariants(report)).toEqual(['run.rateScale must be a number > 0, got Infinity']);
    delete (report.run as Partial<RunReport['run']>).rateScale;
    expect(checkReportInvariants(report)).toEqual(['run.rateScale must be a number > 0, got nothing']);
  });
});
