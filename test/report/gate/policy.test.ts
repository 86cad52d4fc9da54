/**
 * The regression gate's pure parts: rule and policy parsing, validation before evaluation, relative and
 * absolute rules (decimal arithmetic), latency rules that fail only when significant, JUnit, bench JSON and
 * the CloudWatch points.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/report/gate/policy.js';
import { evaluatePolicy, validatePolicy } from '../../../src/report/gate/regress.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

/** The one rule of a policy file holding `rule`, or its error (parseRule through the public parsePolicy). */
function ruleOf(rule: string) {
  const parsed = parsePolicy(`rules:\n  - "${rule}"\n`, 'policy.yaml');
  return 'errors' in parsed ? { error: parsed.errors.join('\n') } : parsed.policy.rules[0];
}

describe('parseRule and parsePolicy', () => {
  it('parses relative (percent and absolute change) and absolute rules', () => {
    expect(ruleOf('cost.totalMonthlyUsd +5%')).toEqual({
      kind: 'relative',
      source: 'cost.totalMonthlyUsd +5%',
      path: 'cost.totalMonthlyUsd',
      direction: 'increase',
      limit: '5',
      percent: true,
    });
    expect(ruleOf('buses.*.entriesPerCall -10%')).toMatchObject({
      direction: 'decrease',
      limit: '10',
      percent: true,
    });
    expect(ruleOf('buses.*.throttleRatio +0.01')).toMatchObject({
      direction: 'increase',
      limit: '0.01',
      percent: false,
    });
    expect(ruleOf('buses.*.monthly.loggingUsd < 100')).toEqual({
      kind: 'absolute',
      source: 'buses.*.monthly.loggingUsd < 100',
      path: 'buses.*.monthly.loggingUsd',
    });
    expect(ruleOf('cost.totalMonthlyUsd grows')).toHaveProperty('error');
  });

  it('collects every problem of a policy file with the file, the field path and the expected form', () => {
    const parsed = parsePolicy(
      'rules:\n  - "cost.totalMonthlyUsd +5%"\n  - "nonsense"\n  - 42\nlatency: { alpha: 2 }\nextra: 1\n',
      'p.yaml',
    );
    expect(parsed).toEqual({
      errors: [
        'p.yaml: extra: unknown key (expected "rules" and optionally "latency")',
        'p.yaml: latency.alpha: expected a number in (0, 0.5], got 2',
        expect.stringMatching(/^p\.yaml: rules\[1\] "nonsense": expected "<path> \+N%"/),
        'p.yaml: rules[2]: expected a rule string, got 42',
      ],
    });
    expect(parsePolicy('rules: []\n', 'p.yaml')).toEqual({
      errors: ['p.yaml: rules: expected a non-empty list of rule strings, e.g. - "cost.totalMonthlyUsd +5%"'],
    });
    expect(parsePolicy('rules: [a\n', 'p.yaml')).toMatchObject({
      errors: [expect.stringMatching(/^p\.yaml: not valid YAML/)],
    });
  });
});

describe('the shipped example policy', () => {
  it('examples/ci/regression-policy.yaml is valid and holds for a run against itself', async () => {
    const { readFileSync } = await import('node:fs');
    const file = new URL('../../../examples/ci/regression-policy.yaml', import.meta.url);
    const parsed = parsePolicy(readFileSync(file, 'utf8'), 'examples/ci/regression-policy.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    expect(parsed.policy.alpha).toBe(0.01);
    const report = loadQuickstartReport();
    expect(validatePolicy(parsed.policy, report, report)).toEqual([]);
    expect(evaluatePolicy(parsed.policy, report, report).passed).toBe(true);
  });
});
