/** `busload merge`, run from source: shard reports merged into one run directory; broken input is exit 2. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/report/types.js';
import { runBusload } from '../../helpers/busload-cli.js';

const WHOLE_PLAN = 'test/fixtures/reports/quickstart-report.json';

describe('busload merge', () => {
  it('merges the one shard of a whole-plan run into the same counts, and prints the directory last', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-merge-cli-')), 'merged');
    const { code, stdout, stderr } = await runBusload(['merge', WHOLE_PLAN, '--out', out]);
    expect(code, stderr).toBe(0);
    const source = JSON.parse(readFileSync(WHOLE_PLAN, 'utf8')) as RunReport;
    const merged = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(merged.totals.requests).toEqual(source.totals.requests);
    expect(merged.totals.entries).toEqual(source.totals.entries);
    expect(existsSync(join(out, 'report.md'))).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(stdout.split('\n').slice(-3)).toEqual([
      `merged 1 shard of quickstart: ${source.totals.entries.planned} planned entries, ${source.totals.requests.calls} calls`,
      out,
      '',
    ]);
  });

  it('needs --out (exit 2)', async () => {
    const { code, stderr } = await runBusload(['merge', WHOLE_PLAN]);
    expect(code).toBe(2);
    expect(stderr).toBe("busload: Missing required argument: out\nRun 'busload --help' for usage.\n");
  });

  it('refuses a shard it cannot read, naming it (exit 2)', async () => {
    const { code, stderr } = await runBusload([
      'merge',
      'nope.json',
      '--out',
      mkdtempSync(join(tmpdir(), 'm-')),
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe('busload: nope.json: cannot read the report (no such file)\n');
  });
});
