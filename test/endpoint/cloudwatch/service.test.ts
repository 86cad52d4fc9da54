import { GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import { CloudWatchService } from '../../../src/endpoint/cloudwatch/service.js';
import { MINUTE_MS, metricStatQuery, T0, useCloudWatchEndpoint } from '../../helpers/cloudwatch-endpoint.js';

const { start, cloudWatch } = useCloudWatchEndpoint();

describe('CloudWatch errors through the real client', () => {
  it.each([
    [
      'a namespace under AWS/',
      () =>
        new PutMetricDataCommand({ Namespace: 'AWS/Events', MetricData: [{ MetricName: 'm', Value: 1 }] }),
      'InvalidParameterValueException',
    ],
    [
      'Value together with StatisticValues',
      () =>
        new PutMetricDataCommand({
          Namespace: 'X',
          MetricData: [
            {
              MetricName: 'm',
              Value: 1,
              StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 },
            },
          ],
        }),
      'InvalidParameterCombinationException',
    ],
    [
      'a datum without a value',
      () => new PutMetricDataCommand({ Namespace: 'X', MetricData: [{ MetricName: 'm' }] }),
      'MissingRequiredParameterException',
    ],
    [
      'a metric math function the emulator does not evaluate (SEARCH)',
      () =>
        new GetMetricDataCommand({
          StartTime: new Date(T0),
          EndTime: new Date(T0 + MINUTE_MS),
          MetricDataQueries: [{ Id: 'e1', Expression: "SEARCH('{AWS/Events}', 'Sum', 60)" }],
        }),
      'InvalidParameterValueException',
    ],
    [
      'an unknown statistic',
      () =>
        new GetMetricDataCommand({
          StartTime: new Date(T0),
          EndTime: new Date(T0 + MINUTE_MS),
          MetricDataQueries: [metricStatQuery('q', 'PutEventsLatency', 'tm99')],
        }),
      'InvalidParameterValueException',
    ],
    [
      'StartTime after EndTime',
      () =>
        new GetMetricDataCommand({
          StartTime: new Date(T0 + MINUTE_MS),
          EndTime: new Date(T0),
          MetricDataQueries: [metricStatQuery('q', 'PutEventsLatency', 'Sum')],
        }),
      'InvalidParameterValueException',
    ],
  ])('answers %s with the modelled error through the real client', async (_label, makeCommand, name) => {
    const running = await start();
    const client = cloudWatch(running.url);
    // biome-ignore lint/suspicious/noExplicitAny: commands of two shapes share one send() here
    const error = await client.send(makeCommand() as any).then(
      () => null,
      (caught: unknown) => caught as Error & { $metadata: { httpStatusCode?: number; requestId?: string } },
    );
    expect(error?.name).toBe(name);
    expect(error?.$metadata.httpStatusCode).toBe(400);
    expect(error?.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(running.stats().cloudWatchRequests).toBe(1);
  });
});

describe('CloudWatchService.execute', () => {
  const NOW = T0 + 5 * MINUTE_MS;

  it('runs each operation on the same store: what PutMetricData writes, the reads and the alarms see', () => {
    const service = new CloudWatchService(new MetricStore());
    const metric = { Namespace: 'App', MetricName: 'Calls' };
    expect(
      service.execute(
        'PutMetricData',
        { Namespace: 'App', MetricData: [{ MetricName: 'Calls', Value: 3, Timestamp: T0 / 1000 }] },
        NOW,
      ),
    ).toEqual({ output: {}, error: null });
    expect(service.execute('ListMetrics', {}, NOW)).toEqual({
      output: { Metrics: [{ ...metric, Dimensions: [] }] },
      error: null,
    });
    expect(
      service.execute(
        'GetMetricStatistics',
        { ...metric, StartTime: T0 / 1000, EndTime: NOW / 1000, Period: 60, Statistics: ['Sum'] },
        NOW,
      ),
    ).toEqual({
      output: { Label: 'Calls', Datapoints: [{ Timestamp: new Date(T0), Sum: 3, Unit: 'None' }] },
      error: null,
    });
    expect(
      service.execute(
        'GetMetricData',
        {
          StartTime: T0 / 1000,
          EndTime: NOW / 1000,
          MetricDataQueries: [metricStatQuery('calls', 'Calls', 'Sum', 'App')],
        },
        NOW,
      ),
    ).toEqual({
      output: {
        MetricDataResults: [
          {
            Id: 'calls',
            Label: 'Calls',
            Timestamps: [new Date(T0)],
            Values: [3],
            StatusCode: 'Complete',
            Messages: [],
          },
        ],
        Messages: [],
      },
      error: null,
    });
    const alarm = {
      AlarmName: 'calls',
      ...metric,
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    };
    expect(service.execute('PutMetricAlarm', alarm, NOW)).toEqual({ output: {}, error: null });
    const described = service.execute('DescribeAlarms', {}, T0 + MINUTE_MS + 1);
    expect(
      (described.output!['MetricAlarms'] as Array<{ AlarmArn: string; StateValue: string }>).map((a) => [
        a.AlarmArn,
        a.StateValue,
      ]),
    ).toEqual([['arn:aws:cloudwatch:us-east-1:111122223333:alarm:calls', 'ALARM']]);
    expect(service.execute('DeleteAlarms', { AlarmNames: ['calls'] }, NOW)).toEqual({
      output: {},
      error: null,
    });
    expect(service.execute('DescribeAlarms', {}, NOW).output).toEqual({
      MetricAlarms: [],
      CompositeAlarms: [],
    });
  });

  it('answers an input that is not a structure, and an operation it does not serve', () => {
    const service = new CloudWatchService(new MetricStore());
    for (const input of [null, [], 'text', new Date(T0)]) {
      expect(service.execute('ListMetrics', input, NOW)).toEqual({
        output: null,
        error: {
          httpStatus: 400,
          code: 'SerializationException',
          queryCode: 'SerializationException',
          message: 'The request body must be a structure.',
        },
      });
    }
    expect(service.execute('PutDashboard', {}, NOW).error).toEqual({
      httpStatus: 400,
      code: 'UnknownOperationException',
      queryCode: 'InvalidAction',
      message: 'The busload emulator does not implement CloudWatch PutDashboard.',
    });
    expect(service.execute('', {}, NOW).error?.message).toBe(
      'The busload emulator does not implement CloudWatch (no operation).',
    );
  });

  it('turns an operation error into the outcome, and lets other exceptions through', () => {
    const service = new CloudWatchService(new MetricStore());
    expect(service.execute('PutMetricData', { Namespace: 'App' }, NOW)).toEqual({
      output: null,
      error: {
        httpStatus: 400,
        code: 'MissingRequiredParameterException',
        queryCode: 'MissingParameter',
        message: 'The parameter MetricData is required.',
      },
    });
    const broken = new CloudWatchService({
      identitiesWithData: () => {
        throw new TypeError('store broken');
      },
    } as unknown as MetricStore);
    expect(() => broken.execute('ListMetrics', {}, NOW)).toThrow('store broken');
  });
});
