/** Reserving the run directory before any load: real directories in a temp dir. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { reserveDefaultDir, reserveOutDir } from '../../src/report/run-dir.js';

const root = mkdtempSync(join(tmpdir(), 'busload-run-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('reserveOutDir', () => {
  it('creates a new directory and its parents, and leaves it empty', async () => {
    const dir = join(root, 'new', 'a', 'b');
    await reserveOutDir(dir, false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an existing empty directory', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    await expect(reserveOutDir(dir, false)).resolves.toBeUndefined();
  });

  it('refuses a non-empty directory without force, naming the flag, the directory and the way out', async () => {
    const dir = join(root, 'full');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    await expect(reserveOutDir(dir, false)).rejects.toThrow(
      new InputError(
        `--out ${dir}: the directory is not empty (2 entries); choose a new directory, or pass --force to replace its reports and trail files`,
      ),
    );
  });

  it('with force, removes the old reports and trail files only', async () => {
    const dir = join(root, 'forced');
    mkdirSync(join(dir, 'cloudtrail'), { recursive: true });
    for (const name of ['report.json', 'report.md', 'report.html', 'notes.txt'])
      writeFileSync(join(dir, name), 'x');
    await reserveOutDir(dir, true);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('with force but without clear (the emulator), keeps everything', async () => {
    const dir = join(root, 'kept');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.json'), 'x');
    await reserveOutDir(dir, true, '--trail-dir', false);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses a file, and a path through a file, naming the flag', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await expect(reserveOutDir(file, false, '--trail-dir')).rejects.toThrow(
      new InputError(`--trail-dir ${file}: exists and is a file; expected a directory (or a new path)`),
    );
    await expect(reserveOutDir(join(file, 'below'), false)).rejects.toThrow(
      new InputError(`--out ${join(file, 'below')}: a part of the path is a file, not a directory`),
    );
  });
});

describe('reserveDefaultDir', () => {
  it('takes the base, then -2, -3 for runs started in the same second', async () => {
    const base = join(root, 'runs', 'quickstart', '20261207T120000Z');
    expect(await reserveDefaultDir(base)).toBe(base);
    expect(await reserveDefaultDir(base)).toBe(`${base}-2`);
    expect(await reserveDefaultDir(base)).toBe(`${base}-3`);
    expect(existsSync(`${base}-3`)).toBe(true);
  });

  it('refuses a base whose parent is a file', async () => {
    const file = join(root, 'parent-file');
    writeFileSync(file, 'x');
    await expect(reserveDefaultDir(join(file, 'runs', 'x'))).rejects.toThrow(InputError);
  });
});
