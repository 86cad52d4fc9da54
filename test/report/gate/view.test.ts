/** The report view policy paths read: each bus with its cost and two ratios; the path resolver. */
import { describe, expect, it } from 'vitest';
import { policyView, resolveNumbers, safeRatio } from '../../../src/report/gate/view.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('safeRatio', () => {
  it('divides to 6 decimal places (half up), and gives 0 for a zero whole', () => {
    expect([safeRatio(1, 3), safeRatio(2, 4), safeRatio(2, 3), safeRatio(5, 0)]).toEqual([
      '0.333333',
      '0.5',
      '0.666667',
      '0',
    ]);
  });
});

describe('policyView', () => {
  it('adds each bus its monthly cost, logging mode and ratios, and drops its time series', () => {
    const view = policyView(loadQuickstartReport()) as { buses: Array<Record<string, unknown>> };
    expect(
      view.buses.map((bus) => [bus.name, bus.loggingMode, bus.throttleRatio, bus.failedEntryRatio]),
    ).toEqual([
      ['orders', 'trail', '0', '0'],
      ['payments', 'trail', '0.016447', '0.003333'],
      ['telemetry', 'off', '0', '0'],
    ]);
    expect(view.buses.every((bus) => bus.timeSeries === undefined)).toBe(true);
    expect((view.buses[0]!.monthly as { totalUsd: string }).totalUsd).toBe('187.11');
  });
});

describe('resolveNumbers', () => {
  const view = policyView(loadQuickstartReport());

  it('resolves a path with * to one number per bus', () => {
    const resolved = resolveNumbers(view, 'buses.*.throttleRatio');
    expect('values' in resolved && [...resolved.values]).toEqual([
      ['buses.orders.throttleRatio', '0'],
      ['buses.payments.throttleRatio', '0.016447'],
      ['buses.telemetry.throttleRatio', '0'],
    ]);
  });

  it('names the unknown bus and the known ones', () => {
    expect(resolveNumbers(view, 'buses.nope.latencyMs.p99')).toEqual({
      error: 'no bus named "nope" at buses (known: orders, payments, telemetry)',
    });
  });
});
