/**
 * CloudWatch's error answers, whatever protocol carries them: the error shape (JSON 1.0 shape name, the
 * awsQuery code sent in `x-amzn-query-error`, HTTP status, message), the constructors of the errors the
 * operations answer (InvalidParameterValue, MissingParameter, InvalidParameterCombination, InvalidNextToken),
 * and the exception that carries one out of an operation to CloudWatchService.execute. Pure: no I/O.
 */

/** A CloudWatch error: the JSON 1.0 shape name, its query-protocol code, status and message. */
export interface CloudWatchError {
  httpStatus: number;
  /** Shape name, e.g. InvalidParameterValueException (the SDK error's `name`). */
  code: string;
  /** awsQuery code, e.g. InvalidParameterValue (sent in `x-amzn-query-error`). */
  queryCode: string;
  message: string;
}

/** A member's value is out of range or of the wrong type (HTTP 400). */
export function invalidValue(message: string): CloudWatchError {
  return {
    httpStatus: 400,
    code: 'InvalidParameterValueException',
    queryCode: 'InvalidParameterValue',
    message,
  };
}

/**
 * A required member is absent (HTTP 400).
 * Example: missing('MetricData') -> message "The parameter MetricData is required.".
 */
export function missing(parameter: string): CloudWatchError {
  return {
    httpStatus: 400,
    code: 'MissingRequiredParameterException',
    queryCode: 'MissingParameter',
    message: `The parameter ${parameter} is required.`,
  };
}

/** Members that exclude each other were given together, or neither of two was (HTTP 400). */
export function combination(message: string): CloudWatchError {
  return {
    httpStatus: 400,
    code: 'InvalidParameterCombinationException',
    queryCode: 'InvalidParameterCombination',
    message,
  };
}

/** Thrown inside the handlers and turned into an error answer. */
export class CloudWatchRequestError extends Error {
  readonly error: CloudWatchError;
  constructor(error: CloudWatchError) {
    super(error.message);
    this.error = error;
  }
}

/** Ends the operation with the error (CloudWatchService.execute answers it). */
export function fail(error: CloudWatchError): never {
  throw new CloudWatchRequestError(error);
}

/** Ends the operation with InvalidNextToken: a paging token this endpoint did not write. */
export function invalidNextToken(): never {
  fail({
    httpStatus: 400,
    code: 'InvalidNextToken',
    queryCode: 'InvalidNextToken',
    message: 'Invalid NextToken.',
  });
}
