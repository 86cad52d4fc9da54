import { describe, expect, it } from 'vitest';
import { type BuildReportInput, buildReport } from '../../../src/report/run/build.js';
import type { RunReport } from '../../../src/report/types.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

/** The fixture taken apart into buildReport's input, with buses shuffled out of order. */
function inputFrom(report: RunReport): BuildReportInput {
  return {
    status: report.status,
    toolVersion: report.tool.version,
    scenario: report.scenario,
    run: report.run,
    buses: [...report.buses].reverse(),
    totals: { ...report.totals, name: 'whatever' },
    cost: { ...report.cost, buses: [...report.cost.buses].reverse() },
    ...(report.pricingInputs ? { pricingInputs: { buses: [...report.pricingInputs.buses].reverse() } } : {}),
    reconciliation: report.reconciliation === null ? null : [...report.reconciliation].reverse(),
    generator: report.generator,
  };
}

describe('buildReport', () => {
  it('orders buses, cost buses and reconciliation rows by name and fills schemaVersion, tool and totals.name', () => {
    const report = buildReport(inputFrom(loadQuickstartReport()));
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'busload', version: '0.1.0' });
    expect(report.buses.map((bus) => bus.name)).toEqual(['orders', 'payments', 'telemetry']);
    expect(report.cost.buses.map((bus) => bus.name)).toEqual(['orders', 'payments', 'telemetry']);
    expect(report.reconciliation?.map((row) => row.bus)).toEqual(['orders', 'payments', 'telemetry']);
    expect(report.pricingInputs?.buses.map((bus) => bus.name)).toEqual(['orders', 'payments', 'telemetry']);
    expect(report.totals.name).toBe('*');
    expect('statusReason' in report).toBe(false);
  });

  it('reproduces the fixture exactly (same keys, same order of keys)', () => {
    const fixture = loadQuickstartReport();
    expect(JSON.stringify(buildReport(inputFrom(fixture)))).toBe(JSON.stringify(fixture));
  });

  it('orders by code point, not by locale', () => {
    const fixture = loadQuickstartReport();
    const [first] = fixture.buses;
    const input = inputFrom(fixture);
    input.buses = ['b', 'B', 'a', 'A'].map((name) => ({ ...first!, name }));
    expect(buildReport(input).buses.map((bus) => bus.name)).toEqual(['A', 'B', 'a', 'b']);
  });

  it('keeps statusReason for interrupted runs', () => {
    const input = {
      ...inputFrom(loadQuickstartReport()),
      status: 'interrupted' as const,
      statusReason: 'SIGINT',
    };
    const report = buildReport(input);
    expect(report.status).toBe('interrupted');
    expect(report.statusReason).toBe('SIGINT');
  });
});

describe('buildReport and run.rateScale', () => {
  it('records the rate scale it is given', () => {
    const input = inputFrom(loadQuickstartReport());
    input.run = { ...input.run, rateScale: 2 };
    expect(buildReport(input).run.rateScale).toBe(2);
  });
});
