/**
 * The compiled CLI users run (`node bin/busload.js`, what `npm start` runs after `npm run build`), not the
 * source: paths resolved from import.meta.url (the bundled catalogs, the worker file) must work from dist/
 * as well as from src/. The build is incremental (a few seconds when dist/ is current).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/types.js';
import { runBusload } from '../helpers/busload-cli.js';

const built = (args: string[]) => runBusload(args, { built: true, timeoutMs: 60_000 });

describe('the built CLI (node bin/busload.js)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      stdio: 'pipe',
    });
  }, 180_000);

  it('prices a scenario with the bundled catalog', async () => {
    const { code, stdout, stderr } = await built(['cost', 'scenarios/quickstart.yaml', '--format', 'json']);
    expect(code, stderr).toBe(0);
    const estimate = JSON.parse(stdout) as {
      catalog: { id: string; sha256: string };
      buses: { name: string }[];
    };
    expect(estimate.catalog.id).toMatch(/^aws-\d{4}-\d{2}-\d{2}$/);
    expect(estimate.catalog.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(estimate.buses.map((bus) => bus.name)).toEqual(['orders', 'payments', 'telemetry']);
  });

  it('runs a scenario on the embedded endpoint through the compiled workers', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'busload-built-')), 'run');
    const { code, stdout, stderr } = await built([
      'run',
      'test/fixtures/cli/tiny.yaml',
      '--out',
      out,
      '--workers',
      '1',
      '--duration',
      '1s',
      '--no-progress',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(out);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('completed');
    // 100 entries/s for 1 s, batches of 5: every entry accepted.
    expect(report.buses[0]!.entries.succeeded).toBe(100);
    expect(report.buses[0]!.requests.calls).toBe(20);
  });
});
