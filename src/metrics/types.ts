/**
 * What the measurement of one bus adds up to: the latency summary, the per-interval time series and the
 * report's per-bus result (report.json `buses[]` and `totals`). Defined here, below the report, because the
 * main thread's aggregation builds them and the cost model reads them; src/report/types.ts re-exports them.
 */

export interface LatencySummaryMs {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface BusResult {
  name: string;
  requests: {
    calls: number;
    attempts: number;
    succeeded: number;
    throttled: number;
    failed: number;
  };
  entries: {
    planned: number;
    succeeded: number;
    failed: number;
    dropped: number;
    resent: number;
    bytes: number;
    billableChunks: number;
  };
  /**
   * Intended send time (or the first write, if a timer released it a little earlier) -> arrival of the final
   * response of each batch (after its resends): corrected for coordinated omission, so a batch the generator
   * sent late counts its wait; never shorter than its service latency.
   */
  latencyMs: LatencySummaryMs;
  /**
   * Socket write of each call's last HTTP attempt -> arrival of its response, before the transport parses it:
   * the endpoint and the network only (both transports stamp the write to the socket and the response's
   * arrival; the SDK transport through node:http's diagnostics channels).
   */
  serviceLatencyMs: LatencySummaryMs;
  /** HdrHistograms (microsecond values), compressed base64. */
  histograms: { latencyMs: string; serviceLatencyMs: string };
  /** Whole-request error names and per-entry error codes with their counts. */
  errors: Record<string, number>;
  /** How well the generator kept to the schedule. */
  schedule: { batchesLate: number; batchesDropped: number };
  /** Average entries per call (succeeded + failed entries / calls). */
  entriesPerCall: number;
  /** Per-interval samples of this bus (charts, regression statistics); absent in reports before they existed. */
  timeSeries?: TimeSeries;
}

/** Fixed-interval samples of one bus, aligned to the run's schedule start. */
export interface TimeSeries {
  /** Length of every interval (1 s on short runs, longer on long ones). */
  intervalMs: number;
  points: TimeSeriesPoint[];
}

/** What happened in one interval [startMs, startMs + intervalMs) after the schedule start. */
export interface TimeSeriesPoint {
  /** Offset of the interval's start from the schedule start. */
  startMs: number;
  /** Entries whose intended arrival fell in the interval (the plan). */
  entriesPlanned: number;
  calls: number;
  attempts: number;
  attemptsThrottled: number;
  entriesSucceeded: number;
  entriesFailed: number;
  entriesDropped: number;
  /** Latency (intended send -> response) of the batches answered in the interval. */
  latencyMs: LatencySummaryMs;
  /** The same latencies as an HdrHistogram (microsecond values), compressed base64, so intervals can be merged. */
  latencyHistogram: string;
}
