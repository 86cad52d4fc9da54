/**
 * Conformance, points 3 and 4 of issue 14: CloudWatch in the three protocols its service model lists
 * (AWS JSON 1.0, awsQuery, Smithy RPC v2 CBOR), driven by real clients: @aws-sdk/client-cloudwatch with each
 * of the SDK's own protocol implementations, boto3 (botocore's default for CloudWatch is RPC v2 CBOR; query
 * when told), and the AWS CLI (whichever protocol its botocore speaks). Shapes and texts are asserted
 * exactly where AWS documents them (docs/aws-behaviour.md §7.1).
 */
import { randomUUID } from 'node:crypto';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { AwsJson1_0Protocol, AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { decode as decodeCbor, Encoder } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient, EXAMPLE_SECRET } from '../helpers/endpoint-client.js';
import {
  AWS_CLI,
  AWS_CLI_MISSING,
  awsCli,
  BOTO_CLIENT,
  BOTO_PYTHON,
  BOTO3_MISSING,
  IN_CI,
  python,
} from './clients.js';

const KEY = 'AKIDEXAMPLE';
const MINUTE_MS = 60_000;
const XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let endpoint: RunningEndpoint;
const clients: CloudWatchClient[] = [];
beforeAll(async () => {
  endpoint = await startEndpoint(defaultEndpointConfig({ secretsByAccessKey: { [KEY]: EXAMPLE_SECRET } }));
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await endpoint?.close();
});

const PROTOCOLS = {
  'AWS JSON 1.0': AwsJson1_0Protocol,
  awsQuery: AwsQueryProtocol,
  'RPC v2 CBOR': AwsSmithyRpcV2CborProtocol,
} as const;

function cloudWatch(protocol: (typeof PROTOCOLS)[keyof typeof PROTOCOLS]): CloudWatchClient {
  const client = new CloudWatchClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: KEY, secretAccessKey: EXAMPLE_SECRET },
    maxAttempts: 1,
    protocol,
  });
  clients.push(client);
  return client;
}

/** A minute ten minutes ago (data points are stamped there, so one period holds them all). */
function pastMinute(): Date {
  const now = Date.now();
  return new Date(now - (now % MINUTE_MS) - 10 * MINUTE_MS);
}

const ONE_TO_HUNDRED = Array.from({ length: 100 }, (_, i) => i + 1);

describe.each(Object.entries(PROTOCOLS))('@aws-sdk/client-cloudwatch over %s', (name, protocol) => {
  it('PutMetricData, then GetMetricStatistics with Statistics and with ExtendedStatistics p99', async () => {
    const client = cloudWatch(protocol);
    const namespace = `Conformance/${name}`;
    const minute = pastMinute();
    await client.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: [{ Name: 'Bus', Value: 'orders' }],
            Timestamp: minute,
            Values: ONE_TO_HUNDRED,
            Unit: 'Milliseconds',
          },
        ],
      }),
    );
    const range = {
      Namespace: namespace,
      MetricName: 'Latency',
      Dimensions: [{ Name: 'Bus', Value: 'orders' }],
      StartTime: new Date(minute.getTime() - 5 * MINUTE_MS),
      EndTime: new Date(minute.getTime() + 5 * MINUTE_MS),
      Period: 60,
    };
    const basic = await client.send(
      new GetMetricStatisticsCommand({
        ...range,
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
      }),
    );
    expect({ Label: basic.Label, Datapoints: basic.Datapoints }).toEqual({
      Label: 'Latency',
      Datapoints: [
        {
          Timestamp: minute,
          SampleCount: 100,
          Sum: 5050,
          Average: 50.5,
          Minimum: 1,
          Maximum: 100,
          Unit: 'Milliseconds',
        },
      ],
    });
    const extended = await client.send(
      new GetMetricStatisticsCommand({ ...range, ExtendedStatistics: ['p99', 'p100'] }),
    );
    expect(extended.Datapoints).toHaveLength(1);
    const point = extended.Datapoints![0]!;
    expect(point.Timestamp).toEqual(minute);
    expect(point.Unit).toBe('Milliseconds');
    expect(point.ExtendedStatistics?.['p100']).toBe(100);
    // p99 of 1..100 is 99; the store's histogram keeps values within 1%.
    expect(Math.abs(point.ExtendedStatistics!['p99']! - 99)).toBeLessThanOrEqual(0.99);
  });

  it('GetMetricData evaluates metric math over other queries (an error rate)', async () => {
    const client = cloudWatch(protocol);
    const namespace = `Conformance/math/${name}`;
    const minute = pastMinute();
    const datum = (metricName: string, value: number, minutesLater: number) => ({
      MetricName: metricName,
      Timestamp: new Date(minute.getTime() + minutesLater * MINUTE_MS),
      Value: value,
    });
    await client.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [
          datum('Calls', 200, 0),
          datum('Errors', 5, 0),
          datum('Calls', 400, 1),
          datum('Errors', 2, 1),
        ],
      }),
    );
    const stat = (id: string, metricName: string) => ({
      Id: id,
      MetricStat: { Metric: { Namespace: namespace, MetricName: metricName }, Period: 60, Stat: 'Sum' },
      ReturnData: false,
    });
    const answer = await client.send(
      new GetMetricDataCommand({
        StartTime: minute,
        EndTime: new Date(minute.getTime() + 5 * MINUTE_MS),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          stat('calls', 'Calls'),
          stat('errors', 'Errors'),
          { Id: 'rate', Expression: '100 * errors / calls', Label: 'Error rate (%)' },
          { Id: 'total', Expression: 'SUM(METRICS())' },
        ],
      }),
    );
    expect(answer.MetricDataResults).toEqual([
      {
        Id: 'rate',
        Label: 'Error rate (%)',
        Timestamps: [minute, new Date(minute.getTime() + MINUTE_MS)],
        Values: [2.5, 0.5],
        StatusCode: 'Complete',
        Messages: [],
      },
      {
        Id: 'total',
        Label: 'total',
        Timestamps: [minute, new Date(minute.getTime() + MINUTE_MS)],
        Values: [205, 402],
        StatusCode: 'Complete',
        Messages: [],
      },
    ]);
  });

  it('PutMetricAlarm, DescribeAlarms (state from the stored data) and DeleteAlarms', async () => {
    const client = cloudWatch(protocol);
    const namespace = `Conformance/alarms/${name}`;
    const now = Date.now();
    const lastMinute = now - (now % MINUTE_MS) - MINUTE_MS;
    // Data in the last two whole minutes: a three-period window holds at least one of them even if the
    // minute turns during the test.
    await client.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: [0, 1].map((back) => ({
          MetricName: 'Throttles',
          Timestamp: new Date(lastMinute - back * MINUTE_MS),
          Value: 10,
        })),
      }),
    );
    const alarm = (alarmName: string, metricName: string, threshold: number) =>
      client.send(
        new PutMetricAlarmCommand({
          AlarmName: alarmName,
          Namespace: namespace,
          MetricName: metricName,
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 1,
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: ['arn:aws:sns:us-east-1:111122223333:pager'],
        }),
      );
    await alarm(`${name}-throttled`, 'Throttles', 5);
    await alarm(`${name}-quiet`, 'Throttles', 100);
    await alarm(`${name}-no-data`, 'Nothing', 1);
    const described = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: name }));
    expect(described.CompositeAlarms ?? []).toEqual([]);
    const byName = Object.fromEntries((described.MetricAlarms ?? []).map((a) => [a.AlarmName, a]));
    expect(Object.keys(byName).sort()).toEqual([`${name}-no-data`, `${name}-quiet`, `${name}-throttled`]);
    const throttled = byName[`${name}-throttled`]!;
    expect(throttled).toMatchObject({
      AlarmArn: `arn:aws:cloudwatch:us-east-1:111122223333:alarm:${name}-throttled`,
      StateValue: 'ALARM',
      MetricName: 'Throttles',
      Namespace: namespace,
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      ActionsEnabled: true,
      AlarmActions: ['arn:aws:sns:us-east-1:111122223333:pager'],
    });
    expect(throttled.StateReason).toMatch(
      /^Threshold Crossed: [12] out of the last 3 datapoints \[10 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\)(, 10 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\))?\] was greater than the threshold \(5\) \(minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition\)\.$/,
    );
    expect(throttled.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(byName[`${name}-quiet`]!.StateValue).toBe('OK');
    expect(byName[`${name}-no-data`]!.StateValue).toBe('INSUFFICIENT_DATA');
    const inAlarm = await client.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: name, StateValue: 'ALARM' }),
    );
    expect(inAlarm.MetricAlarms?.map((a) => a.AlarmName)).toEqual([`${name}-throttled`]);
    await client.send(new DeleteAlarmsCommand({ AlarmNames: [`${name}-quiet`, `${name}-no-data`] }));
    const left = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: name }));
    expect(left.MetricAlarms?.map((a) => a.AlarmName)).toEqual([`${name}-throttled`]);
    const missing = (await client
      .send(new DeleteAlarmsCommand({ AlarmNames: [`${name}-quiet`] }))
      .catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    expect(missing.name).toBe('ResourceNotFound');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses a period CloudWatch does not accept, with the query code in the error', async () => {
    const client = cloudWatch(protocol);
    const error = (await client
      .send(
        new GetMetricStatisticsCommand({
          Namespace: 'Conformance',
          MetricName: 'Latency',
          StartTime: pastMinute(),
          EndTime: new Date(),
          Period: 7,
          Statistics: ['Sum'],
        }),
      )
      .catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    expect(error.name).toMatch(/^InvalidParameterValue(Exception)?$/);
    expect(error.message).toBe(
      'The value 7 for parameter Period is invalid: the period must be 1, 5, 10, 20, 30, or a multiple of 60.',
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('ListMetrics', () => {
  it('pages 500 metrics at a time with NextToken, in every protocol', async () => {
    const namespace = `Conformance/paging/${randomUUID()}`;
    await cloudWatch(AwsJson1_0Protocol).send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: Array.from({ length: 501 }, (_, i) => ({
          MetricName: 'Depth',
          Dimensions: [{ Name: 'Queue', Value: `q${String(i).padStart(3, '0')}` }],
          Value: i,
        })),
      }),
    );
    for (const protocol of Object.values(PROTOCOLS)) {
      const client = cloudWatch(protocol);
      const first = await client.send(new ListMetricsCommand({ Namespace: namespace }));
      expect(first.Metrics).toHaveLength(500);
      expect(first.Metrics![0]).toEqual({
        Namespace: namespace,
        MetricName: 'Depth',
        Dimensions: [{ Name: 'Queue', Value: 'q000' }],
      });
      expect(first.NextToken).toEqual(expect.any(String));
      const second = await client.send(
        new ListMetricsCommand({ Namespace: namespace, NextToken: first.NextToken }),
      );
      expect(second.Metrics).toEqual([
        { Namespace: namespace, MetricName: 'Depth', Dimensions: [{ Name: 'Queue', Value: 'q500' }] },
      ]);
      expect(second.NextToken).toBeUndefined();
    }
  });

  it('lists only AWS/Events metrics that have data: none before PutEvents, six after one success', async () => {
    const own = await startEndpoint(defaultEndpointConfig());
    try {
      const client = new CloudWatchClient({
        endpoint: own.url,
        region: 'us-east-1',
        credentials: { accessKeyId: KEY, secretAccessKey: EXAMPLE_SECRET },
        maxAttempts: 1,
      });
      clients.push(client);
      const names = async () =>
        ((await client.send(new ListMetricsCommand({ Namespace: 'AWS/Events' }))).Metrics ?? [])
          .map((metric) => metric.MetricName)
          .sort();
      expect(await names()).toEqual([]);
      const events = createTestClient(own.url);
      await events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));
      events.destroy();
      expect(await names()).toEqual([
        'PutEventsApproximateCallCount',
        'PutEventsApproximateSuccessCount',
        'PutEventsEntriesCount',
        'PutEventsFailedEntriesCount',
        'PutEventsLatency',
        'PutEventsRequestSize',
      ]);
    } finally {
      await own.close();
    }
  });
});

/** A SigV4-signed request for CloudWatch (signing name monitoring), sent with fetch. */
async function signedFetch(
  method: 'POST' | 'GET',
  path: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const url = new URL(endpoint.url);
  const [pathname, search] = path.split('?') as [string, string | undefined];
  const query = Object.fromEntries(new URLSearchParams(search ?? ''));
  const signer = new SignatureV4({
    service: 'monitoring',
    region: 'us-east-1',
    credentials: { accessKeyId: KEY, secretAccessKey: EXAMPLE_SECRET },
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: pathname,
    query,
    headers: { host: url.host, ...headers },
    body,
  });
  const answer = await fetch(`${endpoint.url}${path}`, {
    method,
    headers: signed.headers,
    body: body === undefined ? undefined : Buffer.from(body),
  });
  return { status: answer.status, headers: answer.headers, body: Buffer.from(await answer.arrayBuffer()) };
}

describe('the wire as AWS writes it (SigV4-signed raw requests for the monitoring service)', () => {
  it('awsQuery: form-encoded POST and GET answered in XML, errors as ErrorResponse', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const ok = await signedFetch(
      'POST',
      '/',
      form,
      'Action=ListMetrics&Version=2010-08-01&Namespace=Conformance%2Fnothing',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/xml');
    const requestId = ok.headers.get('x-amzn-requestid');
    expect(ok.body.toString()).toBe(
      `<ListMetricsResponse xmlns="${XMLNS}"><ListMetricsResult><Metrics></Metrics></ListMetricsResult>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></ListMetricsResponse>`,
    );
    const get = await signedFetch(
      'GET',
      '/?Action=ListMetrics&Version=2010-08-01&Namespace=x',
      {},
      undefined,
    );
    expect(get.status).toBe(200);
    expect(get.body.toString()).toMatch(
      /^<ListMetricsResponse xmlns="[^"]+"><ListMetricsResult><Metrics><\/Metrics>/,
    );
    const bad = await signedFetch(
      'POST',
      '/',
      form,
      'Action=ListMetrics&Version=2010-08-01&RecentlyActive=PT1H',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toMatch(
      new RegExp(
        `^<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>InvalidParameterValue</Code>` +
          '<Message>The value PT1H for parameter RecentlyActive is invalid: expected PT3H.</Message></Error>' +
          `<RequestId>${UUID}</RequestId></ErrorResponse>$`,
      ),
    );
    const unknown = await signedFetch('POST', '/', form, 'Action=PutDashboard&Version=2010-08-01');
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toContain('<Code>InvalidAction</Code>');
  });

  it('RPC v2 CBOR: the smithy-protocol header both ways, CBOR maps, __type errors, no body without output', async () => {
    const cbor = {
      'smithy-protocol': 'rpc-v2-cbor',
      'content-type': 'application/cbor',
      accept: 'application/cbor',
    };
    const path = '/service/GraniteServiceVersion20100801/operation';
    const encoder = new Encoder({ useRecords: false });
    const listed = await signedFetch(
      'POST',
      `${path}/ListMetrics`,
      cbor,
      encoder.encode({ Namespace: 'Raw/none' }),
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
    expect(listed.headers.get('content-type')).toBe('application/cbor');
    expect(decodeCbor(listed.body)).toEqual({ Metrics: [] });
    const put = await signedFetch(
      'POST',
      `${path}/PutMetricData`,
      cbor,
      new Encoder({ useRecords: false }).encode({
        Namespace: 'Raw',
        MetricData: [{ MetricName: 'm', Value: 1 }],
      }),
    );
    expect(put.status).toBe(200);
    expect(put.body.length).toBe(0);
    const bad = await signedFetch('POST', `${path}/ListMetrics`, cbor, Uint8Array.from([0xff, 0x00]));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-query-error')).toBe('SerializationException;Sender');
    expect(decodeCbor(bad.body)).toEqual({
      __type: 'com.amazonaws.cloudwatch#SerializationException',
      message: 'The request body is not valid CBOR.',
    });
  });
});

describe.skipIf(BOTO_PYTHON === null && !IN_CI)('boto3 against CloudWatch', () => {
  const SCRIPT = `${BOTO_CLIENT}
import datetime, json, sys
url, key, secret, protocol, namespace = sys.argv[1:6]
cw = client('cloudwatch', url, key, secret, protocol or None)
minute = datetime.datetime.fromtimestamp(int(sys.argv[6]), datetime.timezone.utc)
cw.put_metric_data(Namespace=namespace, MetricData=[{'MetricName': 'Latency', 'Timestamp': minute,
    'Values': [float(v) for v in range(1, 101)], 'Unit': 'Milliseconds'}])
window = dict(Namespace=namespace, MetricName='Latency', StartTime=minute - datetime.timedelta(minutes=5),
    EndTime=minute + datetime.timedelta(minutes=5), Period=60)
basic = cw.get_metric_statistics(Statistics=['Sum', 'SampleCount', 'Maximum'], **window)
p99 = cw.get_metric_statistics(ExtendedStatistics=['p99'], **window)
pages = list(cw.get_paginator('list_metrics').paginate(Namespace=namespace))
cw.put_metric_alarm(AlarmName=namespace, Namespace=namespace, MetricName='Latency', Statistic='Sum', Period=60,
    EvaluationPeriods=15, DatapointsToAlarm=1, Threshold=5000, ComparisonOperator='GreaterThanThreshold')
alarm = cw.describe_alarms(AlarmNames=[namespace])['MetricAlarms'][0]
math = cw.get_metric_data(StartTime=window['StartTime'], EndTime=window['EndTime'], MetricDataQueries=[
    {'Id': 'm1', 'MetricStat': {'Metric': {'Namespace': namespace, 'MetricName': 'Latency'}, 'Period': 60,
     'Stat': 'Maximum'}, 'ReturnData': False},
    {'Id': 'e1', 'Expression': 'm1 / 10', 'Label': 'tenth'}])['MetricDataResults']
try:
    cw.get_metric_statistics(Statistics=['Sum'], **dict(window, Period=7))
    error = None
except Exception as e:
    error = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
def point(p):
    return {k: (v.timestamp() if k == 'Timestamp' else v) for k, v in p.items()}
print(json.dumps({'protocol': cw.meta.service_model.protocol, 'basic': [point(p) for p in basic['Datapoints']],
    'label': basic['Label'], 'p99': [point(p) for p in p99['Datapoints']],
    'pages': [p['Metrics'] for p in pages], 'error': error,
    'math': [[r['Id'], r['Label'], r['Values'], r['StatusCode']] for r in math],
    'alarm': [alarm['AlarmName'], alarm['StateValue'], alarm['Threshold'], alarm['EvaluationPeriods']]}))
`;

  // Which protocols the installed botocore offers for CloudWatch: 1.43 lists smithy-rpc-v2-cbor (its
  // default), json and query; older releases (an older Debian's python3-boto3) only query.
  const PROBE = `
import botocore, botocore.parsers, botocore.session, json
model = botocore.session.get_session().get_service_model('cloudwatch')
listed = model.metadata.get('protocols') or [model.protocol]
print(json.dumps({'version': botocore.__version__, 'default': model.protocol,
    'offered': [p for p in listed if p in botocore.parsers.PROTOCOL_PARSERS]}))
`;

  it('speaks CloudWatch in every protocol the installed botocore offers for it (its default first)', async () => {
    expect(BOTO_PYTHON, BOTO3_MISSING).not.toBeNull();
    const probe = JSON.parse(await python(PROBE, [])) as {
      version: string;
      default: string;
      offered: string[];
    };
    expect(probe.offered, `botocore ${probe.version}`).toContain('query');
    expect(probe.offered).toContain(probe.default);
    for (const protocol of ['', ...probe.offered.filter((p) => p !== probe.default)]) {
      const expected = protocol === '' ? probe.default : protocol;
      const namespace = `Conformance/boto3/${expected}`;
      const minute = pastMinute();
      const output = JSON.parse(
        await python(SCRIPT, [
          endpoint.url,
          KEY,
          EXAMPLE_SECRET,
          protocol,
          namespace,
          String(minute.getTime() / 1000),
        ]),
      ) as Record<string, unknown>;
      expect(output['protocol']).toBe(expected);
      expect(output['label']).toBe('Latency');
      expect(output['basic']).toEqual([
        {
          Timestamp: minute.getTime() / 1000,
          Sum: 5050,
          SampleCount: 100,
          Maximum: 100,
          Unit: 'Milliseconds',
        },
      ]);
      const p99 = (output['p99'] as Array<{ ExtendedStatistics: { p99: number } }>)[0]!;
      expect(Math.abs(p99.ExtendedStatistics.p99 - 99)).toBeLessThanOrEqual(0.99);
      expect(output['pages']).toEqual([[{ Namespace: namespace, MetricName: 'Latency', Dimensions: [] }]]);
      expect(output['math']).toEqual([['e1', 'tenth', [10], 'Complete']]);
      expect(output['alarm']).toEqual([namespace, 'ALARM', 5000, 15]);
      expect(output['error']).toEqual([
        'InvalidParameterValue',
        'The value 7 for parameter Period is invalid: the period must be 1, 5, 10, 20, 30, or a multiple of 60.',
        400,
      ]);
    }
  });
});

describe.skipIf(AWS_CLI === null && !IN_CI)('the AWS CLI against CloudWatch', () => {
  it('aws cloudwatch put-metric-data, get-metric-statistics --extended-statistics p99, list-metrics', async () => {
    expect(AWS_CLI, AWS_CLI_MISSING).not.toBeNull();
    const cli = (args: string[]) =>
      awsCli(
        AWS_CLI!,
        ['cloudwatch', ...args, '--endpoint-url', endpoint.url, '--output', 'json'],
        KEY,
        EXAMPLE_SECRET,
      );
    const minute = pastMinute();
    const namespace = 'Conformance/cli';
    const put = await cli([
      'put-metric-data',
      '--namespace',
      namespace,
      '--metric-data',
      JSON.stringify([
        {
          MetricName: 'Latency',
          Timestamp: minute.toISOString(),
          Values: ONE_TO_HUNDRED,
          Unit: 'Milliseconds',
        },
      ]),
    ]);
    expect(put.code, put.stderr).toBe(0);
    const stats = await cli([
      'get-metric-statistics',
      '--namespace',
      namespace,
      '--metric-name',
      'Latency',
      '--start-time',
      new Date(minute.getTime() - 5 * MINUTE_MS).toISOString(),
      '--end-time',
      new Date(minute.getTime() + 5 * MINUTE_MS).toISOString(),
      '--period',
      '60',
      '--extended-statistics',
      'p99',
    ]);
    expect(stats.code, stats.stderr).toBe(0);
    const parsed = JSON.parse(stats.stdout) as {
      Label: string;
      Datapoints: Array<{ Timestamp: string | number; ExtendedStatistics: { p99: number }; Unit: string }>;
    };
    expect(parsed.Label, stats.stdout).toBe('Latency');
    expect(parsed.Datapoints).toHaveLength(1);
    // The CLI prints a timestamp as its protocol's parser gave it: ISO 8601 (query, JSON) or epoch seconds (CBOR).
    const timestamp = parsed.Datapoints[0]!.Timestamp;
    expect(typeof timestamp === 'number' ? timestamp * 1000 : Date.parse(timestamp), stats.stdout).toBe(
      minute.getTime(),
    );
    expect(parsed.Datapoints[0]!.Unit).toBe('Milliseconds');
    expect(Math.abs(parsed.Datapoints[0]!.ExtendedStatistics.p99 - 99)).toBeLessThanOrEqual(0.99);
    const listed = await cli(['list-metrics', '--namespace', namespace]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      Metrics: [{ Namespace: namespace, MetricName: 'Latency', Dimensions: [] }],
    });
  });
});
