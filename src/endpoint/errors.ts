/**
 * Whole-request errors in the AWS JSON 1.1 shape: `{"__type":"<Code>","message":"..."}` plus the
 * `x-amzn-ErrorType` header, so the real SDK raises an error whose `name` is the code.
 */

/** Whole-request error codes this endpoint answers with. */
export type AwsErrorCode =
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'ValidationException'
  | 'ThrottlingException'
  | 'InternalException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'RequestEntityTooLargeException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'LimitExceededException';

/** An error answer before it is written: HTTP status, code and message. */
export interface AwsErrorAnswer {
  httpStatus: number;
  code: AwsErrorCode;
  message: string;
}

/** The JSON body of an error answer. */
export function renderAwsErrorBody(error: AwsErrorAnswer): string {
  return JSON.stringify({ __type: error.code, message: error.message });
}

/** 400 ThrottlingException "Rate exceeded" (the AWS common-error convention; docs/aws-behaviour.md §2). */
export const THROTTLED: AwsErrorAnswer = {
  httpStatus: 400,
  code: 'ThrottlingException',
  message: 'Rate exceeded',
};

/** 500 InternalException, the one error PutEvents models (docs/aws-behaviour.md §1.1). */
export const INTERNAL: AwsErrorAnswer = {
  httpStatus: 500,
  code: 'InternalException',
  message: 'An internal error occurred. Please retry.',
};
