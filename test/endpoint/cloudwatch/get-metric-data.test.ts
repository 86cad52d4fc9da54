import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { getMetricData } from '../../../src/endpoint/cloudwatch/get-metric-data.js';
import { MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import {
  MINUTE_MS,
  metricStatQuery,
  putEvents,
  seriesOf,
  T0,
  useCloudWatchEndpoint,
} from '../../helpers/cloudwatch-endpoint.js';
import { refusalOf } from '../../helpers/cloudwatch-refusal.js';

const { start, setNow, cloudWatch, eventBridge } = useCloudWatchEndpoint();

describe('CloudWatch GetMetricData for AWS/Events PutEvents metrics', () => {
  it('computes per-minute counts, sizes and latencies from the traffic received', async () => {
    // A quota of 4 requests with a tiny refill: the 5th request in the first minute is throttled.
    const running = await start({ quota: { ratePerSec: 0.001, burst: 4 } });
    const events = eventBridge(running.url);
    setNow(T0 + 10_000);
    await putEvents(events, 1);
    await putEvents(events, 2);
    await putEvents(events, 3);
    setNow(T0 + MINUTE_MS + 30_000);
    await putEvents(events, 10);
    await expect(putEvents(events, 4)).rejects.toMatchObject({ name: 'ThrottlingException' });

    const output = await cloudWatch(running.url).send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 5 * MINUTE_MS),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          metricStatQuery('calls', 'PutEventsApproximateCallCount', 'Sum'),
          metricStatQuery('ok', 'PutEventsApproximateSuccessCount', 'Sum'),
          metricStatQuery('throttled', 'PutEventsApproximateThrottledCount', 'Sum'),
          metricStatQuery('entries', 'PutEventsEntriesCount', 'Sum'),
          metricStatQuery('batch', 'PutEventsEntriesCount', 'Average'),
          metricStatQuery('requests', 'PutEventsEntriesCount', 'SampleCount'),
          metricStatQuery('failedEntries', 'PutEventsFailedEntriesCount', 'Sum'),
          metricStatQuery('sizeMax', 'PutEventsRequestSize', 'Maximum'),
          metricStatQuery('sizeMin', 'PutEventsRequestSize', 'Minimum'),
          metricStatQuery('latencyP99', 'PutEventsLatency', 'p99'),
          metricStatQuery('latencyCount', 'PutEventsLatency', 'SampleCount'),
        ],
      }),
    );
    const m0 = T0;
    const m1 = T0 + MINUTE_MS;
    expect(seriesOf(output, 'calls')).toEqual([
      [m0, 3],
      [m1, 2],
    ]);
    expect(seriesOf(output, 'ok')).toEqual([
      [m0, 3],
      [m1, 1],
    ]);
    expect(seriesOf(output, 'throttled')).toEqual([[m1, 1]]);
    expect(seriesOf(output, 'entries')).toEqual([
      [m0, 6],
      [m1, 14],
    ]);
    expect(seriesOf(output, 'batch')).toEqual([
      [m0, 2],
      [m1, 7],
    ]);
    expect(seriesOf(output, 'requests')).toEqual([
      [m0, 3],
      [m1, 2],
    ]);
    expect(seriesOf(output, 'failedEntries')).toEqual([
      [m0, 0],
      [m1, 0],
    ]);
    const [sizeMax0, sizeMax1] = seriesOf(output, 'sizeMax').map(([, v]) => v);
    const [sizeMin0] = seriesOf(output, 'sizeMin').map(([, v]) => v);
    expect(sizeMin0).toBeLessThan(sizeMax0!); // 1 entry < 3 entries
    expect(sizeMax1).toBeGreaterThan(sizeMax0!); // 10 entries
    expect(seriesOf(output, 'latencyCount')).toEqual([
      [m0, 3],
      [m1, 2],
    ]);
    for (const [, latencyMs] of seriesOf(output, 'latencyP99')) {
      expect(latencyMs).toBeGreaterThan(0);
      expect(latencyMs).toBeLessThan(1000);
    }
  });

  it('merges minutes into longer periods, scans newest first by default, and knows no EventBusName dimension', async () => {
    const running = await start();
    const events = eventBridge(running.url);
    for (let minute = 0; minute < 5; minute++) {
      setNow(T0 + minute * MINUTE_MS + 1_000);
      for (let k = 0; k <= minute; k++) await putEvents(events, 1);
    }
    const client = cloudWatch(running.url);
    const byPeriod = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 10 * MINUTE_MS),
        MetricDataQueries: [
          { ...metricStatQuery('calls', 'PutEventsApproximateCallCount', 'Sum'), Label: 'calls per 2 min' },
          {
            Id: 'bybus',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Events',
                MetricName: 'PutEventsApproximateCallCount',
                Dimensions: [{ Name: 'EventBusName', Value: 'default' }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ].map((q) => (q.Id === 'calls' ? { ...q, MetricStat: { ...q.MetricStat!, Period: 120 } } : q)),
      }),
    );
    // minutes 0..4 carry 1..5 calls: periods [0,2) = 3, [2,4) = 7, [4,6) = 5; descending by default.
    expect(seriesOf(byPeriod, 'calls')).toEqual([
      [T0 + 4 * MINUTE_MS, 5],
      [T0 + 2 * MINUTE_MS, 7],
      [T0, 3],
    ]);
    expect(byPeriod.MetricDataResults?.find((r) => r.Id === 'calls')?.Label).toBe('calls per 2 min');
    expect(seriesOf(byPeriod, 'bybus')).toEqual([]);
  });

  it('pages with MaxDatapoints and NextToken', async () => {
    const running = await start();
    const events = eventBridge(running.url);
    for (let minute = 0; minute < 3; minute++) {
      setNow(T0 + minute * MINUTE_MS);
      await putEvents(events, 1);
    }
    const client = cloudWatch(running.url);
    const input = {
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 3 * MINUTE_MS),
      ScanBy: 'TimestampAscending' as const,
      MaxDatapoints: 2,
      MetricDataQueries: [metricStatQuery('calls', 'PutEventsApproximateCallCount', 'Sum')],
    };
    const first = await client.send(new GetMetricDataCommand(input));
    expect(first.MetricDataResults?.[0]?.StatusCode).toBe('PartialData');
    expect(first.MetricDataResults?.[0]?.Values).toEqual([1, 1]);
    expect(first.NextToken).toBeTruthy();
    const second = await client.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    expect(second.MetricDataResults?.[0]?.Timestamps?.map((t) => t.getTime())).toEqual([T0 + 2 * MINUTE_MS]);
    expect(second.NextToken).toBeUndefined();
  });
});
describe('getMetricData over a MetricStore', () => {
  /** Calls: 10, 20, 40 at minutes 0-2; Errors: 1 and 10 at minutes 0 and 2. */
  function store(): MetricStore {
    const metrics = new MetricStore();
    const record = (metricName: string, minute: number, value: number) =>
      metrics
        .seriesFor({ namespace: 'App', metricName, dimensions: [] }, 'Count')!
        .at(T0 + minute * MINUTE_MS)
        .record(value);
    record('Calls', 0, 10);
    record('Calls', 1, 20);
    record('Calls', 2, 40);
    record('Errors', 0, 1);
    record('Errors', 2, 10);
    return metrics;
  }
  const range = { StartTime: T0 / 1000, EndTime: (T0 + 5 * MINUTE_MS) / 1000 };
  const calls = { ...metricStatQuery('m1', 'Calls', 'Sum', 'App'), ReturnData: false };
  const errors = { ...metricStatQuery('m2', 'Errors', 'Sum', 'App'), ReturnData: false };

  it('evaluates an expression over MetricStat queries that return no data of their own, newest first', () => {
    const output = getMetricData(store(), {
      ...range,
      MetricDataQueries: [calls, errors, { Id: 'rate', Expression: '100 * m2 / m1', Label: 'Error %' }],
    });
    expect(output).toEqual({
      MetricDataResults: [
        {
          Id: 'rate',
          Label: 'Error %',
          Timestamps: [new Date(T0 + 2 * MINUTE_MS), new Date(T0)],
          Values: [25, 10],
          StatusCode: 'Complete',
          Messages: [],
        },
      ],
      Messages: [],
    });
  });

  it("labels a MetricStat by its metric name, an array's members by query and series label, a number at every timestamp", () => {
    const output = getMetricData(store(), {
      ...range,
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        { ...calls, ReturnData: true },
        errors,
        { Id: 'all', Expression: 'METRICS()' },
        { Id: 'total', Expression: 'SUM(m1)' },
      ],
    }) as { MetricDataResults: Array<{ Id: string; Label: string; Timestamps: Date[]; Values: number[] }> };
    expect(
      output.MetricDataResults.map((r) => [
        r.Id,
        r.Label,
        r.Timestamps.map((t) => t.getTime() - T0),
        r.Values,
      ]),
    ).toEqual([
      ['m1', 'Calls', [0, MINUTE_MS, 2 * MINUTE_MS], [10, 20, 40]],
      ['all', 'all Calls', [0, MINUTE_MS, 2 * MINUTE_MS], [10, 20, 40]],
      ['all', 'all Errors', [0, 2 * MINUTE_MS], [1, 10]],
      ['total', 'total', [0, MINUTE_MS, 2 * MINUTE_MS], [70, 70, 70]],
    ]);
  });

  it('pages across queries, an empty result on the page where its offset falls', () => {
    const input = {
      ...range,
      ScanBy: 'TimestampAscending',
      MaxDatapoints: 2,
      MetricDataQueries: [
        { ...calls, ReturnData: true },
        metricStatQuery('none', 'Nothing', 'Sum', 'App'),
        { ...errors, ReturnData: true },
      ],
    };
    type Page = {
      MetricDataResults: Array<{ Id: string; Values: number[]; StatusCode: string }>;
      NextToken?: string;
    };
    const brief = (page: Page) => page.MetricDataResults.map((r) => [r.Id, r.Values, r.StatusCode]);
    const first = getMetricData(store(), input) as Page;
    expect(brief(first)).toEqual([['m1', [10, 20], 'PartialData']]);
    expect(first.NextToken).toBe(Buffer.from('offset:2').toString('base64url'));
    const second = getMetricData(store(), { ...input, NextToken: first.NextToken }) as Page;
    expect(brief(second)).toEqual([
      ['m1', [40], 'Complete'],
      ['none', [], 'Complete'],
      ['m2', [1], 'PartialData'],
    ]);
    const third = getMetricData(store(), { ...input, NextToken: second.NextToken }) as Page;
    expect(brief(third)).toEqual([['m2', [10], 'Complete']]);
    expect(third.NextToken).toBeUndefined();
  });

  it.each([
    [{}, 'MissingRequiredParameterException', 'The parameter MetricDataQueries is required.'],
    [
      { MetricDataQueries: [] },
      'InvalidParameterValueException',
      'The collection MetricDataQueries must have 1 to 500 members.',
    ],
    [
      { MetricDataQueries: [calls, calls] },
      'InvalidParameterValueException',
      'The value m1 for parameter MetricDataQueries.member.2.Id is not unique.',
    ],
    [
      { MetricDataQueries: [{ ...calls, Id: 'M1' }] },
      'InvalidParameterValueException',
      'The value M1 for parameter MetricDataQueries.member.1.Id is invalid: it must match ^[a-z][a-zA-Z0-9_]*$.',
    ],
    [
      { MetricDataQueries: [{ ...calls, Expression: 'm2' }] },
      'InvalidParameterCombinationException',
      'The parameters MetricDataQueries.member.1.Expression and MetricDataQueries.member.1.MetricStat are mutually exclusive.',
    ],
    [
      { MetricDataQueries: [{ Id: 'e1', Expression: 'm9 * 2' }] },
      'InvalidParameterValueException',
      'Error in expression e1: m9 is not the Id of a query of this request.',
    ],
    [
      {
        MetricDataQueries: [
          { Id: 'a', Expression: 'b + 1' },
          { Id: 'b', Expression: 'a + 1' },
        ],
      },
      'InvalidParameterValueException',
      'Error in expression a: b and a refer to each other.',
    ],
    [
      { MetricDataQueries: [{ Id: 'e1', Expression: 'm1 +' }] },
      'InvalidParameterValueException',
      'Error in expression e1: the expression ends too early.',
    ],
    [
      { MetricDataQueries: [{ Id: 'q' }] },
      'MissingRequiredParameterException',
      'The parameter MetricDataQueries.member.1.MetricStat is required.',
    ],
    [
      { MetricDataQueries: [calls], ScanBy: 'Newest' },
      'InvalidParameterValueException',
      'The value Newest for parameter ScanBy is invalid.',
    ],
    [
      { MetricDataQueries: [calls], MaxDatapoints: 0 },
      'InvalidParameterValueException',
      'The value 0 for parameter MaxDatapoints is invalid.',
    ],
    [
      { MetricDataQueries: [metricStatQuery('q', 'Calls', 'tm99', 'App')] },
      'InvalidParameterValueException',
      'The value tm99 for parameter MetricDataQueries.member.1.MetricStat.Stat is invalid: expected SampleCount, Sum, Average, Minimum, Maximum or a percentile such as p99.',
    ],
  ])('refuses %j with %s', (input, code, message) => {
    expect(refusalOf(() => getMetricData(store(), { ...range, ...input }))).toMatchObject({
      httpStatus: 400,
      code,
      message,
    });
  });
});
