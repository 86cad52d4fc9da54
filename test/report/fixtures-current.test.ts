/**
 * Report fixtures are evidence: their cost blocks must be what the current model and the bundled catalog
 * say for their counts. This fails when a change to src/model or the catalog leaves a fixture priced by an
 * older model; regenerate them with `npm run fixtures` (and the goldens with UPDATE_GOLDEN=1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { MODEL_VERSION } from '../../src/model/version.js';
import { repriceReport } from '../../src/report/reprice.js';
import { parseReport } from '../../src/report/schema.js';
import type { RunReport } from '../../src/report/types.js';
import {
  BAD_REPORTS_DIR,
  BAD_SHARD_REPORTS,
  RECORDED_SHARDS,
  renderBadShardReports,
} from '../helpers/report-builder.js';

const DIR = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith('.json'));

describe('report fixtures are priced by the current model and catalog', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES).toEqual(['quickstart-after-report.json', 'quickstart-report.json']);
  });

  for (const name of FIXTURES) {
    it(`${name}: its cost block is what re-pricing it gives (else: npm run fixtures)`, async () => {
      const { catalog } = await loadCatalogFile();
      const parsed = parseReport(JSON.parse(readFileSync(join(DIR, name), 'utf8')));
      if (!('report' in parsed)) throw new Error(parsed.problems.join('\n'));
      const report: RunReport = parsed.report;
      expect(report.cost.modelVersion, `${name} was priced by another model: npm run fixtures`).toBe(
        MODEL_VERSION,
      );
      expect(report.cost.catalog.sha256, `${name} was priced with another catalog: npm run fixtures`).toBe(
        catalog.sha256,
      );
      expect(repriceReport(report, catalog, name).cost).toEqual(report.cost);
    });
  }
});

describe('the bad shard reports are generated (recorded shard + patch), never hand-edited', () => {
  it('the directory holds exactly the recorded shards and the generated bad reports', () => {
    const onDisk = readdirSync(BAD_REPORTS_DIR).sort();
    expect(onDisk).toEqual([...RECORDED_SHARDS, ...Object.keys(BAD_SHARD_REPORTS)].sort());
    expect(Object.keys(BAD_SHARD_REPORTS)).toHaveLength(17);
  });

  for (const [name, text] of renderBadShardReports()) {
    it(`${name} is what its recipe gives (else: npm run fixtures)`, () => {
      expect(readFileSync(join(BAD_REPORTS_DIR, name), 'utf8')).toBe(text);
    });
  }
});
