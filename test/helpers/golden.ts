/**
 * Golden files (test/golden/): renderer output compared byte for byte. After an intended change of output,
 * regenerate them with UPDATE_GOLDEN=1 and review the diff; never regenerate to make a test pass.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Path of a golden file by name, e.g. "report.md". */
export function goldenPath(name: string): string {
  return fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
}

/** Compares `actual` with the golden file, or rewrites the file when UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const path = goldenPath(name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual, 'utf8');
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing: run the test with UPDATE_GOLDEN=1 and review the diff`);
  }
  // Plain string equality: a byte-level difference (even whitespace) fails, with vitest's line diff.
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
