/**
 * The CloudWatch error an endpoint operation ends with (the operations throw CloudWatchRequestError, which
 * CloudWatchService.execute turns into the answer).
 */
import { type CloudWatchError, CloudWatchRequestError } from '../../src/endpoint/cloudwatch/errors.js';

/** The error `run` fails with; throws when it does not fail, or fails with something else. */
export function refusalOf(run: () => unknown): CloudWatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof CloudWatchRequestError) return error.error;
    throw error;
  }
  throw new Error('expected a CloudWatch error, the operation succeeded');
}
