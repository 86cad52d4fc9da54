/**
 * `busload compare` end to end on the shipped pair: batching-before and batching-after run for real (short,
 * against the embedded endpoint, as child processes), then compared. Variants of one family compare cleanly;
 * reports of unrelated scenarios are refused (exit 2, saying what differs) unless --allow-different.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/report/compare/types.js';
import type { RunReport } from '../../../src/report/types.js';
import { type CliResult, runBusload } from '../../helpers/busload-cli.js';
import { QUICKSTART_REPORT_PATH } from '../../helpers/report-fixture.js';

const busload = (args: string[]): Promise<CliResult> => runBusload(args, { timeoutMs: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'busload-compare-cli-'));
const BEFORE = join(dir, 'before', 'report.json');
const AFTER = join(dir, 'after', 'report.json');

async function runShipped(variant: 'before' | 'after'): Promise<void> {
  const { code, stdout, stderr } = await busload([
    'run',
    `scenarios/batching-${variant}.yaml`,
    '--duration',
    '2s',
    // Half the shipped rates (360 calls/s before batching): a busy machine's generator keeps up.
    '--rate-scale',
    '0.5',
    '--workers',
    '1',
    '--out',
    join(dir, variant),
    '--no-progress',
  ]);
  expect(code, `batching-${variant}: ${stdout}\n${stderr}`).toBe(0);
}

describe('busload compare on the shipped batching pair', () => {
  beforeAll(async () => {
    await runShipped('before');
    await runShipped('after');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the family in report.json', () => {
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    expect([read(BEFORE).scenario.family, read(AFTER).scenario.family]).toEqual(['batching', 'batching']);
    expect(read(BEFORE).scenario.name).toBe('batching-before');
  });

  it('compares the two variants cleanly: no warning, the family named, the change in one plain sentence', async () => {
    const { code, stdout, stderr } = await busload(['compare', BEFORE, AFTER, '--format', 'json']);
    expect(code, stderr).toBe(0);
    const comparison = JSON.parse(stdout) as Comparison;
    expect(comparison.warnings).toEqual([]);
    expect(comparison.relation.kind).toBe('same-family');
    expect(comparison.relation.family).toBe('batching');
    const orders = comparison.buses.find((bus) => bus.name === 'orders')!;
    const metric = (key: string) => orders.metrics.find((m) => m.key === key)!;
    // lingerMs 0 sends every entry alone; at 40 entries/s per instance (one every 25 ms, a constant rate)
    // 40 ms of linger takes the next entry into the same call: 2 entries per call.
    expect(Number(metric('entriesPerCall').before)).toBe(1);
    expect(Number(metric('entriesPerCall').after)).toBeCloseTo(2, 1);
    expect(Number(metric('calls').delta)).toBeLessThan(0);
    expect(comparison.sentence).toMatch(
      /^From batching-before to batching-after, the monthly cost falls from \$[\d,]+\.\d\d to \$[\d,]+\.\d\d per month \(-\$[\d,]+\.\d\d, -\d+(\.\d)?%\); CloudTrail logging falls /,
    );
    expect(comparison.sentence).toMatch(
      /On orders, entries per call rise from 1\.00 to 2\.00, PutEvents calls fall \d+% \([\d,]+ to [\d,]+\) and CloudTrail data events fall \d+% \([\d,]+ to [\d,]+ per month\)/,
    );
    expect(comparison.sentence).not.toMatch(/[*_`|#\\<>[\]]/);
  }, 60_000);

  it('writes the HTML page with its charts and prints the path and the sentence', async () => {
    const out = join(dir, 'compare.html');
    const { code, stdout, stderr } = await busload([
      'compare',
      BEFORE,
      AFTER,
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(code, stderr).toBe(0);
    const [path, sentence, ...rest] = stdout.trimEnd().split('\n');
    expect(path).toBe(out);
    expect(sentence).toMatch(/^From batching-before to batching-after, the monthly cost falls/);
    expect(rest).toEqual([]);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('Read this first');
    expect(html).toContain('<h1>busload compare: batching-before → batching-after</h1>');
    // One bus: four before/after bar charts and its spectrum.
    expect(html.match(/<svg /g)).toHaveLength(5);
  }, 60_000);

  it('refuses reports of unrelated scenarios, saying what differs (exit 2)', async () => {
    const { code, stdout, stderr } = await busload(['compare', QUICKSTART_REPORT_PATH, AFTER]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${QUICKSTART_REPORT_PATH} and ${AFTER}: reports of different scenarios (`);
    expect(stderr).toContain('scenario quickstart vs batching-after; family none vs batching; ');
    expect(stderr).toContain('buses orders, payments, telemetry vs orders; ');
    expect(stderr).toContain('planned duration 30.0 s vs 2.0 s');
    expect(stderr).toContain('pass --allow-different');
  }, 60_000);

  it('compares them with --allow-different, the warning first', async () => {
    const { code, stdout, stderr } = await busload([
      'compare',
      QUICKSTART_REPORT_PATH,
      AFTER,
      '--allow-different',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(
      '## Read this first\n\n- **warning**: The reports are of different scenarios, compared as asked (--allow-different): scenario quickstart vs batching-after; family none vs batching;',
    );
  }, 60_000);
});
