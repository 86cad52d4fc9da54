/** `busload compare`, run from source: the comparison to stdout, or to --out with the path and the sentence. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBusload } from '../../helpers/busload-cli.js';

const BEFORE = 'test/fixtures/reports/quickstart-report.json';
const AFTER = 'test/fixtures/reports/quickstart-after-report.json';

describe('busload compare', () => {
  it('writes to --out what it prints without it, then prints the path and the summary sentence', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-compare-cli-')), 'compare.md');
    const printed = await runBusload(['compare', BEFORE, AFTER]);
    expect(printed.code, printed.stderr).toBe(0);
    const written = await runBusload(['compare', BEFORE, AFTER, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    const [path, sentence, ...rest] = written.stdout.split('\n');
    expect(path).toBe(out);
    expect(sentence).toMatch(/^From the run of quickstart at .* UTC to the run at .* UTC, the monthly cost /);
    expect(rest).toEqual(['']);
  });

  it('refuses a report that does not exist (exit 2, naming it)', async () => {
    const { code, stderr } = await runBusload(['compare', BEFORE, 'nope/report.json']);
    expect(code).toBe(2);
    expect(stderr).toBe('busload: nope/report.json: cannot read the report (ENOENT)\n');
  });
});
