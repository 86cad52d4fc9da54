/**
 * A full disk never leaves a truncated report.json or a stray temporary file: reports are written one after
 * the other (report.json first), each to a temporary file renamed into place. Checked with an injected
 * ENOSPC after half a file is written (always) and with a real 12 KB tmpfs (when this process may mount one:
 * root with CAP_SYS_ADMIN, as on the development machine; skipped elsewhere). A read-only tmpfs checks that
 * `run --out` and `emulator --trail-dir` there are refused before anything starts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseReport } from '../../src/report/schema.js';
import { runBusload, tinyRunArgs } from '../helpers/busload-cli.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

/** Injected fault: the next writeFile of a path ending in `failOn` writes half its text, then fails ENOSPC. */
const fault = vi.hoisted(() => ({ failOn: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    writeFile: async (path: string, text: string, encoding: BufferEncoding) => {
      if (fault.failOn !== null && String(path).includes(fault.failOn)) {
        await actual.writeFile(path, text.slice(0, text.length / 2), encoding);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          errno: -28,
          syscall: 'write',
        });
      }
      return actual.writeFile(path, text, encoding);
    },
  };
});
const { writeRunReports } = await import('../../src/report/write.js');

const dir = mkdtempSync(join(tmpdir(), 'busload-full-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeRunReports on a disk that fills up (injected ENOSPC half-way through a file)', () => {
  it.each(['report.json', 'report.md', 'report.html'])(
    'a failed %s leaves no truncated file and no temporary file, and the error names the file',
    async (failing) => {
      const runDir = join(dir, failing);
      mkdirSync(runDir);
      // A previous report in place (--force): it is kept whole, never half-overwritten.
      writeFileSync(join(runDir, 'report.json'), '{"previous":true}\n');
      fault.failOn = `${failing}.`;
      const error = await writeRunReports(runDir, loadQuickstartReport()).catch((e: unknown) => e);
      fault.failOn = null;
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect((error as NodeJS.ErrnoException).path).toBe(join(runDir, failing));
      const files = readdirSync(runDir).sort();
      expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const json = readFileSync(join(runDir, 'report.json'), 'utf8');
      if (failing === 'report.json') {
        expect(json).toBe('{"previous":true}\n');
        expect(files).toEqual(['report.json']);
      } else {
        // report.json is written first, whole and valid.
        expect('report' in parseReport(JSON.parse(json))).toBe(true);
        expect(files).not.toContain(failing);
      }
    },
  );
});

/** Mounts a tmpfs of `size` (read-only with `ro`) at a new directory; null when this process may not mount. */
function mountTmpfs(size: string, ro = false): string | null {
  const mountPoint = mkdtempSync(join(dir, 'tmpfs-'));
  try {
    const options = `size=${size}${ro ? ',ro' : ''}`;
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint], { stdio: 'ignore' });
    return mountPoint;
  } catch {
    return null;
  }
}

const canMount = (() => {
  const probe = mountTmpfs('4k');
  if (probe === null) return false;
  execFileSync('umount', [probe]);
  return true;
})();

describe.skipIf(!canMount)('real read-only and full disks (tmpfs)', () => {
  it('a read-only --out (and emulator --trail-dir) is found before the run: exit 2 naming it, no load generated', async () => {
    const mountPoint = mountTmpfs('64k', true)!;
    try {
      const out = join(mountPoint, 'run');
      const run = await runBusload(['run', 'test/fixtures/cli/tiny.yaml', '--no-progress', '--out', out]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`--out ${out}: the file system is read-only`);
      expect(run.stderr).not.toContain('busload: replaying');
      const emulator = await runBusload(['emulator', '--trail-dir', join(mountPoint, 'trail')]);
      expect(emulator.code, emulator.stderr).toBe(2);
      expect(emulator.stdout).not.toContain('listening');
      expect(emulator.stderr).toContain('read-only');
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });

  it('a full one (12 KB): exit 2 naming ENOSPC and the file, no temporary file, no truncated report.json', async () => {
    const mountPoint = mountTmpfs('12k')!;
    try {
      const out = join(mountPoint, 'run');
      const { code, stdout, stderr } = await runBusload(tinyRunArgs(out), { timeoutMs: 90_000 });
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(/report\.(json|md|html): no space left on the device \(ENOSPC\)/);
      expect(stderr).not.toContain('internal error');
      // The results are not lost: the summary still reaches the terminal.
      expect(stdout).toContain('tiny · completed');
      const files = readdirSync(out);
      expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
      if (files.includes('report.json')) {
        expect('report' in parseReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))).toBe(
          true,
        );
      }
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  }, 120_000);
});
