import {
  type CloudWatchClient,
  ListMetricsCommand,
  type ListMetricsCommandInput,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { listMetrics } from '../../../src/endpoint/cloudwatch/list-metrics.js';
import {
  type MetricIdentity,
  MetricStore,
  metricKey,
} from '../../../src/endpoint/cloudwatch/metrics-store.js';
import type { PublishTimes } from '../../../src/endpoint/cloudwatch/put-metric-data.js';
import { MINUTE_MS, putEvents, T0, useCloudWatchEndpoint } from '../../helpers/cloudwatch-endpoint.js';
import { refusalOf } from '../../helpers/cloudwatch-refusal.js';

const { start, setNow, cloudWatch, eventBridge } = useCloudWatchEndpoint();

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
    setNow(T0 + 3 * HOUR_MS);
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
    setNow(T0 + 3 * HOUR_MS + MINUTE_MS);
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
describe('listMetrics over a MetricStore', () => {
  const HOUR_MS = 3_600_000;
  const NOW = T0 + 10 * HOUR_MS;
  const named = (metricName: string): MetricIdentity => ({ namespace: 'App', metricName, dimensions: [] });
  const record = (metrics: MetricStore, identity: MetricIdentity, epochMs: number) =>
    metrics.seriesFor(identity)!.at(epochMs).record(1);
  const names = (output: Record<string, unknown>) =>
    (output['Metrics'] as Array<{ MetricName: string }>).map((metric) => metric.MetricName);

  it('pages 500 metrics at a time, sorted, with an offset NextToken', () => {
    const metrics = new MetricStore();
    for (let i = 500; i >= 0; i--) record(metrics, named(`m${String(i).padStart(3, '0')}`), NOW);
    // A metric without data is not listed.
    metrics.seriesFor(named('empty'));
    const first = listMetrics(metrics, new Map(), {}, NOW);
    expect(names(first)).toHaveLength(500);
    expect(names(first).slice(0, 2)).toEqual(['m000', 'm001']);
    expect(first['NextToken']).toBe(Buffer.from('offset:500').toString('base64url'));
    const second = listMetrics(metrics, new Map(), { NextToken: first['NextToken'] }, NOW);
    expect(second).toEqual({ Metrics: [{ Namespace: 'App', MetricName: 'm500', Dimensions: [] }] });
  });

  it('with RecentlyActive keeps metrics published (or, never published, holding data) in the last three hours', () => {
    const metrics = new MetricStore();
    const published: PublishTimes = new Map();
    // Published exactly three hours ago, with an old data point: active.
    record(metrics, named('publishedAtEdge'), NOW - 5 * HOUR_MS);
    published.set(metricKey(named('publishedAtEdge')), NOW - 3 * HOUR_MS);
    // Published a millisecond earlier, with a data point now: not active (publishing counts, not timestamps).
    record(metrics, named('publishedBefore'), NOW);
    published.set(metricKey(named('publishedBefore')), NOW - 3 * HOUR_MS - 1);
    // Never published (the endpoint's own metrics): the minute that holds the window's start counts. 30 s
    // past the hour, the window starts at NOW - 3 h + 30 s, inside the minute NOW - 3 h.
    const later = NOW + 30_000;
    record(metrics, named('ownInWindow'), NOW - 3 * HOUR_MS);
    record(metrics, named('ownBefore'), NOW - 3 * HOUR_MS - MINUTE_MS);
    expect(names(listMetrics(metrics, published, { RecentlyActive: 'PT3H' }, later))).toEqual([
      'ownInWindow',
    ]);
    expect(names(listMetrics(metrics, published, { RecentlyActive: 'PT3H' }, NOW))).toEqual([
      'ownInWindow',
      'publishedAtEdge',
    ]);
    expect(names(listMetrics(metrics, published, {}, NOW))).toHaveLength(4);
  });

  it.each([
    [{ NextToken: Buffer.from('offset:2').toString('base64url') }, 'InvalidNextToken', 'Invalid NextToken.'],
    [{ NextToken: 'not-a-token' }, 'InvalidNextToken', 'Invalid NextToken.'],
    [
      { IncludeLinkedAccounts: 'yes' },
      'InvalidParameterValueException',
      'The parameter IncludeLinkedAccounts must be a boolean.',
    ],
    [
      { OwningAccount: '' },
      'InvalidParameterValueException',
      'The parameter OwningAccount must be 1 to 255 characters.',
    ],
    [{ Namespace: 7 }, 'InvalidParameterValueException', 'The parameter Namespace must be a string.'],
  ])('refuses %j with %s', (input, code, message) => {
    const metrics = new MetricStore();
    record(metrics, named('only'), NOW);
    expect(refusalOf(() => listMetrics(metrics, new Map(), input, NOW))).toMatchObject({
      httpStatus: 400,
      code,
      message,
    });
  });
});
