import { decode, Encoder } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import {
  cborOperationOf,
  decodeCborBody,
  renderCborAnswer,
  renderCborError,
} from '../../../src/endpoint/cloudwatch/cbor.js';

describe('CloudWatch over RPC v2 CBOR', () => {
  it('finds the operation in a CloudWatch RPC v2 path only', () => {
    expect(cborOperationOf('/service/GraniteServiceVersion20100801/operation/ListMetrics')).toBe(
      'ListMetrics',
    );
    expect(cborOperationOf('/service/GraniteServiceVersion20100801/operation/')).toBeNull();
    expect(cborOperationOf('/service/GraniteServiceVersion20100801/operation/a/b')).toBeNull();
    expect(cborOperationOf('/service/AWSEvents/operation/PutEvents')).toBeNull();
    expect(cborOperationOf('/')).toBeNull();
  });

  it('decodes a body with tag 1 timestamps as Dates, an empty body as {}, garbage as null', () => {
    const body = new Encoder({ useRecords: false }).encode({
      Namespace: 'App',
      StartTime: new Date(1_796_635_680_000),
      Period: 60,
    });
    expect(decodeCborBody(Buffer.from(body))).toEqual({
      Namespace: 'App',
      StartTime: new Date(1_796_635_680_000),
      Period: 60,
    });
    expect(decodeCborBody(Buffer.alloc(0))).toEqual({});
    expect(decodeCborBody(Buffer.from([0xff, 0xff, 0x1c]))).toBeNull();
  });

  it('writes an output as a plain CBOR map, nothing for an operation without output, errors with __type', () => {
    const answer = renderCborAnswer('GetMetricStatistics', {
      output: { Label: 'Calls', Datapoints: [{ Timestamp: new Date(60_000), Sum: 3 }] },
      error: null,
    });
    expect(answer.httpStatus).toBe(200);
    expect(decode(answer.body)).toEqual({
      Label: 'Calls',
      Datapoints: [{ Timestamp: new Date(60_000), Sum: 3 }],
    });
    // Tag 1 (0xc1) carries the timestamp, as RPC v2 CBOR requires.
    expect(answer.body.includes(0xc1)).toBe(true);
    expect(renderCborAnswer('PutMetricData', { output: {}, error: null })).toEqual({
      httpStatus: 200,
      body: Buffer.alloc(0),
    });
    const error = {
      httpStatus: 400,
      code: 'InvalidParameterValueException',
      queryCode: 'InvalidParameterValue',
      message: 'bad',
    };
    const refused = renderCborError(error);
    expect(refused.httpStatus).toBe(400);
    expect(decode(refused.body)).toEqual({
      __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
      message: 'bad',
    });
    const viaAnswer = renderCborAnswer('ListMetrics', { output: null, error });
    expect([viaAnswer.httpStatus, viaAnswer.body.equals(refused.body)]).toEqual([400, true]);
  });
});
