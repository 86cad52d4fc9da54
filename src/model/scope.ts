/**
 * Scoping of PutEvents data events with advanced event selectors: which calls of a bus a trail (or Lake
 * store) leaves out. Exclusions are the selector's NotEquals / NotStartsWith / NotEndsWith conditions;
 * a call matching any exclusion is not logged and costs nothing. Pure.
 *
 * AWS confirms `eventName`, `readOnly` and `resources.ARN` for `AWS::Events::EventBus`; the other generic
 * data-event fields are UNCONFIRMED for event buses (docs/aws-behaviour.md §6.1), so estimates mark them.
 */
import type { LoggingExclusion, SelectorField } from '../scenario/types.js';
import { Dec } from './money.js';
import type { PrincipalUsage } from './types.js';

/** Selector fields AWS documents for EventBridge event-bus data events (docs/aws-behaviour.md §6.1). */
const CONFIRMED_EVENT_BUS_FIELDS: readonly SelectorField[] = ['eventName', 'readOnly', 'resources.ARN'];

/** The session name role principals carry in the embedded endpoint's records (`.../assumed-role/<role>/busload`). */
const RECORDED_ROLE_SESSION_NAME = 'busload';

/** True when AWS confirms `field` for event-bus data events. */
export function isConfirmedForEventBuses(field: SelectorField): boolean {
  return CONFIRMED_EVENT_BUS_FIELDS.includes(field);
}

/**
 * A principal ARN as CloudTrail's `userIdentity.arn` shows it: an IAM role publishes through an
 * assumed-role session (the session name is the caller's; busload's producers use "busload"); users, root
 * and session ARNs are shown as they are.
 *
 * Worked example: arn:aws:iam::111122223333:role/checkout -> arn:aws:sts::111122223333:assumed-role/checkout/busload.
 */
export function recordedPrincipalArn(principalArn: string): string {
  const match = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
  if (match === null) return principalArn;
  const [, partition, account, role] = match;
  return `arn:${partition}:sts::${account}:assumed-role/${role}/${RECORDED_ROLE_SESSION_NAME}`;
}

/**
 * The value a PutEvents data event on an event bus carries in `field` (docs/aws-behaviour.md §6.2), or undefined when
 * it is not known here (the bus ARN or the caller).
 */
function fieldValue(field: SelectorField, busArn: string | undefined, principalArn: string | undefined) {
  switch (field) {
    case 'eventName':
      return 'PutEvents';
    case 'readOnly':
      return 'false';
    case 'eventSource':
      return 'events.amazonaws.com';
    case 'eventType':
      return 'AwsApiCall';
    case 'sessionCredentialFromConsole':
      return 'false';
    case 'resources.ARN':
      return busArn;
    case 'userIdentity.arn':
      return principalArn;
  }
}

/**
 * Whether `value` matches the exclusion: equal to, starting with or ending with one of its values
 * (case-sensitive, no wildcards, as CloudTrail's operators).
 *
 * Worked example: { startsWith: ["arn:aws:sts::111122223333:assumed-role/canary"] } matches
 * "arn:aws:sts::111122223333:assumed-role/canary-eu/busload".
 */
export function exclusionMatches(exclusion: LoggingExclusion, value: string): boolean {
  switch (exclusion.operator) {
    case 'equals':
      return exclusion.values.includes(value);
    case 'startsWith':
      return exclusion.values.some((prefix) => value.startsWith(prefix));
    case 'endsWith':
      return exclusion.values.some((suffix) => value.endsWith(suffix));
  }
}

/** What the exclusions leave out of one bus's calls, as shares of its requests. */
export interface ScopeShares {
  /** Share of the bus's requests excluded (0..1). */
  excludedShare: Dec;
  /** Per exclusion: the share of requests it matches on its own; null when it could not be applied. */
  matchedShares: Array<Dec | null>;
  /** The callers left logged, when callers are known (for their measured record bytes). */
  loggedPrincipals: PrincipalUsage[] | null;
}

/**
 * Applies exclusions to one bus. Fields with the same value on every call (eventName, readOnly,
 * eventSource, eventType, sessionCredentialFromConsole, resources.ARN) exclude all of the bus or none;
 * `userIdentity.arn` excludes the share of requests of the callers it matches, which needs `principals`
 * (without them the exclusion is not applied and its matched share is null). With
 * `honourUnconfirmed` false, exclusions on fields AWS does not confirm for event buses are not applied
 * (the high end of the estimate's band).
 *
 * Worked example: callers A (900 requests) and B (100 requests), exclusion userIdentity.arn equals B ->
 * excludedShare 0.1, matchedShares [0.1], logged principals [A].
 */
export function applyExclusions(
  exclusions: readonly LoggingExclusion[],
  busArn: string | undefined,
  principals: readonly PrincipalUsage[] | undefined,
  honourUnconfirmed: boolean,
): ScopeShares {
  const applies = (exclusion: LoggingExclusion) =>
    honourUnconfirmed || isConfirmedForEventBuses(exclusion.field);
  const callers: ReadonlyArray<PrincipalUsage | undefined> =
    principals && principals.length > 0 ? principals : [undefined];
  const totalRequests = principals?.reduce((sum, p) => sum + p.requests, 0) ?? 0;
  const weight = (caller: PrincipalUsage | undefined) =>
    caller === undefined || totalRequests === 0 ? new Dec(1) : new Dec(caller.requests).div(totalRequests);

  const matches = (exclusion: LoggingExclusion, caller: PrincipalUsage | undefined): boolean | null => {
    const value = fieldValue(exclusion.field, busArn, caller?.principalArn);
    return value === undefined ? null : exclusionMatches(exclusion, value);
  };

  const matchedShares = exclusions.map((exclusion) => {
    if (!applies(exclusion)) return new Dec(0);
    let share = new Dec(0);
    for (const caller of callers) {
      const matched = matches(exclusion, caller);
      if (matched === null) return null;
      if (matched) share = share.plus(weight(caller));
    }
    return share;
  });

  let excludedShare = new Dec(0);
  const logged: PrincipalUsage[] = [];
  for (const caller of callers) {
    const excluded = exclusions.some(
      (exclusion) => applies(exclusion) && matches(exclusion, caller) === true,
    );
    if (excluded) excludedShare = excludedShare.plus(weight(caller));
    else if (caller) logged.push(caller);
  }
  return {
    excludedShare: Dec.min(1, excludedShare),
    matchedShares,
    loggedPrincipals: principals && principals.length > 0 ? logged : null,
  };
}
