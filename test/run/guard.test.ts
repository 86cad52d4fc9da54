/**
 * The real-AWS guard, tested against the embedded endpoint presented as a non-local target: `--target aws`
 * with AWS_ENDPOINT_URL_EVENTBRIDGE pointing at a loopback endpoint and fake keys in the environment
 * (nothing here can reach the internet: the endpoint variable is always set, and instance metadata and
 * shared config files are switched off).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { InputError } from '../../src/errors.js';
import type { RunReport } from '../../src/report/types.js';
import { checkGuard, formatSpendUsd, parseTarget, predictRunSpend } from '../../src/run/guard.js';
import { loadScenario } from '../../src/scenario/load.js';
import { type CliResult, runBusload } from '../helpers/busload-cli.js';

const SCENARIO = 'test/run/guarded.yaml';
const ACCESS_KEY = 'AKIDGUARDTEST0000001';
const SECRET = 'guard-test-secret-4e0c1d9a7b2f';

let endpoint: RunningEndpoint;

const busload = (args: string[]): Promise<CliResult> =>
  runBusload(args, {
    replaceEnv: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint.url,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/busload-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/busload-credentials',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });

beforeAll(async () => {
  endpoint = await startEndpoint(
    defaultEndpointConfig({ buses: [{ name: 'orders', logging: true, allowedPrincipals: null }] }),
  );
});
afterAll(async () => {
  await endpoint.close();
});

describe('predictRunSpend and checkGuard (pure)', () => {
  it("predicts the run's own spend at catalog prices", async () => {
    const { scenario } = await loadScenario(SCENARIO);
    const { catalog } = await loadCatalogFile();
    const spend = predictRunSpend(scenario, catalog);
    // 20 entries of 1 KB (20 chunks at $1.00/M) in 2 requests (2 data events at $0.10/100k)
    expect(
      spend.buses.map((bus) => [
        bus.name,
        bus.entries.toNumber(),
        bus.calls.toNumber(),
        bus.dataEvents.toNumber(),
      ]),
    ).toEqual([['orders', 20, 2, 2]]);
    expect(formatSpendUsd(spend.totalUsd)).toBe('0.000022');
    expect(() =>
      checkGuard('aws', SCENARIO, scenario, { allowBus: ['orders'], maxSpendUsd: '0.000022' }, spend),
    ).not.toThrow();
    expect(() =>
      checkGuard('aws', SCENARIO, scenario, { allowBus: ['orders'], maxSpendUsd: '0.000021' }, spend),
    ).toThrow(/--max-spend-usd 0\.000021: the run's predicted spend \$0\.000022 is over the limit/);
    expect(() =>
      checkGuard('aws', SCENARIO, scenario, { allowBus: ['orders'], maxSpendUsd: '1e-3' }, spend),
    ).toThrow(/--max-spend-usd 1e-3: expected a decimal number of dollars/);
  });

  it('classifies targets; plain http only on loopback, never with credentials in the URL', () => {
    expect(parseTarget('aws')).toEqual({ kind: 'remote', label: 'aws', explicitUrl: null });
    expect(parseTarget('https://events.eu-west-1.amazonaws.com/')).toEqual({
      kind: 'remote',
      label: 'https://events.eu-west-1.amazonaws.com',
      explicitUrl: 'https://events.eu-west-1.amazonaws.com',
    });
    expect(parseTarget('http://127.0.0.1:4010')).toEqual({ kind: 'loopback', url: 'http://127.0.0.1:4010' });
    expect(() => parseTarget('http://10.0.0.1:4010')).toThrow(InputError);
    expect(() => parseTarget('https://AKID:secret@events.example.com')).toThrow(/must not carry credentials/);
  });
});

describe('busload run --target aws (the embedded endpoint as a non-local target)', () => {
  it('refuses without --allow-bus and --max-spend-usd, over the limit, or with an unknown bus, before any call', async () => {
    const before = endpoint.stats().requests;
    const [bare, over, unknown, https] = await Promise.all([
      busload(['run', SCENARIO, '--target', 'aws', '--no-progress']),
      busload([
        'run',
        SCENARIO,
        '--target',
        'aws',
        '--allow-bus',
        'orders',
        '--max-spend-usd',
        '0.00001',
        '--no-progress',
      ]),
      busload([
        'run',
        SCENARIO,
        '--target',
        'aws',
        '--allow-bus',
        'orders',
        '--allow-bus',
        'ordres',
        '--max-spend-usd',
        '1',
        '--no-progress',
      ]),
      busload(['run', SCENARIO, '--target', 'https://events.us-east-1.amazonaws.com', '--no-progress']),
    ]);
    for (const result of [bare, over, unknown, https]) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('predicted spend of this run: $0.000022 over 1 s');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).not.toContain(SECRET);
    }
    expect(bare.stderr).toContain('refusing to run against aws');
    expect(bare.stderr).toContain(`--allow-bus: ${SCENARIO}: buses "orders" are not allowed`);
    expect(bare.stderr).toContain('--max-spend-usd: required for a run against aws');
    expect(over.stderr).toContain(
      "--max-spend-usd 0.00001: the run's predicted spend $0.000022 is over the limit",
    );
    expect(unknown.stderr).toContain(`--allow-bus ordres: not a bus of ${SCENARIO}`);
    expect(https.stderr).toContain('refusing to run against https://events.us-east-1.amazonaws.com');
    expect(endpoint.stats().requests).toBe(before);
  }, 60_000);

  it('runs when every bus is allowed and the spend is under the limit; keys never reach the report or logs', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-guard-')), 'run');
    const before = endpoint.stats().requests;
    const result = await busload([
      'run',
      SCENARIO,
      '--target',
      'aws',
      '--allow-bus',
      'orders',
      '--max-spend-usd',
      '0.01',
      '--out',
      out,
      '--workers',
      '1',
      '--no-progress',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.indexOf('predicted spend')).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.run.target).toBe('aws');
    expect(report.reconciliation).toBeNull();
    expect(report.totals.entries.succeeded).toBe(20);
    expect(report.totals.requests.calls).toBe(2);
    expect(endpoint.stats().requests - before).toBe(2);
    for (const file of readdirSync(out)) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).not.toContain(SECRET);
      expect(text, file).not.toContain(ACCESS_KEY);
    }
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stdout + result.stderr).not.toContain(ACCESS_KEY);
  }, 60_000);
});
