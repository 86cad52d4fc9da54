import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import { CloudWatchService } from '../../../src/endpoint/cloudwatch/service.js';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const M = 60_000;

function setup() {
  const service = new CloudWatchService(new MetricStore(), {
    region: 'eu-west-1',
    accountId: '123456789012',
  });
  const run = (operation: string, input: Record<string, unknown>, nowMs: number) => {
    const outcome = service.execute(operation, input, nowMs);
    if (outcome.error !== null) throw Object.assign(new Error(outcome.error.message), outcome.error);
    return outcome.output;
  };
  const put = (minute: number, value: number) =>
    run(
      'PutMetricData',
      {
        Namespace: 'App',
        MetricData: [{ MetricName: 'Throttles', Timestamp: (T0 + minute * M) / 1000, Value: value }],
      },
      T0 + 10 * M,
    );
  const alarm = (name: string, extra: Record<string, unknown> = {}) =>
    run(
      'PutMetricAlarm',
      {
        AlarmName: name,
        Namespace: 'App',
        MetricName: 'Throttles',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        ...extra,
      },
      T0,
    );
  const state = (name: string, nowMs: number) => {
    const output = run('DescribeAlarms', { AlarmNames: [name] }, nowMs) as {
      MetricAlarms: Array<{ StateValue: string; StateReason: string }>;
    };
    return output.MetricAlarms[0]!;
  };
  return { run, put, alarm, state };
}

describe('CloudWatch metric alarms', () => {
  it('evaluates M of N over the last whole periods, with the state reason CloudWatch writes', () => {
    const { put, alarm, state } = setup();
    put(0, 7);
    put(1, 2);
    put(2, 9);
    alarm('all-three');
    alarm('two-of-three', { DatapointsToAlarm: 2 });
    // At 10:03:30 the window is 10:00, 10:01, 10:02.
    expect(state('all-three', T0 + 3.5 * M)).toEqual(
      expect.objectContaining({
        StateValue: 'OK',
        StateReason:
          'Threshold Crossed: 1 out of the last 3 datapoints [9 (07/12/26 10:02:00), 2 (07/12/26 10:01:00), 7 (07/12/26 10:00:00)] was not greater than or equal to the threshold (5) (minimum 3 datapoints for INSUFFICIENT_DATA -> OK transition).',
      }),
    );
    expect(state('two-of-three', T0 + 3.5 * M)).toEqual(
      expect.objectContaining({
        StateValue: 'ALARM',
        StateReason:
          'Threshold Crossed: 2 out of the last 3 datapoints [9 (07/12/26 10:02:00), 2 (07/12/26 10:01:00), 7 (07/12/26 10:00:00)] was greater than or equal to the threshold (5) (minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition).',
      }),
    );
  });

  it('treats missing data as TreatMissingData says', () => {
    const { put, alarm, state } = setup();
    put(0, 9);
    alarm('missing');
    alarm('breaching', { TreatMissingData: 'breaching' });
    alarm('not-breaching', { TreatMissingData: 'notBreaching', DatapointsToAlarm: 1 });
    alarm('ignore', { TreatMissingData: 'ignore' });
    // Window 10:05-10:07 holds no data.
    const later = T0 + 8 * M;
    expect(state('missing', later)).toMatchObject({
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
    });
    expect(state('breaching', later).StateValue).toBe('ALARM');
    expect(state('not-breaching', later).StateValue).toBe('OK');
    expect(state('ignore', later).StateValue).toBe('INSUFFICIENT_DATA');
    // Window 10:00-10:02 has one breaching point (missing ones not counted, 1 < 3 needed).
    expect(state('missing', T0 + 3 * M).StateValue).toBe('OK');
    expect(state('not-breaching', T0 + 3 * M).StateValue).toBe('ALARM');
  });

  it('refuses alarms it does not serve, and deletes only when every name exists', () => {
    const { run, alarm } = setup();
    expect(() => alarm('math', { Metrics: [{ Id: 'm1' }] })).toThrow(
      'Metrics: the busload emulator does not serve alarms on metric math; use MetricName.',
    );
    expect(() => alarm('band', { ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' })).toThrow(
      /serves GreaterThanOrEqualToThreshold/,
    );
    expect(() => alarm('both', { ExtendedStatistic: 'p99' })).toThrow(
      'Exactly one of the parameters Statistic and ExtendedStatistic must be specified.',
    );
    expect(() => alarm('period', { Period: 45 })).toThrow(/must be 10, 20, 30, or a multiple of 60/);
    alarm('kept');
    expect(() => run('DeleteAlarms', { AlarmNames: ['kept', 'nope'] }, T0)).toThrow(
      '1 of the alarms specified do not exist: [nope]',
    );
    const listed = run('DescribeAlarms', {}, T0) as {
      MetricAlarms: Array<{ AlarmName: string; AlarmArn: string }>;
    };
    expect(listed.MetricAlarms.map((a) => [a.AlarmName, a.AlarmArn])).toEqual([
      ['kept', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:kept'],
    ]);
  });
});
