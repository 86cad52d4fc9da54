/**
 * The CloudWatch API of the endpoint (docs/aws-behaviour.md §7): GetMetricData (MetricStat queries and
 * metric math), GetMetricStatistics, PutMetricData and ListMetrics over the endpoint's MetricStore, and metric
 * alarms on the same metrics (PutMetricAlarm, DescribeAlarms, DeleteAlarms). The operations are served over
 * AWS JSON 1.0 (json.ts), awsQuery (query.ts) and Smithy RPC v2 CBOR (cbor.ts): `execute` takes the decoded
 * input whatever the protocol, and each operation lives in its own file. No sockets here: http.ts reads the
 * request and writes the answer.
 */

import { DEFAULT_ACCOUNT_ID } from '../../eventbridge/limits.js';
import { CloudWatchAlarms } from './alarms.js';
import { CloudWatchRequestError } from './errors.js';
import { getMetricData } from './get-metric-data.js';
import { getMetricStatistics } from './get-metric-statistics.js';
import { isObject } from './input.js';
import { listMetrics } from './list-metrics.js';
import type { MetricStore } from './metrics-store.js';
import type { CloudWatchOutcome } from './models.js';
import { type PublishTimes, putMetricData } from './put-metric-data.js';

const DEFAULT_WHERE = { region: 'us-east-1', accountId: DEFAULT_ACCOUNT_ID };

/** The CloudWatch operations over a MetricStore. */
export class CloudWatchService {
  private readonly store: MetricStore;
  /** The endpoint's clock at the last PutMetricData of each metric (for ListMetrics' RecentlyActive). */
  private readonly publishedEpochMs: PublishTimes = new Map();

  /** Metric alarms on the same metrics (PutMetricAlarm, DescribeAlarms, DeleteAlarms). */
  private readonly alarms: CloudWatchAlarms;

  /**
   * @param store - the endpoint's metrics (AWS/Events and custom)
   * @param where - Region and account of the alarms' ARNs (default us-east-1, 111122223333)
   */
  constructor(store: MetricStore, where: { region: string; accountId: string } = DEFAULT_WHERE) {
    this.store = store;
    this.alarms = new CloudWatchAlarms(store, where.region, where.accountId);
  }

  /**
   * Runs one operation on a decoded input, whatever protocol carried it (JSON 1.0, awsQuery, RPC v2 CBOR).
   * Timestamps in the input may be epoch seconds, ISO 8601 strings or Dates; timestamps in the output are
   * Dates, which each protocol writes its own way.
   * @returns the output (an empty object for operations without output members), or the error
   */
  execute(operation: string, input: unknown, nowEpochMs: number): CloudWatchOutcome {
    if (!isObject(input)) {
      return {
        output: null,
        error: {
          httpStatus: 400,
          code: 'SerializationException',
          queryCode: 'SerializationException',
          message: 'The request body must be a structure.',
        },
      };
    }
    try {
      switch (operation) {
        case 'GetMetricData':
          return { output: getMetricData(this.store, input), error: null };
        case 'GetMetricStatistics':
          return { output: getMetricStatistics(this.store, input), error: null };
        case 'PutMetricData':
          putMetricData(this.store, this.publishedEpochMs, input, nowEpochMs);
          return { output: {}, error: null };
        case 'ListMetrics':
          return { output: listMetrics(this.store, this.publishedEpochMs, input, nowEpochMs), error: null };
        case 'PutMetricAlarm':
          this.alarms.put(input, nowEpochMs);
          return { output: {}, error: null };
        case 'DescribeAlarms':
          return { output: this.alarms.describe(input, nowEpochMs), error: null };
        case 'DeleteAlarms':
          this.alarms.remove(input);
          return { output: {}, error: null };
        default:
          return {
            output: null,
            error: {
              httpStatus: 400,
              code: 'UnknownOperationException',
              queryCode: 'InvalidAction',
              message: `The busload emulator does not implement CloudWatch ${operation || '(no operation)'}.`,
            },
          };
      }
    } catch (error) {
      if (error instanceof CloudWatchRequestError) return { output: null, error: error.error };
      throw error;
    }
  }
}
