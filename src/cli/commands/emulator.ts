/**
 * `busload emulator`: the embedded endpoint as a standalone server. First stdout line:
 * `listening on http://HOST:PORT`. SIGTERM/SIGINT flush the trail files and exit 0.
 */
import { resolve } from 'node:path';
import { defaultEndpointConfig, startEndpoint } from '../../endpoint/server.js';
import type { EndpointConfig } from '../../endpoint/types.js';
import { defaultPutEventsQuotaTps } from '../../run/region-quotas.js';
import { loadScenario } from '../../scenario/load.js';
import { ExitCode, InputError } from '../errors.js';

export interface EmulatorOptions {
  host: string;
  port: number;
  config?: string;
  trailDir?: string;
  region?: string;
  quotaTps?: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export async function emulatorCommand(options: EmulatorOptions): Promise<number> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new InputError(`--port ${options.port}: expected a whole number from 0 to 65535`);
  }
  if (options.quotaTps !== undefined && !(options.quotaTps > 0)) {
    throw new InputError(`--quota-tps ${options.quotaTps}: expected a number > 0`);
  }
  if (!LOOPBACK_HOSTS.has(options.host)) {
    process.stderr.write(
      `busload: warning: binding ${options.host}, not loopback: anyone who can reach this address can publish to the emulator\n`,
    );
  }
  const overrides: Partial<EndpointConfig> = { host: options.host, port: options.port };
  let region = options.region ?? 'us-east-1';
  if (options.config) {
    const { scenario } = await loadScenario(options.config);
    region = options.region ?? scenario.region;
    overrides.buses = scenario.buses.map((bus) => ({
      name: bus.name,
      logging: bus.logging !== 'off',
      allowedPrincipals: bus.allowedPrincipals,
    }));
    overrides.latencyMs = scenario.endpoint.latencyMs;
    overrides.faults = scenario.endpoint.faults;
    const quota = options.quotaTps ?? scenario.endpoint.quotaTps ?? defaultPutEventsQuotaTps(region);
    overrides.quota = { ratePerSec: quota, burst: scenario.endpoint.burst ?? quota };
  } else {
    const quota = options.quotaTps ?? defaultPutEventsQuotaTps(region);
    overrides.quota = { ratePerSec: quota, burst: quota };
  }
  overrides.region = region;
  overrides.trailDir = options.trailDir ? resolve(options.trailDir) : null;

  // Install the signal handlers before announcing the address: a supervisor may signal at once.
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolveStop) => {
    stop = resolveStop;
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const endpoint = await startEndpoint(defaultEndpointConfig(overrides));
  process.stdout.write(`listening on ${endpoint.url}\n`);
  await stopped;
  await endpoint.close();
  const stats = endpoint.stats();
  process.stderr.write(
    `busload emulator: served ${stats.requests} PutEvents requests (${stats.requestsOk} ok, ${stats.requestsThrottled} throttled, ${stats.requestsRejected} rejected)\n`,
  );
  return ExitCode.ok;
}
