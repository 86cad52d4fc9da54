/**
 * Reads a real account's `AWS/Events` PutEvents metrics with @aws-sdk/client-cloudwatch (GetMetricData,
 * ListMetrics) for `busload profile --from-cloudwatch`. The profile itself is built by the pure
 * src/model/profile.ts.
 */
import {
  CloudWatchClient,
  type CloudWatchClientConfig,
  GetMetricDataCommand,
  ListMetricsCommand,
  type Metric,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { HourlyPutEvents } from '../model/profile.js';

const NAMESPACE = 'AWS/Events';
const HOUR_MS = 3_600_000;

/** A CloudWatch client for a region (or a loopback endpoint, through `endpoint`). */
export function createCloudWatchClient(
  region: string,
  config: Pick<CloudWatchClientConfig, 'endpoint' | 'credentials'> = {},
): CloudWatchClient {
  return new CloudWatchClient({ region, maxAttempts: 3, ...config });
}

/** The time `profile` reads: [startEpochMs, endEpochMs), hour-aligned at the start. */
export interface MetricsWindow {
  startEpochMs: number;
  /** Now: the window includes the current hour so far. */
  endEpochMs: number;
  /** The end of the last whole hour (= endEpochMs when now is on the hour). */
  wholeHoursEndEpochMs: number;
}

/**
 * The whole hours of the last `days` days before `nowEpochMs`, plus the current hour so far (partial), so a
 * fresh account, or an emulator that has just been sent to, is seen.
 * Example: now 10:17, 2 days -> from 10:00 two days ago to 10:17 today (48 whole hours and 17 min).
 */
export function hourWindow(nowEpochMs: number, days: number): MetricsWindow {
  const wholeHoursEndEpochMs = Math.floor(nowEpochMs / HOUR_MS) * HOUR_MS;
  return {
    startEpochMs: wholeHoursEndEpochMs - days * 24 * HOUR_MS,
    endEpochMs: nowEpochMs,
    wholeHoursEndEpochMs,
  };
}

/**
 * The window in words, for the terminal and the written scenario.
 * Example: "2026-12-05T10:00:00Z to 2026-12-07T10:17:00Z (48 whole hours and the current hour's first 17 min, partial)".
 */
export function describeWindow(window: MetricsWindow): string {
  const iso = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const wholeHours = Math.round((window.wholeHoursEndEpochMs - window.startEpochMs) / HOUR_MS);
  const partialMs = window.endEpochMs - window.wholeHoursEndEpochMs;
  const partial =
    partialMs > 0
      ? ` and the current hour's first ${Number((partialMs / 60_000).toFixed(1))} min, partial`
      : '';
  return `${iso(window.startEpochMs)} to ${iso(window.endEpochMs)} (${wholeHours} whole hours${partial})`;
}

/** Runs metric queries (500 at most per request) and returns each id's values by timestamp. */
async function metricData(
  client: CloudWatchClient,
  queries: MetricDataQuery[],
  window: { startEpochMs: number; endEpochMs: number },
): Promise<Map<string, Map<number, number>>> {
  const byId = new Map<string, Map<number, number>>();
  for (let offset = 0; offset < queries.length; offset += 500) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries.slice(offset, offset + 500),
          StartTime: new Date(window.startEpochMs),
          EndTime: new Date(window.endEpochMs),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      for (const result of page.MetricDataResults ?? []) {
        const id = result.Id ?? '';
        const values = byId.get(id) ?? new Map<number, number>();
        (result.Timestamps ?? []).forEach((timestamp, index) => {
          const value = result.Values?.[index];
          if (value !== undefined)
            values.set(timestamp.getTime(), (values.get(timestamp.getTime()) ?? 0) + value);
        });
        byId.set(id, values);
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return byId;
}

function stat(
  id: string,
  metricName: string,
  periodSec: number,
  statName: string,
  metric?: Metric,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: metric ?? { Namespace: NAMESPACE, MetricName: metricName, Dimensions: [] },
      Period: periodSec,
      Stat: statName,
    },
    ReturnData: true,
  };
}

/** The account's PutEvents metrics, hour by hour, plus the busiest minute's calls (null when not read). */
export interface PutEventsHistory {
  hours: HourlyPutEvents[];
  peakMinuteCalls: number | null;
}

/**
 * Reads the hourly Sums of the PutEvents metrics over the window (every hour of the window, 0 where
 * CloudWatch has no point) and, when the window is within the 15 days CloudWatch keeps 1-minute data, the
 * busiest minute of PutEventsApproximateCallCount.
 */
export async function readPutEventsHistory(
  client: CloudWatchClient,
  window: { startEpochMs: number; endEpochMs: number },
): Promise<PutEventsHistory> {
  const hourly = await metricData(
    client,
    [
      stat('calls', 'PutEventsApproximateCallCount', 3600, 'Sum'),
      stat('entries', 'PutEventsEntriesCount', 3600, 'Sum'),
      stat('bytes', 'PutEventsRequestSize', 3600, 'Sum'),
      stat('throttled', 'PutEventsApproximateThrottledCount', 3600, 'Sum'),
      stat('failed', 'PutEventsApproximateFailedCount', 3600, 'Sum'),
      stat('failedEntries', 'PutEventsFailedEntriesCount', 3600, 'Sum'),
    ],
    window,
  );
  const at = (id: string, startEpochMs: number) => hourly.get(id)?.get(startEpochMs) ?? 0;
  const hours: HourlyPutEvents[] = [];
  for (let start = window.startEpochMs; start < window.endEpochMs; start += HOUR_MS) {
    const durationMs = Math.min(HOUR_MS, window.endEpochMs - start);
    hours.push({
      startEpochMs: start,
      ...(durationMs < HOUR_MS ? { durationMs } : {}),
      calls: at('calls', start),
      entries: at('entries', start),
      requestBytes: at('bytes', start),
      throttledCalls: at('throttled', start),
      failedCalls: at('failed', start),
      failedEntries: at('failedEntries', start),
    });
  }
  let peakMinuteCalls: number | null = null;
  if (window.endEpochMs - window.startEpochMs <= 15 * 24 * HOUR_MS) {
    const minutes = await metricData(
      client,
      [stat('minute', 'PutEventsApproximateCallCount', 60, 'Sum')],
      window,
    );
    const values = [...(minutes.get('minute')?.values() ?? [])];
    peakMinuteCalls = values.length > 0 ? Math.max(...values) : 0;
  }
  return { hours, peakMinuteCalls };
}

/**
 * Sum of MatchedEvents over every rule of each bus in the window (ListMetrics finds the bus's
 * `EventBusName` + `RuleName` series; GetMetricData sums them).
 */
export async function readMatchedEventsByBus(
  client: CloudWatchClient,
  buses: readonly string[],
  window: { startEpochMs: number; endEpochMs: number },
): Promise<Map<string, number>> {
  const queries: MetricDataQuery[] = [];
  const busOfQuery = new Map<string, string>();
  for (const bus of buses) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListMetricsCommand({
          Namespace: NAMESPACE,
          MetricName: 'MatchedEvents',
          Dimensions: [{ Name: 'EventBusName', Value: bus }],
          NextToken: nextToken,
        }),
      );
      // Filter on our side too: a server that ignores the Dimensions filter must not mix buses.
      const ofBus = (page.Metrics ?? []).filter((metric) =>
        (metric.Dimensions ?? []).some((d) => d.Name === 'EventBusName' && d.Value === bus),
      );
      for (const metric of ofBus) {
        const id = `m${queries.length}`;
        busOfQuery.set(id, bus);
        queries.push(stat(id, 'MatchedEvents', 3600, 'Sum', metric));
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  const totals = new Map(buses.map((bus) => [bus, 0]));
  if (queries.length === 0) return totals;
  const data = await metricData(client, queries, window);
  for (const [id, values] of data) {
    const bus = busOfQuery.get(id);
    if (bus === undefined) continue;
    totals.set(bus, (totals.get(bus) ?? 0) + [...values.values()].reduce((acc, value) => acc + value, 0));
  }
  return totals;
}
