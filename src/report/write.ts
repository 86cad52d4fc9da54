/**
 * The only module of src/report that does I/O: writes a run's report.json, report.md and report.html.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { RunReport } from './types.js';

/** Where `writeRunReports` put the three files. */
export interface WrittenReports {
  jsonPath: string;
  mdPath: string;
  htmlPath: string;
}

/** The canonical serialisation of report.json: 2-space indentation and a trailing newline. */
export function serializeReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Creates `dir` (and its parents) and writes report.json, report.md and report.html into it.
 * The renderers run before anything is written, so a rendering bug leaves no partial run directory behind.
 */
export async function writeRunReports(dir: string, report: RunReport): Promise<WrittenReports> {
  const json = serializeReport(report);
  const markdown = renderMarkdown(report);
  const html = renderHtml(report);
  await mkdir(dir, { recursive: true });
  const paths: WrittenReports = {
    jsonPath: join(dir, 'report.json'),
    mdPath: join(dir, 'report.md'),
    htmlPath: join(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.jsonPath, json, 'utf8'),
    writeFile(paths.mdPath, markdown, 'utf8'),
    writeFile(paths.htmlPath, html, 'utf8'),
  ]);
  return paths;
}
