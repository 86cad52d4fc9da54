/** `busload regress`, run from source: the gate's verdict and exit code, and --update-baseline. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBusload } from '../../helpers/busload-cli.js';

const BASELINE = 'test/fixtures/reports/quickstart-report.json';
const CURRENT = 'test/fixtures/reports/quickstart-after-report.json';

describe('busload regress', () => {
  it('passes the cheaper run against its baseline with the built-in policy (exit 0)', async () => {
    const { code, stdout, stderr } = await runBusload([
      'regress',
      CURRENT,
      '--baseline',
      BASELINE,
      '--as-recorded',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout.split('\n').slice(0, 2)[0]).toMatch(/^rule +path +baseline +current +limit +result +note$/);
    expect(stdout.endsWith('PASS: 7 rules of built-in policy hold for quickstart.\n')).toBe(true);
  });

  it('with --update-baseline writes the current report as the baseline and skips the gate', async () => {
    const baseline = join(mkdtempSync(join(tmpdir(), 'busload-regress-cli-')), 'base', 'quickstart.json');
    const { code, stdout, stderr } = await runBusload([
      'regress',
      CURRENT,
      '--baseline',
      baseline,
      '--update-baseline',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`baseline updated: ${baseline} (from ${CURRENT})\n`);
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual(JSON.parse(readFileSync(CURRENT, 'utf8')));
  });

  it('refuses a missing default baseline, saying how to make one (exit 2)', async () => {
    // Run from the repository, whose reports/baselines/ holds no quickstart.json.
    const { code, stderr } = await runBusload(['regress', CURRENT]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'busload: reports/baselines/quickstart.json: no baseline for scenario "quickstart" (pass --baseline <file>, or accept this run with --update-baseline)\n',
    );
  });
});
