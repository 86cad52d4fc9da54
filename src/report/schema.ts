/**
 * The one schema of report.json (schemaVersion 1), used wherever a report is read (compare, regress, cost on a
 * report, merge): the structure with zod (every field the readers rely on, its type and range; fields not
 * named here pass through), then the invariants (planned = succeeded + failed + dropped, non-negative counts,
 * totals equal to the sum of the buses, money as decimal strings that add up) and valid histograms whose
 * counts match their summaries. A tampered or broken report is refused with the field path, never trusted.
 * `merge` asks more of a shard (what re-pricing and aligning shards need): `shardRequirements`, checked with
 * the schema by the same function.
 */
import { z } from 'zod';
import { decodeHistogram } from '../metrics/histogram.js';
import { CLASSIFICATIONS, LOGGING_MODES, LOGGING_WINDOWS, SELECTOR_FIELDS } from '../scenario/types.js';
import { checkReportInvariants, REPORT_SCHEMA_VERSION } from './invariants.js';
import type { RunReport } from './types.js';

/** Largest encoded histogram accepted (a compressed HdrHistogram of a run is a few KB). */
const MAX_HISTOGRAM_CHARS = 1_048_576;

const WHOLE = 'expected a non-negative whole number';
const count = z.number({ error: WHOLE }).int({ error: WHOLE }).nonnegative({ error: WHOLE });
const finite = z.number().finite();
const nonNegative = finite.nonnegative();
const money = z.string().regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string such as "12.34"');

/** An encoded HdrHistogram (decoded and checked against its summary after the structure). */
const histogram = z
  .string({ error: 'expected an HdrHistogram (compressed base64)' })
  .max(MAX_HISTOGRAM_CHARS);

const latencySummary = z.looseObject({
  count,
  mean: nonNegative,
  p50: nonNegative,
  p90: nonNegative,
  p99: nonNegative,
  p999: nonNegative,
  max: nonNegative,
});

/** One interval of a bus's time series (compare and regress draw and check them). */
const timeSeriesPoint = z.looseObject({
  startMs: nonNegative,
  entriesPlanned: count,
  calls: count,
  attempts: count,
  attemptsThrottled: count,
  entriesSucceeded: count,
  entriesFailed: count,
  entriesDropped: count,
  latencyMs: latencySummary,
  latencyHistogram: histogram,
});

const busResult = z.looseObject({
  name: z.string().min(1),
  requests: z.looseObject({
    calls: count,
    attempts: count,
    succeeded: count,
    throttled: count,
    failed: count,
  }),
  entries: z.looseObject({
    planned: count,
    succeeded: count,
    failed: count,
    dropped: count,
    resent: count,
    bytes: count,
    billableChunks: count,
  }),
  latencyMs: latencySummary,
  serviceLatencyMs: latencySummary,
  histograms: z.looseObject({
    latencyMs: histogram,
    serviceLatencyMs: histogram,
  }),
  errors: z.record(z.string(), count),
  timeSeries: z.looseObject({ intervalMs: finite.positive(), points: z.array(timeSeriesPoint) }).optional(),
});

/** A bus as declared (scenario.buses): `cost <report.json>` and `merge` re-price from it. */
const busSpec = z.looseObject({
  name: z.string().min(1),
  classification: z.enum(CLASSIFICATIONS),
  logging: z.enum(LOGGING_MODES),
  trailCopies: z.number().int().positive(),
  allowedPrincipals: z.array(z.string()).nullable().optional(),
  loggingScope: z
    .looseObject({
      exclusions: z.array(
        z.looseObject({
          field: z.enum(SELECTOR_FIELDS),
          operator: z.enum(['equals', 'startsWith', 'endsWith']),
          values: z.array(z.string()),
        }),
      ),
      insights: z.boolean(),
      lakeQueryGbPerMonth: nonNegative,
      window: z.enum(LOGGING_WINDOWS).nullable(),
    })
    .optional(),
});

/** Harness vs endpoint vs trail counts of one bus (local target): `cost <report.json>` uses the trail's. */
const reconciliationRow = z.looseObject({
  bus: z.string().min(1),
  harnessAttempts: count,
  endpointRequests: count,
  harnessEntriesSucceeded: count,
  endpointEntriesAccepted: count,
  trailRecords: count.nullable(),
  trailBytes: count.nullable(),
  trailGzipRatio: finite.positive().max(1).nullable().optional(),
});

const costBus = z.looseObject({
  name: z.string(),
  loggingMode: z.string(),
  monthly: z.looseObject({
    customEvents: money,
    dataEvents: money,
    eventBridgeUsd: money,
    loggingUsd: money,
    totalUsd: money,
  }),
  lineItems: z.array(
    z.looseObject({
      component: z.string(),
      quantity: money,
      unit: z.string(),
      unitPriceUsd: money,
      monthlyUsd: money.nullable(),
    }),
  ),
  recommendation: z.looseObject({ action: z.string(), reason: z.string() }),
});

/** One bus's recorded cost-model input (what re-pricing needs of it; further fields pass through). */
const pricingInputBus = z.looseObject({
  name: z.string().min(1),
  classification: z.string(),
  loggingMode: z.string(),
  trailCopies: z.number().int().positive(),
  counts: z.looseObject({
    requestsSucceeded: count,
    requestsFailed: count,
    entriesSucceeded: count,
    entriesFailed: count,
    billableChunks: count,
  }),
  measuredTrail: z
    .looseObject({ records: count, recordBytes: count, gzipRatio: nonNegative.nullable() })
    .optional(),
  principals: z
    .array(
      z.looseObject({ principalArn: z.string(), requests: nonNegative, recordBytes: nonNegative.optional() }),
    )
    .optional(),
});

/** The structure of report.json (schemaVersion 1). */
const reportSchema = z.looseObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  status: z.enum(['completed', 'degraded', 'interrupted', 'failed'], {
    error: 'expected completed, degraded, interrupted or failed',
  }),
  statusReason: z.string().optional(),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  scenario: z.looseObject({
    name: z.string().min(1),
    family: z.string().min(1).optional(),
    sha256: z.string(),
    buses: z.array(busSpec).optional(),
  }),
  run: z.looseObject({
    startedAt: z.string(),
    endedAt: z.string(),
    durationMs: nonNegative,
    target: z.string(),
    region: z.string(),
    transport: z.string(),
    shard: z.looseObject({ index: count, count: z.number().int().positive() }),
    rateScale: z
      .custom<number>((value) => typeof value === 'number' && Number.isFinite(value) && value > 0, {
        error: (issue) => `expected a number > 0 (the run's --rate-scale), got ${shown(issue.input)}`,
      })
      .optional(),
  }),
  buses: z.array(busResult, { error: 'expected an array of bus results' }),
  totals: busResult,
  cost: z.looseObject({
    catalog: z.looseObject({ id: z.string(), region: z.string(), effectiveDate: z.string() }),
    projection: z.looseObject({
      basis: z.string(),
      factor: money.refine((text) => !/^0+(\.0+)?$/.test(text), 'expected a factor > 0'),
    }),
    buses: z.array(costBus),
    totalMonthlyUsd: money,
    assumptions: z.array(z.unknown()),
  }),
  pricingInputs: z.looseObject({ buses: z.array(pricingInputBus) }).optional(),
  reconciliation: z.array(reconciliationRow).nullable().optional(),
});

const SHA256 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isoTime = z.string({ error: 'expected an ISO time' }).regex(ISO_TIME, 'expected an ISO time');
const schedule = z.looseObject({ batchesLate: count, batchesDropped: count });

function decodes(encoded: string): boolean {
  try {
    decodeHistogram(encoded);
    return true;
  } catch {
    return false;
  }
}

/** A bus result as a merge needs it: schedule counts to add, time-series histograms it can decode. */
const shardBus = z.looseObject({
  schedule,
  timeSeries: z
    .looseObject({
      points: z.array(
        z.looseObject({
          latencyHistogram: z
            .string()
            .refine(decodes, 'expected an HdrHistogram (compressed base64) busload can decode'),
        }),
      ),
    })
    .optional(),
});

/**
 * What `merge` needs of a shard report beyond the schema: the declared buses (to re-price the merged counts),
 * ISO start and end times, the run settings shards must share, and the counts it adds.
 */
export const shardRequirements = z.looseObject({
  scenario: z.looseObject({
    sha256: z.string().regex(SHA256, 'expected a sha256 (64 hex digits)'),
    buses: z.array(busSpec, { error: 'expected the declared buses (needed to re-price the merged counts)' }),
  }),
  run: z.looseObject({
    startedAt: isoTime,
    endedAt: isoTime,
    plannedDurationMs: count,
    workers: count,
    seed: z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }),
    timeScale: z.number({ error: 'expected a number > 0' }).positive({ error: 'expected a number > 0' }),
    shard: z
      .looseObject({ index: count, count: z.number().int().positive() })
      .superRefine((shard, context) => {
        if (shard.index >= shard.count) {
          context.addIssue({
            code: 'custom',
            path: ['index'],
            input: shard.index,
            message: `expected a whole number from 0 to ${shard.count - 1}, got ${shard.index}`,
          });
        }
      }),
  }),
  buses: z.array(shardBus),
  totals: z.looseObject({ schedule }),
});

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** An issue as "expected ..., got ...": zod's own words, with the value found (reportInput). */
function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && issue.values.length === 1) {
    return `expected ${shown(issue.values[0])}, got ${shown(issue.input)}`;
  }
  if (issue.code === 'custom' || issue.message.includes(', got ')) return issue.message;
  const message = issue.message.replace(/^Invalid (input|option): /, '').replace(/, received \w+$/, '');
  return `${message}, got ${shown(issue.input)}`;
}

function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

function histogramProblems(report: RunReport): string[] {
  const problems: string[] = [];
  const check = (bus: RunReport['totals'], where: string): void => {
    for (const key of ['latencyMs', 'serviceLatencyMs'] as const) {
      const encoded = bus.histograms[key];
      if (encoded === '' && bus[key].count === 0) continue;
      try {
        const histogram = decodeHistogram(encoded);
        if (histogram.totalCount !== bus[key].count) {
          problems.push(
            `${where}.histograms.${key}: holds ${histogram.totalCount} values but ${key}.count is ${bus[key].count}`,
          );
        }
      } catch (error) {
        problems.push(
          `${where}.histograms.${key}: not a valid compressed HdrHistogram (${(error as Error).message})`,
        );
      }
    }
  };
  report.buses.forEach((bus, index) => {
    check(bus, `buses[${index}]`);
  });
  check(report.totals, 'totals');
  return problems;
}

/**
 * Fills the fields added to schemaVersion 1 after its first reports were written with what their absence
 * means: `run.rateScale` 1 (the run had no --rate-scale). Never changes its input: returns the report itself
 * when nothing is missing, else a copy with the defaults.
 */
function withReportDefaults(report: RunReport): RunReport {
  if (report.run.rateScale !== undefined) return report;
  return { ...report, run: { ...report.run, rateScale: 1 } };
}

/**
 * Checks a parsed report.json against the schema and its invariants. A report older than a field gets that
 * field's default (`run.rateScale` 1); the input is never changed.
 * @param requirements - a further schema the report must meet as well (merge: `shardRequirements`)
 * @returns the report, or every problem as "<field path>: <what is wrong>"
 */
export function parseReport(
  value: unknown,
  requirements?: z.ZodType,
): { report: RunReport } | { problems: string[] } {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [`(root): expected a busload report.json object, got ${shown(value)}`] };
  }
  if (version !== REPORT_SCHEMA_VERSION) {
    // Another kind of file, or another schema version: its other fields are not worth listing.
    return { problems: [`schemaVersion: expected ${REPORT_SCHEMA_VERSION}, got ${shown(version)}`] };
  }
  const issues = [reportSchema, ...(requirements ? [requirements] : [])].flatMap(
    (schema) => schema.safeParse(value, { reportInput: true }).error?.issues ?? [],
  );
  if (issues.length > 0) {
    // One problem per field: where both schemas refuse a field, the report schema's words are kept.
    const byPath = new Map<string, string>();
    for (const issue of issues) {
      const path = pathText(issue.path);
      if (!byPath.has(path)) byPath.set(path, `${path}: ${issueText(issue)}`);
    }
    return { problems: [...byPath.values()] };
  }
  const withDefaults = withReportDefaults(value as RunReport);
  const problems = [...checkReportInvariants(withDefaults), ...histogramProblems(withDefaults)];
  return problems.length > 0 ? { problems } : { report: withDefaults };
}
