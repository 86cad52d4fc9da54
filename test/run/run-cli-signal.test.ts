/**
 * SIGINT/SIGTERM on `busload run`: scheduling stops, in-flight calls finish, the report is written with
 * status "interrupted" (every entry accounted for) and the exit code is 130.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/types.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-signal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent.each(['SIGINT', 'SIGTERM'] as const)('busload run, then %s', (signal) => {
  it('writes an interrupted report and exits 130', async () => {
    const out = join(dir, signal);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/index.ts',
        'run',
        'test/fixtures/cli/tiny.yaml',
        '--duration',
        '30s',
        '--out',
        out,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no exit after ${signal}\n${stdout}\n${stderr}`));
      }, 45_000);
      child.stderr.on('data', (chunk) => {
        const before = stderr;
        stderr += chunk;
        // Without a TTY a progress line comes every 5 s: stop once one shows calls being made.
        const sending = (text: string): boolean => /\| [1-9][\d,]* calls\/s/.test(text);
        if (!sending(before) && sending(stderr)) setTimeout(() => child.kill(signal), 500);
      });
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('busload: stopping');
    expect(stdout.trim().split('\n').at(-1)).toBe(out);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.status).toBe('interrupted');
    for (const bus of [...report.buses, report.totals]) {
      expect(bus.entries.planned, bus.name).toBe(
        bus.entries.succeeded + bus.entries.failed + bus.entries.dropped,
      );
    }
    // 500 entries/s were planned for 30 s: the run stopped early but did real work
    expect(report.totals.entries.planned).toBeGreaterThan(0);
    expect(report.totals.entries.planned).toBeLessThan(15_000);
  });
});
