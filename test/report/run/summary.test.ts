import { describe, expect, it } from 'vitest';
import { renderCostTable, renderSummary } from '../../../src/report/run/summary.js';
import { interruptedReport } from '../../helpers/report-builder.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

const ANSI = /\u001b\[/;

describe('renderSummary and renderCostTable', () => {
  it('emits ANSI colour only when asked', () => {
    const report = loadQuickstartReport();
    expect(renderSummary(report, { color: false })).not.toMatch(ANSI);
    expect(renderCostTable(report.cost, { color: false })).not.toMatch(ANSI);
    const colored = renderSummary(report, { color: true });
    expect(colored).toContain('\u001b[32menable\u001b[39m');
    expect(colored).toContain('\u001b[33mpair-with-enhanced-logging\u001b[39m');
  });

  it('aligns coloured and plain tables the same (colour codes take no width)', () => {
    const report = loadQuickstartReport();
    const strip = (text: string) => text.replace(/\u001b\[\d+m/g, '');
    expect(strip(renderSummary(report, { color: true }))).toBe(renderSummary(report, { color: false }));
  });

  it('prints approximation notes under the cost table, and none when there are none', () => {
    const { cost } = loadQuickstartReport();
    const withNote = renderCostTable(cost, {
      color: false,
      notes: ['payments: linger batching approximated'],
    });
    expect(withNote).toContain('\nnote: payments: linger batching approximated\n');
    expect(renderCostTable(cost, { color: false })).not.toContain('note:');
  });

  it('leads with the status when the run was interrupted', () => {
    const summary = renderSummary(interruptedReport(), { color: false });
    expect(summary.split('\n')[0]).toBe('RUN INTERRUPTED: SIGINT after 12.0 s');
  });

  it('draws an empty run without a stray rule', () => {
    const report = loadQuickstartReport();
    report.buses = [];
    report.cost.buses = [];
    const lines = renderSummary(report, { color: false }).split('\n');
    expect(lines.filter((line) => line.startsWith('├'))).toHaveLength(1);
  });

  it('says "1 worker" for one worker thread and "2 workers" for two', () => {
    const report = loadQuickstartReport();
    report.run.workers = 1;
    expect(renderSummary(report, { color: false })).toContain('(us-east-1, sdk, 1 worker)');
    report.run.workers = 2;
    expect(renderSummary(report, { color: false })).toContain('(us-east-1, sdk, 2 workers)');
  });
});
