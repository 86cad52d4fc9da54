/**
 * CloudTrail's `userIdentity` of a PutEvents caller, from the principal its access key maps to
 * (docs/aws-behaviour.md §6.2). Pure: principal ids are stable hashes of the ARN.
 */
import { createHash } from 'node:crypto';

/** CloudTrail's `userIdentity` block. */
export interface CloudTrailUserIdentity {
  type: 'Root' | 'IAMUser' | 'AssumedRole' | 'Unknown';
  principalId: string;
  arn: string;
  accountId: string;
  accessKeyId: string;
  userName?: string;
  /** Present for temporary credentials (an ASIA key, or an assumed role). */
  sessionContext?: {
    /** The role a session was assumed from (absent for an IAM user's or root's own session token). */
    sessionIssuer?: { type: 'Role'; principalId: string; arn: string; accountId: string; userName: string };
    attributes: { mfaAuthenticated: 'false'; creationDate: string };
  };
}

/** The session name given to role principals (their records show an assumed-role session). */
export const ROLE_SESSION_NAME = 'busload';

const ARN_PARTS = /^arn:([\w-]+):([\w-]+):[\w-]*:(\d{12}):(.+)$/;

/** A stable 17-character uppercase id derived from an ARN (principal ids are opaque in CloudTrail). */
function stableIdSuffix(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase();
}

/**
 * Whether an access key id is a temporary (STS) credential: AWS gives them the `ASIA` prefix, long-term keys
 * `AKIA` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 */
export function isTemporaryAccessKey(accessKeyId: string): boolean {
  return accessKeyId.startsWith('ASIA');
}

/**
 * The `userIdentity` of a caller as CloudTrail writes it for each kind of credential
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html),
 * from the principal ARN its access key maps to:
 * - `arn:...:iam::<acct>:root` is Root (principalId the account id);
 * - `arn:...:iam::<acct>:user/<path>/<name>` is IAMUser with its userName;
 * - an IAM role becomes an AssumedRole session named `busload` (what a role-based producer's records show);
 *   an `sts::<acct>:assumed-role/<role>/<session>` ARN is that session; both carry a sessionContext whose
 *   sessionIssuer is the role;
 * - a Root or IAMUser signing with a temporary key (`ASIA...`, GetSessionToken) also carries a
 *   sessionContext with attributes only (no role issued it).
 * Principal ids are opaque in CloudTrail; here they are stable hashes of the ARN behind AIDA/AROA.
 * @param principalArn - e.g. arn:aws:iam::111122223333:role/checkout-producer
 * @param accessKeyId - the key the request was signed with
 * @param creationDate - the session's creation time (ISO 8601, seconds)
 */
export function describeUserIdentity(
  principalArn: string,
  accessKeyId: string,
  creationDate: string,
): CloudTrailUserIdentity {
  const match = ARN_PARTS.exec(principalArn);
  if (match === null) {
    return { type: 'Unknown', principalId: principalArn, arn: principalArn, accountId: '', accessKeyId };
  }
  const [, partition, service, accountId, resource] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const attributes = { mfaAuthenticated: 'false' as const, creationDate };
  const ownSession = isTemporaryAccessKey(accessKeyId) ? { sessionContext: { attributes } } : {};
  if (service === 'iam' && resource === 'root') {
    return { type: 'Root', principalId: accountId, arn: principalArn, accountId, accessKeyId, ...ownSession };
  }
  if (service === 'iam' && resource.startsWith('user/')) {
    const userName = resource.slice(resource.lastIndexOf('/') + 1);
    return {
      type: 'IAMUser',
      principalId: `AIDA${stableIdSuffix(principalArn)}`,
      arn: principalArn,
      accountId,
      accessKeyId,
      userName,
      ...ownSession,
    };
  }
  let roleArn: string | null = null;
  let roleName = '';
  let sessionArn = '';
  if (service === 'iam' && resource.startsWith('role/')) {
    roleArn = principalArn;
    roleName = resource.slice(resource.lastIndexOf('/') + 1);
    sessionArn = `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${ROLE_SESSION_NAME}`;
  } else if (service === 'sts' && resource.startsWith('assumed-role/')) {
    roleName = resource.split('/')[1] ?? '';
    roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
    sessionArn = principalArn;
  }
  if (roleArn === null) {
    return { type: 'Unknown', principalId: principalArn, arn: principalArn, accountId, accessKeyId };
  }
  const rolePrincipalId = `AROA${stableIdSuffix(roleArn)}`;
  const sessionName = sessionArn.slice(sessionArn.lastIndexOf('/') + 1);
  return {
    type: 'AssumedRole',
    principalId: `${rolePrincipalId}:${sessionName}`,
    arn: sessionArn,
    accountId,
    accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: rolePrincipalId,
        arn: roleArn,
        accountId,
        userName: roleName,
      },
      attributes,
    },
  };
}
