/**
 * The differences between two dated catalogs (added, removed, price or confidence changed) and their
 * Markdown rendering, as `busload pricing --refresh` shows them. Pure.
 */
import { Dec } from './money.js';
import type { Catalog, CatalogPrice } from './types.js';

/** One change between two catalogs. */
export interface CatalogChange {
  kind: 'added' | 'removed' | 'changed';
  id: string;
  region: string;
  tier: string | null;
  beforeUsd: string | null;
  afterUsd: string | null;
  beforeConfidence: string | null;
  afterConfidence: string | null;
}

const keyOf = (price: CatalogPrice) => `${price.id}@${price.region}@${price.tier?.label ?? ''}`;

/**
 * The differences between two catalogs, per (id, region, tier): added, removed, or changed price or
 * confidence; in a stable order (id, region, tier).
 *
 * Worked example: data events in eu-west-3 at "0.10" (unconfirmed) before and "0.1" (price-list) after
 * -> one "changed" entry (same price, confidence unconfirmed -> price-list).
 */
export function diffCatalogs(before: Catalog, after: Catalog): CatalogChange[] {
  const beforeByKey = new Map(before.prices.map((price) => [keyOf(price), price]));
  const afterByKey = new Map(after.prices.map((price) => [keyOf(price), price]));
  const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort();
  const changes: CatalogChange[] = [];
  for (const key of keys) {
    const old = beforeByKey.get(key);
    const now = afterByKey.get(key);
    const sample = (now ?? old)!;
    const entry = {
      id: sample.id,
      region: sample.region,
      tier: sample.tier?.label ?? null,
      beforeUsd: old?.priceUsd ?? null,
      afterUsd: now?.priceUsd ?? null,
      beforeConfidence: old?.confidence ?? null,
      afterConfidence: now?.confidence ?? null,
    };
    if (!old) changes.push({ kind: 'added', ...entry });
    else if (!now) changes.push({ kind: 'removed', ...entry });
    else if (!new Dec(old.priceUsd).eq(now.priceUsd) || old.confidence !== now.confidence) {
      changes.push({ kind: 'changed', ...entry });
    }
  }
  return changes;
}

/** The diff as Markdown: a summary line, then one table row per change, then the prices kept. */
export function renderCatalogDiff(
  before: Catalog,
  after: Catalog,
  changes: readonly CatalogChange[],
  kept: ReadonlyArray<{ id: string; region: string; reason: string }>,
): string {
  const moved = changes.filter(
    (change) =>
      change.kind === 'changed' &&
      change.beforeUsd !== null &&
      change.afterUsd !== null &&
      !new Dec(change.beforeUsd).eq(change.afterUsd),
  );
  const lines = [
    `# Price catalog ${before.id} -> ${after.id}`,
    '',
    `${changes.length} change(s): ${moved.length} price(s) moved, ${changes.filter((c) => c.kind === 'added').length} added, ` +
      `${changes.filter((c) => c.kind === 'removed').length} removed, the rest confidence only. ${kept.length} price(s) kept from ${before.id}.`,
    '',
  ];
  if (changes.length > 0) {
    lines.push(
      '| change | price id | region | tier | before USD | after USD | confidence |',
      '|---|---|---|---|---:|---:|---|',
    );
    for (const change of changes) {
      lines.push(
        `| ${change.kind} | ${change.id} | ${change.region} | ${change.tier ?? ''} | ${change.beforeUsd ?? ''} | ${change.afterUsd ?? ''} | ` +
          `${change.beforeConfidence ?? '-'} -> ${change.afterConfidence ?? '-'} |`,
      );
    }
    lines.push('');
  }
  if (kept.length > 0) {
    lines.push(`Kept from ${before.id} (not found in the Price List):`, '');
    for (const entry of kept) lines.push(`- ${entry.id} in ${entry.region}: ${entry.reason}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
