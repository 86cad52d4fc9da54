/**
 * ListMetrics over the store: the metrics that hold data, filtered by namespace, name, dimensions and
 * RecentlyActive, 500 a page. Pure: the store, the publish times, the input and the clock's reading come in.
 */
import { fail, invalidNextToken, invalidValue } from './errors.js';
import {
  type Json,
  matchesDimensionFilters,
  offsetToken,
  optionalList,
  optionalString,
  parseDimensionFilters,
  readOffsetToken,
} from './input.js';
import { type MetricIdentity, type MetricStore, metricKey } from './metrics-store.js';
import type { PublishTimes } from './put-metric-data.js';

/** ListMetrics' RecentlyActive window: PT3H, the only value CloudWatch accepts. */
export const RECENTLY_ACTIVE_MS = 3 * 3_600_000;
/** ListMetrics answers at most this many metrics per page, with a NextToken for the rest (API reference). */
export const LIST_METRICS_PAGE_SIZE = 500;

/**
 * ListMetrics: the metrics that hold data and match Namespace, MetricName and every Dimensions filter (all
 * optional), 500 per page with a NextToken while more remain (API reference:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html). RecentlyActive=PT3H keeps the metrics written in the last three hours (see isRecentlyActive).
 * IncludeLinkedAccounts and OwningAccount are validated and accepted without effect: the endpoint is a
 * single account, not a cross-account monitoring account, so there are no source accounts to include or
 * select, and the answer carries no OwningAccounts.
 */
export function listMetrics(
  store: MetricStore,
  published: PublishTimes,
  input: Json,
  nowEpochMs: number,
): Json {
  const namespace = optionalString(input, 'Namespace', 'Namespace');
  const metricName = optionalString(input, 'MetricName', 'MetricName');
  const filters = parseDimensionFilters(optionalList(input, 'Dimensions', 'Dimensions'), 'Dimensions');
  const recentlyActive = optionalString(input, 'RecentlyActive', 'RecentlyActive');
  if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
    fail(invalidValue(`The value ${recentlyActive} for parameter RecentlyActive is invalid: expected PT3H.`));
  }
  const includeLinked = input['IncludeLinkedAccounts'];
  if (includeLinked !== undefined && includeLinked !== null && typeof includeLinked !== 'boolean') {
    fail(invalidValue('The parameter IncludeLinkedAccounts must be a boolean.'));
  }
  const owningAccount = optionalString(input, 'OwningAccount', 'OwningAccount');
  if (owningAccount !== undefined && (owningAccount.length === 0 || owningAccount.length > 255)) {
    fail(invalidValue('The parameter OwningAccount must be 1 to 255 characters.'));
  }
  const offset = readOffsetToken(optionalString(input, 'NextToken', 'NextToken'));
  const activeSinceEpochMs = nowEpochMs - RECENTLY_ACTIVE_MS;
  const matching = store
    .identitiesWithData()
    .filter(
      (identity) =>
        (namespace === undefined || identity.namespace === namespace) &&
        (metricName === undefined || identity.metricName === metricName) &&
        matchesDimensionFilters(identity.dimensions, filters) &&
        (recentlyActive === undefined || isRecentlyActive(store, published, identity, activeSinceEpochMs)),
    );
  if (offset > matching.length) invalidNextToken();
  const metrics = matching.slice(offset, offset + LIST_METRICS_PAGE_SIZE).map((identity) => ({
    Namespace: identity.namespace,
    MetricName: identity.metricName,
    Dimensions: identity.dimensions,
  }));
  const output: Json = { Metrics: metrics };
  if (offset + LIST_METRICS_PAGE_SIZE < matching.length) {
    output['NextToken'] = offsetToken(offset + LIST_METRICS_PAGE_SIZE);
  }
  return output;
}

/**
 * Whether a metric was written at or after sinceEpochMs. CloudWatch documents RecentlyActive as "data points
 * published" in the window, so a custom metric counts from its last PutMetricData call (whatever the data
 * points' own timestamps, which may be two weeks old or two hours ahead). The endpoint's AWS/Events metrics
 * never go through PutMetricData: they are recorded at each request's arrival, so their data points' minutes
 * are their write times, and a minute that overlaps the window counts (CloudWatch's own answer is also
 * approximate, by up to 50 minutes).
 */
function isRecentlyActive(
  store: MetricStore,
  published: PublishTimes,
  identity: MetricIdentity,
  sinceEpochMs: number,
): boolean {
  const publishedEpochMs = published.get(metricKey(identity));
  if (publishedEpochMs !== undefined) return publishedEpochMs >= sinceEpochMs;
  const points = store.query({
    identity,
    statistic: { kind: 'SampleCount' },
    periodSec: 60,
    startEpochMs: sinceEpochMs,
    endEpochMs: Number.POSITIVE_INFINITY,
  });
  return points.length > 0;
}
