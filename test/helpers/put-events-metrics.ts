/**
 * Seeds an embedded endpoint's AWS/Events metrics with the 48-hour history the `profile --from-cloudwatch`
 * tests read: 3,600 PutEvents calls of 5 entries (1,000 B each, 5,000 B a request) every hour, 7,200 in
 * hour 30; 36 calls throttled an hour; the busiest minute holds 600 calls plus the hour's first minute
 * (3,000, or 6,600 in hour 30); and MatchedEvents of two buses' rules (orders: 600 + 300, payments: 100).
 */
import type { RunningEndpoint } from '../../src/endpoint/types.js';

export const HOUR_MS = 3_600_000;

/** Records `value` as one Count sample of an AWS/Events metric in the minute starting at epochMs. */
export function seedMetric(
  endpoint: RunningEndpoint,
  metricName: string,
  epochMs: number,
  value: number,
  dimensions: Array<{ Name: string; Value: string }> = [],
): void {
  endpoint.metrics
    .seriesFor({ namespace: 'AWS/Events', metricName, dimensions }, 'Count')!
    .at(epochMs)
    .record(value);
}

/** The 48 hours from startEpochMs (hour-aligned), and the rule metrics in its first hour. */
export function seedPutEventsHistory(endpoint: RunningEndpoint, startEpochMs: number): void {
  for (let hour = 0; hour < 48; hour += 1) {
    const at = startEpochMs + hour * HOUR_MS;
    const calls = hour === 30 ? 7200 : 3600;
    seedMetric(endpoint, 'PutEventsApproximateCallCount', at, calls - 600);
    seedMetric(endpoint, 'PutEventsApproximateCallCount', at + 60_000, hour === 30 ? 600 : 0);
    seedMetric(endpoint, 'PutEventsApproximateCallCount', at + 120_000, hour === 30 ? 0 : 600);
    seedMetric(endpoint, 'PutEventsEntriesCount', at, calls * 5);
    seedMetric(endpoint, 'PutEventsRequestSize', at, calls * 5000);
    seedMetric(endpoint, 'PutEventsApproximateThrottledCount', at, 36);
    seedMetric(endpoint, 'PutEventsFailedEntriesCount', at, 0);
  }
  seedMetric(endpoint, 'MatchedEvents', startEpochMs, 600, [
    { Name: 'EventBusName', Value: 'orders' },
    { Name: 'RuleName', Value: 'to-billing' },
  ]);
  seedMetric(endpoint, 'MatchedEvents', startEpochMs, 300, [
    { Name: 'EventBusName', Value: 'orders' },
    { Name: 'RuleName', Value: 'to-audit' },
  ]);
  seedMetric(endpoint, 'MatchedEvents', startEpochMs, 100, [
    { Name: 'EventBusName', Value: 'payments' },
    { Name: 'RuleName', Value: 'to-ledger' },
  ]);
}

/** 1,000 calls of 5 entries (5,000,000 B) five minutes into the hour starting at onTheHourEpochMs. */
export function seedCurrentHour(endpoint: RunningEndpoint, onTheHourEpochMs: number): void {
  seedMetric(endpoint, 'PutEventsApproximateCallCount', onTheHourEpochMs + 5 * 60_000, 1000);
  seedMetric(endpoint, 'PutEventsEntriesCount', onTheHourEpochMs + 5 * 60_000, 5000);
  seedMetric(endpoint, 'PutEventsRequestSize', onTheHourEpochMs + 5 * 60_000, 5_000_000);
}
