import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../../src/endpoint/cloudwatch/metrics-store.js';
import {
  AWS_EVENTS_NAMESPACE,
  PUT_EVENTS_METRICS,
  type PutEventsMetricName,
  PutEventsMetrics,
} from '../../../src/endpoint/events/metrics.js';

const MINUTE = Date.UTC(2026, 11, 7, 10, 0, 0);

function sumOf(
  store: MetricStore,
  metricName: PutEventsMetricName,
  kind: 'Sum' | 'SampleCount' | 'Maximum' = 'Sum',
) {
  const points = store.query({
    identity: { namespace: AWS_EVENTS_NAMESPACE, metricName, dimensions: [] },
    statistic: { kind },
    periodSec: 60,
    startEpochMs: MINUTE,
    endEpochMs: MINUTE + 120_000,
  });
  return points.map((point) => point.value);
}

describe('PutEventsMetrics', () => {
  it('creates the 8 AWS/Events PutEvents series with their units', () => {
    const store = new MetricStore();
    const metrics = new PutEventsMetrics(store);
    metrics.recordLatency(MINUTE, 3);
    metrics.recordCall(MINUTE, 10);
    expect(
      store.unitsOf({ namespace: 'AWS/Events', metricName: 'PutEventsRequestSize', dimensions: [] }),
    ).toEqual(['Bytes']);
    expect(
      store
        .identities()
        .map((identity) => identity.metricName)
        .sort(),
    ).toEqual(Object.keys(PUT_EVENTS_METRICS).sort());
    expect(
      store.unitsOf({ namespace: 'AWS/Events', metricName: 'PutEventsLatency', dimensions: [] }),
    ).toEqual(['Milliseconds']);
  });

  it('counts each call once as success, throttled or failed, and its entries when the body parsed', () => {
    const store = new MetricStore();
    const metrics = new PutEventsMetrics(store);
    const calls: Array<[number, Parameters<PutEventsMetrics['recordOutcome']>[1]]> = [
      [600, { kind: 'ok', entries: 10, failedEntries: 2 }],
      [300, { kind: 'ok', entries: 5, failedEntries: 0 }],
      [200, { kind: 'throttled', entries: 3 }],
      [100, { kind: 'failed', entries: null }],
    ];
    for (const [bytes, outcome] of calls) {
      metrics.recordCall(MINUTE + 1_000, bytes);
      metrics.recordOutcome(MINUTE + 1_000, outcome);
    }
    metrics.recordLatency(MINUTE + 1_000, 4);
    metrics.recordLatency(MINUTE + 61_000, 9);
    expect(sumOf(store, 'PutEventsApproximateCallCount')).toEqual([4]);
    expect(sumOf(store, 'PutEventsApproximateSuccessCount')).toEqual([2]);
    expect(sumOf(store, 'PutEventsApproximateThrottledCount')).toEqual([1]);
    expect(sumOf(store, 'PutEventsApproximateFailedCount')).toEqual([1]);
    expect(sumOf(store, 'PutEventsEntriesCount')).toEqual([18]);
    expect(sumOf(store, 'PutEventsEntriesCount', 'SampleCount')).toEqual([3]);
    expect(sumOf(store, 'PutEventsFailedEntriesCount')).toEqual([2]);
    expect(sumOf(store, 'PutEventsFailedEntriesCount', 'SampleCount')).toEqual([2]);
    expect(sumOf(store, 'PutEventsRequestSize')).toEqual([1200]);
    expect(sumOf(store, 'PutEventsLatency', 'Maximum')).toEqual([4, 9]);
  });

  it('refuses a store that is already full', () => {
    const store = new MetricStore();
    (store as unknown as { seriesFor: () => null }).seriesFor = () => null;
    expect(() => new PutEventsMetrics(store)).toThrow('the metric store is full before the endpoint started');
  });
});
