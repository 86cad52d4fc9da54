/**
 * Default account-level PutEvents quota ("PutEvents throttle limit in transactions per second",
 * quota code L-9B653E91, adjustable) per Region, from the EventBridge quotas page
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html, copy of 2026; docs/aws-behaviour.md §3).
 * Every Region not listed has 400/s.
 */
const PUT_EVENTS_QUOTA_TPS: Readonly<Record<string, number>> = {
  'us-east-1': 10_000,
  'us-east-2': 2_400,
  'us-west-1': 1_200,
  'us-west-2': 10_000,
  'ap-east-1': 600,
  'ap-northeast-1': 1_200,
  'ap-northeast-2': 600,
  'ap-south-1': 600,
  'ap-southeast-1': 1_200,
  'ap-southeast-2': 1_200,
  'ca-central-1': 600,
  'eu-central-1': 2_400,
  'eu-north-1': 600,
  'eu-south-2': 2_400,
  'eu-west-1': 10_000,
  'eu-west-2': 1_200,
  'eu-west-3': 600,
  'sa-east-1': 600,
};

/** Quota for Regions the table does not list. */
export const OTHER_REGIONS_QUOTA_TPS = 400;

/** The default PutEvents requests/s quota of a Region (shared by every bus of the account). */
export function defaultPutEventsQuotaTps(region: string): number {
  // Own keys only: a name such as "toString" must not reach the object's prototype.
  return Object.hasOwn(PUT_EVENTS_QUOTA_TPS, region)
    ? PUT_EVENTS_QUOTA_TPS[region]!
    : OTHER_REGIONS_QUOTA_TPS;
}
