import { gzipSync } from 'node:zlib';
import { GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { decode, Encoder } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import {
  answerCloudWatchRequest,
  type CloudWatchHttpContext,
  cloudWatchProtocolOf,
  gunzipCapped,
} from '../../../src/endpoint/cloudwatch/http.js';
import { MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import { CloudWatchService } from '../../../src/endpoint/cloudwatch/service.js';
import type { AwsErrorAnswer } from '../../../src/endpoint/errors.js';
import type { PutEventsHttpRequest } from '../../../src/endpoint/events/models.js';
import { MINUTE_MS, seriesOf, T0, useCloudWatchEndpoint } from '../../helpers/cloudwatch-endpoint.js';

const { start, cloudWatch } = useCloudWatchEndpoint();

const MONITORING_AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/monitoring/aws4_request, ' +
  `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
const JSON_TARGET = 'GraniteServiceVersion20100801.';
const CBOR_PATH = '/service/GraniteServiceVersion20100801/operation/';

function request(
  method: string,
  url: string,
  headers: PutEventsHttpRequest['headers'],
  body: Buffer | string = '',
): PutEventsHttpRequest {
  return {
    method,
    url,
    headers,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    sourceIpAddress: '127.0.0.1',
    userAgent: 'test',
    hostHeader: '127.0.0.1',
  };
}

describe('cloudWatchProtocolOf', () => {
  it.each([
    ['a JSON 1.0 target', request('POST', '/', { 'x-amz-target': `${JSON_TARGET}ListMetrics` }), 'json'],
    ['an EventBridge target', request('POST', '/', { 'x-amz-target': 'AWSEvents.PutEvents' }), null],
    ['an RPC v2 CBOR path', request('POST', `${CBOR_PATH}ListMetrics?x=1`, {}), 'cbor'],
    [
      'a form body',
      request('POST', '/', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
      'query',
    ],
    ['a GET with Action', request('GET', '/?Version=2010-08-01&Action=ListMetrics', {}), 'query'],
    ['a GET without Action', request('GET', '/?Version=2010-08-01', {}), null],
    [
      'an unframed request signed for monitoring',
      request('POST', '/', { authorization: MONITORING_AUTH }),
      'query',
    ],
    [
      'a CBOR body signed for monitoring on another path',
      request('POST', '/', { authorization: MONITORING_AUTH, 'content-type': 'application/cbor' }),
      'cbor',
    ],
    [
      'a JSON 1.1 request without target',
      request('POST', '/', { 'content-type': 'application/x-amz-json-1.1' }),
      null,
    ],
  ])('%s -> %s', (_label, input, protocol) => {
    expect(cloudWatchProtocolOf(input)).toBe(protocol);
  });
});

describe('gunzipCapped', () => {
  it('inflates a body up to the cap, and tells too large from malformed', async () => {
    const text = 'x'.repeat(1000);
    expect((await gunzipCapped(gzipSync(text), 1000)) as Buffer).toEqual(Buffer.from(text));
    expect(await gunzipCapped(gzipSync(text), 999)).toBe('too-large');
    expect(await gunzipCapped(Buffer.from('not gzip'), 1000)).toBe('malformed');
  });
});

describe('answerCloudWatchRequest', () => {
  const NOW = T0 + MINUTE_MS;
  function context(authError: AwsErrorAnswer | null = null): CloudWatchHttpContext {
    return {
      cloudWatch: new CloudWatchService(new MetricStore()),
      authenticate: (_request, service) => {
        expect(service).toBe('monitoring');
        return authError === null ? { ok: true } : { ok: false, error: authError };
      },
      maxBodyBytes: 4096,
      nowEpochMs: () => NOW,
    };
  }
  const answer = (
    ctx: CloudWatchHttpContext,
    input: PutEventsHttpRequest,
    protocol: 'json' | 'query' | 'cbor',
  ) => answerCloudWatchRequest(ctx, input, protocol, NOW, 'req-1');
  const jsonRequest = (operation: string, body: string | Buffer, extra: Record<string, string> = {}) =>
    request(
      'POST',
      '/',
      {
        'x-amz-target': `${JSON_TARGET}${operation}`,
        'content-type': 'application/x-amz-json-1.0',
        ...extra,
      },
      body,
    );

  it('answers JSON 1.0 with the output, and an error with x-amzn-query-error', async () => {
    const ctx = context();
    expect(await answer(ctx, jsonRequest('ListMetrics', ''), 'json')).toEqual({
      httpStatus: 200,
      headers: { 'Content-Type': 'application/x-amz-json-1.0' },
      body: '{"Metrics":[]}',
    });
    expect(await answer(ctx, jsonRequest('PutMetricData', '{"Namespace":"App"}'), 'json')).toEqual({
      httpStatus: 400,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'x-amzn-query-error': 'MissingParameter;Sender',
      },
      body: '{"__type":"com.amazonaws.cloudwatch#MissingRequiredParameterException","message":"The parameter MetricData is required."}',
    });
    const unreadable = await answer(ctx, jsonRequest('ListMetrics', '{'), 'json');
    expect([unreadable.httpStatus, JSON.parse(String(unreadable.body)).message]).toEqual([
      400,
      'Unable to parse the request body as JSON.',
    ]);
    const wrongType = await answer(
      ctx,
      jsonRequest('ListMetrics', '{}', { 'content-type': 'text/plain' }),
      'json',
    );
    expect([wrongType.httpStatus, wrongType.headers['x-amzn-query-error']]).toEqual([
      400,
      'UnknownOperation;Sender',
    ]);
  });

  it('answers an authentication failure in the JSON body EventBridge uses, with the query code CloudWatch uses', async () => {
    const ctx = context({
      httpStatus: 403,
      code: 'InvalidSignatureException',
      message: 'The signature does not match.',
    });
    expect(await answer(ctx, jsonRequest('ListMetrics', '{}'), 'json')).toEqual({
      httpStatus: 403,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'x-amzn-query-error': 'SignatureDoesNotMatch;Sender',
      },
      body: '{"__type":"InvalidSignatureException","message":"The signature does not match."}',
    });
    const query = await answer(
      ctx,
      request('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListMetrics'),
      'query',
    );
    expect(query.httpStatus).toBe(403);
    expect(String(query.body)).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('inflates gzip bodies up to maxBodyBytes: 413 past it, 400 when malformed', async () => {
    const ctx = context();
    const gzip = { 'content-encoding': 'gzip' };
    expect((await answer(ctx, jsonRequest('ListMetrics', gzipSync('{}'), gzip), 'json')).httpStatus).toBe(
      200,
    );
    const big = gzipSync(JSON.stringify({ Namespace: 'x'.repeat(5000) }));
    const tooLarge = await answer(ctx, jsonRequest('ListMetrics', big, gzip), 'json');
    expect([tooLarge.httpStatus, tooLarge.headers['x-amzn-query-error']]).toEqual([
      413,
      'RequestEntityTooLarge;Sender',
    ]);
    const malformed = await answer(ctx, jsonRequest('ListMetrics', 'nope', gzip), 'json');
    expect([malformed.httpStatus, JSON.parse(String(malformed.body)).message]).toEqual([
      400,
      'The gzip request body could not be decompressed.',
    ]);
  });

  it('answers awsQuery from a POST form or a GET query string, refusing a missing Action and another Version', async () => {
    const ctx = context();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const posted = await answer(
      ctx,
      request('POST', '/', form, 'Action=ListMetrics&Version=2010-08-01'),
      'query',
    );
    expect(posted).toEqual({
      httpStatus: 200,
      headers: { 'Content-Type': 'text/xml' },
      body:
        '<ListMetricsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><ListMetricsResult><Metrics></Metrics>' +
        '</ListMetricsResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListMetricsResponse>',
    });
    const got = await answer(ctx, request('GET', '/?Action=ListMetrics', {}), 'query');
    expect(got.body).toBe(posted.body);
    const noAction = await answer(ctx, request('POST', '/', form, 'Namespace=App'), 'query');
    expect([noAction.httpStatus, String(noAction.body)]).toEqual([
      400,
      '<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type>' +
        '<Code>MissingAction</Code><Message>The request is missing an action or a required parameter.</Message>' +
        '</Error><RequestId>req-1</RequestId></ErrorResponse>',
    ]);
    const oldVersion = await answer(
      ctx,
      request('POST', '/', form, 'Action=ListMetrics&Version=2009-01-01'),
      'query',
    );
    expect(String(oldVersion.body)).toContain(
      '<Code>InvalidAction</Code><Message>Could not find operation ListMetrics for version 2009-01-01.</Message>',
    );
    expect((await answer(ctx, request('PUT', '/', form, 'Action=ListMetrics'), 'query')).httpStatus).toBe(
      400,
    );
  });

  it('answers RPC v2 CBOR with the smithy-protocol header both ways, and no body without output', async () => {
    const ctx = context();
    const cbor = { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' };
    const encode = (value: unknown) => Buffer.from(new Encoder({ useRecords: false }).encode(value));
    const listed = await answer(ctx, request('POST', `${CBOR_PATH}ListMetrics`, cbor, encode({})), 'cbor');
    expect([listed.httpStatus, listed.headers, decode(listed.body as Buffer)]).toEqual([
      200,
      { 'smithy-protocol': 'rpc-v2-cbor', 'Content-Type': 'application/cbor' },
      { Metrics: [] },
    ]);
    const put = await answer(
      ctx,
      request(
        'POST',
        `${CBOR_PATH}PutMetricData`,
        cbor,
        encode({ Namespace: 'App', MetricData: [{ MetricName: 'm', Value: 1, Timestamp: new Date(T0) }] }),
      ),
      'cbor',
    );
    expect([put.httpStatus, put.headers, (put.body as Buffer).length]).toEqual([
      200,
      { 'smithy-protocol': 'rpc-v2-cbor' },
      0,
    ]);
    const noHeader = await answer(
      ctx,
      request('POST', `${CBOR_PATH}ListMetrics`, { 'content-type': 'application/cbor' }, encode({})),
      'cbor',
    );
    expect([
      noHeader.httpStatus,
      noHeader.headers['x-amzn-query-error'],
      decode(noHeader.body as Buffer),
    ]).toEqual([
      400,
      'UnknownOperation;Sender',
      {
        __type: 'com.amazonaws.cloudwatch#UnknownOperationException',
        message: 'Expected POST with the header smithy-protocol: rpc-v2-cbor.',
      },
    ]);
    const garbage = await answer(
      ctx,
      request('POST', `${CBOR_PATH}ListMetrics`, cbor, Buffer.from([0xff, 0xff, 0x1c])),
      'cbor',
    );
    expect(decode(garbage.body as Buffer)).toEqual({
      __type: 'com.amazonaws.cloudwatch#SerializationException',
      message: 'The request body is not valid CBOR.',
    });
  });
});

describe('CloudWatch over HTTP on a loopback endpoint', () => {
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
    expect(seriesOf(output, 'sum')).toEqual([[T0, (999 * 1000) / 2]]);
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
