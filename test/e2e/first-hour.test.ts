/**
 * What a new user meets in the first hour, run as they run it (child processes, some under a pseudo-terminal):
 * `--help` examples that never wrap into a description column, `--shard` described from 0, the projection
 * factor said once, the emulator's closing line without --trail-dir, no AWS SDK Node-version warning, the
 * progress display (bar, phases, labelled figures, ETA; plain lines without a terminal), `profile` against an
 * emulator that has just been sent to, and exit 6 with what could not be reached when there is no network.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { asUnreachable, credentialsForEndpoint, unreachableCode } from '../../src/aws/network.js';
import { describeServed } from '../../src/cli/commands/emulator.js';
import { example } from '../../src/cli/help.js';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { EndpointStats } from '../../src/endpoint/types.js';
import { ExitCode, InputError, UnreachableError } from '../../src/errors.js';
import type { RunReport } from '../../src/report/types.js';
import { runBusload } from '../helpers/busload-cli.js';
import { runInPty } from '../helpers/pty.js';

const COMMANDS = [
  'run',
  'validate',
  'cost',
  'emulator',
  'pricing',
  'compare',
  'regress',
  'merge',
  'audit',
  'profile',
];

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The terminal's frames: each in-place redraw (cursor to column 1) and each line, without escape codes. */
function frames(output: string): string[] {
  return output
    .split(/\x1b\[1G|\r?\n/)
    .map((frame) => frame.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|\r/g, ''))
    .filter((frame) => frame.trim() !== '');
}

/** The environment of a machine with no AWS configuration at all (and the SDK warning left to its default). */
function bareEnv(): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'busload-home-')), NO_COLOR: '1' };
}

describe('help', () => {
  it('draws each example as # comment lines above the whole command, within an 80-column terminal', async () => {
    for (const command of COMMANDS) {
      const { code, output } = await runInPty([command, '--help'], { columns: 80 });
      expect(code, command).toBe(0);
      const lines = output.replace(/\r/g, '').split('\n');
      const start = lines.indexOf('Examples:');
      expect(start, `${command} --help has examples`).toBeGreaterThan(0);
      const examples = lines.slice(start + 1).filter((line) => line.trim() !== '');
      expect(examples.length, command).toBeGreaterThan(0);
      let continued = false;
      for (const line of examples) {
        expect(line.length, `${command}: ${line}`).toBeLessThanOrEqual(80);
        // A comment, a command, or the continuation of a command whose line ended in " \".
        if (!continued) expect(line, command).toMatch(/^ {2}(# |busload )/);
        // Never a command followed by a gap and a description (the old two-column layout).
        expect(line, command).not.toMatch(/^ {2}busload \S.* {3,}\S/);
        continued = line.endsWith(' \\');
      }
    }
  }, 120_000);

  it('wraps long descriptions as more comment lines and long commands with shell continuations', () => {
    const [text, description] = example(
      '$0 run s.yaml --shard 1/4 --start-at 2026-11-24T22:40:00Z --out shard-1',
      'the second of 4 shards (indexes 0 to 3); then busload merge shard-*/report.json --out merged',
      60,
    );
    expect(description).toBe('');
    expect(text.split('\n')).toEqual([
      '# the second of 4 shards (indexes 0 to 3); then busload',
      '# merge shard-*/report.json --out merged',
      'busload run s.yaml --shard 1/4 --start-at \\',
      '    2026-11-24T22:40:00Z --out shard-1',
    ]);
  });

  it('describes --shard with indexes from 0', async () => {
    const { stdout } = await runBusload(['run', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      'run shard i of n shards of the plan, i counted from 0 (0/4 to 3/4 are the four shards;',
    );
    expect(stdout).toContain('# the second of 4 shards (indexes 0 to 3)');
    expect(stdout).not.toContain('shard 1 of 4');
  });

  it('lists exit codes 5 and 6 in the epilogue', async () => {
    const { stdout } = await runBusload(['--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      '5 run failed (no call succeeded), 6 a service could not be reached (no network)',
    );
  });
});

describe('messages', () => {
  it('says the projection factor once', async () => {
    const { code, stdout } = await runBusload(['cost', 'scenarios/quickstart.yaml']);
    expect(code).toBe(0);
    const projection = stdout.split('\n').find((line) => line.startsWith('Projection: '));
    expect(projection).toBe('Projection: declared rates over one 730 h month (no replay) (x 1)');
    expect(stdout).not.toContain('factor');
  });

  it('ends the emulator without --trail-dir with records counted, not "written in 0 files"', () => {
    const stats = {
      requests: 14,
      requestsOk: 14,
      requestsThrottled: 0,
      requestsRejected: 0,
      cloudWatchRequests: 1,
      eventBusRequests: 0,
      trailRecords: 14,
      trailFilesWritten: 0,
    } as EndpointStats;
    expect(describeServed(stats, null)).toBe(
      'served 14 PutEvents requests (14 ok, 0 throttled, 0 rejected), 1 CloudWatch request; 14 CloudTrail records counted, none written (no --trail-dir)',
    );
    expect(describeServed({ ...stats, trailFilesWritten: 1 }, '/tmp/trail')).toBe(
      'served 14 PutEvents requests (14 ok, 0 throttled, 0 rejected), 1 CloudWatch request; wrote 14 CloudTrail records in 1 file to /tmp/trail',
    );
    expect(describeServed({ ...stats, eventBusRequests: 2 }, null)).toBe(
      'served 14 PutEvents requests (14 ok, 0 throttled, 0 rejected), 1 CloudWatch request, 2 event bus requests; 14 CloudTrail records counted, none written (no --trail-dir)',
    );
  });

  it('prints no AWS SDK Node-version warning, on the main thread or in the workers', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-first-hour-')), 'run');
    const run = await runBusload(
      ['run', 'test/fixtures/cli/tiny.yaml', '--duration', '1s', '--out', out, '--no-progress'],
      { env: bareEnv(), replaceEnv: true, timeoutMs: 90_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    // The main thread's CloudWatch client (profile) and the workers' EventBridge clients (run).
    const profile = await runBusload(
      [
        'profile',
        '--from-cloudwatch',
        '--split',
        'a=1',
        '--endpoint-url',
        `http://127.0.0.1:${await closedPort()}`,
      ],
      { env: bareEnv(), replaceEnv: true },
    );
    expect(profile.code).toBe(ExitCode.unreachable);
    for (const stderr of [run.stderr, profile.stderr]) {
      expect(stderr).not.toContain('NodeVersionSupportWarning');
      expect(stderr).not.toContain('will require node');
    }
  }, 120_000);
});

describe('progress', () => {
  it('shows a bar with the phase, labelled figures and an ETA in a terminal; the clock starts when the workers are ready', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-first-hour-')), 'run');
    const { code, output } = await runInPty(
      ['run', 'test/fixtures/cli/tiny.yaml', '--duration', '3s', '--out', out],
      {
        columns: 220,
        timeoutMs: 90_000,
      },
    );
    expect(code, output).toBe(0);
    const shown = frames(output);
    const phases = shown.map(
      (frame) => /^(planning|starting workers|running|draining|writing reports) /.exec(frame)?.[1],
    );
    const order = [...new Set(phases.filter((phase) => phase !== undefined))];
    // draining shows only when the workers take longer than the schedule: optional.
    expect(order.filter((phase) => phase !== 'draining')).toEqual([
      'planning',
      'starting workers',
      'running',
      'writing reports',
    ]);
    expect(shown).toContain(
      'busload: replaying tiny (2 buses, 2 producers, at most 60 PutEvents calls/s planned) for 3 s against the embedded endpoint',
    );
    const running = shown.filter((frame) => frame.startsWith('running '));
    // The replay clock starts at the schedule's start: the first running frame is at its very beginning.
    expect(running[0]).toMatch(/^running {10}░{20} {3}0% (starts in 1s|0s\/3s, ETA 3s)/);
    const withFigures = running.find((frame) => frame.includes(' | sent '));
    expect(withFigures).toMatch(
      /^running {10}[█░]{20} +\d+% \ds\/3s, ETA \ds \| sent [\d,]+ of [\d,]+ planned entries\/s \| [\d,]+ calls\/s \| dropped \d+ \| errors \d+ \| (p99 [\d.]+ ms|p99 -) \| throttled \d+ \| failed entries \d+/,
    );
    // The last state stays on screen: the run's totals, as in report.json.
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    const { entries, requests } = report.totals;
    const last = shown.filter((frame) => frame.startsWith('writing reports')).at(-1);
    expect(last).toContain(
      `writing reports  ${'█'.repeat(20)} 100% 3s/3s | sent ${(entries.succeeded + entries.failed).toLocaleString('en-US')} of ${entries.planned.toLocaleString('en-US')} planned entries | ${requests.calls.toLocaleString('en-US')} calls | dropped ${entries.dropped}`,
    );
    expect(entries.planned).toBe(1500); // (100 + 400) entries/s for 3 s
    // The summary and the run directory follow on lines of their own.
    expect(shown.at(-1)).toBe(out);
  }, 120_000);

  it('prints plain lines per phase without a terminal', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-first-hour-')), 'run');
    const { code, stderr } = await runBusload(
      ['run', 'test/fixtures/cli/tiny.yaml', '--duration', '2s', '--out', out],
      {
        timeoutMs: 90_000,
      },
    );
    expect(code, stderr).toBe(0);
    expect(stderr).not.toContain('\r');
    expect(stderr).not.toContain('\x1b[');
    const lines = stderr.trim().split('\n');
    const phases = lines.map(
      (line) => /^busload: (planning|starting workers|running|draining|writing reports)\b/.exec(line)?.[1],
    );
    expect([...new Set(phases.filter((phase) => phase !== undefined && phase !== 'draining'))]).toEqual([
      'planning',
      'starting workers',
      'running',
      'writing reports',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(lines.at(-1)).toContain(
      `busload: writing reports 2s/2s | sent ${(report.totals.entries.succeeded + report.totals.entries.failed).toLocaleString('en-US')} of 1,000 planned entries | ${report.totals.requests.calls} calls |`,
    );
  }, 120_000);
});

describe('--rate-scale auto (npm start)', () => {
  it('probes the machine, says what it measured and chose, and records the scale in the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-first-hour-')), 'run');
    const { code, stderr } = await runBusload(
      [
        'run',
        'test/fixtures/cli/tiny.yaml',
        '--duration',
        '1s',
        '--rate-scale',
        'auto',
        '--out',
        out,
        '--no-progress',
      ],
      { timeoutMs: 90_000 },
    );
    expect(code, stderr).toBe(0);
    const said =
      /^busload: calibration: a thread of this machine gets \d+% of a core right now \(0\.3 s probe; \d+ cores?, \d+ workers?\): (?:the scenario's own rates fit with room to spare \(--rate-scale 1\)|running at --rate-scale ([\d.]+) so that the workers stay far from saturation .*)$/m.exec(
        stderr,
      );
    expect(said, stderr).not.toBeNull();
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.run.rateScale).toBe(said![1] === undefined ? 1 : Number(said![1]));
  }, 120_000);

  it('refuses auto for a shard: the shards of one plan need one scale', async () => {
    const { code, stderr } = await runBusload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--rate-scale',
      'auto',
      '--shard',
      '1/4',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'busload: --rate-scale auto with shard 1/4: every shard would size itself to its own machine',
    );
  });

  it('refuses a --rate-scale that is neither a number nor auto', async () => {
    const { code, stderr } = await runBusload(['run', 'test/fixtures/cli/tiny.yaml', '--rate-scale', 'fast']);
    expect(code).toBe(2);
    expect(stderr).toBe('busload: --rate-scale fast: expected a number > 0, or auto\n');
  });
});

describe('profile against an emulator', () => {
  it('sees calls made this hour (partial hour, window stated) with no AWS credentials configured', async () => {
    const endpoint = await startEndpoint(defaultEndpointConfig({ region: 'us-east-1' }));
    try {
      const client = new EventBridgeClient({
        region: 'us-east-1',
        endpoint: endpoint.url,
        credentials: { accessKeyId: 'AKIDFIRSTHOUR', secretAccessKey: 'first-hour-secret' },
      });
      await client.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 4 }, () => ({
            Source: 'com.shop',
            DetailType: 'Placed',
            Detail: '{}',
            EventBusName: 'orders',
          })),
        }),
      );
      client.destroy();
      const dir = mkdtempSync(join(tmpdir(), 'busload-first-hour-'));
      const { code, stdout, stderr } = await runBusload(
        [
          'profile',
          '--from-cloudwatch',
          '--days',
          '1',
          '--split',
          'orders=1',
          '--endpoint-url',
          endpoint.url,
          '--out',
          join(dir, 'p.yaml'),
        ],
        { env: bareEnv(), replaceEnv: true },
      );
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(
        /^busload profile: reading AWS\/Events PutEvents metrics in us-east-1, \S+Z to \S+Z \(24 whole hours and the current hour's first [\d.]+ min, partial\)\n$/,
      );
      expect(stdout).toMatch(
        /Projection: 24 h and [\d.]+ min of a partial hour of AWS\/Events PutEvents metrics -> 730 h month \(x [\d,.]+\)/,
      );
      expect(stdout).toMatch(/│ orders │ trail/);
      expect(readFileSync(join(dir, 'p.yaml'), 'utf8')).toContain(
        "(24 whole hours and the current hour's first",
      );
    } finally {
      await endpoint.close();
    }
  }, 60_000);
});

describe('without a network', () => {
  it('pricing --refresh says what it was reaching and exits 6', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const out = mkdtempSync(join(tmpdir(), 'busload-first-hour-'));
    const { code, stdout, stderr } = await runBusload(
      ['pricing', '--refresh', '--out', out, '--endpoint-url', url],
      {
        env: bareEnv(),
        replaceEnv: true,
      },
    );
    expect(code).toBe(6);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `busload: could not reach the AWS Price List API at ${url} (connect ECONNREFUSED ${url.slice(7)}): nothing is listening at that address (connection refused); check that --endpoint-url names a running Price List endpoint; the catalog in use is unchanged\n`,
    );
  });

  it('profile says what it was reaching and exits 6', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, stderr } = await runBusload(
      [
        'profile',
        '--from-cloudwatch',
        '--split',
        'orders=1',
        '--endpoint-url',
        url,
        '--out',
        join(tmpdir(), 'never-written.yaml'),
      ],
      { env: bareEnv(), replaceEnv: true },
    );
    expect(code).toBe(6);
    expect(stderr.split('\n')[1]).toBe(
      `busload: could not reach CloudWatch (GetMetricData, us-east-1) at ${url} (connect ECONNREFUSED ${url.slice(7)}): nothing is listening at that address (connection refused); check that --endpoint-url names a running endpoint (busload emulator prints its URL on its first line)`,
    );
  });

  it('tells a name that does not resolve as no network (the error Node gives for getaddrinfo ENOTFOUND)', () => {
    // The shape of Node's DNS failure, built here: a test never asks a real resolver.
    const dnsFailure = Object.assign(new Error('getaddrinfo ENOTFOUND api.pricing.us-east-1.amazonaws.com'), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'api.pricing.us-east-1.amazonaws.com',
    });
    expect(unreachableCode(dnsFailure)).toBe('ENOTFOUND');
    // The SDK may wrap it: the code is found on the cause.
    expect(unreachableCode(new Error('wrapped', { cause: dnsFailure }))).toBe('ENOTFOUND');
    const error = asUnreachable(
      dnsFailure,
      'the AWS Price List API',
      'https://api.pricing.us-east-1.amazonaws.com',
      'retry later',
    );
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toBe(
      'could not reach the AWS Price List API at https://api.pricing.us-east-1.amazonaws.com (getaddrinfo ENOTFOUND api.pricing.us-east-1.amazonaws.com): the name does not resolve: no network (or no DNS) is available here, or the host name is wrong; retry later',
    );
    // Anything else passes through; missing credentials are the user's to fix (exit 2).
    const other = new Error('AccessDenied');
    expect(asUnreachable(other, 's', 'u', 'h')).toBe(other);
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(
      asUnreachable(noCredentials, 'CloudWatch', 'https://monitoring.us-east-1.amazonaws.com', 'h'),
    ).toBeInstanceOf(InputError);
  });

  it('gives placeholder keys only to a loopback endpoint when the environment names none', () => {
    expect(credentialsForEndpoint('http://127.0.0.1:4010', {})).toEqual({
      accessKeyId: 'BUSLOADLOCAL',
      secretAccessKey: 'busload-local-secret',
    });
    expect(credentialsForEndpoint('http://127.0.0.1:4010', { AWS_ACCESS_KEY_ID: 'AKID' })).toBeUndefined();
    expect(credentialsForEndpoint('http://127.0.0.1:4010', { AWS_PROFILE: 'dev' })).toBeUndefined();
    expect(credentialsForEndpoint('https://monitoring.us-east-1.amazonaws.com', {})).toBeUndefined();
    expect(credentialsForEndpoint(undefined, {})).toBeUndefined();
  });
});
