/**
 * Stale evidence: `compare` and `regress` re-price both reports with the current model and catalog by
 * default, keep the stored costs with --as-recorded, and say which in every output format. The stale report
 * is test/fixtures/stale/quickstart-report-model-2026-11.json: the quickstart fixture's run (the same traffic,
 * byte for byte) as an older model priced it (no S3 lines). Also `busload cost <report.json>` and `--month`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../../src/model/version.js';
import type { RunReport } from '../../../src/report/types.js';
import { type CliResult, runBusload } from '../../helpers/busload-cli.js';
import { QUICKSTART_REPORT_PATH } from '../../helpers/report-fixture.js';

const busload = (args: string[]): Promise<CliResult> => runBusload(args, { timeoutMs: 30_000 });
const STALE = new URL('../../fixtures/stale/quickstart-report-model-2026-11.json', import.meta.url).pathname;
const CURRENT = JSON.parse(readFileSync(QUICKSTART_REPORT_PATH, 'utf8')) as RunReport;
const dir = mkdtempSync(join(tmpdir(), 'busload-reprice-'));

describe('the stale fixture', () => {
  it('has the same traffic as the current quickstart fixture, priced by an older model', () => {
    const stale = JSON.parse(readFileSync(STALE, 'utf8')) as RunReport;
    const { cost: staleCost, ...staleRest } = stale;
    // The current fixture also records its pricing inputs (the stale one predates them).
    const { cost: currentCost, pricingInputs, ...currentRest } = CURRENT;
    expect(pricingInputs?.buses.map((bus) => bus.name)).toEqual(['orders', 'payments', 'telemetry']);
    expect(stale.pricingInputs).toBeUndefined();
    expect(staleRest).toEqual(currentRest);
    expect(staleCost.modelVersion).toBeUndefined();
    expect(staleCost.totalMonthlyUsd).toBe('1547.89');
    expect(currentCost.totalMonthlyUsd).toBe('1554.12');
  });
});

describe('busload regress re-prices both reports', () => {
  it('identical traffic priced by two models: exit 3 as recorded, exit 0 re-priced, and says which', async () => {
    const base = ['regress', QUICKSTART_REPORT_PATH, '--baseline', STALE];
    const recorded = await busload([...base, '--as-recorded']);
    expect(recorded.code, recorded.stderr).toBe(3);
    expect(recorded.stdout).toContain('REGRESSION: 1 of 7 rules of built-in policy failed for quickstart.');
    expect(recorded.stdout).toContain(
      'note: Costs as recorded in the reports (--as-recorded): current: model ' +
        `${MODEL_VERSION}, catalog aws-2026-11-23 (2026-11-23, sha256 ${CURRENT.cost.catalog.sha256!.slice(0, 12)}); ` +
        'baseline: a model older than recorded versions, catalog aws-2026-11-23 (2026-11-23). ' +
        'They were priced differently, so part of a cost change may be the model or the prices.',
    );
    const junit = join(dir, 'junit.xml');
    const repriced = await busload([...base, '--junit', junit]);
    expect(repriced.code, repriced.stderr).toBe(0);
    expect(repriced.stdout).toContain('PASS: 7 rules of built-in policy hold for quickstart.');
    expect(repriced.stdout).toContain(
      `note: Costs re-priced from each run's counts with the current model ${MODEL_VERSION}, catalog aws-2026-11-23`,
    );
    expect(readFileSync(junit, 'utf8')).toContain(
      '<property name="note" value="Costs re-priced from each run&apos;s counts',
    );
    // Both at the current model: the stale baseline's total is the current one.
    expect(repriced.stdout).toMatch(/cost\.totalMonthlyUsd\s+1554\.12\s+1554\.12\s/);
  });

  it('re-prices with another catalog given by --catalog, and rejects one that cannot be read (exit 2)', async () => {
    const missing = await busload([
      'regress',
      QUICKSTART_REPORT_PATH,
      '--baseline',
      STALE,
      '--catalog',
      join(dir, 'none.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read catalog');
  });
});

describe('busload compare says how it priced, in every format', () => {
  it('Markdown: re-priced by default (the same cost before and after), stored costs with --as-recorded', async () => {
    const repriced = await busload(['compare', STALE, QUICKSTART_REPORT_PATH]);
    expect(repriced.code, repriced.stderr).toBe(0);
    expect(repriced.stdout).toContain('the monthly cost stays at $1,554.12 per month.');
    expect(repriced.stdout).toMatch(
      /## Pricing\n\nCosts re-priced from each run's counts with the current model /,
    );
    const recorded = await busload(['compare', STALE, QUICKSTART_REPORT_PATH, '--as-recorded']);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain('the monthly cost rises from $1,547.89 to $1,554.12 per month');
    expect(recorded.stdout).toMatch(
      /## Pricing\n\nCosts as recorded in the reports \(--as-recorded\): before: a model older/,
    );
  });

  it('JSON: a pricing field with the mode, the current model and catalog, and what each report recorded', async () => {
    const { code, stdout, stderr } = await busload([
      'compare',
      STALE,
      QUICKSTART_REPORT_PATH,
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const parsed = JSON.parse(stdout) as { schema: string; pricing: Record<string, unknown> };
    expect(parsed.schema).toBe('busload-compare/1');
    expect(parsed.pricing).toMatchObject({
      mode: 're-priced',
      current: {
        modelVersion: MODEL_VERSION,
        catalogId: 'aws-2026-11-23',
        catalogEffectiveDate: '2026-11-23',
        catalogSha256: CURRENT.cost.catalog.sha256,
      },
      recorded: {
        before: { modelVersion: null, catalogId: 'aws-2026-11-23', catalogSha256: null },
        after: { modelVersion: MODEL_VERSION, catalogSha256: CURRENT.cost.catalog.sha256 },
      },
    });
    const recorded = await busload([
      'compare',
      STALE,
      QUICKSTART_REPORT_PATH,
      '--format',
      'json',
      '--as-recorded',
    ]);
    expect(
      (JSON.parse(recorded.stdout) as { pricing: { mode: string; current: null } }).pricing,
    ).toMatchObject({
      mode: 'as-recorded',
      current: null,
    });
  });

  it('HTML: a Pricing section in the page', async () => {
    const out = join(dir, 'compare.html');
    const { code, stderr } = await busload([
      'compare',
      STALE,
      QUICKSTART_REPORT_PATH,
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(code, stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(
      /<section class="pricing"><h2>Pricing<\/h2><p>Costs re-priced from each run&#39;s counts|<section class="pricing"><h2>Pricing<\/h2><p>Costs re-priced from each run's counts/,
    );
    expect(html.indexOf('<section class="pricing">')).toBeLessThan(html.lastIndexOf('</body>'));
  });
});

describe('busload cost', () => {
  it('re-prices a report exactly as its generator did (the same cost block)', async () => {
    const { code, stdout, stderr } = await busload(['cost', QUICKSTART_REPORT_PATH, '--format', 'json']);
    expect(code, stderr).toBe(0);
    const { approximations, recordedPricing, ...estimate } = JSON.parse(stdout) as Record<string, unknown>;
    expect(approximations).toEqual([]);
    expect(recordedPricing).toEqual({
      modelVersion: MODEL_VERSION,
      catalogId: 'aws-2026-11-23',
      catalogEffectiveDate: '2026-11-23',
      catalogSha256: CURRENT.cost.catalog.sha256,
    });
    expect(estimate).toEqual(CURRENT.cost);
  });

  it('says when it re-priced a report priced by an older model, whose input it had to rebuild', async () => {
    const { code, stdout, stderr } = await busload(['cost', STALE]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(
      'note: the report predates recorded pricing inputs: its model input was rebuilt from its counts',
    );
    expect(stdout).toContain(
      `note: re-priced with the current model ${MODEL_VERSION} and catalog aws-2026-11-23; the report was priced by a model older than recorded versions and catalog aws-2026-11-23`,
    );
    // The same traffic as the current fixture: the same total.
    expect(stdout).toContain('$1,554.12');
  });

  it('--month 2027-02 prices 672 hours: volumes x 672 / 730 and says so; a bad month exits 2', async () => {
    const feb = await busload(['cost', QUICKSTART_REPORT_PATH, '--format', 'json', '--month', '2027-02']);
    expect(feb.code, feb.stderr).toBe(0);
    const estimate = JSON.parse(feb.stdout) as RunReport['cost'];
    expect(estimate.month).toEqual({ label: '2027-02', hours: 672, basis: 'calendar month' });
    // telemetry: 11,970 chunks x 87,600 = 1,048,572,000 a 730-hour month; / 730 x 672 = 1,436,400 x 672
    //   = 965,260,800 x $0.000001 = $965.26
    const telemetry = estimate.buses.find((bus) => bus.name === 'telemetry')!;
    expect(telemetry.monthly.customEvents).toBe('965260800');
    expect(telemetry.monthly.eventBridgeUsd).toBe('965.26');
    const table = await busload(['cost', QUICKSTART_REPORT_PATH, '--month', '2027-02']);
    expect(table.stdout).toContain(
      "Month priced: 2027-02, 672 h (calendar month; AWS's pricing pages use 730 h)",
    );
    const convention = await busload(['cost', QUICKSTART_REPORT_PATH]);
    expect(convention.stdout).toContain(
      "Month priced: 730 h, AWS's pricing convention, not a calendar month (--month YYYY-MM prices one)",
    );
    const bad = await busload(['cost', QUICKSTART_REPORT_PATH, '--month', '2027-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--month 2027-13: expected a calendar month YYYY-MM (e.g. 2027-02), got "2027-13"',
    );
  });

  it('--assume trailFilesPerHour and logsStorageCompressed switch the new lines', async () => {
    const { stdout } = await busload([
      'cost',
      QUICKSTART_REPORT_PATH,
      '--format',
      'json',
      '--assume',
      'trailFilesPerHour=0',
      '--logging',
      'orders=cloudwatch-logs',
      '--assume',
      'logsStorageCompressed=true',
    ]);
    const estimate = JSON.parse(stdout) as RunReport['cost'];
    const orders = estimate.buses.find((bus) => bus.name === 'orders')!;
    expect(orders.lineItems.map((item) => item.priceId)).not.toContain('s3.put-requests');
    expect(orders.lineItems.find((item) => item.priceId === 'cloudwatch-logs.storage')?.component).toBe(
      'CloudWatch Logs storage (compressed bytes, kept 365 days)',
    );
  });
});
