/**
 * `busload profile --from-cloudwatch` against the embedded endpoint's CloudWatch API (AWS JSON 1.0), through
 * the real @aws-sdk/client-cloudwatch: hourly AWS/Events PutEvents metrics -> a replay scenario that loads,
 * and a cost estimate of the measured volumes. (The readers of src/aws/cloudwatch.ts have their unit tests in
 * cloudwatch.test.ts; these are the command's.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeWindow, hourWindow } from '../../src/aws/cloudwatch.js';
import { profileAt } from '../../src/cli/commands/profile.js';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import type { CostEstimate } from '../../src/model/types.js';
import { loadScenario } from '../../src/scenario/load.js';
import { HOUR_MS, seedCurrentHour, seedPutEventsHistory } from '../helpers/put-events-metrics.js';

const ON_THE_HOUR = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const NOW = ON_THE_HOUR + 17 * 60_000; // 17 minutes into the current hour
const CREDENTIALS = { accessKeyId: 'AKIDPROFILETEST', secretAccessKey: 'profile-secret' };

let endpoint: RunningEndpoint;

beforeAll(async () => {
  // The CLI path reads credentials from the SDK's default chain.
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  endpoint = await startEndpoint(defaultEndpointConfig({ region: 'eu-west-1' }));
  seedPutEventsHistory(endpoint, hourWindow(NOW, 2).startEpochMs);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await endpoint.close();
});

describe('profile from CloudWatch (embedded endpoint, real CloudWatch client)', () => {
  it('writes a replay scenario that loads, and prices the measured volumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'busload-profile-'));
    const out = join(dir, 'profile.yaml');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    let printedText = '';
    try {
      code = await profileAt(
        {
          fromCloudwatch: true,
          splitByRules: false,
          days: 2,
          region: 'eu-west-1',
          split: 'orders=0.75,payments=0.25',
          out,
          duration: '2m',
          format: 'json',
          endpointUrl: endpoint.url,
        },
        ON_THE_HOUR,
      );
      printedText = write.mock.calls.map((call) => String(call[0])).join('');
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(0);
    const printed = JSON.parse(printedText) as {
      scenario: string;
      notes: string[];
      estimate: CostEstimate;
    };
    expect(printed.scenario).toBe(out);
    expect(printed.notes[0]).toBe(
      'split per bus: --split orders=0.75,payments=0.25 (shares stated by the user) (the PutEvents metrics have no bus dimension)',
    );
    // 47 x 3,600 + 7,200 = 176,400 calls in 48 h; orders 0.75 = 132,300, x 730 / 48 = 2,012,062.5 a month,
    // of which 36 x 48 x 0.75 = 1,296 throttled (logged under the default assumption).
    const orders = printed.estimate.buses.find((bus) => bus.name === 'orders')!;
    expect(printed.estimate.projection).toMatchObject({ factor: '15.208333' });
    expect(orders.monthly.dataEvents).toBe('2012062.5');
    // entries (176,400 x 5) x 0.75 x 730 / 48 = 10,060,312.5 one-chunk entries (1,000 B each)
    expect(orders.monthly.customEvents).toBe('10060312.5');
    expect(printed.estimate.quotaHeadroom).toMatchObject({
      quotaTps: 10_000,
      peakCallsPerSec: '110',
      usedShare: '1.1%',
    });

    // --month 2027-02: 132,300 calls in 48 h x 672 h / 48 h = 1,852,200 data events in February 2027.
    const feb = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let febText = '';
    try {
      await profileAt(
        {
          fromCloudwatch: true,
          splitByRules: false,
          days: 2,
          region: 'eu-west-1',
          split: 'orders=0.75,payments=0.25',
          out: join(dir, 'profile-feb.yaml'),
          duration: '2m',
          format: 'json',
          month: '2027-02',
          endpointUrl: endpoint.url,
        },
        ON_THE_HOUR,
      );
      febText = feb.mock.calls.map((call) => String(call[0])).join('');
    } finally {
      feb.mockRestore();
    }
    const february = (JSON.parse(febText) as { estimate: CostEstimate }).estimate;
    expect(february.month).toEqual({ label: '2027-02', hours: 672, basis: 'calendar month' });
    expect(february.buses.find((bus) => bus.name === 'orders')?.monthly.dataEvents).toBe('1852200');

    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain(
      '# Written by busload profile --from-cloudwatch from 48 h of AWS/Events PutEvents metrics in eu-west-1',
    );
    const { scenario } = await loadScenario(out);
    expect(scenario.timeScale).toBe(1440); // 48 h in 2 min
    expect(scenario.producers.map((p) => [p.bus, p.batching, p.entryBytes])).toEqual([
      [
        'orders',
        { kind: 'fixed', entriesPerRequest: 5, maxBytes: 1_048_576 },
        { dist: 'fixed', bytes: 1000 },
      ],
      [
        'payments',
        { kind: 'fixed', entriesPerRequest: 5, maxBytes: 1_048_576 },
        { dist: 'fixed', bytes: 1000 },
      ],
    ]);
    const shape = scenario.producers[0]!.shape;
    expect(shape.kind).toBe('replay');
    if (shape.kind === 'replay') {
      expect(shape.intervalMs).toBe(HOUR_MS);
      expect(shape.counts).toHaveLength(48);
      expect(shape.counts[0]).toBe(13_500); // 18,000 entries x 0.75
      expect(shape.counts[30]).toBe(27_000);
    }
  });

  it('splits by rule metrics and says so', async () => {
    let printedText = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await profileAt(
        {
          fromCloudwatch: true,
          days: 2,
          region: 'eu-west-1',
          splitByRules: true,
          buses: 'orders,payments',
          out: join(mkdtempSync(join(tmpdir(), 'busload-profile-')), 'p.yaml'),
          duration: '2m',
          format: 'json',
          endpointUrl: endpoint.url,
        },
        ON_THE_HOUR,
      );
      printedText = write.mock.calls.map((call) => String(call[0])).join('');
    } finally {
      write.mockRestore();
    }
    const printed = JSON.parse(printedText) as {
      notes: string[];
      estimate: CostEstimate;
    };
    expect(printed.notes[0]).toMatch(
      /^split per bus: MatchedEvents of each bus's rules \(orders 900, payments 100\)/,
    );
    // orders 0.9 of 176,400 calls x 730 / 48
    expect(printed.estimate.buses.find((bus) => bus.name === 'orders')?.monthly.dataEvents).toBe('2414475');
  });

  it('says which window it read, and projects a partial current hour', async () => {
    // 1,000 calls of 5 entries 5 minutes into the current hour (17 minutes old).
    seedCurrentHour(endpoint, ON_THE_HOUR);
    // (The earlier tests read up to the hour: they never see these samples.)
    {
      const window = hourWindow(NOW, 2);
      let printedText = '';
      let stderrText = '';
      const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await profileAt(
          {
            fromCloudwatch: true,
            splitByRules: false,
            days: 2,
            region: 'eu-west-1',
            split: 'orders=0.75,payments=0.25',
            out: join(mkdtempSync(join(tmpdir(), 'busload-profile-')), 'p.yaml'),
            duration: '2m',
            format: 'json',
            endpointUrl: endpoint.url,
          },
          NOW,
        );
        printedText = write.mock.calls.map((call) => String(call[0])).join('');
        stderrText = writeErr.mock.calls.map((call) => String(call[0])).join('');
      } finally {
        write.mockRestore();
        writeErr.mockRestore();
      }
      expect(stderrText).toBe(
        `busload profile: reading AWS/Events PutEvents metrics in eu-west-1, ${describeWindow(window)}\n`,
      );
      const printed = JSON.parse(printedText) as { notes: string[]; estimate: CostEstimate };
      // 48 h + 17 min covered: 730 h / 48.28 h.
      expect(printed.estimate.projection.basis).toBe(
        '48 h and 17 min of a partial hour of AWS/Events PutEvents metrics -> 730 h month',
      );
      expect(printed.estimate.projection.factor).toBe('15.119089');
      expect(printed.notes).toContain(
        'the current hour is partial (17 min read): its counts are projected over the time covered, and the replay plays it at its rate so far',
      );
      // (176,400 + 1,000) calls x 0.75 x 2,628,000,000 ms / 173,820,000 ms
      expect(printed.estimate.buses.find((bus) => bus.name === 'orders')?.monthly.dataEvents).toMatch(
        /^2011594\.75/,
      );
    }
  });

  it('refuses a split that does not add up, naming the flag', async () => {
    await expect(
      profileAt(
        {
          fromCloudwatch: true,
          splitByRules: false,
          days: 2,
          region: 'eu-west-1',
          split: 'orders=0.5,payments=0.4',
          duration: '2m',
          format: 'json',
        },
        Date.now(),
      ),
    ).rejects.toThrow('--split orders=0.5,payments=0.4: shares sum to 0.9; expected 1');
  });
});
