/** The bundled price catalog for tests, parsed as the CLI parses it. */
import { readFileSync } from 'node:fs';
import { DEFAULT_CATALOG_FILE, parseCatalog } from '../../src/model/catalog.js';
import type { Catalog } from '../../src/model/types.js';

/** The bundled catalog, parsed as the CLI parses it. */
export function bundledCatalog(): Catalog {
  const url = new URL(`../../src/model/catalog/${DEFAULT_CATALOG_FILE}`, import.meta.url);
  return parseCatalog(JSON.parse(readFileSync(url, 'utf8')), DEFAULT_CATALOG_FILE);
}
