/**
 * Who calls: the principal an access key maps to (--config's principalsByAccessKey, else the account's root),
 * its CloudTrail userIdentity, and whether a bus's allowed principals let it put events.
 */

import type { EntryResult } from '../../eventbridge/cloudtrail-record.js';
import { type CloudTrailUserIdentity, describeUserIdentity } from '../../eventbridge/cloudtrail-record.js';
import type { EndpointConfig } from '../types.js';

/** Keys remembered at most in the principal cache (random keys from a fuzzer cannot grow it forever). */
const MAX_CACHED_PRINCIPALS = 10_000;

/** A caller: the principal ARN its key maps to, and the userIdentity CloudTrail records for it. */
export interface CallerPrincipal {
  arn: string;
  identity: CloudTrailUserIdentity;
}

/** The callers of one endpoint, described once per access key. */
export class CallerPrincipals {
  private readonly config: Pick<EndpointConfig, 'principalsByAccessKey' | 'accountId'>;
  private readonly sessionCreationDate: string;
  private readonly byAccessKey = new Map<string, CallerPrincipal>();

  /**
   * @param config - principalsByAccessKey and the endpoint's account (whose root an unmapped key is)
   * @param sessionCreationDate - the creation time sessions show (ISO 8601, seconds)
   */
  constructor(
    config: Pick<EndpointConfig, 'principalsByAccessKey' | 'accountId'>,
    sessionCreationDate: string,
  ) {
    this.config = config;
    this.sessionCreationDate = sessionCreationDate;
  }

  /** The caller signing with this access key. */
  of(accessKeyId: string): CallerPrincipal {
    let caller = this.byAccessKey.get(accessKeyId);
    if (caller === undefined) {
      const arn =
        this.config.principalsByAccessKey[accessKeyId] ?? `arn:aws:iam::${this.config.accountId}:root`;
      caller = { arn, identity: describeUserIdentity(arn, accessKeyId, this.sessionCreationDate) };
      if (this.byAccessKey.size >= MAX_CACHED_PRINCIPALS) this.byAccessKey.clear();
      this.byAccessKey.set(accessKeyId, caller);
    }
    return caller;
  }
}

/**
 * The AccessDeniedException of an entry whose bus does not allow the caller, or null when it may put events
 * there (a bus without allowed principals allows everyone). The caller is allowed by its configured ARN, its
 * recorded identity's ARN or the role that issued its session.
 * @param bus - the bus the entry goes to (null: an unknown bus, allowed)
 */
export function accessDenied(
  caller: CallerPrincipal,
  bus: { arn: string; allowedPrincipals: ReadonlySet<string> | null } | null,
): EntryResult | null {
  const allowed = bus?.allowedPrincipals;
  if (
    allowed == null ||
    allowed.has(caller.arn) ||
    allowed.has(caller.identity.arn) ||
    allowed.has(caller.identity.sessionContext?.sessionIssuer?.arn ?? '')
  ) {
    return null;
  }
  // IAM names the caller as it authenticated: an assumed role's STS session ARN, not the role
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
  return {
    errorCode: 'AccessDeniedException',
    errorMessage: `User: ${caller.identity.arn} is not authorized to perform: events:PutEvents on resource: ${bus!.arn}`,
  };
}
