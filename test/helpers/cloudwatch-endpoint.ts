/**
 * Test helpers for the endpoint's CloudWatch API: an embedded endpoint on 127.0.0.1 port 0 with a wall clock
 * the test moves, real SDK clients pointed at it (closed after each test), and readers of GetMetricData
 * answers.
 */
import {
  CloudWatchClient,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, expect } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { EndpointConfig, RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient, EXAMPLE_SECRET } from './endpoint-client.js';

/** The endpoint clock's start: 2026-11-24 10:00:00 UTC. */
export const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
export const MINUTE_MS = 60_000;

export interface CloudWatchEndpointHarness {
  /** Starts the endpoint (the clock at T0); it is closed after the test. */
  start(overrides?: Partial<EndpointConfig>): Promise<RunningEndpoint>;
  /** Moves the endpoint's wall clock. */
  setNow(epochMs: number): void;
  /** A real CloudWatch client (JSON 1.0, no retries) for the endpoint at url. */
  cloudWatch(url: string): CloudWatchClient;
  /** A real EventBridge client (no retries) for the endpoint at url. */
  eventBridge(url: string): EventBridgeClient;
}

/** Registers an afterEach that closes the clients and the endpoint, and returns the harness. */
export function useCloudWatchEndpoint(): CloudWatchEndpointHarness {
  let endpoint: RunningEndpoint | null = null;
  const closers: Array<{ destroy(): void }> = [];
  let nowEpochMs = T0;
  afterEach(async () => {
    for (const closer of closers.splice(0)) closer.destroy();
    await endpoint?.close();
    endpoint = null;
  });
  return {
    async start(overrides = {}) {
      nowEpochMs = T0;
      endpoint = await startEndpoint(
        defaultEndpointConfig({
          clock: { nowEpochMs: () => nowEpochMs, monotonicMs: () => performance.now() },
          ...overrides,
        }),
      );
      return endpoint;
    },
    setNow(epochMs) {
      nowEpochMs = epochMs;
    },
    cloudWatch(url) {
      const client = new CloudWatchClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: EXAMPLE_SECRET },
        maxAttempts: 1,
      });
      closers.push(client);
      return client;
    },
    eventBridge(url) {
      const client = createTestClient(url);
      closers.push(client);
      return client;
    },
  };
}

/** A MetricStat query of one minute's period on a metric without dimensions. */
export function metricStatQuery(
  id: string,
  metricName: string,
  stat: string,
  namespace = 'AWS/Events',
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: namespace, MetricName: metricName }, Period: 60, Stat: stat },
  };
}

/** The [epoch ms, value] points of one query's result, which must be Complete. */
export function seriesOf(output: GetMetricDataCommandOutput, id: string): Array<[number, number]> {
  const result = output.MetricDataResults?.find((r) => r.Id === id);
  if (result === undefined) throw new Error(`no result ${id}`);
  expect(result.StatusCode).toBe('Complete');
  return (result.Timestamps ?? []).map((t, i) => [t.getTime(), result.Values?.[i] ?? Number.NaN]);
}

/** One PutEvents request of `entries` small entries. */
export async function putEvents(client: EventBridgeClient, entries: number): Promise<void> {
  const Entries = Array.from({ length: entries }, () => ({
    Source: 's',
    DetailType: 'T',
    Detail: '{"a":1}',
  }));
  await client.send(new PutEventsCommand({ Entries }));
}
