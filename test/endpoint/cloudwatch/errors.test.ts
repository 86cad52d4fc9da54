import { describe, expect, it } from 'vitest';
import {
  CloudWatchRequestError,
  combination,
  fail,
  invalidNextToken,
  invalidValue,
  missing,
} from '../../../src/endpoint/cloudwatch/errors.js';

describe('CloudWatch errors', () => {
  it('builds each error with its shape name, query code and status 400', () => {
    expect(invalidValue('The value 7 for parameter Period is invalid.')).toEqual({
      httpStatus: 400,
      code: 'InvalidParameterValueException',
      queryCode: 'InvalidParameterValue',
      message: 'The value 7 for parameter Period is invalid.',
    });
    expect(missing('MetricData.member.1.Value')).toEqual({
      httpStatus: 400,
      code: 'MissingRequiredParameterException',
      queryCode: 'MissingParameter',
      message: 'The parameter MetricData.member.1.Value is required.',
    });
    expect(combination('Statistics and ExtendedStatistics are mutually exclusive.')).toEqual({
      httpStatus: 400,
      code: 'InvalidParameterCombinationException',
      queryCode: 'InvalidParameterCombination',
      message: 'Statistics and ExtendedStatistics are mutually exclusive.',
    });
  });

  it('fail and invalidNextToken throw a CloudWatchRequestError carrying the error', () => {
    const error = missing('Namespace');
    let thrown: unknown;
    try {
      fail(error);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(CloudWatchRequestError);
    expect((thrown as CloudWatchRequestError).error).toBe(error);
    expect((thrown as CloudWatchRequestError).message).toBe('The parameter Namespace is required.');
    try {
      invalidNextToken();
    } catch (caught) {
      thrown = caught;
    }
    expect((thrown as CloudWatchRequestError).error).toEqual({
      httpStatus: 400,
      code: 'InvalidNextToken',
      queryCode: 'InvalidNextToken',
      message: 'Invalid NextToken.',
    });
  });
});
