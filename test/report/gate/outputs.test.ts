/**
 * The regression gate's pure parts: rule and policy parsing, validation before evaluation, relative and
 * absolute rules (decimal arithmetic), latency rules that fail only when significant, JUnit, bench JSON and
 * the CloudWatch points.
 */
import { describe, expect, it } from 'vitest';
import { benchEntries, cloudWatchPoints, renderJunit } from '../../../src/report/gate/outputs.js';
import { defaultPolicy } from '../../../src/report/gate/policy.js';
import { evaluatePolicy } from '../../../src/report/gate/regress.js';
import { scanHtml } from '../../helpers/html-scan.js';
import { halfCostBaseline } from '../../helpers/report-builder.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('outputs', () => {
  const failed = evaluatePolicy(defaultPolicy(), loadQuickstartReport(), halfCostBaseline());

  it('JUnit: one testcase per rule, a <failure> for each failed rule', () => {
    const xml = renderJunit(failed);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="busload regress" tests="7" failures="3" errors="0">',
      ),
    ).toBe(true);
    const tags = scanHtml(xml.replace(/^<\?xml[^>]*\?>/, ''));
    const cases = tags.filter((tag) => tag.name === 'testcase');
    expect(cases.map((tag) => tag.attributes.get('name'))).toEqual(
      defaultPolicy().rules.map((rule) => rule.source),
    );
    expect(tags.filter((tag) => tag.name === 'failure')).toHaveLength(3);
    expect(xml).toContain('message="cost.totalMonthlyUsd = 1554.12 (limit &lt;= 815.913 (baseline +5%))"');
  });

  it('bench JSON: [{name, unit, value}], smaller is better', () => {
    const entries = benchEntries(loadQuickstartReport());
    expect(entries.slice(0, 5)).toEqual([
      { name: 'total cost', unit: 'USD/month', value: 1554.12 },
      { name: 'orders p99 latency', unit: 'ms', value: 46.911 },
      { name: 'orders throttle ratio', unit: 'ratio', value: 0 },
      { name: 'orders data events', unit: 'data events/month', value: 52735200 },
      { name: 'orders cost', unit: 'USD/month', value: 187.11 },
    ]);
    expect(entries).toHaveLength(13);
  });

  it('CloudWatch points: p99, throttle ratio, data events and $/month per bus', () => {
    const points = cloudWatchPoints(loadQuickstartReport());
    expect(points).toHaveLength(12);
    expect(points.filter((point) => point.dimensions.Bus === 'payments')).toEqual([
      {
        metricName: 'LatencyP99',
        unit: 'Milliseconds',
        value: 92.543,
        dimensions: { Scenario: 'quickstart', Bus: 'payments' },
      },
      {
        metricName: 'ThrottleRatio',
        unit: 'None',
        value: 0.016447,
        dimensions: { Scenario: 'quickstart', Bus: 'payments' },
      },
      {
        metricName: 'DataEventsPerMonth',
        unit: 'Count',
        value: 53260800,
        dimensions: { Scenario: 'quickstart', Bus: 'payments' },
      },
      {
        metricName: 'MonthlyCostUsd',
        unit: 'None',
        value: 318.44,
        dimensions: { Scenario: 'quickstart', Bus: 'payments' },
      },
    ]);
  });
});
