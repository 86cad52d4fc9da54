/**
 * Publishes `busload regress` figures to CloudWatch with PutMetricData (@aws-sdk/client-cloudwatch), so a
 * dashboard or alarm can follow each bus's p99, throttle ratio, data events and $/month night after night.
 * The endpoint comes from the caller (a --cloudwatch-endpoint flag or AWS_ENDPOINT_URL_CLOUDWATCH); without
 * one the SDK's default for the region is used, with the default credential chain.
 */
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricPoint } from '../report/types.js';

/** Data items per PutMetricData request (CloudWatch accepts up to 1,000; small requests keep payloads modest). */
export const METRICS_PER_REQUEST = 150;

export interface PublishOptions {
  namespace: string;
  region: string;
  /** e.g. http://127.0.0.1:4010; undefined = the SDK's endpoint resolution. */
  endpointUrl?: string;
  /** The data points' timestamp (injected for tests; default now). */
  timestamp?: Date;
  /** Explicit credentials (tests); default: the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface PublishResult {
  requests: number;
  metrics: number;
  namespace: string;
}

/** Turns the SDK-independent points into PutMetricData items. */
export function toMetricData(points: readonly MetricPoint[], timestamp: Date): MetricDatum[] {
  return points.map((point) => ({
    MetricName: point.metricName,
    Unit: point.unit,
    Value: point.value,
    Timestamp: timestamp,
    Dimensions: [
      { Name: 'Scenario', Value: point.dimensions.Scenario },
      { Name: 'Bus', Value: point.dimensions.Bus },
    ],
  }));
}

/**
 * Sends the points with PutMetricData, in requests of at most METRICS_PER_REQUEST items, one after another.
 * @throws the SDK's error when a request fails (after the SDK's own retries)
 */
export async function publishMetrics(
  points: readonly MetricPoint[],
  options: PublishOptions,
): Promise<PublishResult> {
  const client = new CloudWatchClient({
    region: options.region,
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 3,
  });
  const data = toMetricData(points, options.timestamp ?? new Date());
  let requests = 0;
  try {
    for (let start = 0; start < data.length; start += METRICS_PER_REQUEST) {
      await client.send(
        new PutMetricDataCommand({
          Namespace: options.namespace,
          MetricData: data.slice(start, start + METRICS_PER_REQUEST),
        }),
      );
      requests++;
    }
  } finally {
    client.destroy();
  }
  return { requests, metrics: data.length, namespace: options.namespace };
}
