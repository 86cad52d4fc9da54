import { describe, expect, it } from 'vitest';
import { datesToEpochSeconds, renderJsonAnswer } from '../../../src/endpoint/cloudwatch/json.js';

describe('CloudWatch over AWS JSON 1.0', () => {
  it('writes Dates as epoch seconds at any depth, leaving other values as they are', () => {
    expect(
      datesToEpochSeconds({
        Label: 'Calls',
        Timestamps: [new Date(1_796_635_680_500), new Date(0)],
        Nested: { At: new Date(2_000), Values: [1, null, 'x', true] },
      }),
    ).toEqual({
      Label: 'Calls',
      Timestamps: [1_796_635_680.5, 0],
      Nested: { At: 2, Values: [1, null, 'x', true] },
    });
  });

  it('renders an output with status 200 and an error with its status and the shape id in __type', () => {
    expect(
      renderJsonAnswer({ output: { Datapoints: [{ Timestamp: new Date(60_000), Sum: 3 }] }, error: null }),
    ).toEqual({ httpStatus: 200, body: '{"Datapoints":[{"Timestamp":60,"Sum":3}]}', error: null });
    const error = {
      httpStatus: 404,
      code: 'ResourceNotFound',
      queryCode: 'ResourceNotFound',
      message: '1 of the alarms specified do not exist: [x]',
    };
    expect(renderJsonAnswer({ output: null, error })).toEqual({
      httpStatus: 404,
      body: '{"__type":"com.amazonaws.cloudwatch#ResourceNotFound","message":"1 of the alarms specified do not exist: [x]"}',
      error,
    });
  });
});
