/** Loads test/fixtures/reports/quickstart-report.json afresh (each caller may mutate its copy). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../../src/report/types.js';

/** Path of the realistic 3-bus fixture report. */
export const QUICKSTART_REPORT_PATH = fileURLToPath(
  new URL('../fixtures/reports/quickstart-report.json', import.meta.url),
);

/** A fresh copy of the fixture report. */
export function loadQuickstartReport(): RunReport {
  return JSON.parse(readFileSync(QUICKSTART_REPORT_PATH, 'utf8')) as RunReport;
}

/** Path of the same scenario's report after a change (full batches, quota headroom), for compare. */
export const QUICKSTART_AFTER_REPORT_PATH = fileURLToPath(
  new URL('../fixtures/reports/quickstart-after-report.json', import.meta.url),
);

/** A fresh copy of the "after" fixture report. */
export function loadQuickstartAfterReport(): RunReport {
  return JSON.parse(readFileSync(QUICKSTART_AFTER_REPORT_PATH, 'utf8')) as RunReport;
}
