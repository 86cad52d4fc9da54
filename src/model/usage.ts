/**
 * The cost model's input for one bus, from a measured BusResult and the bus as declared: shared by a run,
 * `busload cost <report.json>` and `busload merge`, so the three always price the same counts the same way.
 */

import type { BusResult } from '../metrics/types.js';
import type { BusSpec } from '../scenario/types.js';
import { busArnOf } from './projection.js';
import type { BusUsage, MeasuredTrail } from './types.js';

/**
 * Builds the usage of one bus: counts from the report's BusResult, classification and logging from its spec.
 * @param bus - measured counts
 * @param spec - the bus as declared in the scenario
 * @param region - the run's region (for the bus ARN that exclusions may match)
 * @param measuredTrail - what the endpoint's trail wrote for the bus, when known
 */
export function busUsageOf(
  bus: BusResult,
  spec: BusSpec,
  region: string,
  measuredTrail?: MeasuredTrail | null,
): BusUsage {
  const usage: BusUsage = {
    name: bus.name,
    classification: spec.classification,
    loggingMode: spec.logging,
    trailCopies: spec.trailCopies,
    counts: {
      requestsSucceeded: bus.requests.succeeded,
      requestsFailed: bus.requests.attempts - bus.requests.succeeded,
      entriesSucceeded: bus.entries.succeeded,
      entriesFailed: bus.entries.failed,
      billableChunks: bus.entries.billableChunks,
    },
    busArn: busArnOf(region, bus.name),
  };
  if (spec.loggingScope) usage.scope = spec.loggingScope;
  if (measuredTrail) usage.measuredTrail = measuredTrail;
  return usage;
}
