/**
 * The normalised scenario: what `loadScenario` returns after validation and unit parsing.
 * Every value carries its unit in its name; every field is filled (no optional defaults left to callers).
 * It is plain data (structured-clone safe) so it can be handed to worker threads as is.
 */

export const CLASSIFICATIONS = ['regulated', 'production', 'telemetry', 'development'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const LOGGING_MODES = ['off', 'trail', 'lake-1y', 'lake-7y', 'cloudwatch-logs'] as const;
export type LoggingMode = (typeof LOGGING_MODES)[number];

export interface BusSpec {
  name: string;
  classification: Classification;
  /** Planned CloudTrail mode for PutEvents data events on this bus. */
  logging: LoggingMode;
  /** Trails that deliver the same data event (each copy is billed). >= 1. */
  trailCopies: number;
  /** Bus policy for PutEvents; null = any principal of the account may publish. */
  allowedPrincipals: string[] | null;
}

/**
 * Rate shape of one producer (all instances together), in entries per second.
 * - constant: `ratePerSec` all the time.
 * - ramp: linear from `fromPerSec` at t=0 to `toPerSec` at the end of the (profile) duration.
 */
export type RateShape =
  | { kind: 'constant'; ratePerSec: number }
  | { kind: 'ramp'; fromPerSec: number; toPerSec: number };

export type Batching =
  /** Every request carries exactly `entriesPerRequest` entries (the last one of a run may carry fewer). */
  | { kind: 'fixed'; entriesPerRequest: number }
  /** A batch is sent when it holds `maxEntries` or `lingerMs` after its first entry arrived, whichever is first. */
  | { kind: 'linger'; maxEntries: number; lingerMs: number };

/** Entry size as measured by AWS's PutEvents entry-size formula (Source + DetailType + Detail bytes, ...). */
export type EntrySize =
  | { dist: 'fixed'; bytes: number }
  | { dist: 'lognormal'; p50Bytes: number; p99Bytes: number };

export interface RetrySpec {
  /** The SDK's retry mode. */
  mode: 'standard' | 'adaptive';
  /** The SDK's maxAttempts (attempts, not retries). */
  maxAttempts: number;
  /** How many times a producer resends entries that failed with ThrottlingException / InternalFailure. */
  resendFailedEntries: number;
}

export interface ProducerSpec {
  name: string;
  bus: string;
  principal: string;
  source: string;
  detailTypes: string[];
  /** Independent producer processes, each batching on its own; the rate is split evenly between them. */
  instances: number;
  shape: RateShape;
  batching: Batching;
  entryBytes: EntrySize;
  retry: RetrySpec;
}

export interface EndpointSpec {
  /** Account-level PutEvents requests/s; null = the region's default quota. */
  quotaTps: number | null;
  /** Token-bucket burst (requests); null = equal to the quota (one second of requests). */
  burst: number | null;
  /** Added service latency; null = none (answer as fast as possible). */
  latencyMs: { p50Ms: number; p99Ms: number } | null;
  faults: {
    /** Probability that an entry fails with per-entry InternalFailure. */
    entryInternalFailureRate: number;
    /** Probability that an entry fails with per-entry ThrottlingException. */
    entryThrottleRate: number;
    /** Probability that a whole request fails with HTTP 500 InternalException. */
    internalErrorRate: number;
  };
}

export interface Scenario {
  name: string;
  region: string;
  /** Wall-clock length of the replay. */
  durationMs: number;
  /** 1 s of replay stands for `timeScale` s of the profile (>= 1; 1 = real time). */
  timeScale: number;
  buses: BusSpec[];
  producers: ProducerSpec[];
  endpoint: EndpointSpec;
  /** Threshold expressions, kept as their source text (evaluated by later issues). */
  thresholds: string[];
}

/** A loaded scenario file: the scenario plus where it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  /** Path as given by the user. */
  file: string;
  /** sha256 (hex) of the file's bytes. */
  sha256: string;
}
