/**
 * Re-pricing a report.json with the current cost model and a catalog: what `compare` and `regress` do by
 * default (so two reports priced by different model versions or catalogs are compared like for like), and
 * what `busload cost <report.json>` prints. The model's input is the one the report recorded
 * (`pricingInputs`: counts, logging, the trail's measured record bytes and gzip ratio, the callers counted
 * from its files), with the projection, region and month it was priced for. A report written before the
 * input was recorded gets it rebuilt from its buses, scenario.buses and reconciliation; that cannot restore
 * the measured gzip ratio (the model's 1 / 8.8 is used) nor the callers (userIdentity.arn exclusions are not
 * applied). No I/O here.
 */
import { InputError } from '../errors.js';
import { estimateCost } from '../model/estimate.js';
import { type CalendarMonth, calendarMonth } from '../model/money.js';
import type { BusUsage, Catalog, CostEstimate, Projection } from '../model/types.js';
import { usageOfBusResults } from '../model/usage.js';
import { MODEL_VERSION } from '../model/version.js';
import type { RunReport } from './types.js';

/** The model's input rebuilt from a report. */
export interface ReportUsage {
  usage: BusUsage[];
  projection: Projection;
  /** The region the report was priced in (its run's region unless re-priced for another). */
  region: string;
  /** The calendar month it was priced for, when not the 730-hour convention. */
  month?: CalendarMonth;
}

/**
 * The model's input of a report (see the module comment for what cannot be rebuilt).
 * @throws InputError naming `file` when the report lacks scenario.buses or a bus's entry there
 */
export function usageOfReport(report: RunReport, file: string): ReportUsage {
  const recordedMonth = report.cost.month;
  const priced = {
    projection: report.cost.projection,
    region: report.cost.catalog.region ?? report.run.region,
    ...(recordedMonth?.basis === 'calendar month' ? { month: calendarMonth(recordedMonth.label) } : {}),
  };
  if (report.pricingInputs) return { usage: structuredClone(report.pricingInputs.buses), ...priced };
  const specs = report.scenario?.buses;
  if (!specs) {
    throw new InputError(`${file}: scenario.buses: missing (the report is too old to re-price; re-run it)`);
  }
  // The run's measured record bytes (the gzip ratio of its files is not in the report: assumed).
  const usage = usageOfBusResults(
    report.buses,
    (name) => {
      const spec = specs.find((candidate) => candidate.name === name);
      if (!spec) throw new InputError(`${file}: scenario.buses: no entry for bus "${name}"`);
      return spec;
    },
    report.run.region,
    report.reconciliation,
    'assumed',
  );
  return { usage, ...priced };
}

/**
 * The report with its cost block re-priced by the current model and `catalog` (the quota headroom, which
 * no price moves, is kept). Never changes its input.
 * @throws InputError when the report cannot be re-priced (too old, or its region is not in the catalog)
 */
export function repriceReport(report: RunReport, catalog: Catalog, file: string): RunReport {
  const { usage, projection, region, month } = usageOfReport(report, file);
  if (!catalog.regions.includes(region)) {
    throw new InputError(
      `${file}: cost.catalog.region ${region}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }
  const cost: CostEstimate = estimateCost({
    buses: usage,
    projection,
    catalog,
    region,
    ...(month ? { month } : {}),
  });
  if (report.cost.quotaHeadroom) cost.quotaHeadroom = report.cost.quotaHeadroom;
  return { ...report, cost };
}

/** What priced one report's cost block. */
export interface PricedWith {
  /** null: the report was written before the model version was recorded. */
  modelVersion: string | null;
  catalogId: string;
  catalogEffectiveDate: string;
  /** null: not recorded (older report, or a catalog not loaded from a file). */
  catalogSha256: string | null;
}

/** How a command priced the reports it reads, for its outputs. */
export interface PricingNote {
  mode: 're-priced' | 'as-recorded';
  /** The model and catalog the reports were re-priced with (mode re-priced). */
  current: PricedWith | null;
  /** What priced each report's stored cost block, by role ("before", "after", "current", "baseline"). */
  recorded: Record<string, PricedWith>;
  /** One sentence saying which it was. */
  text: string;
}

/** What priced a cost block, as recorded in it. */
export function pricedWithOf(cost: CostEstimate): PricedWith {
  return {
    modelVersion: cost.modelVersion ?? null,
    catalogId: cost.catalog.id,
    catalogEffectiveDate: cost.catalog.effectiveDate,
    catalogSha256: cost.catalog.sha256 ?? null,
  };
}

function describe(priced: PricedWith): string {
  const model = priced.modelVersion ? `model ${priced.modelVersion}` : 'a model older than recorded versions';
  const hash = priced.catalogSha256 ? `, sha256 ${priced.catalogSha256.slice(0, 12)}` : '';
  return `${model}, catalog ${priced.catalogId} (${priced.catalogEffectiveDate}${hash})`;
}

/**
 * The reports re-priced with the current model and `catalog`, or as recorded, with the note that says which.
 * @param reports - by role, e.g. { before, after }, with the file each came from
 */
export function priceReports<Role extends string>(
  reports: Record<Role, { report: RunReport; file: string }>,
  catalog: Catalog,
  asRecorded: boolean,
): { reports: Record<Role, RunReport>; note: PricingNote } {
  const roles = Object.keys(reports) as Role[];
  const recorded = Object.fromEntries(
    roles.map((role) => [role, pricedWithOf(reports[role].report.cost)]),
  ) as Record<string, PricedWith>;
  const recordedText = roles.map((role) => `${role}: ${describe(recorded[role]!)}`).join('; ');
  if (asRecorded) {
    const same = new Set(roles.map((role) => describe(recorded[role]!))).size === 1;
    return {
      reports: Object.fromEntries(roles.map((role) => [role, reports[role].report])) as Record<
        Role,
        RunReport
      >,
      note: {
        mode: 'as-recorded',
        current: null,
        recorded,
        text:
          `Costs as recorded in the reports (--as-recorded): ${recordedText}.` +
          (same
            ? ''
            : ' They were priced differently, so part of a cost change may be the model or the prices.'),
      },
    };
  }
  const current: PricedWith = {
    modelVersion: MODEL_VERSION,
    catalogId: catalog.id,
    catalogEffectiveDate: catalog.effectiveDate,
    catalogSha256: catalog.sha256 ?? null,
  };
  return {
    reports: Object.fromEntries(
      roles.map((role) => [role, repriceReport(reports[role].report, catalog, reports[role].file)]),
    ) as Record<Role, RunReport>,
    note: {
      mode: 're-priced',
      current,
      recorded,
      text:
        `Costs re-priced from each run's counts with the current ${describe(current)} ` +
        `(as recorded: ${recordedText}; --as-recorded keeps the stored costs).`,
    },
  };
}
