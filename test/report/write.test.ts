import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReportInvariants } from '../../src/report/invariants.js';
import { renderHtml } from '../../src/report/run/render-html.js';
import { renderMarkdown } from '../../src/report/run/render-markdown.js';
import type { RunReport } from '../../src/report/types.js';
import { writeRunReports } from '../../src/report/write.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

describe('writeRunReports', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory and writes the three files; report.json round-trips', async () => {
    dir = await mkdtemp(join(tmpdir(), 'busload-report-'));
    const runDir = join(dir, 'runs', 'quickstart', '20261124T091502Z');
    const report = loadQuickstartReport();
    const paths = await writeRunReports(runDir, report);
    expect(paths).toEqual({
      jsonPath: join(runDir, 'report.json'),
      mdPath: join(runDir, 'report.md'),
      htmlPath: join(runDir, 'report.html'),
    });
    const json = await readFile(paths.jsonPath, 'utf8');
    expect(json).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(json.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
    const reread = JSON.parse(json) as RunReport;
    expect(reread).toEqual(report);
    expect(checkReportInvariants(reread)).toEqual([]);
    expect(await readFile(paths.mdPath, 'utf8')).toBe(renderMarkdown(report));
    expect(await readFile(paths.htmlPath, 'utf8')).toBe(renderHtml(report));
  });
});
