/**
 * The only module of src/report that does I/O: writes a run's report.json, report.md and report.html.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
    writeFileAtomic(paths.jsonPath, json),
    writeFileAtomic(paths.mdPath, markdown),
    writeFileAtomic(paths.htmlPath, html),
  ]);
  return paths;
}

/**
 * Writes `text` to a temporary file beside `path`, then renames it into place: a full disk or a crash
 * leaves the previous file (or none), never a truncated one.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
