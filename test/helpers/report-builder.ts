/**
 * Report builders for tests: a report is a recorded good report plus a patch, never a hand-edited copy.
 *
 * `patchedReport` copies a report and applies a patch to the copy. `BAD_SHARD_REPORTS` is the malformed
 * and mismatched shard reports of the bad-input corpus (test/fixtures/bad/cases.json runs the real CLI on
 * them, so they exist as files): each is a patch of a recorded shard report (shard 0 or 1 of a 2-shard run
 * of test/fixtures/cli/tiny.yaml), or a text derived from one. `renderBadShardReports` gives every file's
 * exact text; test/fixtures/reports/generate-report-fixtures.ts (`npm run fixtures`) writes them and
 * test/report/fixtures-current.test.ts fails when one on disk differs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from './report-fixture.js';

/** Directory of the bad shard reports (and of the two recorded good shards they are built from). */
export const BAD_REPORTS_DIR = fileURLToPath(new URL('../fixtures/bad/reports/', import.meta.url));

/** The recorded good shard reports the bad ones are built from (real `busload run --shard` outputs). */
export const RECORDED_SHARDS = ['shard-0-of-2.json', 'shard-1-of-2.json'] as const;
export type RecordedShard = (typeof RECORDED_SHARDS)[number];

/** A change to a report: mutates the copy it is given. */
export type ReportPatch = (report: RunReport) => void;

/** A deep copy of `report` with `patch` applied; `report` itself is not changed. */
export function patchedReport(report: RunReport, patch: ReportPatch): RunReport {
  const copy = structuredClone(report);
  patch(copy);
  return copy;
}

/** A recorded shard report, parsed afresh. */
export function loadRecordedShard(name: RecordedShard): RunReport {
  return JSON.parse(readFileSync(`${BAD_REPORTS_DIR}${name}`, 'utf8')) as RunReport;
}

/** How a bad report file is made: a patch of a recorded shard, or a text made from one. */
export type BadReportRecipe =
  | { from: RecordedShard; patch: ReportPatch }
  | { from: RecordedShard; text: (report: RunReport) => string };

/** Loosens a report's type so a patch can write what the type forbids (a wrong type, a missing field). */
const loose = (value: unknown) => value as Record<string, unknown>;

/** JSON on one line with a space after each comma and colon (the truncated report's original form). */
function oneLineJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replaceAll(/\n */g, ' ')
    .replaceAll(/([[{]) | ([\]}])/g, '$1$2');
}

/** Every bad shard report of the corpus by file name, each one or two fields away from a good shard. */
export const BAD_SHARD_REPORTS: Readonly<Record<string, BadReportRecipe>> = {
  'bad-bus-logging.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      loose(r.scenario.buses![0]).logging = 'sometimes';
    },
  },
  'bad-histogram.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.buses[1]!.histograms.serviceLatencyMs = Buffer.from('not a histogram').toString('base64');
    },
  },
  'bad-started-at.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.run.startedAt = 'yesterday';
    },
  },
  'bad-status.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      loose(r).status = 'finished';
    },
  },
  'buses-not-array.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      loose(r).buses = 'orders';
    },
  },
  'missing-histogram.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      delete loose(r.buses[0]!.histograms).latencyMs;
    },
  },
  'negative-calls.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.buses[0]!.requests.calls = -3;
    },
  },
  'no-scenario-buses.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      delete r.scenario.buses;
    },
  },
  'not-json.json': { from: 'shard-0-of-2.json', text: (r) => `schemaVersion: ${r.schemaVersion}\n` },
  'other-scenario-shard-1.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.scenario.sha256 = '0'.repeat(64);
      r.run.shard.index = 1;
    },
  },
  'other-seed-shard-1.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.run.shard.index = 1;
      r.run.seed = 99;
    },
  },
  'planned-not-accounted.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.buses[0]!.entries.planned += 7;
      r.totals.entries.planned += 7;
    },
  },
  'schema-version-2.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      loose(r).schemaVersion = 2;
    },
  },
  'shard-0-of-3.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.run.shard.count = 3;
    },
  },
  'shard-index-out-of-range.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.run.shard.index = 2;
    },
  },
  'totals-mismatch.json': {
    from: 'shard-0-of-2.json',
    patch: (r) => {
      r.totals.requests.calls += 1;
    },
  },
  // The first 500 characters of the report on one line: cut inside a string.
  'truncated.json': { from: 'shard-0-of-2.json', text: (r) => oneLineJson(r).slice(0, 500) },
};

/** The text of a bad report file: two-space JSON (no final newline, as the corpus has always had them). */
export function reportFileText(report: RunReport): string {
  return JSON.stringify(report, null, 2);
}

/** Every bad shard report file's exact text, by file name. */
export function renderBadShardReports(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, recipe] of Object.entries(BAD_SHARD_REPORTS)) {
    const base = loadRecordedShard(recipe.from);
    files.set(name, 'text' in recipe ? recipe.text(base) : reportFileText(patchedReport(base, recipe.patch)));
  }
  return files;
}

/** The fixture with every money amount halved (as decimal strings): a baseline that cost half as much. */
export function halfCostBaseline(): RunReport {
  const report = loadQuickstartReport();
  const half = (value: string) => (Number(value) / 2).toFixed(2);
  report.cost.totalMonthlyUsd = half(report.cost.totalMonthlyUsd);
  for (const bus of report.cost.buses) {
    bus.monthly.eventBridgeUsd = half(bus.monthly.eventBridgeUsd);
    bus.monthly.loggingUsd = half(bus.monthly.loggingUsd);
    bus.monthly.totalUsd = half(bus.monthly.totalUsd);
  }
  return report;
}

/** The quickstart fixture as if the generator had kept up: its 30 dropped entries were never planned. */
export function withoutDrops(report: RunReport): RunReport {
  for (const bus of [...report.buses, report.totals]) {
    bus.entries.planned -= bus.entries.dropped;
    bus.entries.dropped = 0;
  }
  return report;
}

/** A bus name that is markup: every renderer must show it as text. */
export const HOSTILE = '<script>alert("x")</script>';

/** The fixture with the orders bus renamed everywhere to a hostile name. */
export function hostileReport(): RunReport {
  const report = loadQuickstartReport();
  report.buses[0]!.name = HOSTILE;
  report.cost.buses[0]!.name = HOSTILE;
  report.cost.buses[0]!.recommendation.reason = 'reason with <b>tags</b> & "quotes" | pipes';
  report.reconciliation![0]!.bus = HOSTILE;
  report.scenario.buses![0]!.name = HOSTILE;
  report.buses[0]!.errors = { [HOSTILE]: 2 };
  report.totals.errors = { [HOSTILE]: 2, ThrottlingException: 5 };
  return report;
}

/** The fixture as a run stopped by SIGINT after 12 s. */
export function interruptedReport(): RunReport {
  const report = loadQuickstartReport();
  report.status = 'interrupted';
  report.statusReason = 'SIGINT after 12.0 s';
  return report;
}
