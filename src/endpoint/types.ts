/**
 * The embedded EventBridge-compatible endpoint: configuration and what it counted.
 * It imports nothing from workers (it is the other side of the wire).
 */

export interface EndpointBus {
  name: string;
  /** Write CloudTrail data-event records for PutEvents calls on this bus. */
  logging: boolean;
  /** Principal ARNs allowed to PutEvents; null = everyone. */
  allowedPrincipals: string[] | null;
}

export interface EndpointConfig {
  /** Default 127.0.0.1. */
  host: string;
  /** 0 = a free port. */
  port: number;
  region: string;
  /** 12-digit account id used in ARNs and trail paths. */
  accountId: string;
  /** Buses that exist; `default` always exists in addition. */
  buses: EndpointBus[];
  /** Account-level PutEvents token bucket shared by all buses. */
  quota: { ratePerSec: number; burst: number };
  /** Limit on the sum of AWS entry sizes in one request (default 1,048,576). */
  maxRequestEntryBytes: number;
  /** Limit on the raw HTTP body before it is parsed (413 past it). */
  maxBodyBytes: number;
  /** Added latency before answering; null = answer at once. */
  latencyMs: { p50Ms: number; p99Ms: number } | null;
  faults: { entryInternalFailureRate: number; entryThrottleRate: number; internalErrorRate: number };
  /** Seed for fault and latency sampling. */
  seed: number;
  /** Access key id -> principal ARN (unknown keys map to an account-root-like default principal). */
  principalsByAccessKey: Record<string, string>;
  /** Directory to deliver CloudTrail files into (AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/...); null = keep counts only. */
  trailDir: string | null;
  trailFlushIntervalMs: number;
  /** Assumption: requests that fail (throttled, denied, invalid) are written as records with errorCode. */
  logFailedRequests: boolean;
  /** Clocks to use instead of the real ones (tests); absent = Date.now and performance.now. */
  clock?: EndpointClock;
}

/** The endpoint's two clocks: wall time for records and file names, monotonic time for the quota. */
export interface EndpointClock {
  nowEpochMs(): number;
  monotonicMs(): number;
}

export interface EndpointBusStats {
  bus: string;
  /** PutEvents requests whose entries named this bus (a request is counted for each bus it names). */
  requests: number;
  /** ...of which answered 200. */
  requestsOk: number;
  /** ...of which throttled (ThrottlingException). */
  requestsThrottled: number;
  entriesAccepted: number;
  entriesFailed: number;
  trailRecords: number;
  /** Bytes of the records as serialised JSON (before gzip). */
  trailBytes: number;
}

export interface EndpointStats {
  requests: number;
  requestsOk: number;
  requestsThrottled: number;
  /** Answered with any other error (auth, unknown operation, serialization, validation, 413, 500). */
  requestsRejected: number;
  /** Entries sent to a bus that does not exist (they get an EventId and are dropped, as AWS does). */
  entriesToUnknownBus: number;
  /** Entries answered with an EventId (including those to unknown buses). */
  entriesAccepted: number;
  /** Entries answered with an ErrorCode. */
  entriesFailed: number;
  /** CloudTrail records written (one per logged request, however many logged buses it named). */
  trailRecords: number;
  /** Their JSON bytes before gzip. */
  trailBytes: number;
  /** Trail files delivered so far (0 when trailDir is null). */
  trailFilesWritten: number;
  buses: EndpointBusStats[];
}

export interface RunningEndpoint {
  /** http://127.0.0.1:PORT */
  url: string;
  host: string;
  port: number;
  stats(): EndpointStats;
  /** Deliver the trail records queued so far as files now (resolves when written). */
  flushTrail(): Promise<void>;
  /** Flush trail files and stop listening. */
  close(): Promise<void>;
}
