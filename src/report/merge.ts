/**
 * Exact merge of shard reports into the report of the whole plan: counts summed, HdrHistograms added
 * (never percentiles averaged), time series aligned by interval start, the cost re-estimated from the merged
 * counts. Refuses (InputError, exit 2, naming the files) reports of different scenarios or run settings,
 * duplicate or overlapping shards, and missing shards. Pure apart from nothing: reading and writing files is
 * the command's job.
 */

import { InputError } from '../errors.js';
import { sumBusResults } from '../metrics/aggregate.js';
import {
  addHistogram,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  summarizeMs,
} from '../metrics/histogram.js';
import { SERIES_COUNTERS } from '../metrics/time-series.js';
import { estimateCost } from '../model/estimate.js';
import { projectionFromRun } from '../model/projection.js';
import type { BusUsage, Catalog } from '../model/types.js';
import { usageOfBusResults } from '../model/usage.js';
import { CLASSIFICATIONS, LOGGING_MODES } from '../scenario/types.js';
import { withReportDefaults } from './read.js';
import { buildReport, checkReportInvariants } from './run/build.js';
import type {
  BusResult,
  EndpointReconciliation,
  RunReport,
  RunStatus,
  TimeSeries,
  TimeSeriesPoint,
} from './types.js';

/** A parsed shard report and the file it came from. */
export interface ShardReport {
  file: string;
  report: RunReport;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects "<file>: <path>: <problem>" messages while walking a parsed report. */
class Checker {
  readonly problems: string[] = [];

  constructor(private readonly file: string) {}

  fail(path: string, expected: string, value: unknown): void {
    const shown = value === undefined ? 'missing' : `got ${JSON.stringify(value)?.slice(0, 60)}`;
    this.problems.push(`${this.file}: ${path}: expected ${expected}, ${shown}`);
  }

  object(value: unknown, path: string): Json | null {
    if (isObject(value)) return value;
    this.fail(path, 'an object', value);
    return null;
  }

  count(parent: Json, key: string, path: string): void {
    const value = parent[key];
    if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
      this.fail(`${path}.${key}`, 'a non-negative whole number', value);
    }
  }

  string(parent: Json, key: string, path: string, pattern?: RegExp, form = 'a string'): void {
    const value = parent[key];
    if (typeof value !== 'string' || (pattern !== undefined && !pattern.test(value))) {
      this.fail(`${path}.${key}`, form, value);
    }
  }

  histogram(parent: Json, key: string, path: string): void {
    const value = parent[key];
    if (typeof value !== 'string') {
      this.fail(`${path}.${key}`, 'an HdrHistogram (compressed base64)', value);
      return;
    }
    try {
      decodeHistogram(value);
    } catch {
      this.fail(
        `${path}.${key}`,
        'an HdrHistogram (compressed base64) busload can decode',
        `${value.slice(0, 20)}...`,
      );
    }
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function checkBus(check: Checker, value: unknown, path: string): void {
  const bus = check.object(value, path);
  if (!bus) return;
  check.string(bus, 'name', path);
  const requests = check.object(bus.requests, `${path}.requests`);
  if (requests) {
    for (const key of ['calls', 'attempts', 'succeeded', 'throttled', 'failed'])
      check.count(requests, key, `${path}.requests`);
  }
  const entries = check.object(bus.entries, `${path}.entries`);
  if (entries) {
    for (const key of ['planned', 'succeeded', 'failed', 'dropped', 'resent', 'bytes', 'billableChunks'])
      check.count(entries, key, `${path}.entries`);
  }
  const schedule = check.object(bus.schedule, `${path}.schedule`);
  if (schedule) {
    check.count(schedule, 'batchesLate', `${path}.schedule`);
    check.count(schedule, 'batchesDropped', `${path}.schedule`);
  }
  const errors = check.object(bus.errors, `${path}.errors`);
  if (errors) for (const key of Object.keys(errors)) check.count(errors, key, `${path}.errors`);
  const histograms = check.object(bus.histograms, `${path}.histograms`);
  if (histograms) {
    check.histogram(histograms, 'latencyMs', `${path}.histograms`);
    check.histogram(histograms, 'serviceLatencyMs', `${path}.histograms`);
  }
  if (bus.timeSeries !== undefined) {
    const series = check.object(bus.timeSeries, `${path}.timeSeries`);
    if (!series) return;
    if (!(typeof series.intervalMs === 'number' && series.intervalMs > 0)) {
      check.fail(`${path}.timeSeries.intervalMs`, 'a number of milliseconds > 0', series.intervalMs);
    }
    if (!Array.isArray(series.points)) {
      check.fail(`${path}.timeSeries.points`, 'an array', series.points);
      return;
    }
    series.points.forEach((point: unknown, index: number) => {
      const where = `${path}.timeSeries.points[${index}]`;
      const p = check.object(point, where);
      if (!p) return;
      for (const key of ['startMs', ...SERIES_COUNTERS]) check.count(p, key, where);
      check.histogram(p, 'latencyHistogram', where);
    });
  }
}

/**
 * Checks that parsed JSON is a busload report.json a merge can use, field by field, and that its counts
 * keep the report invariants.
 * @param file - the file name, for the messages
 * @param json - the parsed JSON
 * @throws InputError listing every problem as `<file>: <field path>: expected ..., got ...`
 */
export function parseShardReport(file: string, json: unknown): ShardReport {
  const check = new Checker(file);
  const root = check.object(json, '(top level)');
  if (!root) throw new InputError(check.problems.join('\n'));
  if (root.schemaVersion !== 1) {
    check.fail('schemaVersion', '1 (a busload report.json)', root.schemaVersion);
    throw new InputError(check.problems.join('\n'));
  }
  if (!['completed', 'degraded', 'interrupted', 'failed'].includes(root.status as string)) {
    check.fail('status', 'completed, degraded, interrupted or failed', root.status);
  }
  const scenario = check.object(root.scenario, 'scenario');
  if (scenario) {
    check.string(scenario, 'name', 'scenario');
    check.string(scenario, 'sha256', 'scenario', SHA256, 'a sha256 (64 hex digits)');
    if (!Array.isArray(scenario.buses)) {
      check.fail(
        'scenario.buses',
        'the declared buses (needed to re-price the merged counts)',
        scenario.buses,
      );
    } else {
      scenario.buses.forEach((value: unknown, index: number) => {
        const spec = check.object(value, `scenario.buses[${index}]`);
        if (!spec) return;
        check.string(spec, 'name', `scenario.buses[${index}]`);
        if (!(CLASSIFICATIONS as readonly unknown[]).includes(spec.classification)) {
          check.fail(
            `scenario.buses[${index}].classification`,
            CLASSIFICATIONS.join(' | '),
            spec.classification,
          );
        }
        if (!(LOGGING_MODES as readonly unknown[]).includes(spec.logging)) {
          check.fail(`scenario.buses[${index}].logging`, LOGGING_MODES.join(' | '), spec.logging);
        }
        if (
          !(
            typeof spec.trailCopies === 'number' &&
            Number.isInteger(spec.trailCopies) &&
            spec.trailCopies >= 1
          )
        ) {
          check.fail(`scenario.buses[${index}].trailCopies`, 'a whole number >= 1', spec.trailCopies);
        }
      });
    }
  }
  const run = check.object(root.run, 'run');
  if (run) {
    check.string(run, 'startedAt', 'run', ISO_TIME, 'an ISO time');
    check.string(run, 'endedAt', 'run', ISO_TIME, 'an ISO time');
    check.string(run, 'region', 'run');
    check.string(run, 'target', 'run');
    for (const key of ['durationMs', 'plannedDurationMs', 'workers']) check.count(run, key, 'run');
    if (!(typeof run.seed === 'number' && Number.isSafeInteger(run.seed))) {
      check.fail('run.seed', 'a whole number', run.seed);
    }
    if (!(typeof run.timeScale === 'number' && run.timeScale > 0)) {
      check.fail('run.timeScale', 'a number > 0', run.timeScale);
    }
    // Absent in reports written before it existed: those runs had no --rate-scale (withReportDefaults).
    const { rateScale } = run;
    if (
      rateScale !== undefined &&
      !(typeof rateScale === 'number' && Number.isFinite(rateScale) && rateScale > 0)
    ) {
      check.fail('run.rateScale', "a number > 0 (the run's --rate-scale)", rateScale);
    }
    const shard = check.object(run.shard, 'run.shard');
    if (shard) {
      const { index, count } = shard;
      if (!(typeof count === 'number' && Number.isInteger(count) && count >= 1)) {
        check.fail('run.shard.count', 'a whole number >= 1', count);
      } else if (!(typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < count)) {
        check.fail('run.shard.index', `a whole number from 0 to ${count - 1}`, index);
      }
    }
  }
  if (!Array.isArray(root.buses)) check.fail('buses', 'an array of bus results', root.buses);
  else
    root.buses.forEach((bus: unknown, index: number) => {
      checkBus(check, bus, `buses[${index}]`);
    });
  checkBus(check, root.totals, 'totals');
  const cost = check.object(root.cost, 'cost');
  if (cost && !Array.isArray(cost.buses)) check.fail('cost.buses', 'an array', cost.buses);
  if (check.problems.length > 0) throw new InputError(check.problems.join('\n'));

  const report = withReportDefaults(json as RunReport);
  const invariants = checkReportInvariants(report);
  if (invariants.length > 0) {
    throw new InputError(invariants.map((problem) => `${file}: ${problem}`).join('\n'));
  }
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
export function checkShardSet(shards: readonly ShardReport[]): void {
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

/**
 * Adds time series interval by interval (aligned by startMs). Undefined when a shard has none; throws
 * when the intervals differ.
 */
export function mergeTimeSeries(
  series: ReadonlyArray<TimeSeries | undefined>,
  where: string,
): TimeSeries | undefined {
  if (series.length === 0 || series.some((one) => one === undefined)) return undefined;
  const all = series as readonly TimeSeries[];
  const intervalMs = all[0]!.intervalMs;
  if (all.some((one) => one.intervalMs !== intervalMs)) {
    throw new InputError(
      `${where}.timeSeries.intervalMs: the shards sampled different intervals (${all.map((one) => one.intervalMs).join(', ')} ms)`,
    );
  }
  const byStart = new Map<number, TimeSeriesPoint[]>();
  for (const one of all) {
    for (const point of one.points)
      byStart.set(point.startMs, [...(byStart.get(point.startMs) ?? []), point]);
  }
  const points = [...byStart.keys()]
    .sort((a, b) => a - b)
    .map((startMs): TimeSeriesPoint => {
      const group = byStart.get(startMs)!;
      const sum = (key: keyof Omit<TimeSeriesPoint, 'latencyMs' | 'latencyHistogram' | 'startMs'>): number =>
        group.reduce((acc, point) => acc + point[key], 0);
      const histogram = createLatencyHistogram();
      for (const point of group) addHistogram(histogram, decodeHistogram(point.latencyHistogram));
      return {
        startMs,
        entriesPlanned: sum('entriesPlanned'),
        calls: sum('calls'),
        attempts: sum('attempts'),
        attemptsThrottled: sum('attemptsThrottled'),
        entriesSucceeded: sum('entriesSucceeded'),
        entriesFailed: sum('entriesFailed'),
        entriesDropped: sum('entriesDropped'),
        latencyMs: summarizeMs(histogram),
        latencyHistogram: encodeHistogram(histogram),
      };
    });
  return { intervalMs, points };
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
