/**
 * `busload run`: every flag is checked before anything starts (exit 2 naming the flag), and a short run from
 * source prints its run directory last. The run itself is test/run/execute.test.ts and test/e2e/cli.test.ts.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type RunFlags, runRequestOf } from '../../../src/cli/commands/run.js';
import { InputError } from '../../../src/errors.js';
import { runBusload } from '../../helpers/busload-cli.js';

/** The flags as yargs gives them for `busload run tiny.yaml` (every default). */
const DEFAULTS: RunFlags = {
  scenario: 'test/fixtures/cli/tiny.yaml',
  target: 'local',
  rateScale: '1',
  seed: 1,
  transport: 'sdk',
  maxLag: '1s',
  force: false,
  json: false,
  progress: true,
};

describe('runRequestOf', () => {
  it('turns the defaults into a request for the embedded endpoint, one worker per core at most', async () => {
    const request = await runRequestOf(DEFAULTS);
    expect(request).toMatchObject({
      scenarioFile: 'test/fixtures/cli/tiny.yaml',
      target: { kind: 'local' },
      out: undefined,
      force: false,
      durationMs: undefined,
      rateScale: 1,
      seed: 1,
      cores: availableParallelism(),
      transport: 'sdk',
      shard: { index: 0, count: 1 },
      startAtEpochMs: undefined,
      allowBus: [],
      maxLagMs: 1000,
      typed: { rateScale: '1', duration: undefined },
    });
    // Without --workers: the most the run may start (one per core); it starts as many as its rate needs.
    expect(request.workers).toBeGreaterThanOrEqual(1);
    expect(request.workers).toBeLessThanOrEqual(availableParallelism());
    expect(request.workersGiven).toBe(false);
  });

  it('parses the target, durations, shard and start time', async () => {
    const request = await runRequestOf({
      ...DEFAULTS,
      target: 'http://127.0.0.1:4010/x',
      duration: '2m',
      maxLag: '250ms',
      rateScale: 'auto',
      workers: 1,
      shard: '0/1',
      startAt: new Date(Date.now() + 60_000).toISOString(),
      allowBus: ['orders'],
    });
    expect(request.target).toEqual({ kind: 'loopback', url: 'http://127.0.0.1:4010' });
    expect(request.durationMs).toBe(120_000);
    expect(request.maxLagMs).toBe(250);
    expect(request.rateScale).toBe('auto');
    expect(request.workers).toBe(1);
    expect(request.workersGiven).toBe(true);
    expect(request.allowBus).toEqual(['orders']);
    expect(request.startAtEpochMs).toBeGreaterThan(Date.now());
  });

  it.each([
    [{ transport: 'http' }, '--transport http: expected sdk (the default) or lean'],
    [{ rateScale: '0' }, '--rate-scale 0: expected a number > 0, or auto'],
    [{ rateScale: 'fast' }, '--rate-scale fast: expected a number > 0, or auto'],
    [{ workers: 0 }, '--workers 0: expected a whole number >= 1'],
    [{ seed: 1.5 }, '--seed 1.5: expected a whole number'],
    [{ maxLag: '0s' }, '--max-lag 0s: must be > 0'],
    [{ rateScale: 'auto', shard: '1/4' }, '--rate-scale auto with shard 1/4'],
    [{ target: 'http://10.0.0.1:4010' }, 'only loopback endpoints'],
  ] as const)('refuses %o', async (flags, message) => {
    const refused = runRequestOf({ ...DEFAULTS, ...flags });
    await expect(refused).rejects.toThrow(InputError);
    await expect(runRequestOf({ ...DEFAULTS, ...flags })).rejects.toThrow(message);
  });
});

describe('busload run', () => {
  it('run of a missing file exits 2', async () => {
    const { code, stderr } = await runBusload(['run', 'scenarios/nope.yaml', '--no-progress'], {
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      timeoutMs: 30_000,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('scenarios/nope.yaml');
  });

  it('names the flag of a bad value before anything starts (exit 2, nothing on stdout)', async () => {
    const { code, stdout, stderr } = await runBusload([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--rate-scale',
      '0',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('busload: --rate-scale 0: expected a number > 0, or auto\n');
  });
});
