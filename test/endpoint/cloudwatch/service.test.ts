import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  ListMetricsCommand,
  type ListMetricsCommandInput,
  type MetricDataQuery,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../../src/endpoint/index.js';
import type { EndpointConfig, RunningEndpoint } from '../../../src/endpoint/types.js';
import { createTestClient, EXAMPLE_SECRET } from '../endpoint-client.js';

const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const MINUTE_MS = 60_000;

let endpoint: RunningEndpoint | null = null;
const closers: Array<{ destroy(): void }> = [];
/** The endpoint's wall clock, moved by the tests. */
let nowEpochMs = T0;

async function start(overrides: Partial<EndpointConfig> = {}): Promise<RunningEndpoint> {
  nowEpochMs = T0;
  endpoint = await startEndpoint(
    defaultEndpointConfig({
      clock: { nowEpochMs: () => nowEpochMs, monotonicMs: () => performance.now() },
      ...overrides,
    }),
  );
  return endpoint;
}

function cloudWatch(url: string): CloudWatchClient {
  const client = new CloudWatchClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: EXAMPLE_SECRET },
    maxAttempts: 1,
  });
  closers.push(client);
  return client;
}

function eventBridge(url: string): EventBridgeClient {
  const client = createTestClient(url);
  closers.push(client);
  return client;
}

function query(id: string, metricName: string, stat: string, namespace = 'AWS/Events'): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: namespace, MetricName: metricName }, Period: 60, Stat: stat },
  };
}

function series(output: GetMetricDataCommandOutput, id: string): Array<[number, number]> {
  const result = output.MetricDataResults?.find((r) => r.Id === id);
  if (result === undefined) throw new Error(`no result ${id}`);
  expect(result.StatusCode).toBe('Complete');
  return (result.Timestamps ?? []).map((t, i) => [t.getTime(), result.Values?.[i] ?? Number.NaN]);
}

async function putEvents(client: EventBridgeClient, entries: number): Promise<void> {
  const Entries = Array.from({ length: entries }, () => ({
    Source: 's',
    DetailType: 'T',
    Detail: '{"a":1}',
  }));
  await client.send(new PutEventsCommand({ Entries }));
}

afterEach(async () => {
  for (const closer of closers.splice(0)) closer.destroy();
  await endpoint?.close();
  endpoint = null;
});

describe('CloudWatch GetMetricData for AWS/Events PutEvents metrics', () => {
  it('computes per-minute counts, sizes and latencies from the traffic received', async () => {
    // A quota of 4 requests with a tiny refill: the 5th request in the first minute is throttled.
    const running = await start({ quota: { ratePerSec: 0.001, burst: 4 } });
    const events = eventBridge(running.url);
    nowEpochMs = T0 + 10_000;
    await putEvents(events, 1);
    await putEvents(events, 2);
    await putEvents(events, 3);
    nowEpochMs = T0 + MINUTE_MS + 30_000;
    await putEvents(events, 10);
    await expect(putEvents(events, 4)).rejects.toMatchObject({ name: 'ThrottlingException' });

    const output = await cloudWatch(running.url).send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 5 * MINUTE_MS),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          query('calls', 'PutEventsApproximateCallCount', 'Sum'),
          query('ok', 'PutEventsApproximateSuccessCount', 'Sum'),
          query('throttled', 'PutEventsApproximateThrottledCount', 'Sum'),
          query('entries', 'PutEventsEntriesCount', 'Sum'),
          query('batch', 'PutEventsEntriesCount', 'Average'),
          query('requests', 'PutEventsEntriesCount', 'SampleCount'),
          query('failedEntries', 'PutEventsFailedEntriesCount', 'Sum'),
          query('sizeMax', 'PutEventsRequestSize', 'Maximum'),
          query('sizeMin', 'PutEventsRequestSize', 'Minimum'),
          query('latencyP99', 'PutEventsLatency', 'p99'),
          query('latencyCount', 'PutEventsLatency', 'SampleCount'),
        ],
      }),
    );
    const m0 = T0;
    const m1 = T0 + MINUTE_MS;
    expect(series(output, 'calls')).toEqual([
      [m0, 3],
      [m1, 2],
    ]);
    expect(series(output, 'ok')).toEqual([
      [m0, 3],
      [m1, 1],
    ]);
    expect(series(output, 'throttled')).toEqual([[m1, 1]]);
    expect(series(output, 'entries')).toEqual([
      [m0, 6],
      [m1, 14],
    ]);
    expect(series(output, 'batch')).toEqual([
      [m0, 2],
      [m1, 7],
    ]);
    expect(series(output, 'requests')).toEqual([
      [m0, 3],
      [m1, 2],
    ]);
    expect(series(output, 'failedEntries')).toEqual([
      [m0, 0],
      [m1, 0],
    ]);
    const [sizeMax0, sizeMax1] = series(output, 'sizeMax').map(([, v]) => v);
    const [sizeMin0] = series(output, 'sizeMin').map(([, v]) => v);
    expect(sizeMin0).toBeLessThan(sizeMax0!); // 1 entry < 3 entries
    expect(sizeMax1).toBeGreaterThan(sizeMax0!); // 10 entries
    expect(series(output, 'latencyCount')).toEqual([
      [m0, 3],
      [m1, 2],
    ]);
    for (const [, latencyMs] of series(output, 'latencyP99')) {
      expect(latencyMs).toBeGreaterThan(0);
      expect(latencyMs).toBeLessThan(1000);
    }
  });

  it('merges minutes into longer periods, scans newest first by default, and knows no EventBusName dimension', async () => {
    const running = await start();
    const events = eventBridge(running.url);
    for (let minute = 0; minute < 5; minute++) {
      nowEpochMs = T0 + minute * MINUTE_MS + 1_000;
      for (let k = 0; k <= minute; k++) await putEvents(events, 1);
    }
    const client = cloudWatch(running.url);
    const byPeriod = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 10 * MINUTE_MS),
        MetricDataQueries: [
          { ...query('calls', 'PutEventsApproximateCallCount', 'Sum'), Label: 'calls per 2 min' },
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
    expect(series(byPeriod, 'calls')).toEqual([
      [T0 + 4 * MINUTE_MS, 5],
      [T0 + 2 * MINUTE_MS, 7],
      [T0, 3],
    ]);
    expect(byPeriod.MetricDataResults?.find((r) => r.Id === 'calls')?.Label).toBe('calls per 2 min');
    expect(series(byPeriod, 'bybus')).toEqual([]);
  });

  it('pages with MaxDatapoints and NextToken', async () => {
    const running = await start();
    const events = eventBridge(running.url);
    for (let minute = 0; minute < 3; minute++) {
      nowEpochMs = T0 + minute * MINUTE_MS;
      await putEvents(events, 1);
    }
    const client = cloudWatch(running.url);
    const input = {
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 3 * MINUTE_MS),
      ScanBy: 'TimestampAscending' as const,
      MaxDatapoints: 2,
      MetricDataQueries: [query('calls', 'PutEventsApproximateCallCount', 'Sum')],
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

describe('CloudWatch PutMetricData', () => {
  it('stores custom metrics with dimensions that GetMetricData returns', async () => {
    const running = await start();
    const client = cloudWatch(running.url);
    const dimensions = [
      { Name: 'Scenario', Value: 'quickstart' },
      { Name: 'Bus', Value: 'orders' },
    ];
    await client.send(
      new PutMetricDataCommand({
        Namespace: 'Busload/Regress',
        MetricData: [
          {
            MetricName: 'LatencyP99Ms',
            Dimensions: dimensions,
            Value: 40,
            Unit: 'Milliseconds',
            Timestamp: new Date(T0),
          },
          {
            MetricName: 'LatencyP99Ms',
            Dimensions: dimensions,
            Value: 60,
            Unit: 'Milliseconds',
            Timestamp: new Date(T0 + 5_000),
          },
          {
            MetricName: 'LatencyP99Ms',
            Dimensions: [{ Name: 'Scenario', Value: 'other' }],
            Value: 999,
            Timestamp: new Date(T0),
          },
          {
            MetricName: 'Spread',
            Values: [1, 2, 3, 100],
            Counts: [50, 30, 19, 1],
            Timestamp: new Date(T0 + MINUTE_MS),
          },
          {
            MetricName: 'Summary',
            StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 },
            Timestamp: new Date(T0 + MINUTE_MS),
          },
        ],
      }),
    );
    // Dimension order does not matter for identity.
    const reversed = [...dimensions].reverse();
    const get = (
      id: string,
      metricName: string,
      stat: string,
      dims = reversed,
      unit?: 'Milliseconds' | 'Count',
    ) =>
      ({
        Id: id,
        MetricStat: {
          Metric: { Namespace: 'Busload/Regress', MetricName: metricName, Dimensions: dims },
          Period: 60,
          Stat: stat,
          Unit: unit,
        },
      }) satisfies MetricDataQuery;
    const output = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 2 * MINUTE_MS),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          get('avg', 'LatencyP99Ms', 'Average'),
          get('max', 'LatencyP99Ms', 'Maximum'),
          get('wrongUnit', 'LatencyP99Ms', 'Average', reversed, 'Count'),
          get('other', 'LatencyP99Ms', 'Sum', [{ Name: 'Scenario', Value: 'other' }]),
          get('spreadCount', 'Spread', 'SampleCount', []),
          get('spreadP50', 'Spread', 'p50', []),
          get('spreadP99', 'Spread', 'p99', []),
          get('spreadP100', 'Spread', 'p100', []),
          get('summaryAvg', 'Summary', 'Average', []),
          get('summaryP50', 'Summary', 'p50', []),
        ],
      }),
    );
    expect(series(output, 'avg')).toEqual([[T0, 50]]);
    expect(series(output, 'max')).toEqual([[T0, 60]]);
    expect(series(output, 'wrongUnit')).toEqual([]);
    expect(series(output, 'other')).toEqual([[T0, 999]]);
    expect(series(output, 'spreadCount')).toEqual([[T0 + MINUTE_MS, 100]]);
    expect(series(output, 'spreadP50')[0]?.[1]).toBeCloseTo(1, 1);
    expect(series(output, 'spreadP99')[0]?.[1]).toBeCloseTo(3, 1);
    expect(series(output, 'spreadP100')).toEqual([[T0 + MINUTE_MS, 100]]);
    expect(series(output, 'summaryAvg')).toEqual([[T0 + MINUTE_MS, 2.5]]);
    // A statistic set has no distribution: no percentile, as in CloudWatch.
    expect(series(output, 'summaryP50')).toEqual([]);

    const listed = await client.send(new ListMetricsCommand({ Namespace: 'Busload/Regress' }));
    expect(listed.Metrics?.map((m) => m.MetricName).sort()).toEqual([
      'LatencyP99Ms',
      'LatencyP99Ms',
      'Spread',
      'Summary',
    ]);
  });

  it('reads a gzip-compressed PutMetricData body (the SDK compresses bodies over 10 KB)', async () => {
    const running = await start();
    const client = cloudWatch(running.url);
    const MetricData = Array.from({ length: 1000 }, (_, i) => ({
      MetricName: 'Bulk',
      Value: i,
      Timestamp: new Date(T0),
      Dimensions: [{ Name: 'Padding', Value: 'p'.repeat(20) }],
    }));
    await client.send(new PutMetricDataCommand({ Namespace: 'Busload/Bulk', MetricData }));
    const output = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + MINUTE_MS),
        MetricDataQueries: [
          {
            Id: 'sum',
            MetricStat: {
              Metric: {
                Namespace: 'Busload/Bulk',
                MetricName: 'Bulk',
                Dimensions: [{ Name: 'Padding', Value: 'p'.repeat(20) }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    expect(series(output, 'sum')).toEqual([[T0, (999 * 1000) / 2]]);
  });

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
          MetricDataQueries: [query('q', 'PutEventsLatency', 'tm99')],
        }),
      'InvalidParameterValueException',
    ],
    [
      'StartTime after EndTime',
      () =>
        new GetMetricDataCommand({
          StartTime: new Date(T0 + MINUTE_MS),
          EndTime: new Date(T0),
          MetricDataQueries: [query('q', 'PutEventsLatency', 'Sum')],
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

  it('rejects a credential scoped to another service', async () => {
    const running = await start();
    const answer = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/events/aws4_request, ' +
          `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
      body: '{}',
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { __type: string }).__type).toBe('InvalidSignatureException');
  });
});

describe('CloudWatch ListMetrics', () => {
  const NAMESPACE = 'Busload/List';

  /** Publishes four custom metrics (at the endpoint's current clock) that the dimension filters tell apart. */
  async function publishFour(client: CloudWatchClient): Promise<void> {
    await client.send(
      new PutMetricDataCommand({
        Namespace: NAMESPACE,
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: [
              { Name: 'Scenario', Value: 'quickstart' },
              { Name: 'Bus', Value: 'orders' },
            ],
            Value: 1,
          },
          {
            MetricName: 'Latency',
            Dimensions: [
              { Name: 'Scenario', Value: 'quickstart' },
              { Name: 'Bus', Value: 'billing' },
            ],
            Value: 1,
          },
          { MetricName: 'Latency', Dimensions: [{ Name: 'Scenario', Value: 'soak' }], Value: 1 },
          { MetricName: 'Errors', Value: 1 },
        ],
      }),
    );
  }

  /** The listed metrics as sorted `Namespace:Name{Dim=Value,...}` strings (dimensions in published order). */
  async function list(client: CloudWatchClient, input: ListMetricsCommandInput): Promise<string[]> {
    const output = await client.send(new ListMetricsCommand(input));
    return (output.Metrics ?? [])
      .map(
        (m) =>
          `${m.Namespace}:${m.MetricName}{${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',')}}`,
      )
      .sort();
  }

  const ORDERS = `${NAMESPACE}:Latency{Scenario=quickstart,Bus=orders}`;
  const BILLING = `${NAMESPACE}:Latency{Scenario=quickstart,Bus=billing}`;
  const SOAK = `${NAMESPACE}:Latency{Scenario=soak}`;
  const ERRORS = `${NAMESPACE}:Errors{}`;

  it('keeps the metrics that have every filtered dimension (by name, or by name and value)', async () => {
    const running = await start();
    const client = cloudWatch(running.url);
    await publishFour(client);

    // No filter: the four, with all their dimensions.
    expect(await list(client, { Namespace: NAMESPACE })).toEqual([ERRORS, BILLING, ORDERS, SOAK]);
    // By name only: any value of Bus; the metric's other dimensions do not matter.
    expect(await list(client, { Namespace: NAMESPACE, Dimensions: [{ Name: 'Bus' }] })).toEqual([
      BILLING,
      ORDERS,
    ]);
    // By name and value.
    expect(
      await list(client, { Namespace: NAMESPACE, Dimensions: [{ Name: 'Bus', Value: 'orders' }] }),
    ).toEqual([ORDERS]);
    expect(await list(client, { Dimensions: [{ Name: 'Scenario', Value: 'soak' }] })).toEqual([SOAK]);
    // Two filters: both must hold on the same metric.
    expect(
      await list(client, {
        Namespace: NAMESPACE,
        Dimensions: [{ Name: 'Scenario', Value: 'quickstart' }, { Name: 'Bus' }],
      }),
    ).toEqual([BILLING, ORDERS]);
    expect(
      await list(client, {
        Dimensions: [
          { Name: 'Bus', Value: 'billing' },
          { Name: 'Scenario', Value: 'quickstart' },
        ],
      }),
    ).toEqual([BILLING]);
    // Each filter alone matches some metric, but no metric has both.
    expect(
      await list(client, { Dimensions: [{ Name: 'Scenario', Value: 'soak' }, { Name: 'Bus' }] }),
    ).toEqual([]);
    // No match: an unknown value, an unknown name.
    expect(await list(client, { Dimensions: [{ Name: 'Bus', Value: 'shipping' }] })).toEqual([]);
    expect(await list(client, { Dimensions: [{ Name: 'Region' }] })).toEqual([]);
    // Filters combine with MetricName; the AWS/Events metrics have no dimensions, so any filter drops them.
    expect(await list(client, { MetricName: 'Latency', Dimensions: [{ Name: 'Scenario' }] })).toEqual([
      BILLING,
      ORDERS,
      SOAK,
    ]);
    // No PutEvents was served: CloudWatch lists a metric only once it has data.
    expect((await list(client, {})).filter((m) => m.startsWith('AWS/Events:'))).toHaveLength(0);
    // The cross-account members are accepted and change nothing on a single-account endpoint.
    expect(
      await list(client, {
        Namespace: NAMESPACE,
        Dimensions: [{ Name: 'Bus', Value: 'orders' }],
        IncludeLinkedAccounts: true,
        OwningAccount: '123456789012',
      }),
    ).toEqual([ORDERS]);
  });

  it('with RecentlyActive PT3H keeps the metrics written in the last three hours', async () => {
    const running = await start();
    const client = cloudWatch(running.url);
    const events = eventBridge(running.url);
    await publishFour(client); // at T0
    await putEvents(events, 1); // AWS/Events data at T0
    const HOUR_MS = 3_600_000;

    // Exactly three hours later the writes at T0 are still in the window.
    nowEpochMs = T0 + 3 * HOUR_MS;
    expect(await list(client, { Namespace: NAMESPACE, RecentlyActive: 'PT3H' })).toEqual([
      ERRORS,
      BILLING,
      ORDERS,
      SOAK,
    ]);
    const awsEventsActive = [
      'AWS/Events:PutEventsApproximateCallCount{}',
      'AWS/Events:PutEventsApproximateSuccessCount{}',
      'AWS/Events:PutEventsEntriesCount{}',
      'AWS/Events:PutEventsFailedEntriesCount{}',
      'AWS/Events:PutEventsLatency{}',
      'AWS/Events:PutEventsRequestSize{}',
    ];
    // Throttled and Failed counts were never written.
    expect(await list(client, { Namespace: 'AWS/Events', RecentlyActive: 'PT3H' })).toEqual(awsEventsActive);

    // A minute later nothing written at T0 is. A data point published now counts even though its own
    // timestamp (T0) is older than three hours: the window is about publishing.
    nowEpochMs = T0 + 3 * HOUR_MS + MINUTE_MS;
    await client.send(
      new PutMetricDataCommand({
        Namespace: NAMESPACE,
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: [{ Name: 'Scenario', Value: 'soak' }],
            Value: 2,
            Timestamp: new Date(T0),
          },
        ],
      }),
    );
    expect(await list(client, { RecentlyActive: 'PT3H' })).toEqual([SOAK]);
    expect(
      await list(client, { Dimensions: [{ Name: 'Scenario', Value: 'soak' }], RecentlyActive: 'PT3H' }),
    ).toEqual([SOAK]);
    expect(await list(client, { Dimensions: [{ Name: 'Bus' }], RecentlyActive: 'PT3H' })).toEqual([]);
    // Without RecentlyActive every metric is still listed.
    expect(await list(client, { Namespace: NAMESPACE })).toEqual([ERRORS, BILLING, ORDERS, SOAK]);

    // New traffic makes the AWS/Events metrics it feeds active again.
    await putEvents(events, 1);
    expect(await list(client, { Namespace: 'AWS/Events', RecentlyActive: 'PT3H' })).toEqual(awsEventsActive);
  });

  it.each([
    [
      '11 dimension filters',
      { Dimensions: Array.from({ length: 11 }, (_, i) => ({ Name: `D${i}` })) },
      'InvalidParameterValueException',
      'The collection Dimensions must not have a size greater than 10.',
    ],
    [
      'a filter without a Name',
      { Dimensions: [{ Name: 'Bus' }, { Value: 'orders' }] },
      'MissingRequiredParameterException',
      'The parameter Dimensions.member.2.Name is required.',
    ],
    [
      'a filter Name of 256 characters',
      { Dimensions: [{ Name: 'n'.repeat(256) }] },
      'InvalidParameterValueException',
      'The parameter Dimensions.member.1.Name must be at most 255 characters.',
    ],
    [
      'an empty filter Value',
      { Dimensions: [{ Name: 'Bus', Value: '' }] },
      'InvalidParameterValueException',
      'The parameter Dimensions.member.1.Value must be 1 to 1024 characters.',
    ],
    [
      'a filter Value of 1025 characters',
      { Dimensions: [{ Name: 'Bus', Value: 'v'.repeat(1025) }] },
      'InvalidParameterValueException',
      'The parameter Dimensions.member.1.Value must be 1 to 1024 characters.',
    ],
    [
      'RecentlyActive other than PT3H',
      { RecentlyActive: 'PT1H' },
      'InvalidParameterValueException',
      'The value PT1H for parameter RecentlyActive is invalid: expected PT3H.',
    ],
  ])('answers %s with the modelled error', async (_label, input, name, message) => {
    const running = await start();
    const client = cloudWatch(running.url);
    // biome-ignore lint/suspicious/noExplicitAny: invalid inputs on purpose (RecentlyActive is an enum)
    const error = await client.send(new ListMetricsCommand(input as any)).then(
      () => null,
      (caught: unknown) => caught as Error & { $metadata: { httpStatusCode?: number } },
    );
    expect(error?.name).toBe(name);
    expect(error?.message).toBe(message);
    expect(error?.$metadata.httpStatusCode).toBe(400);
  });

  it('accepts 10 dimension filters, Name of 255 and Value of 1024 characters', async () => {
    const running = await start();
    const client = cloudWatch(running.url);
    await client.send(
      new PutMetricDataCommand({
        Namespace: NAMESPACE,
        MetricData: [
          {
            MetricName: 'Wide',
            Dimensions: [{ Name: 'n'.repeat(255), Value: 'v'.repeat(1024) }],
            Value: 1,
          },
        ],
      }),
    );
    const wide = [{ Name: 'n'.repeat(255), Value: 'v'.repeat(1024) }];
    const output = await client.send(
      new ListMetricsCommand({ Dimensions: Array.from({ length: 10 }, () => wide[0]!) }),
    );
    expect(output.Metrics).toEqual([{ Namespace: NAMESPACE, MetricName: 'Wide', Dimensions: wide }]);
  });
});
