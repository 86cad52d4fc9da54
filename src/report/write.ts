/**
 * The only module of src/report that does I/O: writes a run's report.json, report.md and report.html.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './run/render-html.js';
import { renderMarkdown } from './run/render-markdown.js';
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
 * Creates `dir` (and its parents) and writes report.json, then report.md, then report.html into it, each
 * atomically. The renderers run before anything is written, so a rendering bug leaves no partial run
 * directory behind; the files are written one after the other, report.json first, so a full disk keeps the
 * canonical report if anything, and no temporary file is left behind whichever write fails.
 * @throws the file system's error, its `path` set to the report file that could not be written
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
  await writeFileAtomic(paths.jsonPath, json);
  await writeFileAtomic(paths.mdPath, markdown);
  await writeFileAtomic(paths.htmlPath, html);
  return paths;
}

/** Temporary files get unique names: the process id and a counter (two writes in one millisecond differ). */
let temporaryCount = 0;

/**
 * Writes `text` to a temporary file beside `path`, then renames it into place: a full disk or a crash
 * leaves the previous file (or none), never a truncated one.
 * @throws the file system's error, its `path` set to `path` when the error had none (a failed write()
 *   names no file), so the message says which file could not be written
 */
async function writeFileAtomic(path: string, text: string): Promise<void> {
  temporaryCount += 1;
  const temporary = `${path}.${process.pid}.${temporaryCount}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const errno = error as NodeJS.ErrnoException;
    if (
      typeof errno === 'object' &&
      errno !== null &&
      (errno.path === undefined || errno.path === temporary)
    ) {
      errno.path = path;
    }
    throw error;
  }
}
