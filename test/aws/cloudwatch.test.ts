/**
 * src/aws/cloudwatch.ts against the embedded endpoint's CloudWatch API (AWS JSON 1.0) on 127.0.0.1, through
 * the real @aws-sdk/client-cloudwatch: the hourly AWS/Events PutEvents metrics, the busiest minute and the
 * rule metrics per bus that `busload profile --from-cloudwatch` reads, and the window it reads them over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCloudWatchClient,
  describeWindow,
  hourWindow,
  readMatchedEventsByBus,
  readPutEventsHistory,
} from '../../src/aws/cloudwatch.js';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { HOUR_MS, seedCurrentHour, seedMetric, seedPutEventsHistory } from '../helpers/put-events-metrics.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ON_THE_HOUR = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const NOW = ON_THE_HOUR + 17 * 60_000; // 17 minutes into the current hour
const CREDENTIALS = { accessKeyId: 'AKIDPROFILETEST', secretAccessKey: 'profile-secret' };

let endpoint: RunningEndpoint;

beforeAll(async () => {
  endpoint = await startEndpoint(defaultEndpointConfig({ region: 'eu-west-1' }));
  seedPutEventsHistory(endpoint, hourWindow(NOW, 2).startEpochMs);
});

afterAll(async () => {
  await endpoint.close();
});

describe('hourWindow and describeWindow', () => {
  const AT_10_17 = Date.UTC(2026, 11, 7, 10, 17);

  it('reads the whole hours of the last days and the current hour so far', () => {
    expect(hourWindow(AT_10_17, 2)).toEqual({
      startEpochMs: Date.UTC(2026, 11, 5, 10),
      endEpochMs: AT_10_17,
      wholeHoursEndEpochMs: Date.UTC(2026, 11, 7, 10),
    });
    expect(describeWindow(hourWindow(AT_10_17, 2))).toBe(
      "2026-12-05T10:00:00Z to 2026-12-07T10:17:00Z (48 whole hours and the current hour's first 17 min, partial)",
    );
  });

  it('on the hour has no partial hour; a partial minute shows as a decimal', () => {
    const onTheHour = Date.UTC(2026, 11, 7, 10);
    expect(hourWindow(onTheHour, 1)).toEqual({
      startEpochMs: Date.UTC(2026, 11, 6, 10),
      endEpochMs: onTheHour,
      wholeHoursEndEpochMs: onTheHour,
    });
    expect(describeWindow(hourWindow(onTheHour, 1))).toBe(
      '2026-12-06T10:00:00Z to 2026-12-07T10:00:00Z (24 whole hours)',
    );
    expect(describeWindow(hourWindow(onTheHour + 90_500, 1))).toBe(
      "2026-12-06T10:00:00Z to 2026-12-07T10:01:30Z (24 whole hours and the current hour's first 1.5 min, partial)",
    );
  });
});

describe('profile from CloudWatch (embedded endpoint, real CloudWatch client)', () => {
  it('reads hourly PutEvents Sums and the busiest minute', async () => {
    const client = createCloudWatchClient('eu-west-1', { endpoint: endpoint.url, credentials: CREDENTIALS });
    // On the hour: 48 whole hours, no partial one.
    const window = hourWindow(ON_THE_HOUR, 2);
    const history = await readPutEventsHistory(client, window);
    expect(history.hours).toHaveLength(48);
    expect(history.hours[0]).toEqual({
      startEpochMs: window.startEpochMs,
      calls: 3600,
      entries: 18_000,
      requestBytes: 18_000_000,
      throttledCalls: 36,
      failedCalls: 0,
      failedEntries: 0,
    });
    expect(history.hours[30]?.calls).toBe(7200);
    expect(history.peakMinuteCalls).toBe(6600);
    const matched = await readMatchedEventsByBus(client, ['orders', 'payments', 'unused'], window);
    expect(matched).toEqual(
      new Map([
        ['orders', 900],
        ['payments', 100],
        ['unused', 0],
      ]),
    );
    client.destroy();
  });

  it('reads the current hour so far as a partial hour', async () => {
    // 1,000 calls of 5 entries 5 minutes into the current hour (17 minutes old).
    seedCurrentHour(endpoint, ON_THE_HOUR);
    // (The other tests read up to the hour: they never see these samples.)
    {
      const window = hourWindow(NOW, 2);
      expect(window).toEqual({
        startEpochMs: ON_THE_HOUR - 48 * HOUR_MS,
        endEpochMs: NOW,
        wholeHoursEndEpochMs: ON_THE_HOUR,
      });
      expect(describeWindow(window)).toBe(
        `${iso(ON_THE_HOUR - 48 * HOUR_MS)} to ${iso(NOW)} (48 whole hours and the current hour's first 17 min, partial)`,
      );
      const client = createCloudWatchClient('eu-west-1', {
        endpoint: endpoint.url,
        credentials: CREDENTIALS,
      });
      const history = await readPutEventsHistory(client, window);
      client.destroy();
      expect(history.hours).toHaveLength(49);
      expect(history.hours[48]).toEqual({
        startEpochMs: ON_THE_HOUR,
        durationMs: 17 * 60_000,
        calls: 1000,
        entries: 5000,
        requestBytes: 5_000_000,
        throttledCalls: 0,
        failedCalls: 0,
        failedEntries: 0,
      });
    }
  });

  it('reads no busiest minute over more than the 15 days CloudWatch keeps minutes, and 0 for hours without data', async () => {
    const client = createCloudWatchClient('eu-west-1', { endpoint: endpoint.url, credentials: CREDENTIALS });
    const window = hourWindow(ON_THE_HOUR, 16);
    const history = await readPutEventsHistory(client, window);
    client.destroy();
    expect(history.peakMinuteCalls).toBeNull();
    expect(history.hours).toHaveLength(16 * 24);
    expect(history.hours[0]).toEqual({
      startEpochMs: window.startEpochMs,
      calls: 0,
      entries: 0,
      requestBytes: 0,
      throttledCalls: 0,
      failedCalls: 0,
      failedEntries: 0,
    });
    // The seeded 48 hours are the window's last 48.
    expect(history.hours.slice(-48).reduce((sum, hour) => sum + hour.calls, 0)).toBe(47 * 3600 + 7200);
  });

  it('sums MatchedEvents over every rule of a bus past one ListMetrics page and one GetMetricData request', async () => {
    const window = hourWindow(ON_THE_HOUR, 2);
    // 501 rules: ListMetrics answers 500 a page, GetMetricData takes 500 queries a request.
    for (let rule = 0; rule < 501; rule += 1) {
      seedMetric(endpoint, 'MatchedEvents', window.startEpochMs + HOUR_MS, rule + 1, [
        { Name: 'EventBusName', Value: 'many-rules' },
        { Name: 'RuleName', Value: `rule-${rule}` },
      ]);
    }
    const client = createCloudWatchClient('eu-west-1', { endpoint: endpoint.url, credentials: CREDENTIALS });
    const matched = await readMatchedEventsByBus(client, ['many-rules', 'orders'], window);
    client.destroy();
    expect(matched).toEqual(
      new Map([
        ['many-rules', (501 * 502) / 2],
        ['orders', 900],
      ]),
    );
  });
});
