/**
 * Reads a price catalog file (I/O lives here; the model itself is pure).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { DEFAULT_CATALOG_FILE, parseCatalog } from '../model/catalog.js';
import type { Catalog } from '../model/types.js';

/** The folder of the bundled catalogs (same relative place from src/catalog and dist/catalog). */
export const CATALOG_DIR = new URL('../../src/model/catalog/', import.meta.url);

/** Loads `file` (or the bundled default catalog) and validates it; the catalog carries the file's SHA-256. */
export async function loadCatalogFile(file?: string): Promise<{ catalog: Catalog; file: string }> {
  const path = file ?? new URL(DEFAULT_CATALOG_FILE, CATALOG_DIR).pathname;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot read catalog ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  try {
    const catalog = parseCatalog(json, path);
    catalog.sha256 = createHash('sha256').update(text).digest('hex');
    return { catalog, file: path };
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}
