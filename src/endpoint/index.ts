/**
 * The embedded EventBridge-compatible endpoint: public entry points.
 */

export {
  LogHistogram,
  type MetricDimension,
  type MetricIdentity,
  type MetricPoint,
  type MetricQuery,
  MetricStore,
  parseStatistic,
} from './cloudwatch/metrics-store.js';
export { CloudWatchService } from './cloudwatch/service.js';
export { DEFAULT_ACCOUNT_ID, defaultEndpointConfig, validateEndpointConfig } from './config.js';
export { AWS_EVENTS_NAMESPACE, PUT_EVENTS_METRICS, type PutEventsMetricName } from './events/metrics.js';
export { startEndpoint } from './server.js';
export type {
  EndpointBus,
  EndpointBusStats,
  EndpointClock,
  EndpointConfig,
  EndpointFaults,
  EndpointStats,
  RunningEndpoint,
} from './types.js';
