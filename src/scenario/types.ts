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
  /**
   * Scope and extras of the planned logging (the object form of `logging`: exclusions modelled on advanced
   * event selectors, data-event Insights, Lake queries). Absent = the string form: every call logged, no
   * Insights, no queries.
   */
  loggingScope?: LoggingScope;
}

/** CloudTrail advanced-event-selector fields an exclusion can test (docs/aws-behaviour.md §6.1). */
export const SELECTOR_FIELDS = [
  'eventName',
  'readOnly',
  'resources.ARN',
  'eventSource',
  'eventType',
  'userIdentity.arn',
  'sessionCredentialFromConsole',
] as const;
export type SelectorField = (typeof SELECTOR_FIELDS)[number];

/**
 * Calls left out of logging: those whose `field` equals / starts with / ends with one of `values` (an advanced
 * event selector's NotEquals / NotStartsWith / NotEndsWith condition).
 */
export interface LoggingExclusion {
  field: SelectorField;
  operator: 'equals' | 'startsWith' | 'endsWith';
  values: string[];
}

/** What the object form of a bus's `logging` adds to the mode and trail copies. */
export interface LoggingScope {
  /** A call matching any exclusion is not logged (and not billed as a data event). */
  exclusions: LoggingExclusion[];
  /** CloudTrail Insights on data events, on one trail (trail and cloudwatch-logs modes). */
  insights: boolean;
  /** CloudTrail Lake queries: GB scanned per month (lake modes; 0 = none stated). */
  lakeQueryGbPerMonth: number;
  /** Logging is planned for a window only (incident, migration, producer onboarding); null = for good. */
  window: LoggingWindow | null;
}

export const LOGGING_WINDOWS = ['incident', 'migration', 'onboarding'] as const;
export type LoggingWindow = (typeof LOGGING_WINDOWS)[number];

/**
 * Rate shape of one producer (all instances together), in entries per second of PROFILE time. With
 * `timeScale` T, replay second t plays profile second t*T at its real instantaneous rate (the replay is a
 * sample of the profile; the cost projection scales it back up).
 * - constant: `ratePerSec` all the time.
 * - ramp: linear from `fromPerSec` at t=0 to `toPerSec` at the end of the profile (duration x timeScale),
 *   then `toPerSec`.
 * - steps: each step's rate for its duration, in order; after the last step its rate continues.
 * - diurnal: a 24 h cosine with mean `meanPerSec`, highest at `peakHour`, peak/trough = `peakToTrough`;
 *   the profile starts at `startHour` of the day.
 * - bursts: Poisson arrivals (seeded) at `ratePerSec`, and every `everyMs` (the first at t = 0) a burst
 *   episode of `burstDurationMs` at `burstRatePerSec`, so N x `everyMs` of profile holds N whole periods.
 * - replay: a recorded series of entry counts per `intervalMs` (e.g. CloudWatch PutEvents sums), played
 *   `speed` times faster (each interval lasts intervalMs / speed and keeps its count); 0 after its end.
 */
export type RateShape =
  | { kind: 'constant'; ratePerSec: number }
  | { kind: 'ramp'; fromPerSec: number; toPerSec: number }
  | { kind: 'steps'; steps: RateStep[] }
  | { kind: 'diurnal'; meanPerSec: number; peakHour: number; peakToTrough: number; startHour: number }
  | {
      kind: 'bursts';
      ratePerSec: number;
      everyMs: number;
      burstRatePerSec: number;
      burstDurationMs: number;
    }
  | { kind: 'replay'; intervalMs: number; counts: number[]; speed: number };

/** One step of a `steps` shape. */
export interface RateStep {
  ratePerSec: number;
  durationMs: number;
}

/**
 * `maxBytes`: the byte budget of one request (AWS entry-size formula), at most 1,048,576 B; the loader always
 * fills it, absent (hand-built specs) means 1,048,576 B.
 */
export type Batching =
  /** Every request carries exactly `entriesPerRequest` entries (the last one of a run may carry fewer). */
  | { kind: 'fixed'; entriesPerRequest: number; maxBytes?: number }
  /**
   * A batch is sent when it holds `maxEntries`, `lingerMs` after its first entry arrived, or when the next
   * entry would take it over `maxBytes` (AWS entry-size formula), whichever is first.
   */
  | { kind: 'linger'; maxEntries: number; lingerMs: number; maxBytes?: number };

/** Entry size as measured by AWS's PutEvents entry-size formula (Source + DetailType + Detail bytes, ...). */
export type EntrySize =
  | { dist: 'fixed'; bytes: number }
  | { dist: 'uniform'; minBytes: number; maxBytes: number }
  | { dist: 'lognormal'; p50Bytes: number; p99Bytes: number }
  /** Sizes drawn from a table: each row's `bytes` with probability weight / sum of weights. */
  | { dist: 'empirical'; table: Array<{ bytes: number; weight: number }> };

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
  /** Relative weight of each detail type (same order, > 0); filled by the loader; absent = equal weights. */
  detailTypeWeights?: number[];
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
  /**
   * The scenario family (variants of one design share it, so `busload compare` treats them as one
   * scenario); absent when the file names none.
   */
  family?: string;
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
