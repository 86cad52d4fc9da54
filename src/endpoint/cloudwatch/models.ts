/**
 * The protocol-independent shapes of the CloudWatch API the endpoint serves: the operations, the outcome of
 * one (its output with timestamps as Dates, or its error), and which operations have no output. Each
 * protocol (json.ts, query.ts, cbor.ts) writes an outcome its own way.
 */
import type { CloudWatchError } from './errors.js';

/** An operation's output (timestamps as Dates), or its error. */
export type CloudWatchOutcome =
  | { output: Record<string, unknown>; error: null }
  | { output: null; error: CloudWatchError };

/** Operations whose model output is empty (awsQuery writes no Result element, RPC v2 CBOR no body). */
export const CLOUDWATCH_OPERATIONS_WITHOUT_OUTPUT: ReadonlySet<string> = new Set([
  'PutMetricData',
  'PutMetricAlarm',
  'DeleteAlarms',
]);
