/**
 * Who called PutEvents on which bus, from where, and how it ended: CloudTrail PutEvents data-event records
 * (docs/aws-behaviour.md §6.2) summarised per bus x principal x source IP x outcome, with the first and last time, the
 * calls and the entries of each group. Pure: records in, a summary out (reading files is records-stream.ts).
 *
 * Outcomes: `success` for entries that got an EventId; a per-entry error code (scope "entry") for entries
 * that failed inside an HTTP 200 answer, e.g. AccessDeniedException for a publisher the bus policy does not
 * allow; a whole-request errorCode (scope "request"), e.g. ThrottlingException or AccessDeniedException at
 * the request level. A request whose entries ended differently counts once in each of its outcomes' groups.
 */

/** What the audit counts records by. */
export interface AuditKey {
  /** The event bus name (from the record's resources, else the entries' eventBusName, else "default"). */
  bus: string;
  /** The IAM identity: the role (sessionIssuer) of an assumed-role session, else userIdentity.arn. */
  principal: string;
  /** sourceIPAddress as CloudTrail recorded it. */
  sourceIp: string;
  /** `success`, or the error code (per entry, or of the whole request). */
  outcome: string;
  /** Whether `outcome` is per entry (inside an HTTP 200 answer) or the whole request's errorCode. */
  scope: 'entry' | 'request';
}

/** One group of the summary. */
export interface AuditRow extends AuditKey {
  /** PutEvents records (requests) with at least one entry in this group (or the request error). */
  calls: number;
  /** Entries in this group. */
  entries: number;
  /** ISO time of the earliest and latest record. */
  firstTime: string;
  lastTime: string;
  /** Distinct role session ARNs seen (at most 5 kept, for the report). */
  sessions: string[];
}

/** Filters of the audit. */
export interface AuditFilter {
  /** Only these buses (names, or bus ARNs); empty = all. */
  buses: string[];
  /** Only records at or after this time (epoch ms). */
  sinceEpochMs: number | null;
  /** Only records before this time (epoch ms). */
  untilEpochMs: number | null;
}

/** The whole summary. */
export interface AuditSummary {
  files: number;
  /** Files skipped in directories because they are not CloudTrail record files (digests, other JSON). */
  filesSkipped: number;
  records: number;
  /** PutEvents records kept (after the filters). */
  putEventsRecords: number;
  /** Records that are not PutEvents (management events, other services) or outside the filters. */
  recordsIgnored: number;
  /** Records with a broken shape (no eventTime, no identity): counted, not guessed. */
  recordsMalformed: number;
  rows: AuditRow[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const BUS_ARN = /^arn:[\w-]+:events:[\w-]*:\d*:event-bus\/(.+)$/;

/** A bus name from a name or a bus ARN. */
export function busNameOf(nameOrArn: string): string {
  return BUS_ARN.exec(nameOrArn)?.[1] ?? nameOrArn;
}

const MAX_SESSIONS = 5;

/** Accumulates records into groups; memory grows with the number of distinct groups, not records. */
export class AuditAccumulator {
  private readonly groups = new Map<string, AuditRow>();
  private readonly buses: Set<string>;
  files = 0;
  filesSkipped = 0;
  records = 0;
  putEventsRecords = 0;
  recordsIgnored = 0;
  recordsMalformed = 0;

  constructor(private readonly filter: AuditFilter) {
    this.buses = new Set(filter.buses.map(busNameOf));
  }

  /** Adds one parsed record (anything: records that are not PutEvents are counted and ignored). */
  add(record: unknown): void {
    this.records += 1;
    if (
      !isObject(record) ||
      record.eventName !== 'PutEvents' ||
      record.eventSource !== 'events.amazonaws.com'
    ) {
      this.recordsIgnored += 1;
      return;
    }
    const eventTime = str(record.eventTime);
    const epochMs = eventTime === undefined ? Number.NaN : Date.parse(eventTime);
    const identity = isObject(record.userIdentity) ? record.userIdentity : undefined;
    if (!Number.isFinite(epochMs) || identity === undefined) {
      this.recordsMalformed += 1;
      return;
    }
    const { sinceEpochMs, untilEpochMs } = this.filter;
    if (
      (sinceEpochMs !== null && epochMs < sinceEpochMs) ||
      (untilEpochMs !== null && epochMs >= untilEpochMs)
    ) {
      this.recordsIgnored += 1;
      return;
    }
    const issuer =
      isObject(identity.sessionContext) && isObject(identity.sessionContext.sessionIssuer)
        ? str(identity.sessionContext.sessionIssuer.arn)
        : undefined;
    const arn = str(identity.arn) ?? str(identity.principalId) ?? `(${str(identity.type) ?? 'unknown'})`;
    const principal = issuer ?? arn;
    const session = issuer !== undefined && arn !== issuer ? arn : undefined;
    const sourceIp = str(record.sourceIPAddress) ?? '(none)';
    const time = new Date(epochMs).toISOString();

    const parameters = isObject(record.requestParameters) ? record.requestParameters : {};
    const requestEntries = Array.isArray(parameters.entries) ? parameters.entries : [];
    const resourceBuses = (Array.isArray(record.resources) ? record.resources : [])
      .filter((resource): resource is Json => isObject(resource) && resource.type === 'AWS::Events::EventBus')
      .map((resource) => busNameOf(str(resource.ARN) ?? ''))
      .filter((name) => name !== '');
    const entryBus = (entry: unknown): string => {
      const named = isObject(entry) ? str(entry.eventBusName) : undefined;
      if (named !== undefined && named !== '') return busNameOf(named);
      return resourceBuses.length === 1 ? resourceBuses[0]! : 'default';
    };

    // (bus, outcome, scope) -> entries, for this record
    const parts = new Map<
      string,
      { bus: string; outcome: string; scope: 'entry' | 'request'; entries: number }
    >();
    const count = (bus: string, outcome: string, scope: 'entry' | 'request', entries: number): void => {
      if (this.buses.size > 0 && !this.buses.has(bus)) return;
      const key = `${bus}\u0000${outcome}\u0000${scope}`;
      const part = parts.get(key) ?? { bus, outcome, scope, entries: 0 };
      part.entries += entries;
      parts.set(key, part);
    };
    const errorCode = str(record.errorCode);
    if (errorCode !== undefined) {
      if (requestEntries.length === 0) {
        for (const bus of resourceBuses.length > 0 ? resourceBuses : ['default'])
          count(bus, errorCode, 'request', 0);
      } else {
        for (const entry of requestEntries) count(entryBus(entry), errorCode, 'request', 1);
      }
    } else {
      const response = isObject(record.responseElements) ? record.responseElements : {};
      const results = Array.isArray(response.entries) ? response.entries : [];
      requestEntries.forEach((entry, index) => {
        const result = results[index];
        const code = isObject(result) ? str(result.errorCode) : undefined;
        count(entryBus(entry), code ?? 'success', 'entry', 1);
      });
      if (requestEntries.length === 0) {
        for (const bus of resourceBuses.length > 0 ? resourceBuses : ['default'])
          count(bus, 'success', 'entry', 0);
      }
    }
    if (parts.size === 0) {
      this.recordsIgnored += 1;
      return;
    }
    this.putEventsRecords += 1;
    for (const part of parts.values()) {
      const key = [part.bus, principal, sourceIp, part.outcome, part.scope].join('\u0000');
      let row = this.groups.get(key);
      if (row === undefined) {
        row = {
          bus: part.bus,
          principal,
          sourceIp,
          outcome: part.outcome,
          scope: part.scope,
          calls: 0,
          entries: 0,
          firstTime: time,
          lastTime: time,
          sessions: [],
        };
        this.groups.set(key, row);
      }
      row.calls += 1;
      row.entries += part.entries;
      if (time < row.firstTime) row.firstTime = time;
      if (time > row.lastTime) row.lastTime = time;
      if (session !== undefined && row.sessions.length < MAX_SESSIONS && !row.sessions.includes(session)) {
        row.sessions.push(session);
      }
    }
  }

  /** The summary so far, rows ordered by bus, principal, source IP, then success first. */
  summary(): AuditSummary {
    const order = (row: AuditRow): string[] => [
      row.bus,
      row.principal,
      row.sourceIp,
      row.outcome === 'success' ? '' : row.outcome,
      row.scope,
    ];
    const rows = [...this.groups.values()].sort((a, b) => {
      const x = order(a);
      const y = order(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
    return {
      files: this.files,
      filesSkipped: this.filesSkipped,
      records: this.records,
      putEventsRecords: this.putEventsRecords,
      recordsIgnored: this.recordsIgnored,
      recordsMalformed: this.recordsMalformed,
      rows: rows.map((row) => ({ ...row, sessions: [...row.sessions] })),
    };
  }
}
