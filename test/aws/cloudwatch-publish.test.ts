/**
 * src/aws/cloudwatch-publish.ts against the embedded endpoint's CloudWatch API on 127.0.0.1, through the real
 * @aws-sdk/client-cloudwatch: `busload regress` figures as PutMetricData items, sent 150 a request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS_PER_REQUEST, publishMetrics, toMetricData } from '../../src/aws/cloudwatch-publish.js';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';

type Points = Parameters<typeof toMetricData>[0];

const CREDENTIALS = { accessKeyId: 'AKIDPUBLISHTEST', secretAccessKey: 'publish-secret' };
let endpoint: RunningEndpoint;

beforeAll(async () => {
  endpoint = await startEndpoint(defaultEndpointConfig());
});
afterAll(async () => {
  await endpoint.close();
});

describe('toMetricData', () => {
  it('writes each point as a datum with its unit, the timestamp, and Scenario and Bus dimensions', () => {
    const at = new Date(Date.UTC(2026, 11, 7, 2));
    const points: Points = [
      {
        metricName: 'LatencyP99',
        unit: 'Milliseconds',
        value: 41.5,
        dimensions: { Scenario: 'soak', Bus: 'orders' },
      },
      {
        metricName: 'MonthlyCostUsd',
        unit: 'None',
        value: 12.25,
        dimensions: { Scenario: 'soak', Bus: 'billing' },
      },
    ];
    expect(toMetricData(points, at)).toEqual([
      {
        MetricName: 'LatencyP99',
        Unit: 'Milliseconds',
        Value: 41.5,
        Timestamp: at,
        Dimensions: [
          { Name: 'Scenario', Value: 'soak' },
          { Name: 'Bus', Value: 'orders' },
        ],
      },
      {
        MetricName: 'MonthlyCostUsd',
        Unit: 'None',
        Value: 12.25,
        Timestamp: at,
        Dimensions: [
          { Name: 'Scenario', Value: 'soak' },
          { Name: 'Bus', Value: 'billing' },
        ],
      },
    ]);
    expect(toMetricData([], at)).toEqual([]);
  });
});

describe('publishMetrics', () => {
  it('sends the points in requests of 150, and the endpoint stores every one', async () => {
    const now = Date.now();
    const minute = new Date(now - (now % 60_000) - 5 * 60_000);
    // 151 buses' throttle ratios: two requests (150 + 1).
    const points: Points = Array.from({ length: METRICS_PER_REQUEST + 1 }, (_, i) => ({
      metricName: 'ThrottleRatio',
      unit: 'None',
      value: i / 1000,
      dimensions: { Scenario: 'nightly', Bus: `bus-${String(i).padStart(3, '0')}` },
    }));
    const requestsBefore = endpoint.stats().cloudWatchRequests;
    const result = await publishMetrics(points, {
      namespace: 'Busload/Test',
      region: 'us-east-1',
      endpointUrl: endpoint.url,
      timestamp: minute,
      credentials: CREDENTIALS,
    });
    expect(result).toEqual({ requests: 2, metrics: 151, namespace: 'Busload/Test' });
    expect(endpoint.stats().cloudWatchRequests - requestsBefore).toBe(2);
    const stored = endpoint.metrics
      .identitiesWithData()
      .filter((identity) => identity.namespace === 'Busload/Test');
    expect(stored).toHaveLength(151);
    const last = endpoint.metrics.query({
      identity: {
        namespace: 'Busload/Test',
        metricName: 'ThrottleRatio',
        dimensions: [
          { Name: 'Scenario', Value: 'nightly' },
          { Name: 'Bus', Value: 'bus-150' },
        ],
      },
      statistic: { kind: 'Sum' },
      periodSec: 60,
      startEpochMs: minute.getTime(),
      endEpochMs: minute.getTime() + 60_000,
      unit: 'None',
    });
    expect(last).toEqual([{ timestampEpochMs: minute.getTime(), value: 0.15 }]);
  });

  it("throws the SDK's error when a request is refused", async () => {
    const points: Points = [
      { metricName: 'LatencyP99', unit: 'Milliseconds', value: 1, dimensions: { Scenario: 's', Bus: 'b' } },
    ];
    // CloudWatch refuses custom metrics under AWS/.
    await expect(
      publishMetrics(points, {
        namespace: 'AWS/Events',
        region: 'us-east-1',
        endpointUrl: endpoint.url,
        credentials: CREDENTIALS,
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The value AWS/Events for parameter Namespace is invalid.',
    });
  });
});
