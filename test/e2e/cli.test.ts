/**
 * The CLI end to end, as a user runs it: real child processes, the real SDK in real worker threads, the
 * embedded endpoint on a free loopback port. Exit codes and messages are part of the contract.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkReportInvariants } from '../../src/report/invariants.js';
import type { RunReport } from '../../src/report/types.js';
import { CLI_FROM_SOURCE, type CliResult, runBusload } from '../helpers/busload-cli.js';

const CLI = CLI_FROM_SOURCE;

const busload = (args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> =>
  runBusload(args, {
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
    timeoutMs: options.timeoutMs ?? 30_000,
  });

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('busload CLI', () => {
  it('lists every command in --help', async () => {
    const { code, stdout } = await busload(['--help']);
    expect(code).toBe(0);
    for (const command of ['run', 'validate', 'cost', 'emulator', 'pricing']) {
      expect(stdout).toContain(`busload ${command}`);
    }
  });

  it('run replays a scenario, writes the three reports and prints the run directory last', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-e2e-')), 'run');
    // Twice the scenario's rates for half its 2 s: the same entries, and the report records the scale.
    const { code, stdout, stderr } = await busload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--out',
      out,
      '--workers',
      '2',
      '--duration',
      '1s',
      '--rate-scale',
      '2',
      '--no-progress',
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(out);
    expect(stdout).toContain('threshold ok');

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.status).toBe('completed');
    expect(checkReportInvariants(report)).toEqual([]);
    expect(report.buses.map((bus) => bus.name)).toEqual(['orders', 'telemetry']);
    expect(report.run.rateScale).toBe(2);
    expect(report.run.plannedDurationMs).toBe(1000);
    expect(stdout.split('\n')[0]).toMatch(
      /^tiny · completed · .* \(us-east-1, sdk, 2 workers, rate scale 2\)$/,
    );
    const orders = report.buses[0]!;
    // 100 entries/s x 2 for 1 s in batches of 5: every entry planned, sent and accepted.
    expect(orders.entries.planned).toBe(200);
    expect(orders.entries.succeeded).toBe(200);
    expect(orders.requests.calls).toBe(40);
    expect(orders.entries.billableChunks).toBe(200);
    expect(report.buses[1]!.entries.planned).toBe(800);
    // 1 s of replay -> a 730-hour month: x 2,628,000.
    expect(report.cost.projection.factor).toBe('2628000');
    // Two trail copies of one data event per request, projected to a month.
    const ordersCost = report.cost.buses.find((bus) => bus.name === 'orders')!;
    expect(ordersCost.monthly.dataEvents).toBe(String(40 * 2 * 2_628_000));

    // Harness, endpoint and trail agree.
    for (const row of report.reconciliation ?? []) {
      expect(row.endpointRequests, row.bus).toBe(row.harnessAttempts);
      expect(row.endpointEntriesAccepted, row.bus).toBe(row.harnessEntriesSucceeded);
    }
    const trail = report.reconciliation!.find((row) => row.bus === 'orders')!;
    expect(trail.trailRecords).toBe(40);
    expect(report.reconciliation!.find((row) => row.bus === 'telemetry')!.trailRecords).toBeNull();

    const trailFiles = listFiles(join(out, 'cloudtrail')).filter((file) => file.endsWith('.json.gz'));
    expect(trailFiles.length).toBeGreaterThan(0);
    const records = trailFiles.flatMap(
      (file) =>
        (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] }).Records,
    );
    expect(records).toHaveLength(40);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(
      /\n\| Rate scale +\| 2 \(--rate-scale: every producer's rate x 2\) +\|\n/,
    );
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<table');
    // No credentials anywhere in the reports.
    for (const file of ['report.json', 'report.md', 'report.html']) {
      expect(readFileSync(join(out, file), 'utf8')).not.toMatch(/AKIDLOCAL|secretAccessKey/);
    }
  });

  it('validate names the file, the field and the expected value, and exits 2 without a stack trace', async () => {
    const { code, stderr } = await busload(['validate', 'test/fixtures/cli/bad-unknown-bus.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('test/fixtures/cli/bad-unknown-bus.yaml');
    expect(stderr).toContain('producers[0].bus');
    expect(stderr).toContain('ordres');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('run of a missing file exits 2', async () => {
    const { code, stderr } = await busload(['run', 'scenarios/nope.yaml', '--no-progress']);
    expect(code).toBe(2);
    expect(stderr).toContain('scenarios/nope.yaml');
  });

  it('rejects a non-loopback target and an unknown flag with exit 2', async () => {
    const target = await busload(['run', 'scenarios/quickstart.yaml', '--target', 'http://10.0.0.1:4010']);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('only loopback');
    const flag = await busload(['run', 'scenarios/quickstart.yaml', '--rate', '5']);
    expect(flag.code).toBe(2);
  });

  it('cost prices the declared volumes without load', async () => {
    const { code, stdout, stderr } = await busload([
      'cost',
      'test/fixtures/cli/tiny.yaml',
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const estimate = JSON.parse(stdout) as RunReport['cost'];
    const orders = estimate.buses.find((bus) => bus.name === 'orders')!;
    // 100 entries/s x 2,628,000 s = 262.8M entries; batches of 5 -> 52.56M calls; 2 trail copies.
    expect(orders.monthly.customEvents).toBe('262800000');
    expect(orders.monthly.dataEvents).toBe('105120000');
  });

  it('emulator prints its address first and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, 'emulator', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const firstLine = await new Promise<string>((resolve) => {
      let buffer = '';
      child.stdout.on('data', (chunk) => {
        buffer += chunk;
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
      });
    });
    expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
