import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_DIR, loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { InputError } from '../../src/errors.js';
import { DEFAULT_CATALOG_FILE } from '../../src/model/catalog.js';
import { dataEventsPrice } from '../helpers/catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A one-price catalog file's text. */
const oneprice = (priceUsd: unknown) =>
  JSON.stringify({
    id: 'test-2026-12-07',
    regions: ['us-east-1'],
    effectiveDate: '2026-12-07',
    currency: 'USD',
    prices: [{ ...dataEventsPrice('us-east-1', '0', 'official'), retrievedAt: '2026-12-07', priceUsd }],
  });

describe('loadCatalogFile', () => {
  it('without a file: the bundled catalog, carrying the SHA-256 of its bytes', async () => {
    const { catalog, file } = await loadCatalogFile();
    expect(file).toBe(new URL(DEFAULT_CATALOG_FILE, CATALOG_DIR).pathname);
    expect(catalog.id).toBe(DEFAULT_CATALOG_FILE.replace(/\.json$/, ''));
    expect(catalog.sha256).toBe(sha256(readFileSync(file, 'utf8')));
  });

  it('a file of its own: parsed, with its path and the hash of exactly its text', async () => {
    const path = join(dir, 'mine.json');
    const text = oneprice('0.10');
    writeFileSync(path, text);
    const { catalog, file } = await loadCatalogFile(path);
    expect(file).toBe(path);
    expect(catalog.prices.map((price) => [price.id, price.priceUsd])).toEqual([
      ['cloudtrail.data-events', '0.10'],
    ]);
    expect(catalog.sha256).toBe(sha256(text));
  });

  it('a missing file: InputError naming the path and the error code', async () => {
    const path = join(dir, 'absent.json');
    await expect(loadCatalogFile(path)).rejects.toThrow(
      new InputError(`cannot read catalog ${path}: ENOENT`),
    );
  });

  it('not JSON: InputError naming the path', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"id": ');
    const error = await loadCatalogFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(`),
    );
  });

  it('a catalog of the wrong shape: InputError with the field path', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, oneprice(12.34));
    const error = await loadCatalogFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`${path}: prices[0].priceUsd: `);
  });
});
