/**
 * `busload regress` and `busload compare` end to end, as CI runs them: real child processes, exit codes,
 * the JUnit and bench files, and PutMetricData through @aws-sdk/client-cloudwatch to the embedded endpoint's
 * CloudWatch API on a free loopback port (read back with GetMetricData).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../../src/endpoint/index.js';
import type { RunningEndpoint } from '../../../src/endpoint/types.js';
import { type CliResult, runBusload } from '../../helpers/busload-cli.js';
import { halfCostBaseline } from '../../helpers/report-builder.js';
import { loadQuickstartReport, QUICKSTART_REPORT_PATH } from '../../helpers/report-fixture.js';

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDBUSLOADTEST', AWS_SECRET_ACCESS_KEY: 'local-test-secret' };

const busload = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runBusload(args, { env: { AWS_ENDPOINT_URL_CLOUDWATCH: '', ...CREDENTIALS, ...env }, timeoutMs: 30_000 });

const dir = mkdtempSync(join(tmpdir(), 'busload-regress-'));
const HALF = join(dir, 'half-cost-baseline.json');
const AFTER = new URL('../../fixtures/reports/quickstart-after-report.json', import.meta.url).pathname;
writeFileSync(HALF, JSON.stringify(halfCostBaseline()));
/** The fixture as written before run.rateScale existed (the field absent): read as rate scale 1. */
const NO_RATE_SCALE = join(dir, 'no-rate-scale.json');
const noRateScale = loadQuickstartReport() as unknown as { run: Record<string, unknown> };
delete noRateScale.run.rateScale;
writeFileSync(NO_RATE_SCALE, JSON.stringify(noRateScale));
/** The fixture run at --rate-scale 2. */
const RATE_SCALE_2 = join(dir, 'rate-scale-2.json');
const rateScale2 = loadQuickstartReport();
rateScale2.run.rateScale = 2;
writeFileSync(RATE_SCALE_2, JSON.stringify(rateScale2));
/** The after fixture run at --rate-scale 2. */
const AFTER_RATE_SCALE_2 = join(dir, 'after-rate-scale-2.json');
const after = JSON.parse(readFileSync(AFTER, 'utf8')) as { run: Record<string, unknown> };
writeFileSync(AFTER_RATE_SCALE_2, JSON.stringify({ ...after, run: { ...after.run, rateScale: 2 } }));

describe('busload regress', () => {
  it('passes a run against itself (exit 0) and writes the bench JSON', async () => {
    const bench = join(dir, 'bench.json');
    const junit = join(dir, 'self.xml');
    const { code, stdout } = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      QUICKSTART_REPORT_PATH,
      '--junit',
      junit,
      '--bench-json',
      bench,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('PASS: 7 rules of built-in policy hold for quickstart.');
    expect(readFileSync(junit, 'utf8')).toContain('tests="7" failures="0"');
    const entries = JSON.parse(readFileSync(bench, 'utf8')) as Array<{
      name: string;
      unit: string;
      value: number;
    }>;
    expect(entries[0]).toEqual({ name: 'total cost', unit: 'USD/month', value: 1554.12 });
  });

  it('fails against a baseline whose stored cost was half as much (--as-recorded): exit 3 and JUnit failures', async () => {
    const junit = join(dir, 'junit.xml');
    const { code, stdout } = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      HALF,
      '--junit',
      junit,
      '--as-recorded',
    ]);
    expect(code).toBe(3);
    expect(stdout).toContain('REGRESSION: 3 of 7 rules of built-in policy failed for quickstart.');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="busload regress" tests="7" failures="3" errors="0">');
    expect(xml).toContain('<failure type="regression" message="cost.totalMonthlyUsd = 1554.12');
    expect(xml).toContain('<property name="note" value="Costs as recorded in the reports (--as-recorded)');
  });

  it('rejects a bad rule before evaluating anything: exit 2 naming the file and the rule', async () => {
    const policy = join(dir, 'bad-policy.yaml');
    writeFileSync(policy, 'rules:\n  - "cost.totalMonthlyUsd +5%"\n  - "buses.*.latencyMs.p99 gets worse"\n');
    const { code, stderr, stdout } = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      HALF,
      '--policy',
      policy,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${policy}: rules[1] "buses.*.latencyMs.p99 gets worse": expected "<path> +N%"`);
    expect(stdout).toBe('');
    const unknownBus = join(dir, 'unknown-bus.yaml');
    writeFileSync(unknownBus, 'rules:\n  - "buses.nope.monthly.loggingUsd < 100"\n');
    const second = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      HALF,
      '--policy',
      unknownBus,
    ]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `${unknownBus}: rules[0] "buses.nope.monthly.loggingUsd < 100": no bus named "nope"`,
    );
  });

  it('--update-baseline accepts the run as the baseline', async () => {
    const baseline = join(dir, 'baselines', 'quickstart.json');
    const { code, stdout } = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      baseline,
      '--update-baseline',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(`baseline updated: ${baseline} (from ${QUICKSTART_REPORT_PATH})\n`);
    expect(readFileSync(baseline, 'utf8')).toBe(readFileSync(QUICKSTART_REPORT_PATH, 'utf8'));
  });

  it('notes runs at different rate scales and still passes (exit 0); a baseline without the field is at 1', async () => {
    const junit = join(dir, 'rate-scale.xml');
    const { code, stdout, stderr } = await busload([
      'regress',
      RATE_SCALE_2,
      '--baseline',
      NO_RATE_SCALE,
      '--junit',
      junit,
    ]);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect([lines.at(-3), lines.at(-1)]).toEqual([
      "note: tonight's run is at --rate-scale 2, the baseline at --rate-scale 1: producer rates differ by that factor, so traffic and cost are not like for like (the rules were applied as written)",
      'PASS: 7 rules of built-in policy hold for quickstart.',
    ]);
    expect(lines.at(-2)).toMatch(/^note: Costs re-priced from each run's counts with the current model /);
    expect(readFileSync(junit, 'utf8')).toContain(
      '<property name="note" value="tonight&apos;s run is at --rate-scale 2, the baseline at --rate-scale 1: ',
    );
  });

  it('says how to create a missing baseline (exit 2)', async () => {
    const { code, stderr } = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      join(dir, 'none.json'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('none.json: cannot read the report (ENOENT)');
  });
});

describe('busload regress --publish-cloudwatch (embedded endpoint)', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint(defaultEndpointConfig());
  });
  afterAll(async () => {
    await endpoint.close();
  });

  async function readBack(namespace: string): Promise<Map<string, number[]>> {
    const client = new CloudWatchClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
      maxAttempts: 1,
    });
    try {
      const now = Date.now();
      const metric = (id: string, name: string, bus: string) => ({
        Id: id,
        MetricStat: {
          Metric: {
            Namespace: namespace,
            MetricName: name,
            Dimensions: [
              { Name: 'Scenario', Value: 'quickstart' },
              { Name: 'Bus', Value: bus },
            ],
          },
          Period: 60,
          Stat: 'Maximum',
        },
      });
      const output = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 10 * 60_000),
          EndTime: new Date(now + 10 * 60_000),
          MetricDataQueries: [
            metric('p99', 'LatencyP99', 'payments'),
            metric('throttle', 'ThrottleRatio', 'payments'),
            metric('events', 'DataEventsPerMonth', 'orders'),
            metric('cost', 'MonthlyCostUsd', 'telemetry'),
          ],
        }),
      );
      return new Map(
        (output.MetricDataResults ?? []).map((result) => [result.Id ?? '', result.Values ?? []]),
      );
    } finally {
      client.destroy();
    }
  }

  it('sends p99, throttle ratio, data events and $/month per bus with PutMetricData (--cloudwatch-endpoint)', async () => {
    const { code, stderr } = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      QUICKSTART_REPORT_PATH,
      '--publish-cloudwatch',
      '--namespace',
      'BusloadTest',
      '--cloudwatch-endpoint',
      endpoint.url,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `published 12 metrics to CloudWatch namespace BusloadTest in 1 request(s) at ${endpoint.url}`,
    );
    const values = await readBack('BusloadTest');
    expect(values.get('p99')).toEqual([92.543]);
    expect(values.get('throttle')).toEqual([0.016447]);
    expect(values.get('events')).toEqual([52735200]);
    expect(values.get('cost')).toEqual([1048.57]);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL_CLOUDWATCH and still exits 3 on regression', async () => {
    const { code } = await busload(
      [
        'regress',
        QUICKSTART_REPORT_PATH,
        '--baseline',
        HALF,
        '--as-recorded',
        '--publish-cloudwatch',
        '--namespace',
        'BusloadEnv',
      ],
      { AWS_ENDPOINT_URL_CLOUDWATCH: endpoint.url },
    );
    expect(code).toBe(3);
    expect((await readBack('BusloadEnv')).get('cost')).toEqual([1048.57]);
  });
});

describe('busload compare', () => {
  it('prints the Markdown comparison naming every bus (exit 0)', async () => {
    const { code, stdout } = await busload(['compare', QUICKSTART_REPORT_PATH, AFTER]);
    expect(code).toBe(0);
    for (const bus of ['orders', 'payments', 'telemetry']) expect(stdout).toContain(`### ${bus}\n`);
    expect(stdout).toContain('the monthly cost falls from $1,554.12 to $1,512.25 per month');
  });

  it('warns first when the runs are at different rate scales (a report without the field is at 1)', async () => {
    const { code, stdout, stderr } = await busload(['compare', NO_RATE_SCALE, AFTER_RATE_SCALE_2]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(
      '## Read this first\n\n- **warning**: The runs are at different rate scales (before --rate-scale 1, after --rate-scale 2): producer rates differ by that factor, so part of the change in traffic and cost is the scale, not the design.\n',
    );
    const json = await busload(['compare', NO_RATE_SCALE, AFTER_RATE_SCALE_2, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { before: { rateScale: number }; after: { rateScale: number } };
    expect([parsed.before.rateScale, parsed.after.rateScale]).toEqual([1, 2]);
  });

  it('writes JSON or HTML to --out and rejects a file that is not a report (exit 2)', async () => {
    const out = join(dir, 'compare.html');
    const html = await busload(['compare', QUICKSTART_REPORT_PATH, AFTER, '--format', 'html', '--out', out]);
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<!DOCTYPE html>');
    const json = await busload(['compare', QUICKSTART_REPORT_PATH, AFTER, '--format', 'json']);
    expect(JSON.parse(json.stdout).schema).toBe('busload-compare/1');
    const policy = join(dir, 'not-a-report.json');
    writeFileSync(policy, '{"schemaVersion": 2}');
    const bad = await busload(['compare', policy, AFTER]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${policy}: schemaVersion: expected 1, got 2`);
  });
});
