import { describe, expect, it } from 'vitest';
import {
  decodeQueryForm,
  renderQueryAnswer,
  renderQueryError,
} from '../../../src/endpoint/cloudwatch/query.js';

const XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

describe('CloudWatch over awsQuery', () => {
  it('rebuilds the input structure from flattened parameters, typed by member', () => {
    const form = [
      'Action=PutMetricData',
      'Version=2010-08-01',
      'Namespace=Busload%2FRegress',
      'MetricData.member.1.MetricName=Latency',
      'MetricData.member.1.Value=40.5',
      'MetricData.member.1.Dimensions.member.1.Name=Bus',
      'MetricData.member.1.Dimensions.member.1.Value=42',
      'MetricData.member.1.Values.member.1=1',
      'MetricData.member.1.Values.member.2=2e3',
      'MetricData.member.2.MetricName=Summary',
      'MetricData.member.2.StatisticValues.SampleCount=4',
      'MetricData.member.2.StatisticValues.Maximum=abc',
      'MetricData.member.2.Timestamp=2026-12-07T10%3A00%3A00Z',
      'StrictEntityValidation=true',
    ].join('&');
    expect(decodeQueryForm(form)).toEqual({
      action: 'PutMetricData',
      version: '2010-08-01',
      input: {
        Namespace: 'Busload/Regress',
        MetricData: [
          {
            MetricName: 'Latency',
            Value: 40.5,
            // A Dimension's Value is a string whatever it looks like.
            Dimensions: [{ Name: 'Bus', Value: '42' }],
            Values: [1, 2000],
          },
          {
            MetricName: 'Summary',
            // Text that is not a number stays text (the operation refuses it).
            StatisticValues: { SampleCount: 4, Maximum: 'abc' },
            Timestamp: '2026-12-07T10:00:00Z',
          },
        ],
        StrictEntityValidation: true,
      },
    });
  });

  it('reads an empty top-level list, drops holes between members, and keeps no Action as empty', () => {
    expect(decodeQueryForm('Action=ListMetrics&Dimensions=')).toEqual({
      action: 'ListMetrics',
      version: undefined,
      input: { Dimensions: [] },
    });
    expect(decodeQueryForm('AlarmNames.member.1=a&AlarmNames.member.3=c').input).toEqual({
      AlarmNames: ['a', 'c'],
    });
    expect(decodeQueryForm('Namespace=App')).toEqual({
      action: '',
      version: undefined,
      input: { Namespace: 'App' },
    });
  });

  it('writes an answer as <OpResponse><OpResult>, lists as member, maps as entry, timestamps in ISO 8601, text escaped', () => {
    const answer = renderQueryAnswer(
      'GetMetricStatistics',
      {
        output: {
          Label: 'a<b & c>',
          Datapoints: [
            { Timestamp: new Date(Date.UTC(2026, 11, 7, 10)), Sum: 3, ExtendedStatistics: { p99: 2.5 } },
            { Timestamp: new Date(Date.UTC(2026, 11, 7, 10, 1, 0, 250)), Unit: undefined },
          ],
        },
        error: null,
      },
      'req-1',
    );
    expect(answer).toEqual({
      httpStatus: 200,
      body:
        `<GetMetricStatisticsResponse xmlns="${XMLNS}"><GetMetricStatisticsResult><Label>a&lt;b &amp; c&gt;</Label>` +
        '<Datapoints><member><Timestamp>2026-12-07T10:00:00Z</Timestamp><Sum>3</Sum>' +
        '<ExtendedStatistics><entry><key>p99</key><value>2.5</value></entry></ExtendedStatistics></member>' +
        '<member><Timestamp>2026-12-07T10:01:00.250Z</Timestamp></member></Datapoints></GetMetricStatisticsResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetMetricStatisticsResponse>',
    });
  });

  it('writes no Result for an operation without output', () => {
    expect(renderQueryAnswer('DeleteAlarms', { output: {}, error: null }, 'req-2').body).toBe(
      `<DeleteAlarmsResponse xmlns="${XMLNS}"><ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></DeleteAlarmsResponse>`,
    );
  });

  it('writes an error as ErrorResponse, Sender for 4xx and Receiver for 5xx', () => {
    const error = {
      httpStatus: 400,
      code: 'InvalidParameterValueException',
      queryCode: 'InvalidParameterValue',
      message: 'x < y',
    };
    const expected = {
      httpStatus: 400,
      body:
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>InvalidParameterValue</Code>` +
        '<Message>x &lt; y</Message></Error><RequestId>req-3</RequestId></ErrorResponse>',
    };
    expect(renderQueryError(error, 'req-3')).toEqual(expected);
    expect(renderQueryAnswer('ListMetrics', { output: null, error }, 'req-3')).toEqual(expected);
    expect(renderQueryError({ ...error, httpStatus: 503 }, 'r').body).toContain('<Type>Receiver</Type>');
  });
});
