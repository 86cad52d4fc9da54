/**
 * Honest outcomes under bad input and faults (issue 15): limits refused with their figure before any load,
 * signals honoured in every phase, a dead target reported as failed, run directories reserved before the run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/types.js';
import { CLI_FROM_SOURCE, runBusload, tinyRunArgs } from '../helpers/busload-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-honest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = readFileSync('test/fixtures/cli/tiny.yaml', 'utf8');

function scenarioFile(name: string, text: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Runs busload, expects exit 2 and `text` in stderr (never an internal error); returns stderr. */
async function expectRefused(args: string[], text: string): Promise<string> {
  const { code, stderr } = await runBusload(args);
  expect(code, stderr).toBe(2);
  expect(stderr).toContain(text);
  expect(stderr).not.toContain('internal error');
  return stderr;
}

function readReport(runDir: string): RunReport {
  return JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
}

function expectAccounted(report: RunReport): void {
  for (const bus of [...report.buses, report.totals]) {
    expect(bus.entries.planned, bus.name).toBe(
      bus.entries.succeeded + bus.entries.failed + bus.entries.dropped,
    );
  }
}

describe('limits are refused with their figure before any load', () => {
  const hugeRate = scenarioFile('huge-rate', tiny.replace('rate: 400/s', 'rate: 100000000/s'));

  it('validate refuses 1e8 entries/s', async () => {
    const { code, stderr } = await runBusload(['validate', hugeRate]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'producers[1].rate: peak rate 100,000,000 entries/s is over the limit of 1,000,000 entries/s',
    );
  });

  it('run refuses 1e8 entries/s (exit 2, nothing written)', async () => {
    const out = join(dir, 'huge-rate-run');
    const { code, stderr } = await runBusload(['run', hugeRate, '--out', out, '--no-progress']);
    expect(code).toBe(2);
    expect(stderr).toContain('100,000,000 entries/s');
    expect(existsSync(out)).toBe(false);
  });

  it('run refuses a --rate-scale that takes a producer over the quota margin, naming the flag', async () => {
    const { code, stderr } = await runBusload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--rate-scale',
      '10000',
      '--no-progress',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('peak rate 4,000,000 entries/s (with --rate-scale 10000)');
  });

  it('run refuses --duration 99999999h (the length a SIGTERM could not stop) with the figure', async () => {
    await expectRefused(
      ['run', 'test/fixtures/cli/tiny.yaml', '--duration', '99999999h', '--no-progress'],
      'duration: 99999999 h (with --duration 99999999h) is longer than a run can hold; expected at most 168h',
    );
  });

  it('run refuses --duration 100000h and --workers 1000', async () => {
    const long = await runBusload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--duration',
      '100000h',
      '--no-progress',
    ]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain(
      'duration: 100000 h (with --duration 100000h) is longer than a run can hold; expected at most 168h',
    );
    const workers = await runBusload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--workers',
      '1000',
      '--no-progress',
    ]);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/--workers 1000: expected at most \d+ \(4 per core/);
  });

  it('a replay series of 4 million counts (an 8 MB file, inline or in a file) is refused with the figure', async () => {
    const replay = (shape: string): string =>
      tiny.replace('rate: 100/s\n    shape: { kind: constant }', `shape: ${shape}`);
    writeFileSync(join(dir, 'four-million.csv'), '1\n'.repeat(4_000_000));
    const fromFile = scenarioFile(
      'series-file',
      replay('{ kind: replay, interval: 1ms, file: four-million.csv }'),
    );
    await expectRefused(
      ['validate', fromFile],
      'producers[0].shape.file: four-million.csv holds more than 100,000 counts; expected at most 100,000',
    );
    const inline = scenarioFile(
      'series-inline',
      replay(`{ kind: replay, interval: 1ms, counts: [${'1,'.repeat(100_000)}1] }`),
    );
    await expectRefused(
      ['run', inline, '--no-progress'],
      'producers[0].shape: the replay series holds 100,001 counts; expected at most 100,000',
    );
  });

  it('a scenario file over 1 MiB is refused without parsing it', async () => {
    const big = scenarioFile('big', `${tiny}\n# ${'x'.repeat(2 * 1_048_576)}\n`);
    await expectRefused(['validate', big], 'the file is 2.0 MiB; expected at most 1.0 MiB');
  });
});

describe('validate', () => {
  it('validates every scenario file of a directory, and an empty directory is a problem', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.yaml'), tiny);
    writeFileSync(join(folder, 'b.yaml'), tiny.replace('duration: 2s', 'duration: soon'));
    const { code, stdout, stderr } = await runBusload(['validate', folder]);
    expect(code).toBe(2);
    expect(stdout).toContain(`ok ${join(folder, 'a.yaml')}`);
    expect(stderr).toContain(`${join(folder, 'b.yaml')}:4:1 duration:`);
    // The repository's own folder, as the issue ran it: every scenario validated, the JSON Schema skipped.
    const repository = await runBusload(['validate', 'scenarios/']);
    expect(repository.code, repository.stderr).toBe(0);
    expect(repository.stdout).toContain(
      'ok scenarios/quickstart.yaml (quickstart: 3 buses, 3 producers, 30 s)',
    );
    expect(repository.stdout).toContain('skipped scenarios/schema.json (the scenario JSON Schema)');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expectRefused(['validate', empty], 'no scenario files');
  });

  it('checks thresholds (a misspelled bus name fails validate, not the run)', async () => {
    const file = scenarioFile(
      'bad-threshold',
      tiny.replace('buses.orders.entries.failed == 0', 'buses.ordres.entries.failed == 0'),
    );
    await expectRefused(['validate', file], 'thresholds[0]: no bus named "ordres"');
  });
});

describe('run directories are checked and reserved before the run', () => {
  it('refuses a non-empty --out without --force, and an --out that is a file', async () => {
    const used = join(dir, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'old.txt'), 'x');
    const refused = await runBusload(['run', 'test/fixtures/cli/tiny.yaml', '--out', used, '--no-progress']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the directory is not empty');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const notDir = await runBusload(['run', 'test/fixtures/cli/tiny.yaml', '--out', file, '--no-progress']);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain('exists and is a file');
    const under = await runBusload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--out',
      join(file, 'x'),
      '--no-progress',
    ]);
    expect(under.code).toBe(2);
    expect(under.stderr).not.toContain('internal error');
  });

  it('--force replaces the reports and trail files of a used --out: nothing stale is left to mix in', async () => {
    const used = join(dir, 'forced');
    const stale = join(used, 'cloudtrail', 'AWSLogs', 'stale.json.gz');
    mkdirSync(join(used, 'cloudtrail', 'AWSLogs'), { recursive: true });
    writeFileSync(stale, 'stale trail file of an earlier run');
    writeFileSync(join(used, 'report.json'), '{"stale":true}');
    writeFileSync(join(used, 'notes.txt'), "the user's own file");
    const { code, stderr } = await runBusload(tinyRunArgs(used, '--force'), { timeoutMs: 90_000 });
    expect([0, 4], stderr).toContain(code);
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(join(used, 'notes.txt'), 'utf8')).toBe("the user's own file");
    const report = readReport(used);
    expectAccounted(report);
    // The trail now holds this run's records only: they reconcile with what the endpoint counted.
    const orders = report.reconciliation?.find((row) => row.bus === 'orders');
    expect(orders?.trailRecords).toBe(orders?.endpointRequests);
  }, 120_000);

  it('two runs started together leave two reports', async () => {
    const name = `concurrent-${process.pid}`;
    const file = scenarioFile(
      name,
      tiny.replace('name: tiny', `name: ${name}`).replace('duration: 2s', 'duration: 1s'),
    );
    const base = join('reports', 'runs', name);
    try {
      const [a, b] = await Promise.all([
        runBusload(['run', file, '--no-progress', '--workers', '1'], { timeoutMs: 90_000 }),
        runBusload(['run', file, '--no-progress', '--workers', '1'], { timeoutMs: 90_000 }),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const dirA = a.stdout.trim().split('\n').at(-1)!;
      const dirB = b.stdout.trim().split('\n').at(-1)!;
      expect(dirA).not.toBe(dirB);
      for (const runDir of [dirA, dirB]) expectAccounted(readReport(runDir));
      expect(readdirSync(base)).toHaveLength(2);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a dead target', () => {
  it('gives status failed, exit 5, the connection error as the code and no logging recommendation from failures', async () => {
    const out = join(dir, 'dead');
    const { code, stdout, stderr } = await runBusload(
      // As a user types it: localhost (resolved to 127.0.0.1 or ::1), port 1 where nothing listens.
      tinyRunArgs(out, '--target', 'http://localhost:1'),
    );
    expect(code, stderr).toBe(5);
    // The AWS SDK's Node-version warning (printed by every worker on Node 20) is silenced (README, Set-up).
    expect(stderr).not.toContain('NodeVersionSupportWarning');
    expect(stdout).toContain('status: failed: no call succeeded');
    // No sentence priced from calls that reached nothing, no badge or banner that looks fine.
    expect(stdout).toContain('No logging cost or recommendation drawn from this run: no call reached a bus');
    expect(stdout).not.toMatch(/Enabling PutEvents data events on .* adds/);
    expect(stdout).not.toContain('completed');
    const report = readReport(out);
    expect(report.status).toBe('failed');
    expect(report.statusReason).toMatch(/ECONNREFUSED/);
    expect(Object.keys(report.totals.errors)).toContain('ECONNREFUSED');
    expect(report.totals.errors['Error']).toBeUndefined();
    for (const bus of report.cost.buses) {
      expect(bus.monthly.loggingUsd, bus.name).toMatch(/^0(\.0+)?$/);
      expect(bus.recommendation.action, bus.name).not.toBe('pair-with-enhanced-logging');
      expect(bus.recommendation.reason, bus.name).toMatch(
        /^nothing measured to price \(no call reached a bus/,
      );
    }
    // The telemetry bus stays off (it is not flipped to "recommended on" by the failures).
    expect(report.cost.buses.find((bus) => bus.name === 'telemetry')?.recommendation.action).toBe('skip');
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('Run failed');
    expect(markdown.split('\n')[0]).toBe('# busload report: tiny (failed)');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('badge failed');
    expect(html).not.toContain('badge completed');
  }, 90_000);
});

/** Spawns `busload run`, sends `signal` once `ready(stderr)` holds, and resolves with the exit and timings. */
function runAndSignal(
  args: string[],
  ready: (stderr: string) => boolean,
  delayMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<{ code: number | null; stdout: string; stderr: string; afterSignalMs: number }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...CLI_FROM_SOURCE, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      const before = stderr;
      stderr += chunk;
      if (!ready(before) && ready(stderr)) {
        setTimeout(() => {
          signalledAt = Date.now();
          child.kill(signal);
        }, delayMs);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, afterSignalMs: Date.now() - signalledAt });
    });
  });
}

describe('SIGTERM in every phase ends the run with exit 130 and a report', () => {
  const replaying = (text: string): boolean => text.includes('busload: replaying');
  const heavy = scenarioFile('heavy', tiny.replace('rate: 400/s', 'rate: 900000/s'));

  it.each([
    // Signalled as soon as the run announces itself: the workers are still starting (warm-up).
    { phase: 'worker start-up', file: 'test/fixtures/cli/tiny.yaml', delayMs: 0 },
    // At the highest rate allowed every worker spends most of its time walking the plan.
    { phase: 'planning at the highest rate allowed', file: heavy, delayMs: 1_500 },
  ])(
    'during $phase',
    async ({ phase, file, delayMs }) => {
      const out = join(dir, `sigterm-${phase.replaceAll(' ', '-')}`);
      const result = await runAndSignal(
        ['run', file, '--duration', '60s', '--out', out, '--workers', '2'],
        replaying,
        delayMs,
      );
      expect(result.code, result.stderr).toBe(130);
      // The bound is 2 s from the signal; 1 s of slack for a loaded CI machine.
      expect(result.afterSignalMs).toBeLessThan(2_000 + 1_000);
      const report = readReport(out);
      expect(report.status).toBe('interrupted');
      expectAccounted(report);
    },
    90_000,
  );
});

describe("calls cut by the user's own SIGINT", () => {
  it('count as dropped, not failed (a target that never answers, then SIGINT)', async () => {
    // A loopback server that accepts every request and never answers: every call is in flight at the signal.
    const silent = createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const out = join(dir, 'sigint-in-flight');
    try {
      const result = await runAndSignal(
        [
          'run',
          'test/fixtures/cli/tiny.yaml',
          '--target',
          `http://127.0.0.1:${port}`,
          '--duration',
          '30s',
          '--workers',
          '1',
          '--out',
          out,
        ],
        // The first progress line (5 s in without a TTY) shows calls made: they are all in flight.
        (text) => /\| [1-9][\d,]* calls\/s/.test(text),
        500,
        'SIGINT',
      );
      expect(result.code, result.stderr).toBe(130);
      const report = readReport(out);
      expect(report.status).toBe('interrupted');
      expectAccounted(report);
      expect(report.totals.entries.dropped).toBeGreaterThan(0);
      expect(report.totals.entries.failed).toBe(0);
      expect(report.totals.requests.failed).toBe(0);
      expect(report.totals.errors).toEqual({});
      expect(report.cost.summary).toBe(
        'No logging cost or recommendation drawn from this run: no call reached a bus (none was answered before the stop).',
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 90_000);
});
