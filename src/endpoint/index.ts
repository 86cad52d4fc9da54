/**
 * The embedded EventBridge-compatible endpoint: public entry points.
 */
export { DEFAULT_ACCOUNT_ID, defaultEndpointConfig, validateEndpointConfig } from './config.js';
export { startEndpoint } from './server.js';
export type {
  EndpointBus,
  EndpointBusStats,
  EndpointClock,
  EndpointConfig,
  EndpointStats,
  RunningEndpoint,
} from './types.js';
