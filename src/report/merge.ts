/**
 * Exact merge of shard reports into the report of the whole plan: counts summed, HdrHistograms added
 * (never percentiles averaged), time series aligned by interval start, the cost re-estimated from the merged
 * counts. Refuses (InputError, exit 2, naming the files) reports of different scenarios or run settings,
 * duplicate or overlapping shards, and missing shards. Pure apart from nothing: reading and writing files is
 * the command's job.
 */

import { InputError } from '../errors.js';
import { sumBusResults } from '../metrics/aggregate.js';
import { estimateCost } from '../model/estimate.js';
import { projectionFromRun } from '../model/projection.js';
import type { BusUsage, Catalog } from '../model/types.js';
import { usageOfBusResults } from '../model/usage.js';
import { checkReportInvariants } from './invariants.js';
import { mergeTimeSeries } from './merge-time-series.js';
import { buildReport } from './run/build.js';
import { parseReport, shardRequirements } from './schema.js';
import type { BusResult, EndpointReconciliation, RunReport, RunStatus } from './types.js';

/** A parsed shard report and the file it came from. */
export interface ShardReport {
  file: string;
  report: RunReport;
}

/**
 * Checks that parsed JSON is a busload report.json a merge can use: the report schema and its invariants,
 * plus what a merge needs of a shard (schema.ts `shardRequirements`), and a declared bus for every result.
 * @param file - the file name, for the messages
 * @param json - the parsed JSON
 * @throws InputError listing every problem as `<file>: <field path>: expected ..., got ...`
 */
export function parseShardReport(file: string, json: unknown): ShardReport {
  const parsed = parseReport(json, shardRequirements);
  if ('problems' in parsed) {
    throw new InputError(parsed.problems.map((problem) => `${file}: ${problem}`).join('\n'));
  }
  const { report } = parsed;
  const declared = new Set((report.scenario.buses ?? []).map((bus) => bus.name));
  const undeclared = report.buses.filter((bus) => !declared.has(bus.name));
  if (undeclared.length > 0) {
    throw new InputError(
      `${file}: scenario.buses: no entry for bus ${undeclared.map((bus) => `"${bus.name}"`).join(', ')}`,
    );
  }
  return { file, report };
}

/** The run settings shards of one run must share (the sha256 covers the file, not the flags). */
const SHARED_RUN_FIELDS = [
  'seed',
  'plannedDurationMs',
  'timeScale',
  'rateScale',
  'region',
  'transport',
] as const;

/**
 * Refuses shard sets that do not make exactly one whole plan.
 * @throws InputError naming the files
 */
function checkShardSet(shards: readonly ShardReport[]): void {
  if (shards.length === 0) throw new InputError('merge: name at least one report.json');
  const [first] = shards as [ShardReport, ...ShardReport[]];
  const problems: string[] = [];
  for (const shard of shards.slice(1)) {
    const a = first.report;
    const b = shard.report;
    if (a.scenario.sha256 !== b.scenario.sha256 || a.scenario.name !== b.scenario.name) {
      problems.push(
        `${first.file} and ${shard.file}: scenario.sha256: runs of different scenarios (${a.scenario.name} ${a.scenario.sha256.slice(0, 12)} vs ${b.scenario.name} ${b.scenario.sha256.slice(0, 12)})`,
      );
      continue;
    }
    for (const field of SHARED_RUN_FIELDS) {
      if (a.run[field] !== b.run[field]) {
        problems.push(
          `${first.file} and ${shard.file}: run.${field}: shards of one run share it (${String(a.run[field])} vs ${String(b.run[field])})`,
        );
      }
    }
    const names = (report: RunReport): string => report.buses.map((bus) => bus.name).join(',');
    if (names(a) !== names(b)) {
      problems.push(`${first.file} and ${shard.file}: buses: different buses (${names(a)} vs ${names(b)})`);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));

  const counts = new Set(shards.map((shard) => shard.report.run.shard.count));
  if (counts.size > 1) {
    throw new InputError(
      `run.shard.count: the reports split the plan differently: ${shards.map((shard) => `${shard.file} is shard ${shard.report.run.shard.index}/${shard.report.run.shard.count}`).join(', ')}`,
    );
  }
  const count = first.report.run.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const shard of shards) {
    const files = byIndex.get(shard.report.run.shard.index) ?? [];
    files.push(shard.file);
    byIndex.set(shard.report.run.shard.index, files);
  }
  for (const [index, files] of [...byIndex].sort((x, y) => x[0] - y[0])) {
    if (files.length > 1) {
      problems.push(
        `run.shard: ${files.join(' and ')} are all shard ${index}/${count} (overlapping: the same part of the plan twice)`,
      );
    }
  }
  const missing = Array.from({ length: count }, (_, index) => index).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    problems.push(
      `run.shard: shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} missing (given: ${shards.map((shard) => `${shard.file} = ${shard.report.run.shard.index}/${count}`).join(', ')})`,
    );
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

const STATUS_RANK: Record<RunStatus, number> = { completed: 0, degraded: 1, interrupted: 2, failed: 3 };

function mergeReconciliation(shards: readonly ShardReport[]): EndpointReconciliation[] | null {
  if (shards.some((shard) => shard.report.reconciliation === null)) return null;
  const rows = new Map<string, EndpointReconciliation>();
  for (const shard of shards) {
    for (const row of shard.report.reconciliation ?? []) {
      const target = rows.get(row.bus);
      if (target === undefined) {
        rows.set(row.bus, { ...row });
        continue;
      }
      target.harnessAttempts += row.harnessAttempts;
      target.endpointRequests += row.endpointRequests;
      target.harnessEntriesSucceeded += row.harnessEntriesSucceeded;
      target.endpointEntriesAccepted += row.endpointEntriesAccepted;
      target.trailRecords =
        target.trailRecords === null || row.trailRecords === null
          ? null
          : target.trailRecords + row.trailRecords;
      target.trailGzipRatio = mergedGzipRatio(target, row);
      target.trailBytes =
        target.trailBytes === null || row.trailBytes === null ? null : target.trailBytes + row.trailBytes;
    }
  }
  return [...rows.values()];
}

/**
 * The gzip ratio of two shards' trail files together: their ratios weighted by the JSON bytes they
 * compressed (exact when each ratio is its shard's compressed / JSON bytes). Null when either is unknown.
 */
function mergedGzipRatio(a: EndpointReconciliation, b: EndpointReconciliation): number | null {
  const ratioA = a.trailGzipRatio ?? null;
  const ratioB = b.trailGzipRatio ?? null;
  if (ratioA === null || ratioB === null || a.trailBytes === null || b.trailBytes === null) return null;
  const bytes = a.trailBytes + b.trailBytes;
  return bytes > 0 ? (ratioA * a.trailBytes + ratioB * b.trailBytes) / bytes : null;
}

/** What mergeShardReports needs besides the reports. */
export interface MergeOptions {
  catalog: Catalog;
  toolVersion: string;
}

/**
 * Merges a complete, non-overlapping set of shard reports of one run into the report of the whole plan.
 * @param shards - parsed reports (parseShardReport), in any order
 * @throws InputError when the set is not exactly one whole plan (see checkShardSet)
 */
export function mergeShardReports(shards: readonly ShardReport[], options: MergeOptions): RunReport {
  checkShardSet(shards);
  const ordered = [...shards].sort((a, b) => a.report.run.shard.index - b.report.run.shard.index);
  const reports = ordered.map((shard) => shard.report);
  const first = reports[0]!;

  const buses: BusResult[] = first.buses.map((bus) => {
    const parts = reports.map((report) => report.buses.find((candidate) => candidate.name === bus.name)!);
    const merged = sumBusResults(parts, bus.name);
    const timeSeries = mergeTimeSeries(
      parts.map((part) => part.timeSeries),
      `buses (${bus.name})`,
    );
    return timeSeries === undefined ? merged : { ...merged, timeSeries };
  });
  const totals = sumBusResults(buses);

  const specs = first.scenario.buses ?? [];
  const reconciliation = mergeReconciliation(ordered);
  // What the endpoints' trails wrote (summed over the shards) and their files' gzip ratio (weighted by
  // bytes; the model's default ratio when a shard's report does not record it).
  const usage: BusUsage[] = usageOfBusResults(
    buses,
    (name) => specs.find((candidate) => candidate.name === name)!,
    first.run.region,
    reconciliation,
    'recorded',
  );

  const worst = reports.reduce<RunStatus>(
    (status, report) => (STATUS_RANK[report.status] > STATUS_RANK[status] ? report.status : status),
    'completed',
  );
  // Every shard covers the whole window (a slice of its batches); an interrupted one covers less of it.
  const coveredMs = Math.max(
    1,
    Math.min(
      ...reports.map((report) =>
        report.status === 'completed'
          ? report.run.plannedDurationMs
          : Math.min(report.run.plannedDurationMs, report.run.durationMs),
      ),
    ),
  );
  const cost = estimateCost({
    buses: usage,
    projection: projectionFromRun(coveredMs, first.run.timeScale),
    catalog: options.catalog,
    region: first.run.region,
  });

  const startedAt = reports.map((report) => report.run.startedAt).sort()[0]!;
  const endedAt = reports
    .map((report) => report.run.endedAt)
    .sort()
    .at(-1)!;
  const targets = [...new Set(reports.map((report) => report.run.target))];
  const notCompleted = ordered.filter((shard) => shard.report.status !== 'completed');
  const report = buildReport({
    status: worst,
    ...(worst === 'completed'
      ? {}
      : {
          statusReason: notCompleted
            .map(
              (shard) =>
                `shard ${shard.report.run.shard.index}/${shard.report.run.shard.count} (${shard.file}) ${shard.report.status}: ${shard.report.statusReason ?? ''}`,
            )
            .join('; '),
        }),
    toolVersion: options.toolVersion,
    scenario: { ...first.scenario },
    run: {
      ...first.run,
      startedAt,
      endedAt,
      durationMs: Date.parse(endedAt) - Date.parse(startedAt),
      target: targets.join(', '),
      shard: { index: 0, count: 1 },
      workers: reports.reduce((sum, one) => sum + one.run.workers, 0),
    },
    buses,
    totals,
    cost,
    pricingInputs: { buses: usage },
    reconciliation,
    generator: {
      maxLagMs: reports.reduce((max, one) => Math.max(max, one.generator?.maxLagMs ?? 0), 0),
      maxLagAllowedMs: reports.reduce((max, one) => Math.max(max, one.generator?.maxLagAllowedMs ?? 0), 0),
    },
  });
  const problems = checkReportInvariants(report);
  if (problems.length > 0) throw new Error(`the merged report breaks its invariants: ${problems.join('; ')}`);
  return report;
}
