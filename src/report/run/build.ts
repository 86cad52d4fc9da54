/**
 * Builds the canonical report.json object (schemaVersion 1) from the run's parts: sorted buses, totals,
 * cost and reconciliation in a fixed key order (its invariants are checked by ../invariants.ts).
 */
import type { CostEstimate } from '../../model/types.js';
import { REPORT_SCHEMA_VERSION } from '../invariants.js';
import type { BusResult, RunReport, RunStatus } from '../types.js';

/** What `buildReport` needs: everything of the report except the fields it fills itself. */
export interface BuildReportInput {
  status: RunStatus;
  statusReason?: string;
  toolVersion: string;
  scenario: RunReport['scenario'];
  run: RunReport['run'];
  buses: BusResult[];
  totals: BusResult;
  cost: CostEstimate;
  /** The model's input the cost was priced from (recorded for re-pricing). */
  pricingInputs?: RunReport['pricingInputs'];
  reconciliation: RunReport['reconciliation'];
  generator: RunReport['generator'];
}

/** Code-point order, so the order of buses never depends on the machine's locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Assembles a RunReport: buses (and the cost estimate's buses and the reconciliation rows) ordered by name,
 * totals named "*", schemaVersion and tool filled. It does not validate; call `checkReportInvariants`.
 */
export function buildReport(input: BuildReportInput): RunReport {
  const report: RunReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    status: input.status,
    ...(input.statusReason === undefined ? {} : { statusReason: input.statusReason }),
    tool: { name: 'busload', version: input.toolVersion },
    scenario: { ...input.scenario },
    run: { ...input.run },
    buses: [...input.buses].sort((a, b) => compareNames(a.name, b.name)),
    totals: { ...input.totals, name: '*' },
    cost: {
      ...input.cost,
      buses: [...input.cost.buses].sort((a, b) => compareNames(a.name, b.name)),
    },
    ...(input.pricingInputs
      ? {
          pricingInputs: {
            buses: [...input.pricingInputs.buses].sort((a, b) => compareNames(a.name, b.name)),
          },
        }
      : {}),
    reconciliation:
      input.reconciliation === null
        ? null
        : [...input.reconciliation].sort((a, b) => compareNames(a.bus, b.bus)),
    generator: { ...input.generator },
  };
  return report;
}
