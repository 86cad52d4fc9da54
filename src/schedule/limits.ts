/**
 * Limits on the rates a scenario plans, each with its reason: they need every shape's peak (the shape
 * registry), so they live here, one floor above the scenario's own limits (src/scenario/limits.ts).
 * {@link checkRunLimits} checks both; `validate` and `run` (after the command-line overrides) call it before
 * anything is started. Without these limits a scenario can ask for more than the planner can walk in real
 * time (the workers then never yield and ignore stop requests). Pure.
 */
import { MAX_ENTRIES_PER_REQUEST } from '../eventbridge/limits.js';
import { defaultPutEventsQuotaTps } from '../eventbridge/quotas.js';
import {
  byFlag,
  checkScenarioLimits,
  formatCount,
  type LimitFlags,
  type LimitProblem,
} from '../scenario/limits.js';
import { shapeFormat } from '../scenario/schema/shapes.js';
import type { Scenario } from '../scenario/types.js';
import { peakRatePerSec } from './shapes/index.js';

/**
 * How far over what the account can accept a scenario may plan: 10 x (quota x 10 entries per request).
 * Overload tests need rates above the quota; far beyond it the run measures nothing but throttling.
 */
export const QUOTA_MARGIN = 10;

/**
 * Planned entries per second (all producers at their peaks) the planner can hold. Every worker walks the
 * whole plan to keep its own batches; measured at 3-4 million entries/s per thread on a 2-core machine
 * (2026-12-03), so a worker at this rate spends about a third of its time planning.
 */
export const MAX_PLANNED_ENTRIES_PER_SEC = 1_000_000;

/**
 * Every run limit the (normalised, overridden) scenario breaks, with the figure and the reason: the
 * scenario's own (duration, instances, series length), then each producer's peak rate and, when no producer
 * is over on its own, their sum, against the lower of {@link QUOTA_MARGIN} x the account's quota and
 * {@link MAX_PLANNED_ENTRIES_PER_SEC}.
 *
 * Worked example: us-east-1 (10,000 requests/s) -> 10 x 10,000 x 10 = 1,000,000 entries/s, the planner's
 * limit too; eu-west-3 (600/s) -> 60,000 entries/s.
 * @param scenario - the scenario as it will run
 * @param flags - names of the command-line flags that changed it, for the messages (e.g. "--rate-scale 100")
 */
export function checkRunLimits(scenario: Scenario, flags: LimitFlags = {}): LimitProblem[] {
  const problems = checkScenarioLimits(scenario, flags);
  const quotaTps = scenario.endpoint.quotaTps ?? defaultPutEventsQuotaTps(scenario.region);
  const quotaLimit = quotaTps * MAX_ENTRIES_PER_REQUEST * QUOTA_MARGIN;
  const limit = Math.min(quotaLimit, MAX_PLANNED_ENTRIES_PER_SEC);
  const reason =
    quotaLimit <= MAX_PLANNED_ENTRIES_PER_SEC
      ? `${QUOTA_MARGIN} x what the account accepts: the PutEvents quota of ${formatCount(quotaTps)} requests/s${scenario.endpoint.quotaTps === null ? ` in ${scenario.region}` : ' (endpoint.quotaTps)'} x ${MAX_ENTRIES_PER_REQUEST} entries per request`
      : `what the planner can walk in real time on every worker`;
  let total = 0;
  scenario.producers.forEach((producer, index) => {
    const peak = peakRatePerSec(producer.shape);
    total += Number.isFinite(peak) ? peak : Number.POSITIVE_INFINITY;
    if (!(peak <= limit)) {
      // The rate is written under `rate` for shapes that take the producer's rate, in the shape otherwise.
      const field = shapeFormat(producer.shape.kind)?.usesRate === true ? 'rate' : 'shape';
      problems.push({
        path: ['producers', index, field],
        message: `peak rate ${formatCount(peak)} entries/s${byFlag(flags.rate)} is over the limit of ${formatCount(limit)} entries/s (${reason})`,
      });
    }
  });
  if (
    problems.every((problem) => problem.path[0] !== 'producers' || problem.path.length === 1) &&
    !(total <= limit)
  ) {
    problems.push({
      path: ['producers'],
      message: `the producers' peak rates add up to ${formatCount(total)} entries/s${byFlag(flags.rate)}, over the limit of ${formatCount(limit)} entries/s (${reason})`,
    });
  }
  return problems;
}
