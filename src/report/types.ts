/**
 * report.json, schemaVersion 1: the one canonical artifact. Markdown, HTML and the terminal summary are
 * pure renderers of it. Field names follow the README, section "report.json"; extra fields are additions, never renames.
 */

import type { BusResult } from '../metrics/types.js';
import type { BusUsage, CostEstimate } from '../model/types.js';
import type { BusSpec } from '../scenario/types.js';

export type { BusResult, LatencySummaryMs, TimeSeries, TimeSeriesPoint } from '../metrics/types.js';

export interface EndpointReconciliation {
  bus: string;
  /** PutEvents requests as counted by the harness (attempts). */
  harnessAttempts: number;
  /** Requests for this bus as counted by the endpoint. */
  endpointRequests: number;
  /** Entries the harness counted as succeeded. */
  harnessEntriesSucceeded: number;
  /** Entries the endpoint accepted. */
  endpointEntriesAccepted: number;
  /** CloudTrail records the endpoint wrote for this bus (null when logging is off). */
  trailRecords: number | null;
  trailBytes: number | null;
  /**
   * Gzip ratio (compressed / JSON bytes) of the run's delivered trail files, all logged buses together: the
   * S3 cost of the run was priced with it, so `busload cost <report.json>` re-prices with it too. Null when
   * logging is off or no file was measured; absent in reports written before the field existed.
   */
  trailGzipRatio?: number | null;
}

export type RunStatus = 'completed' | 'degraded' | 'interrupted' | 'failed';

export interface RunReport {
  schemaVersion: 1;
  status: RunStatus;
  /** Why the run failed or was interrupted, when it was. */
  statusReason?: string;
  tool: { name: 'busload'; version: string };
  scenario: {
    name: string;
    /** The scenario's `family` (variants of one design share it; `busload compare` relies on it). */
    family?: string;
    sha256: string;
    file: string;
    /** The buses as declared (classification and planned logging), so a report can be re-priced alone. */
    buses?: BusSpec[];
  };
  run: {
    startedAt: string;
    endedAt: string;
    durationMs: number;
    /** "local" or the URL (never credentials). */
    target: string;
    region: string;
    transport: 'sdk' | 'lean';
    shard: { index: number; count: number };
    seed: number;
    workers: number;
    /** Planned replay length. */
    plannedDurationMs: number;
    timeScale: number;
    /**
     * `--rate-scale`: the factor every producer's rate was multiplied by (1 when not given). Reports written
     * before the field existed lack it; the readers (readReportFile, parseShardReport) take that as 1.
     */
    rateScale: number;
  };
  buses: BusResult[];
  totals: BusResult;
  cost: CostEstimate;
  /**
   * The cost model's input per bus, exactly as the run priced it (counts, logging, the trail's measured record
   * bytes and gzip ratio, the callers counted from its files), so `compare`, `regress` and `cost` re-price
   * the run with a newer model or catalog from the same input. Absent in reports written before it was
   * recorded: re-pricing then rebuilds the input from buses, scenario.buses and reconciliation.
   */
  pricingInputs?: { buses: BusUsage[] };
  /** Harness vs endpoint vs trail counts (local target only). */
  reconciliation: EndpointReconciliation[] | null;
  generator: {
    maxLagMs: number;
    maxLagAllowedMs: number;
    /**
     * Per worker thread: event-loop utilization over the schedule (0..1) and batches sent late or dropped.
     * A worker near 1 with batches behind was saturated: the generator, not the bus, was the limit.
     */
    workers?: Array<{ index: number; eventLoopUtilization: number; batchesBehind: number; maxLagMs: number }>;
    /**
     * True when the generator was the limit and batches fell behind: a worker was saturated (utilization >= 0.9),
     * or the machine was: the workers and the endpoint's thread together busy >= 90% of its cores.
     */
    saturated?: boolean;
    /**
     * The embedded endpoint's thread (local target only; the run's main thread, which also merges the workers'
     * progress): its event-loop utilization over the replay (0..1), its CPU time per request it served, and
     * whether it was saturated (utilization >= 0.9), in which case latencies include queueing in the endpoint.
     */
    endpoint?: EndpointThreadHealth;
  };
}

/** How loaded the embedded endpoint's thread was during a local run. */
export interface EndpointThreadHealth {
  eventLoopUtilization: number;
  /**
   * CPU time of the thread per HTTP request the endpoint served, microseconds (null: none served, or no
   * per-thread CPU clock on this platform). It includes the thread's other work (merging progress).
   */
  cpuUsPerRequest: number | null;
  saturated: boolean;
}

/** A CloudWatch datum, SDK-independent (src/aws/cloudwatch-publish.ts sends them). */
export interface MetricPoint {
  metricName: 'LatencyP99' | 'ThrottleRatio' | 'DataEventsPerMonth' | 'MonthlyCostUsd';
  unit: 'Milliseconds' | 'None' | 'Count';
  value: number;
  dimensions: { Scenario: string; Bus: string };
}
