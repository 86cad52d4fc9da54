/**
 * `busload emulator` as users run it: a real child process, driven by real clients (the AWS CLI, the SDK
 * through AWS_ENDPOINT_URL_EVENTBRIDGE / AWS_ENDPOINT_URL_CLOUDWATCH), stopped with SIGTERM, and its trail
 * files read back as CloudTrail.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/aws/network.js';
import type { CloudTrailRecord } from '../../src/eventbridge/cloudtrail-record.js';
import { AWS_CLI, type CliResult, IN_CI, awsCli as runAwsCli } from '../conformance/clients.js';

const CLI = ['--import', 'tsx', 'src/cli/index.ts'];
const ACCESS_KEY_ID = 'AKIDEMULATORTEST';
const SECRET = 'emulator-test-secret-not-a-real-credential';
const ROLE = 'arn:aws:iam::111122223333:role/checkout-producer';

const SCENARIO = `
name: emulator-e2e
region: us-east-1
duration: 1s
buses:
  - { name: orders, classification: regulated, logging: trail }
  - { name: telemetry, classification: telemetry, logging: "off" }
producers:
  - name: checkout
    bus: orders
    principal: ${ROLE}
    source: com.shop.checkout
    detailTypes: [OrderPlaced]
    rate: 1/s
    batching: { entriesPerRequest: 1 }
    entryBytes: 100B
`;

interface Emulator {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  stdout(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

function startEmulator(args: string[]): Promise<Emulator> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, 'emulator', '--port', '0', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match)
        resolve({
          url: match[1]!,
          child,
          stderr: () => stderr,
          stdout: () => stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`emulator exited ${code} before listening: ${stderr}`)));
  });
}

function workDir(): { dir: string; credentials: string; scenario: string; trail: string } {
  const dir = mkdtempSync(join(tmpdir(), 'busload-emulator-e2e-'));
  const credentials = join(dir, 'credentials.yaml');
  writeFileSync(
    credentials,
    `- { accessKeyId: ${ACCESS_KEY_ID}, secretAccessKey: ${SECRET}, principal: "${ROLE}" }\n`,
  );
  const scenario = join(dir, 'scenario.yaml');
  writeFileSync(scenario, SCENARIO);
  return { dir, credentials, scenario, trail: join(dir, 'trail') };
}

function readTrail(trailDir: string): { files: string[]; records: CloudTrailRecord[] } {
  const files = readdirSync(trailDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const records: CloudTrailRecord[] = [];
  for (const file of files) {
    const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
      Records: CloudTrailRecord[];
    };
    records.push(...parsed.Records);
  }
  return { files, records };
}

/** The AWS CLI as the emulator's test user (ACCESS_KEY_ID with the given secret). */
function awsCli(aws: string, args: string[], secret: string): Promise<CliResult> {
  return runAwsCli(aws, args, ACCESS_KEY_ID, secret);
}

describe('busload emulator with the AWS CLI', () => {
  // In CI the AWS CLI is installed by .ci/run: missing it there is a failure, not a skip.
  it.skipIf(AWS_CLI === null && !IN_CI)(
    'answers aws events put-events with AWS-shaped results for good and bad requests, then flushes the trail on SIGTERM',
    async () => {
      expect(AWS_CLI, 'the AWS CLI (`aws`) is not installed; .ci/run installs Debian awscli').not.toBeNull();
      const aws = AWS_CLI!;
      const work = workDir();
      const emulator = await startEmulator([
        '--config',
        work.scenario,
        '--credentials',
        work.credentials,
        '--trail-dir',
        work.trail,
      ]);
      const entriesFile = (name: string, entries: unknown[]): string => {
        const path = join(work.dir, name);
        writeFileSync(path, JSON.stringify(entries));
        return `file://${path}`;
      };
      const putEvents = (file: string, secret = SECRET) =>
        awsCli(
          aws,
          ['events', 'put-events', '--endpoint-url', emulator.url, '--entries', file, '--output', 'json'],
          secret,
        );
      const entry = {
        Source: 'com.shop.checkout',
        DetailType: 'OrderPlaced',
        Detail: '{"orderId":1}',
        EventBusName: 'orders',
      };

      const good = await putEvents(
        entriesFile('good.json', [entry, { ...entry, EventBusName: 'telemetry' }]),
      );
      expect(good.code, good.stderr).toBe(0);
      const goodOutput = JSON.parse(good.stdout) as {
        FailedEntryCount: number;
        Entries: Array<{ EventId?: string }>;
      };
      expect(goodOutput.FailedEntryCount).toBe(0);
      expect(goodOutput.Entries).toHaveLength(2);
      expect(goodOutput.Entries.every((e) => /^[0-9a-f-]{36}$/.test(e.EventId ?? ''))).toBe(true);

      // A partial failure is HTTP 200: the CLI prints it and exits 0.
      const partial = await putEvents(entriesFile('partial.json', [entry, { ...entry, Detail: '[1,2]' }]));
      expect(partial.code, partial.stderr).toBe(0);
      expect(JSON.parse(partial.stdout)).toMatchObject({
        FailedEntryCount: 1,
        Entries: [
          { EventId: expect.any(String) },
          { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        ],
      });

      const tooMany = await putEvents(
        entriesFile(
          'eleven.json',
          Array.from({ length: 11 }, () => entry),
        ),
      );
      expect(tooMany.code).not.toBe(0);
      expect(tooMany.stderr).toContain('ValidationException');
      expect(tooMany.stderr).toContain('Member must have length less than or equal to 10');

      const wrongSecret = await putEvents(entriesFile('wrong-secret.json', [entry]), 'not-the-secret');
      expect(wrongSecret.code).not.toBe(0);
      expect(wrongSecret.stderr).toContain('InvalidSignatureException');

      expect(await emulator.stop()).toBe(0);
      expect(emulator.stderr()).toContain('served 4 PutEvents requests (2 ok, 0 throttled, 2 rejected)');

      // One record per request that named the logged bus `orders` and got past authentication: good,
      // partial and the ValidationException (failed requests are logged by default). The wrong secret never
      // identified a caller.
      const { files, records } = readTrail(work.trail);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(file).toMatch(
          /AWSLogs\/111122223333\/CloudTrail\/us-east-1\/\d{4}\/\d{2}\/\d{2}\/111122223333_CloudTrail_us-east-1_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/,
        );
      }
      expect(records).toHaveLength(3);
      expect(new Set(records.map((r) => r.requestID)).size).toBe(3);
      for (const record of records) {
        expect(record).toMatchObject({
          eventSource: 'events.amazonaws.com',
          eventName: 'PutEvents',
          eventCategory: 'Data',
          awsRegion: 'us-east-1',
          userIdentity: { arn: expect.stringContaining('checkout-producer'), accessKeyId: ACCESS_KEY_ID },
          resources: expect.arrayContaining([
            { type: 'AWS::Events::EventBus', ARN: expect.stringContaining('event-bus/orders') },
          ]),
        });
        expect(record.userAgent).toMatch(/aws-cli/);
        expect(record.tlsDetails).toEqual({
          tlsVersion: 'TLSv1.3',
          cipherSuite: 'TLS_AES_128_GCM_SHA256',
          clientProvidedHostHeader: new URL(emulator.url).host,
        });
        for (const param of record.requestParameters.entries)
          expect(param['detail']).toBe('HIDDEN_DUE_TO_SECURITY_REASONS');
      }
      expect(records.filter((r) => r.errorCode === 'ValidationException')).toHaveLength(1);
    },
  );
});

describe('busload emulator with the SDK', () => {
  it('serves PutEvents at AWS_ENDPOINT_URL_EVENTBRIDGE and their metrics at AWS_ENDPOINT_URL_CLOUDWATCH', async () => {
    const work = workDir();
    const emulator = await startEmulator([
      '--config',
      work.scenario,
      '--credentials',
      work.credentials,
      '--trail-dir',
      work.trail,
    ]);
    const saved = { ...process.env };
    let events: EventBridgeClient | null = null;
    let cloudWatch: CloudWatchClient | null = null;
    try {
      process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = emulator.url;
      process.env.AWS_ENDPOINT_URL_CLOUDWATCH = emulator.url;
      process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY_ID;
      process.env.AWS_SECRET_ACCESS_KEY = SECRET;
      process.env.AWS_REGION = 'us-east-1';
      process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = '';
      // No endpoint option: the SDK finds the emulator through the environment, as a user's app would.
      events = new EventBridgeClient({ maxAttempts: 1 });
      cloudWatch = new CloudWatchClient({ maxAttempts: 1 });
      const startedAt = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      for (let i = 0; i < 3; i++) {
        const answer = await events.send(
          new PutEventsCommand({
            Entries: [
              {
                Source: 'com.shop.checkout',
                DetailType: 'OrderPlaced',
                Detail: '{}',
                EventBusName: 'orders',
              },
            ],
          }),
        );
        expect(answer.FailedEntryCount).toBe(0);
      }
      const bad = await events.send(new PutEventsCommand({ Entries: [] })).then(
        () => null,
        (error: Error) => error,
      );
      expect(bad?.name).toBe('ValidationException');

      const metrics = await cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(startedAt.getTime() - 60_000),
          EndTime: new Date(Date.now() + 120_000),
          MetricDataQueries: [
            'PutEventsApproximateCallCount',
            'PutEventsApproximateSuccessCount',
            'PutEventsApproximateFailedCount',
          ].map((name, i) => ({
            Id: `m${i}`,
            MetricStat: { Metric: { Namespace: 'AWS/Events', MetricName: name }, Period: 3600, Stat: 'Sum' },
          })),
        }),
      );
      expect(metrics.MetricDataResults?.map((r) => r.Values?.reduce((a, b) => a + b, 0))).toEqual([4, 3, 1]);
    } finally {
      events?.destroy();
      cloudWatch?.destroy();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      expect(await emulator.stop()).toBe(0);
    }
    // One record per request to the logged bus; the empty request named no bus, so no trail has it.
    expect(readTrail(work.trail).records).toHaveLength(3);
  });

  it('refuses an invalid flag with exit 2 and knows which hosts are loopback', async () => {
    const badRate = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [...CLI, 'emulator', '--connection-reset-rate', '2']);
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('--connection-reset-rate 2: expected a probability from 0 to 1');

    // Binding a public address is not tried here (tests stay on loopback); the check that decides the warning is.
    expect(['127.0.0.1', '127.0.0.2', '::1', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '10.0.0.5', '::', 'example.com'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('busload emulator --trail-dir without --config', () => {
  it.skipIf(AWS_CLI === null && !IN_CI)(
    'logs every bus that receives PutEvents: one CloudTrail record per call, tlsDetails included',
    async () => {
      expect(AWS_CLI, 'the AWS CLI (`aws`) is not installed; .ci/run installs Debian awscli').not.toBeNull();
      const work = workDir();
      const emulator = await startEmulator(['--trail-dir', work.trail]);
      const entries = (bus: string | null): string => {
        const path = join(work.dir, `${bus ?? 'default'}.json`);
        const entry = { Source: 'com.shop', DetailType: 'OrderPlaced', Detail: '{"a":1}' };
        writeFileSync(path, JSON.stringify([bus === null ? entry : { ...entry, EventBusName: bus }]));
        return `file://${path}`;
      };
      for (const bus of [null, 'orders']) {
        const answer = await awsCli(
          AWS_CLI!,
          ['events', 'put-events', '--endpoint-url', emulator.url, '--entries', entries(bus)],
          SECRET,
        );
        expect(answer.code, answer.stderr).toBe(0);
      }
      expect(await emulator.stop()).toBe(0);
      // Two calls a few seconds apart can land in two files, whose names do not sort by time.
      const records = readTrail(work.trail).records.sort((a, b) => a.eventTime.localeCompare(b.eventTime));
      expect(records).toHaveLength(2);
      expect(records.map((record) => record.resources)).toEqual([
        [{ type: 'AWS::Events::EventBus', ARN: 'arn:aws:events:us-east-1:111122223333:event-bus/default' }],
        [{ type: 'AWS::Events::EventBus', ARN: 'arn:aws:events:us-east-1:111122223333:event-bus/orders' }],
      ]);
      for (const record of records) {
        expect(record.tlsDetails).toEqual({
          tlsVersion: 'TLSv1.3',
          cipherSuite: 'TLS_AES_128_GCM_SHA256',
          clientProvidedHostHeader: new URL(emulator.url).host,
        });
      }
    },
  );

  it('says so at start, and warns when a config logs no bus', async () => {
    const work = workDir();
    const noConfig = await startEmulator(['--trail-dir', work.trail]);
    const quietScenario = join(work.dir, 'quiet.yaml');
    writeFileSync(quietScenario, SCENARIO.replace('logging: trail', 'logging: "off"'));
    const quiet = await startEmulator(['--config', quietScenario, '--trail-dir', work.trail]);
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    expect(await noConfig.stop()).toBe(0);
    expect(await quiet.stop()).toBe(0);
    expect(noConfig.stdout()).toContain(
      `cloudtrail: every bus that receives PutEvents is logged to ${work.trail} (no --config)`,
    );
    expect(quiet.stderr()).toContain(
      `busload: warning: --trail-dir ${work.trail} is given but no bus of ${quietScenario} has logging on`,
    );
  });
});
