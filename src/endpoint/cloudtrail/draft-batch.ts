/**
 * Record drafts on their way from the serving thread to the CloudTrail delivery thread, which renders them:
 * a batch is one flat array of strings, numbers and markers (cheap to post: no object per entry or result,
 * no property names), plus the callers' userIdentity objects the first time each is named. The encoder and
 * the decoder each keep a little state across batches (the identities sent, the last entry), so batches
 * must be decoded in the order they were encoded, all of them, by one decoder.
 *
 * One record's values, in order: eventTimeEpochMs, requestId, eventId, identity index, sourceIpAddress,
 * userAgent, hostHeader; the entry count, then each entry as `true` (the same as the entry before it) or its
 * source, detailType, timeEpochSec, eventBusName, hasDetail; the outcome as -1, errorCode, errorMessage, or
 * as the result count and each result (an eventId, or null, errorCode, errorMessage); the bus count and the
 * bus names; the endpoint as null, or its id and ARN. loggedBusNames stays on the serving thread (it only
 * counts), so decoded drafts carry an empty list.
 */
import type {
  CloudTrailUserIdentity,
  EntryErrorCode,
  EntryResult,
  TrailEntryParams,
  TrailRecordDraft,
} from '../../eventbridge/cloudtrail-record.js';

/** Distinct identities kept by both sides before they start afresh (callers are few; a bound all the same). */
const MAX_IDENTITIES = 1_000;

/** What one postMessage carries. */
export interface DraftBatch {
  /** Records in the batch. */
  count: number;
  /** The records' values, as described above. */
  values: unknown[];
  /** True when the decoder must forget its identities first (the encoder's table was full). */
  resetIdentities: boolean;
  /** Identities named for the first time, in index order (after the reset, if any). */
  identities: CloudTrailUserIdentity[];
}

function sameEntry(a: TrailEntryParams, b: TrailEntryParams): boolean {
  return (
    a.source === b.source &&
    a.detailType === b.detailType &&
    a.timeEpochSec === b.timeEpochSec &&
    a.eventBusName === b.eventBusName &&
    a.hasDetail === b.hasDetail
  );
}

/** The serving thread's side: appends drafts to the batch being built. */
export class DraftBatchEncoder {
  private readonly identityIndex = new Map<CloudTrailUserIdentity, number>();
  private lastEntry: TrailEntryParams | null = null;
  private batch: DraftBatch = DraftBatchEncoder.emptyBatch();

  private static emptyBatch(): DraftBatch {
    return { count: 0, values: [], resetIdentities: false, identities: [] };
  }

  /** Records in the batch being built. */
  get count(): number {
    return this.batch.count;
  }

  /** Appends one draft. */
  add(draft: TrailRecordDraft): void {
    const batch = this.batch;
    const values = batch.values;
    values.push(
      draft.eventTimeEpochMs,
      draft.requestId,
      draft.eventId,
      this.indexOf(draft.userIdentity),
      draft.sourceIpAddress,
      draft.userAgent,
      draft.hostHeader,
      draft.entries.length,
    );
    for (const entry of draft.entries) {
      const last = this.lastEntry;
      if (last !== null && sameEntry(entry, last)) values.push(true);
      else {
        values.push(entry.source, entry.detailType, entry.timeEpochSec, entry.eventBusName, entry.hasDetail);
        this.lastEntry = entry;
      }
    }
    const outcome = draft.outcome;
    if (outcome.kind === 'error') values.push(-1, outcome.errorCode, outcome.errorMessage);
    else {
      values.push(outcome.results.length);
      for (const result of outcome.results) {
        if ('eventId' in result) values.push(result.eventId);
        else values.push(null, result.errorCode, result.errorMessage);
      }
    }
    values.push(draft.busNames.length, ...draft.busNames);
    if (draft.endpoint === null) values.push(null);
    else values.push(draft.endpoint.endpointId, draft.endpoint.arn);
    batch.count++;
  }

  /** The batch built so far (null when empty); the next add starts a new one. */
  take(): DraftBatch | null {
    if (this.batch.count === 0) return null;
    const batch = this.batch;
    this.batch = DraftBatchEncoder.emptyBatch();
    // The table is bounded at batch boundaries: both sides start afresh with the next batch.
    if (this.identityIndex.size >= MAX_IDENTITIES) {
      this.identityIndex.clear();
      this.batch.resetIdentities = true;
    }
    return batch;
  }

  private indexOf(identity: CloudTrailUserIdentity): number {
    let index = this.identityIndex.get(identity);
    if (index === undefined) {
      index = this.identityIndex.size;
      this.identityIndex.set(identity, index);
      this.batch.identities.push(identity);
    }
    return index;
  }
}

/** The delivery thread's side: turns batches back into drafts, in the order they were encoded. */
export class DraftBatchDecoder {
  private identities: CloudTrailUserIdentity[] = [];
  private lastEntry: TrailEntryParams | null = null;

  /** The drafts of one batch (loggedBusNames empty: see the module comment). */
  decode(batch: DraftBatch): TrailRecordDraft[] {
    if (batch.resetIdentities) this.identities = [];
    for (const identity of batch.identities) this.identities.push(identity);
    const values = batch.values;
    const drafts: TrailRecordDraft[] = new Array(batch.count);
    let at = 0;
    for (let record = 0; record < batch.count; record++) {
      const eventTimeEpochMs = values[at++] as number;
      const requestId = values[at++] as string;
      const eventId = values[at++] as string;
      const userIdentity = this.identities[values[at++] as number]!;
      const sourceIpAddress = values[at++] as string;
      const userAgent = values[at++] as string;
      const hostHeader = values[at++] as string;
      const entries: TrailEntryParams[] = new Array(values[at++] as number);
      for (let i = 0; i < entries.length; i++) {
        if (values[at] === true) {
          at++;
          entries[i] = this.lastEntry!;
          continue;
        }
        const entry: TrailEntryParams = { hasDetail: false };
        const source = values[at++] as string | undefined;
        const detailType = values[at++] as string | undefined;
        const timeEpochSec = values[at++] as number | string | undefined;
        const eventBusName = values[at++] as string | undefined;
        entry.hasDetail = values[at++] as boolean;
        if (source !== undefined) entry.source = source;
        if (detailType !== undefined) entry.detailType = detailType;
        if (timeEpochSec !== undefined) entry.timeEpochSec = timeEpochSec;
        if (eventBusName !== undefined) entry.eventBusName = eventBusName;
        entries[i] = entry;
        this.lastEntry = entry;
      }
      let outcome: TrailRecordDraft['outcome'];
      const resultCount = values[at++] as number;
      if (resultCount < 0) {
        outcome = { kind: 'error', errorCode: values[at++] as string, errorMessage: values[at++] as string };
      } else {
        const results: EntryResult[] = new Array(resultCount);
        for (let i = 0; i < resultCount; i++) {
          const value = values[at++];
          results[i] =
            value === null
              ? { errorCode: values[at++] as EntryErrorCode, errorMessage: values[at++] as string }
              : { eventId: value as string };
        }
        outcome = { kind: 'answered', results };
      }
      const busNames: string[] = new Array(values[at++] as number);
      for (let i = 0; i < busNames.length; i++) busNames[i] = values[at++] as string;
      const endpointId = values[at++] as string | null;
      const endpoint = endpointId === null ? null : { endpointId, arn: values[at++] as string };
      drafts[record] = {
        eventTimeEpochMs,
        requestId,
        eventId,
        userIdentity,
        sourceIpAddress,
        userAgent,
        hostHeader,
        entries,
        outcome,
        busNames,
        loggedBusNames: [],
        endpoint,
      };
    }
    return drafts;
  }
}
