/**
 * The regression gate's pure parts: rule and policy parsing, validation before evaluation, relative and
 * absolute rules (decimal arithmetic), latency rules that fail only when significant, JUnit, bench JSON and
 * the CloudWatch points.
 */
import { describe, expect, it } from 'vitest';
import { renderJunit, renderRegressTable } from '../../../src/report/gate/outputs.js';
import { defaultPolicy, parsePolicy } from '../../../src/report/gate/policy.js';
import { evaluatePolicy, validatePolicy } from '../../../src/report/gate/regress.js';
import type { RunReport } from '../../../src/report/types.js';
import { halfCostBaseline } from '../../helpers/report-builder.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

/** The fixture with the orders latency of every interval scaled by `factor` (and its whole-run summary). */
function scaledLatency(factor: number, busName = 'orders'): RunReport {
  const report = loadQuickstartReport();
  const bus = report.buses.find((candidate) => candidate.name === busName)!;
  for (const key of ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const) {
    bus.latencyMs[key] = Math.round(bus.latencyMs[key] * factor * 1000) / 1000;
    for (const point of bus.timeSeries!.points) {
      point.latencyMs[key] = Math.round(point.latencyMs[key] * factor * 1000) / 1000;
    }
  }
  return report;
}

function policyOf(...rules: string[]) {
  const parsed = parsePolicy(`rules:\n${rules.map((rule) => `  - "${rule}"`).join('\n')}\n`, 'policy.yaml');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.policy;
}

describe('parseRule and parsePolicy', () => {
  it('validates paths against both reports before evaluating', () => {
    const report = loadQuickstartReport();
    const policy = policyOf(
      'buses.nope.latencyMs.p99 +20%',
      'cost.total +5%',
      'buses.*.monthly.loggingUsd < 100',
    );
    expect(validatePolicy(policy, report, report)).toEqual([
      'policy.yaml: rules[0] "buses.nope.latencyMs.p99 +20%": no bus named "nope" at buses (known: orders, payments, telemetry) (in the current report)',
      'policy.yaml: rules[1] "cost.total +5%": cost.total does not exist in the report (in the current report)',
      'policy.yaml: rules[1] "cost.total +5%": cost.total does not exist in the report (in the baseline)',
    ]);
  });
});

describe('evaluatePolicy', () => {
  it('passes a run against itself with the default policy', () => {
    const report = loadQuickstartReport();
    const policy = defaultPolicy();
    expect(validatePolicy(policy, report, report)).toEqual([]);
    const result = evaluatePolicy(policy, report, report);
    expect(result.passed).toBe(true);
    expect(result.rules).toHaveLength(7);
  });

  it('fails the cost rules against a baseline that cost half as much (decimal arithmetic)', () => {
    const result = evaluatePolicy(defaultPolicy(), loadQuickstartReport(), halfCostBaseline());
    expect(result.passed).toBe(false);
    expect(result.rules.filter((rule) => !rule.passed).map((rule) => rule.rule)).toEqual([
      'cost.totalMonthlyUsd +5%',
      'buses.*.monthly.totalUsd +5%',
      'buses.*.monthly.loggingUsd +5%',
    ]);
    expect(result.rules[0]!.checks).toEqual([
      {
        path: 'cost.totalMonthlyUsd',
        baseline: '777.06',
        current: '1554.12',
        limit: '<= 815.913 (baseline +5%)',
        passed: false,
        note: null,
      },
    ]);
    expect(renderRegressTable(result)).toContain(
      'REGRESSION: 3 of 7 rules of built-in policy failed for quickstart.',
    );
  });

  it('is exact at the boundary: +5% of 100.00 allows 105.00, not 105.01', () => {
    const baseline = loadQuickstartReport();
    const current = loadQuickstartReport();
    baseline.cost.totalMonthlyUsd = '100.00';
    current.cost.totalMonthlyUsd = '105.00';
    const policy = policyOf('cost.totalMonthlyUsd +5%');
    expect(evaluatePolicy(policy, current, baseline).passed).toBe(true);
    current.cost.totalMonthlyUsd = '105.01';
    expect(evaluatePolicy(policy, current, baseline).passed).toBe(false);
  });

  it('evaluates absolute rules over every bus with the thresholds evaluator, cost paths included', () => {
    const report = loadQuickstartReport();
    const result = evaluatePolicy(policyOf('buses.*.monthly.loggingUsd < 56'), report, report);
    expect(result.rules[0]!.checks.map((check) => [check.path, check.current, check.passed])).toEqual([
      ['buses.orders.monthly.loggingUsd', '55.71', true],
      ['buses.payments.monthly.loggingUsd', '56.52', false],
      ['buses.telemetry.monthly.loggingUsd', '0', true],
    ]);
  });

  it('fails a latency rule only when the per-interval samples moved significantly', () => {
    const baseline = loadQuickstartReport();
    const policy = policyOf('buses.orders.latencyMs.p99 +20%');
    // Every interval 50% slower: exceeded and significant (one-sided Mann-Whitney on 30 vs 30 intervals).
    const slower = evaluatePolicy(policy, scaledLatency(1.5), baseline);
    expect(slower.passed).toBe(false);
    expect(slower.rules[0]!.checks[0]!.note).toMatch(
      /^Mann-Whitney U one-sided p = [0-9.e-]+ over 30 vs 30 intervals: significant$/,
    );
    // The whole-run p99 30% higher, but the intervals unchanged (one outlier interval): within noise, passes.
    const noisy = loadQuickstartReport();
    noisy.buses[0]!.latencyMs.p99 = Math.round(baseline.buses[0]!.latencyMs.p99 * 1.3 * 1000) / 1000;
    noisy.buses[0]!.timeSeries!.points[7]!.latencyMs.p99 *= 3;
    const result = evaluatePolicy(policy, noisy, baseline);
    expect(result.passed).toBe(true);
    expect(result.rules[0]!.checks[0]).toMatchObject({
      passed: true,
      note: expect.stringContaining('within noise (alpha 0.01)'),
    });
    // Without per-interval samples the rule falls back to arithmetic, and says so.
    for (const bus of noisy.buses) delete bus.timeSeries;
    const bare = evaluatePolicy(policy, noisy, baseline);
    expect(bare.rules[0]!.checks[0]).toMatchObject({
      passed: false,
      note: 'no per-interval samples to test: arithmetic only',
    });
  });

  it('reports a bus without a baseline instead of failing', () => {
    const current = loadQuickstartReport();
    const baseline = loadQuickstartReport();
    baseline.buses = baseline.buses.filter((bus) => bus.name !== 'telemetry');
    baseline.cost.buses = baseline.cost.buses.filter((bus) => bus.name !== 'telemetry');
    const policy = policyOf('buses.*.monthly.totalUsd +5%');
    expect(validatePolicy(policy, current, baseline)).toEqual([]);
    const check = evaluatePolicy(policy, current, baseline).rules[0]!.checks[2]!;
    expect(check).toMatchObject({ path: 'buses.telemetry.monthly.totalUsd', passed: true, baseline: null });
  });
});

describe('runs at different rate scales', () => {
  const NOTE =
    "tonight's run is at --rate-scale 2, the baseline at --rate-scale 1: producer rates differ by that factor, so traffic and cost are not like for like (the rules were applied as written)";
  const atScale = (rateScale: number): RunReport => {
    const report = loadQuickstartReport();
    report.run.rateScale = rateScale;
    return report;
  };

  it('notes the difference without failing a rule', () => {
    const result = evaluatePolicy(defaultPolicy(), atScale(2), atScale(1));
    expect(result.passed).toBe(true);
    expect(result.notes).toEqual([NOTE]);
    expect(evaluatePolicy(defaultPolicy(), atScale(2), atScale(2)).notes).toEqual([]);
    expect(evaluatePolicy(defaultPolicy(), atScale(1), atScale(1)).notes).toEqual([]);
  });

  it('prints the note just above the verdict, which stays the last line', () => {
    const lines = renderRegressTable(evaluatePolicy(defaultPolicy(), atScale(2), atScale(1)))
      .trimEnd()
      .split('\n');
    expect(lines.slice(-2)).toEqual([
      `note: ${NOTE}`,
      'PASS: 7 rules of built-in policy hold for quickstart.',
    ]);
    const same = renderRegressTable(evaluatePolicy(defaultPolicy(), atScale(1), atScale(1)));
    expect(same).not.toContain('note:');
  });

  it('keeps the note with a failing verdict, and puts it in the JUnit properties', () => {
    const baseline = halfCostBaseline();
    baseline.run.rateScale = 1;
    const result = evaluatePolicy(defaultPolicy(), atScale(2), baseline);
    expect(result.passed).toBe(false);
    expect(result.notes).toEqual([NOTE]);
    expect(renderRegressTable(result).trimEnd().split('\n').slice(-2)).toEqual([
      `note: ${NOTE}`,
      'REGRESSION: 3 of 7 rules of built-in policy failed for quickstart.',
    ]);
    const xml = renderJunit(result);
    expect(xml).toContain(
      `<property name="alpha" value="0.01"/><property name="note" value="tonight&apos;s run is at --rate-scale 2, the baseline at --rate-scale 1: producer rates differ by that factor, so traffic and cost are not like for like (the rules were applied as written)"/></properties>`,
    );
    expect(renderJunit(evaluatePolicy(defaultPolicy(), atScale(1), halfCostBaseline()))).not.toContain(
      'name="note"',
    );
  });
});
