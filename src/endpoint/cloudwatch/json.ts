/**
 * CloudWatch answers in AWS JSON 1.0 (docs/aws-behaviour.md §7): the protocol @aws-sdk/client-cloudwatch >=
 * 3.949 speaks, `X-Amz-Target: GraniteServiceVersion20100801.<Op>`, timestamps as epoch seconds, errors
 * awsQueryCompatible (the shape name in `__type`, the query-protocol code in the `x-amzn-query-error` header,
 * e.g. `InvalidParameterValue;Sender`, which http.ts writes). Pure: no sockets.
 */
import type { CloudWatchError } from './errors.js';
import type { CloudWatchOutcome } from './models.js';

/** The X-Amz-Target prefix of CloudWatch's JSON 1.0 protocol. */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';

/** What to answer: status, JSON body, and the error when it is one. */
export interface CloudWatchAnswer {
  httpStatus: number;
  body: string;
  error: CloudWatchError | null;
}

/**
 * A value with its Dates as JSON 1.0 writes timestamps: epoch seconds.
 * Example: { Timestamps: [new Date(1500)] } -> { Timestamps: [1.5] }.
 */
export function datesToEpochSeconds(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(datesToEpochSeconds);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = datesToEpochSeconds(member);
    return out;
  }
  return value;
}

/** An outcome as AWS JSON 1.0 writes it (awsQueryCompatible: the error's shape name in __type). */
export function renderJsonAnswer(outcome: CloudWatchOutcome): CloudWatchAnswer {
  if (outcome.error !== null) {
    const error = outcome.error;
    return {
      httpStatus: error.httpStatus,
      body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message }),
      error,
    };
  }
  return { httpStatus: 200, body: JSON.stringify(datesToEpochSeconds(outcome.output)), error: null };
}
