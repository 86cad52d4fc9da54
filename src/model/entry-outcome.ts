/**
 * What the scenario's declared endpoint does to a producer's entries (bus policy denials, injected entry
 * failures and the producer's resends), as expected values per batch: what `busload cost <scenario>` counts
 * for the calls, succeeded and failed entries a run would meet.
 */
import type { ProducerSpec, Scenario } from '../scenario/types.js';
import { recordedPrincipalArn } from './scope.js';

/**
 * What the scenario's endpoint does to a producer's entries, as a run meets it: a producer the bus policy
 * (`allowedPrincipals`) leaves out gets AccessDeniedException on every entry (HTTP 200, not resent); otherwise
 * each attempt of an entry fails with p = internal + (1 - internal) x throttle (the endpoint draws
 * InternalFailure, then ThrottlingException) and failed entries are resent together in one more call, up to
 * `retry.resendFailedEntries` times.
 */
export interface EntryOutcome {
  denied: boolean;
  /** Probability that one attempt of an entry fails. */
  failShare: number;
  resends: number;
}

/** The outcome model of a producer, or null when every entry succeeds at its first call. */
export function entryOutcomeOf(scenario: Scenario, producer: ProducerSpec): EntryOutcome | null {
  const bus = scenario.buses.find((candidate) => candidate.name === producer.bus);
  const allowed = bus?.allowedPrincipals;
  if (
    allowed != null &&
    !allowed.includes(producer.principal) &&
    !allowed.includes(recordedPrincipalArn(producer.principal))
  ) {
    return { denied: true, failShare: 1, resends: 0 };
  }
  const { entryInternalFailureRate: internal, entryThrottleRate: throttle } = scenario.endpoint.faults;
  const failShare = internal + (1 - internal) * throttle;
  if (!(failShare > 0)) return null;
  return { denied: false, failShare, resends: producer.retry.resendFailedEntries };
}

/** Per batch size k: expected calls, the share of entries that end succeeded, sends per entry. */
export interface BatchExpectation {
  calls: number;
  succeededShare: number;
  sendsPerEntry: number;
}

/**
 * Expected calls of a batch of k entries: 1 + sum over resends r = 1..R of P(some entry failed r times in a
 * row) = 1 - (1 - p^r)^k; an entry ends failed with p^(R+1) and is sent 1 + p + ... + p^R times.
 * Worked example: p = 0.01, R = 2, k = 5 -> 1 + (1 - 0.99^5) + (1 - 0.9999^5) = 1.049510...
 */
export function batchExpectation(outcome: EntryOutcome | null, k: number): BatchExpectation {
  if (outcome === null) return { calls: 1, succeededShare: 1, sendsPerEntry: 1 };
  if (outcome.denied) return { calls: 1, succeededShare: 0, sendsPerEntry: 1 };
  const p = outcome.failShare;
  let calls = 1;
  let sendsPerEntry = 1;
  for (let r = 1; r <= outcome.resends; r++) {
    calls += 1 - (1 - p ** r) ** k;
    sendsPerEntry += p ** r;
  }
  return { calls, succeededShare: 1 - p ** (outcome.resends + 1), sendsPerEntry };
}
