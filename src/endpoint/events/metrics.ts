/**
 * The `AWS/Events` PutEvents metrics (docs/aws-behaviour.md §7) computed from the traffic the endpoint receives, at
 * 1-minute resolution and without dimensions, as AWS publishes them. How each request feeds them is an
 * assumption where AWS is silent (see recordOutcome); it is stated here so a reader can check it.
 */
import type { MetricStore, MetricUnitSeries } from '../cloudwatch/metrics-store.js';

/** The namespace of EventBridge's own metrics. */
export const AWS_EVENTS_NAMESPACE = 'AWS/Events';

/** The PutEvents metric names of docs/aws-behaviour.md §7 and their units. */
export const PUT_EVENTS_METRICS = {
  PutEventsApproximateCallCount: 'Count',
  PutEventsApproximateSuccessCount: 'Count',
  PutEventsApproximateFailedCount: 'Count',
  PutEventsApproximateThrottledCount: 'Count',
  PutEventsEntriesCount: 'Count',
  PutEventsFailedEntriesCount: 'Count',
  PutEventsLatency: 'Milliseconds',
  PutEventsRequestSize: 'Bytes',
} as const;

/** One PutEvents metric name. */
export type PutEventsMetricName = keyof typeof PUT_EVENTS_METRICS;

/** How a PutEvents request ended, for the metrics. */
export type PutEventsMetricOutcome =
  | { kind: 'ok'; entries: number; failedEntries: number }
  | { kind: 'throttled'; entries: number | null }
  | { kind: 'failed'; entries: number | null };

/**
 * Records PutEvents requests into the AWS/Events metrics. Per request (epoch ms of its arrival):
 * - CallCount, and one of SuccessCount (HTTP 200, even with failed entries), ThrottledCount
 *   (ThrottlingException) or FailedCount (any other error answer): a sample of 1 each, so
 *   Sum = SampleCount = requests and CallCount = Success + Throttled + Failed;
 * - EntriesCount: a sample of the entry count for every request whose body parsed (Sum = entries,
 *   SampleCount = requests, Average = batch size);
 * - FailedEntriesCount: a sample of FailedEntryCount (0 included) for every 200 answer;
 * - RequestSize: the HTTP body's bytes; Latency: arrival to answer written, in ms (added latency included).
 */
export class PutEventsMetrics {
  private readonly series: Record<PutEventsMetricName, MetricUnitSeries>;

  /** @param store - where the metrics live (their 8 series are created at once) */
  constructor(store: MetricStore) {
    const series = {} as Record<PutEventsMetricName, MetricUnitSeries>;
    for (const [metricName, unit] of Object.entries(PUT_EVENTS_METRICS) as Array<
      [PutEventsMetricName, string]
    >) {
      const created = store.seriesFor({ namespace: AWS_EVENTS_NAMESPACE, metricName, dimensions: [] }, unit);
      if (created === null) throw new Error('the metric store is full before the endpoint started');
      series[metricName] = created;
    }
    this.series = series;
  }

  /** A PutEvents request arrived with a body of bodyBytes. */
  recordCall(arrivedEpochMs: number, bodyBytes: number): void {
    this.series.PutEventsApproximateCallCount.at(arrivedEpochMs).record(1);
    this.series.PutEventsRequestSize.at(arrivedEpochMs).record(bodyBytes);
  }

  /** How the request ended (call once per recordCall). */
  recordOutcome(arrivedEpochMs: number, outcome: PutEventsMetricOutcome): void {
    const s = this.series;
    if (outcome.kind === 'ok') {
      s.PutEventsApproximateSuccessCount.at(arrivedEpochMs).record(1);
      s.PutEventsFailedEntriesCount.at(arrivedEpochMs).record(outcome.failedEntries);
    } else if (outcome.kind === 'throttled')
      s.PutEventsApproximateThrottledCount.at(arrivedEpochMs).record(1);
    else s.PutEventsApproximateFailedCount.at(arrivedEpochMs).record(1);
    if (outcome.entries !== null) s.PutEventsEntriesCount.at(arrivedEpochMs).record(outcome.entries);
  }

  /** The answer was written latencyMs after the request arrived. */
  recordLatency(arrivedEpochMs: number, latencyMs: number): void {
    this.series.PutEventsLatency.at(arrivedEpochMs).record(latencyMs);
  }
}
