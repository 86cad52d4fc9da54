import { describe, expect, it } from 'vitest';
import { evaluateThresholds, parseThreshold } from '../../../src/report/gate/thresholds.js';

const report = {
  buses: [
    { name: 'orders', latencyMs: { p99: 12.5 }, entries: { failed: 0 } },
    { name: 'payments', latencyMs: { p99: 300 }, entries: { failed: 2 } },
  ],
  cost: { totalMonthlyUsd: '4999.99', buses: [{ name: 'orders', monthly: { loggingUsd: '40.00' } }] },
};

describe('thresholds', () => {
  it('parses path, operator and limit', () => {
    const parsed = parseThreshold('buses.orders.latencyMs.p99 <= 250');
    expect('error' in parsed).toBe(false);
    if (!('error' in parsed)) {
      expect(parsed.path).toEqual(['buses', 'orders', 'latencyMs', 'p99']);
      expect(parsed.operator).toBe('<=');
      expect(parsed.limit.toString()).toBe('250');
    }
  });

  it('rejects a malformed threshold with the expected form', () => {
    const parsed = parseThreshold('p99 is small');
    expect(parsed).toEqual({ error: expect.stringContaining('expected "<path> <op> <number>"') });
  });

  it('passes and fails on exact values, money compared as decimals', () => {
    const { results, errors } = evaluateThresholds(report, [
      'buses.orders.latencyMs.p99 < 250',
      'buses.payments.latencyMs.p99 < 250',
      'cost.totalMonthlyUsd < 5000',
      'cost.totalMonthlyUsd < 4999.99',
      'cost.buses.orders.monthly.loggingUsd <= $40',
    ]);
    expect(errors).toEqual([]);
    expect(results.map((r) => r.passed)).toEqual([true, false, true, false, true]);
    expect(results[1]!.checks).toEqual([
      { path: 'buses.payments.latencyMs.p99', actual: '300', passed: false },
    ]);
  });

  it('expands * over every bus', () => {
    const { results } = evaluateThresholds(report, ['buses.*.entries.failed == 0']);
    expect(results[0]!.checks.map((c) => [c.path, c.passed])).toEqual([
      ['buses.orders.entries.failed', true],
      ['buses.payments.entries.failed', false],
    ]);
    expect(results[0]!.passed).toBe(false);
  });

  it('names an unknown bus or field', () => {
    const { errors } = evaluateThresholds(report, ['buses.audit.latencyMs.p99 < 1', 'cost.nope < 1']);
    expect(errors).toEqual([
      'threshold "buses.audit.latencyMs.p99 < 1": no bus named "audit" at buses (known: orders, payments)',
      'threshold "cost.nope < 1": cost.nope does not exist in the report',
    ]);
  });
});
