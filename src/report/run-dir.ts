/**
 * The run directory, checked and reserved before any load is generated: a default directory is unique per
 * run (two runs started in the same second get two directories), an existing non-empty `--out` is refused
 * without `--force`, and a directory that cannot be written is found before the run, not after it.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** How many suffixes (-2, -3, ...) a default directory may try before giving up. */
const MAX_SUFFIXES = 1_000;

/** Why a path cannot be a run directory, from an fs error code. */
function pathProblem(dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTDIR':
      return `${dir}: a part of the path is a file, not a directory`;
    case 'EEXIST':
      return `${dir}: exists and is not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${dir}: permission denied (cannot write there)`;
    case 'EROFS':
      return `${dir}: the file system is read-only`;
    case 'ENOSPC':
      return `${dir}: no space left on the device`;
    default:
      return `${dir}: cannot be used as a directory (${code ?? String(error)})`;
  }
}

/**
 * Creates `dir` and its parents. A recursive mkdir reports ENOENT for any failure below an existing parent
 * (a read-only file system, no permission): then the first missing directory is created alone, whose error
 * says why (EROFS, EACCES, ENOTDIR).
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let missing = dir;
    for (let parent = dirname(missing); parent !== missing; parent = dirname(missing)) {
      const exists = await stat(parent).then(
        () => true,
        () => false,
      );
      if (exists) break;
      missing = parent;
    }
    await mkdir(missing);
    throw error;
  }
}

async function probeWritable(dir: string, flag = '--out'): Promise<void> {
  const probe = join(dir, `.busload-write-check-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new InputError(`${flag} ${pathProblem(dir, error)}`);
  }
}

/**
 * Reserves `--out <dir>`: creates it (and its parents) or accepts an existing empty directory; an existing
 * non-empty one only with `force` (its old report and trail files are removed so nothing stale mixes in).
 * @param flag - the flag named in messages (`--out`; the emulator's `--trail-dir`)
 * @param clear - with force, remove the old reports and trail files (the emulator adds to its trail instead)
 * @throws InputError naming the directory and the problem
 */
export async function reserveOutDir(
  dir: string,
  force: boolean,
  flag = '--out',
  clear = true,
): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new InputError(`${flag} ${pathProblem(dir, error)}`);
  });
  if (info !== null && !info.isDirectory()) {
    throw new InputError(`${flag} ${dir}: exists and is a file; expected a directory (or a new path)`);
  }
  if (info !== null) {
    const entries = await readdir(dir).catch((error: unknown) => {
      throw new InputError(`${flag} ${pathProblem(dir, error)}`);
    });
    if (entries.length > 0 && !force) {
      throw new InputError(
        `${flag} ${dir}: the directory is not empty (${entries.length} entries); choose a new directory, or pass --force to replace its reports and trail files`,
      );
    }
    if (entries.length > 0 && clear) {
      for (const name of ['report.json', 'report.md', 'report.html', 'cloudtrail']) {
        await rm(join(dir, name), { recursive: true, force: true }).catch((error: unknown) => {
          throw new InputError(`${flag} ${pathProblem(join(dir, name), error)}`);
        });
      }
    }
  } else {
    await makeDirectory(dir).catch((error: unknown) => {
      throw new InputError(`${flag} ${pathProblem(dir, error)}`);
    });
  }
  await probeWritable(dir, flag);
}

/**
 * Reserves a fresh default directory `<base>` or `<base>-2`, `<base>-3`, ...: the first that this process
 * creates itself (mkdir without `recursive` fails when another run got there first). Returns its path.
 * @throws InputError when the parent cannot be created or written
 */
export async function reserveDefaultDir(base: string): Promise<string> {
  const parent = join(base, '..');
  await makeDirectory(parent).catch((error: unknown) => {
    throw new InputError(`run directory ${pathProblem(parent, error)}`);
  });
  for (let n = 1; n <= MAX_SUFFIXES; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await mkdir(candidate);
      await probeWritable(candidate);
      return candidate;
    } catch (error) {
      if (error instanceof InputError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new InputError(`run directory ${pathProblem(candidate, error)}`);
    }
  }
  throw new InputError(`run directory ${base}: ${MAX_SUFFIXES} runs already started in this second`);
}
