/**
 * The embedded EventBridge-compatible endpoint: configuration and what it counted.
 * It imports nothing from workers (it is the other side of the wire).
 */
import type { MetricStore } from './cloudwatch/metrics-store.js';

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
  faults: EndpointFaults;
  /** Seed for fault and latency sampling. */
  seed: number;
  /** Access key id -> principal ARN (unknown keys map to an account-root-like default principal). */
  principalsByAccessKey: Record<string, string>;
  /**
   * Access key id -> secret access key. Empty (the default): any well-formed signature is accepted, as other
   * local emulators do. Otherwise every signature is verified: an unknown key is UnrecognizedClientException,
   * a wrong signature InvalidSignatureException.
   */
  secretsByAccessKey: Record<string, string>;
  /**
   * A client that takes longer than this to send a whole request, or sends nothing for this long on an open
   * connection before or during a request, is disconnected (slow and half-open clients). Idle keep-alive
   * connections between requests are kept 60 s.
   */
  clientTimeoutMs: number;
  /** Directory to deliver CloudTrail files into (AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/...); null = keep counts only. */
  trailDir: string | null;
  trailFlushIntervalMs: number;
  /**
   * What a PutEvents entry naming a bus that does not exist does. 'drop' (AWS's behaviour, recorded against
   * AWS): the entry gets an EventId and is dropped, and no bus is logged for it. 'create' (an emulator
   * choice, for runs without a bus list): the bus is created on first use, up to AWS's 100 buses.
   */
  unknownBuses: 'drop' | 'create';
  /**
   * Log (write CloudTrail records for) buses that config.buses does not declare: the implicit `default` and
   * buses created on first use. `busload emulator --trail-dir D` without --config turns this on.
   */
  logUndeclaredBuses: boolean;
  /** Assumption: requests that fail (throttled, denied, invalid) are written as records with errorCode. */
  logFailedRequests: boolean;
  /** Clocks to use instead of the real ones (tests); absent = Date.now and performance.now. */
  clock?: EndpointClock;
}

/** Injected failures; every rate is a probability from 0 to 1. */
export interface EndpointFaults {
  /** An entry fails with per-entry InternalFailure. */
  entryInternalFailureRate: number;
  /** An entry fails with per-entry ThrottlingException. */
  entryThrottleRate: number;
  /** A whole request fails with HTTP 500 InternalException. */
  internalErrorRate: number;
  /**
   * The connection is reset (TCP RST) instead of answering. The request was processed first (entries
   * accepted, trail record written): the answer is what gets lost, so a retry duplicates it, as on a real
   * network. Default 0.
   */
  connectionResetRate?: number;
  /** An answer is held for stallMs on top of the latency model (occasional stalls). Default 0. */
  stallRate?: number;
  /** Length of a stall (default 2,000 ms). */
  stallMs?: number;
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
  /** Requests processed and then answered with a connection reset (faults.connectionResetRate). */
  connectionsReset: number;
  /** Answers held by a stall (faults.stallRate). */
  answersStalled: number;
  /** CloudWatch API requests answered (GetMetricData, PutMetricData, ListMetrics, errors). */
  cloudWatchRequests: number;
  /** EventBridge bus calls answered (DescribeEventBus, ListEventBuses, CreateEventBus, errors). */
  eventBusRequests: number;
  buses: EndpointBusStats[];
}

export interface RunningEndpoint {
  /** http://127.0.0.1:PORT */
  url: string;
  host: string;
  port: number;
  stats(): EndpointStats;
  /** The CloudWatch metrics the endpoint serves: AWS/Events PutEvents metrics and published custom ones. */
  metrics: MetricStore;
  /** Deliver the trail records queued so far as files now (resolves when written). */
  flushTrail(): Promise<void>;
  /** Flush trail files and stop listening. */
  close(): Promise<void>;
}
