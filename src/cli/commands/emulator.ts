/**
 * `busload emulator`: the embedded endpoint (EventBridge PutEvents, CloudTrail files, CloudWatch API) as a
 * standalone server. First stdout line: `listening on http://HOST:PORT`. SIGTERM/SIGINT flush the trail
 * files and exit 0.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isLoopbackHost } from '../../aws/network.js';
import { defaultEndpointConfig, startEndpoint } from '../../endpoint/server.js';
import type { EndpointConfig, EndpointFaults, EndpointStats } from '../../endpoint/types.js';
import { ExitCode, InputError } from '../../errors.js';
import { defaultPutEventsQuotaTps } from '../../eventbridge/quotas.js';
import { reserveOutDir } from '../../report/run-dir.js';
import { loadScenario } from '../../scenario/load.js';
import { checkRunLimits } from '../../schedule/limits.js';

/** The command's flags (yargs names in camelCase). */
export interface EmulatorOptions {
  host: string;
  port: number;
  config?: string;
  trailDir?: string;
  region?: string;
  accountId?: string;
  quotaTps?: number;
  burst?: number;
  /** Limit on the sum of AWS entry sizes per request (default 1,048,576). */
  maxRequestBytes?: number;
  /** Raw body cap before buffering (413 past it). */
  maxBodyBytes?: number;
  latencyP50Ms?: number;
  latencyP99Ms?: number;
  entryInternalFailureRate?: number;
  entryThrottleRate?: number;
  internalErrorRate?: number;
  connectionResetRate?: number;
  stallRate?: number;
  stallMs?: number;
  seed?: number;
  /** A JSON or YAML file of credentials: signatures are then verified. */
  credentials?: string;
  clientTimeoutMs?: number;
  logFailedRequests?: boolean;
  /** What an entry naming a bus that does not exist does (default: create without --config, drop with it). */
  unknownBus?: string;
}

/** True for loopback addresses (127.0.0.0/8, ::1, localhost): binding anything else prints a warning. */
export { isLoopbackHost };

/** Access keys read from --credentials: secrets to verify with, and the principal each key maps to. */
export interface EmulatorCredentials {
  secretsByAccessKey: Record<string, string>;
  principalsByAccessKey: Record<string, string>;
}

/**
 * Reads a credentials file: a list of `{ accessKeyId, secretAccessKey, principal? }` (JSON or YAML).
 * Throws InputError naming the file and the field path of the first problem.
 * @param path - the file given to --credentials
 */
export async function readEmulatorCredentials(path: string): Promise<EmulatorCredentials> {
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(`--credentials ${path}: ${(error as Error).message}`);
  }
  const expected = 'a list of { accessKeyId, secretAccessKey, principal? }';
  if (!Array.isArray(parsed) || parsed.length === 0) throw new InputError(`${path}: expected ${expected}`);
  const result: EmulatorCredentials = { secretsByAccessKey: {}, principalsByAccessKey: {} };
  parsed.forEach((item: unknown, i) => {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { accessKeyId, secretAccessKey, principal } = record;
    if (typeof accessKeyId !== 'string' || !/^[A-Z0-9]{1,128}$/.test(accessKeyId)) {
      throw new InputError(`${path}: [${i}].accessKeyId: expected an access key id such as AKIDEXAMPLE`);
    }
    if (typeof secretAccessKey !== 'string' || secretAccessKey.length === 0) {
      throw new InputError(`${path}: [${i}].secretAccessKey: expected a non-empty string`);
    }
    if (principal !== undefined && (typeof principal !== 'string' || !principal.startsWith('arn:'))) {
      throw new InputError(
        `${path}: [${i}].principal: expected an ARN such as arn:aws:iam::111122223333:role/x`,
      );
    }
    result.secretsByAccessKey[accessKeyId] = secretAccessKey;
    if (principal !== undefined) result.principalsByAccessKey[accessKeyId] = principal;
  });
  return result;
}

function checkRate(flag: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new InputError(`--${flag} ${value}: expected a probability from 0 to 1`);
  }
}

function checkPositive(flag: string, value: number | undefined, allowZero = false): void {
  if (value !== undefined && !(Number.isFinite(value) && (allowZero ? value >= 0 : value > 0))) {
    throw new InputError(`--${flag} ${value}: expected a number ${allowZero ? '>= 0' : '> 0'}`);
  }
}

/**
 * Builds the endpoint configuration from the flags (and the --config scenario, whose values flags override).
 * @param options - the parsed flags
 */
export async function emulatorConfig(options: EmulatorOptions): Promise<EndpointConfig> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new InputError(`--port ${options.port}: expected a whole number from 0 to 65535`);
  }
  checkPositive('quota-tps', options.quotaTps);
  checkPositive('burst', options.burst);
  checkPositive('max-request-bytes', options.maxRequestBytes);
  checkPositive('max-body-bytes', options.maxBodyBytes);
  checkPositive('latency-p50-ms', options.latencyP50Ms);
  checkPositive('latency-p99-ms', options.latencyP99Ms);
  checkPositive('stall-ms', options.stallMs, true);
  checkPositive('client-timeout-ms', options.clientTimeoutMs);
  checkRate('entry-internal-failure-rate', options.entryInternalFailureRate);
  checkRate('entry-throttle-rate', options.entryThrottleRate);
  checkRate('internal-error-rate', options.internalErrorRate);
  checkRate('connection-reset-rate', options.connectionResetRate);
  checkRate('stall-rate', options.stallRate);
  if (options.unknownBus !== undefined && options.unknownBus !== 'create' && options.unknownBus !== 'drop') {
    throw new InputError(`--unknown-bus ${options.unknownBus}: expected create or drop`);
  }
  if (options.accountId !== undefined && !/^\d{12}$/.test(options.accountId)) {
    throw new InputError(`--account-id ${options.accountId}: expected 12 digits`);
  }

  const overrides: Partial<EndpointConfig> = { host: options.host, port: options.port };
  let region = options.region ?? 'us-east-1';
  let quotaTps: number | null = null;
  let burst: number | null = null;
  let faults: EndpointFaults = { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 };
  if (options.config) {
    const { scenario } = await loadScenario(options.config, checkRunLimits);
    region = options.region ?? scenario.region;
    overrides.buses = scenario.buses.map((bus) => ({
      name: bus.name,
      logging: bus.logging !== 'off',
      allowedPrincipals: bus.allowedPrincipals,
    }));
    overrides.latencyMs = scenario.endpoint.latencyMs;
    faults = { ...scenario.endpoint.faults };
    quotaTps = scenario.endpoint.quotaTps;
    burst = scenario.endpoint.burst;
  }
  const quota = options.quotaTps ?? quotaTps ?? defaultPutEventsQuotaTps(region);
  overrides.quota = { ratePerSec: quota, burst: options.burst ?? burst ?? quota };
  overrides.region = region;
  if (options.accountId !== undefined) overrides.accountId = options.accountId;
  overrides.trailDir = options.trailDir ? resolve(options.trailDir) : null;
  // Without a config there is no bus list: buses come into being as PutEvents names them, and with
  // --trail-dir every one of them (default included) is logged. With a config, its buses and their
  // logging settings decide, and an unknown bus is dropped as AWS does.
  overrides.unknownBuses =
    (options.unknownBus as 'create' | 'drop' | undefined) ?? (options.config ? 'drop' : 'create');
  overrides.logUndeclaredBuses = !options.config && overrides.trailDir !== null;
  if (options.maxRequestBytes !== undefined) overrides.maxRequestEntryBytes = options.maxRequestBytes;
  if (options.maxBodyBytes !== undefined) overrides.maxBodyBytes = options.maxBodyBytes;
  if (options.latencyP50Ms !== undefined || options.latencyP99Ms !== undefined) {
    const p50Ms = options.latencyP50Ms ?? overrides.latencyMs?.p50Ms ?? options.latencyP99Ms!;
    const p99Ms = options.latencyP99Ms ?? Math.max(p50Ms, overrides.latencyMs?.p99Ms ?? p50Ms);
    if (p99Ms < p50Ms)
      throw new InputError(`--latency-p99-ms ${p99Ms}: expected >= --latency-p50-ms ${p50Ms}`);
    overrides.latencyMs = { p50Ms, p99Ms };
  }
  overrides.faults = {
    entryInternalFailureRate: options.entryInternalFailureRate ?? faults.entryInternalFailureRate,
    entryThrottleRate: options.entryThrottleRate ?? faults.entryThrottleRate,
    internalErrorRate: options.internalErrorRate ?? faults.internalErrorRate,
    connectionResetRate: options.connectionResetRate ?? faults.connectionResetRate ?? 0,
    stallRate: options.stallRate ?? faults.stallRate ?? 0,
    ...(options.stallMs !== undefined || faults.stallMs !== undefined
      ? { stallMs: options.stallMs ?? faults.stallMs }
      : {}),
  };
  if (options.seed !== undefined) overrides.seed = options.seed;
  if (options.clientTimeoutMs !== undefined) overrides.clientTimeoutMs = options.clientTimeoutMs;
  if (options.logFailedRequests !== undefined) overrides.logFailedRequests = options.logFailedRequests;
  if (options.credentials) {
    const credentials = await readEmulatorCredentials(options.credentials);
    overrides.secretsByAccessKey = credentials.secretsByAccessKey;
    overrides.principalsByAccessKey = credentials.principalsByAccessKey;
  }
  return defaultEndpointConfig(overrides);
}

/**
 * The start line about CloudTrail: where records go and for which buses.
 * Example: `cloudtrail: every bus that receives PutEvents is logged to /tmp/trail (no --config)`.
 */
export function describeTrail(config: EndpointConfig, configFile: string | undefined): string {
  if (config.trailDir === null) return 'cloudtrail: no --trail-dir, records are counted, not written';
  if (config.logUndeclaredBuses) {
    return `cloudtrail: every bus that receives PutEvents is logged to ${config.trailDir} (no --config)`;
  }
  const logged = config.buses.filter((bus) => bus.logging).map((bus) => bus.name);
  return logged.length === 0
    ? `cloudtrail: no bus of ${configFile} is logged; nothing will be written to ${config.trailDir}`
    : `cloudtrail: buses ${logged.join(', ')} are logged to ${config.trailDir}`;
}

/** "1 file", "2 files". */
function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The closing line of `busload emulator`: what was served, and what became of the CloudTrail records
 * (written to the trail directory, or only counted when there is none).
 * Example: (14 records, no trail dir) -> "...; 14 CloudTrail records counted, none written (no --trail-dir)".
 */
export function describeServed(stats: EndpointStats, trailDir: string | null): string {
  const served =
    `served ${plural(stats.requests, 'PutEvents request')} (${stats.requestsOk} ok, ${stats.requestsThrottled} throttled, ${stats.requestsRejected} rejected), ` +
    `${plural(stats.cloudWatchRequests, 'CloudWatch request')}` +
    (stats.eventBusRequests > 0 ? `, ${plural(stats.eventBusRequests, 'event bus request')}` : '');
  const records = plural(stats.trailRecords, 'CloudTrail record');
  const trail =
    trailDir === null
      ? `${records} counted, none written (no --trail-dir)`
      : `wrote ${records} in ${plural(stats.trailFilesWritten, 'file')} to ${trailDir}`;
  return `${served}; ${trail}`;
}

/** Runs the emulator until SIGTERM or SIGINT; returns 0 after the trail files are flushed. */
export async function emulatorCommand(options: EmulatorOptions): Promise<number> {
  const config = await emulatorConfig(options);
  // An unwritable trail directory is refused now, not discovered after answering 200 to every call.
  if (config.trailDir) await reserveOutDir(config.trailDir, true, '--trail-dir', false);
  if (!isLoopbackHost(options.host)) {
    process.stderr.write(
      `busload: warning: binding ${options.host}, not loopback: anyone who can reach this address can publish to the emulator${
        Object.keys(config.secretsByAccessKey).length === 0
          ? ' (signatures are not verified: pass --credentials <file> to verify them)'
          : ''
      }\n`,
    );
  }
  // Install the signal handlers before announcing the address: a supervisor may signal at once.
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolveStop) => {
    stop = resolveStop;
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (config.trailDir !== null && options.config && !config.buses.some((bus) => bus.logging)) {
    process.stderr.write(
      `busload: warning: --trail-dir ${config.trailDir} is given but no bus of ${options.config} has logging on: no CloudTrail file will be written (set a bus's logging to trail, or drop --config to log every bus)\n`,
    );
  }
  const endpoint = await startEndpoint(config);
  process.stdout.write(`listening on ${endpoint.url}\n`);
  process.stdout.write(`${describeTrail(config, options.config)}\n`);
  await stopped;
  await endpoint.close();
  const stats = endpoint.stats();
  process.stderr.write(`busload emulator: ${describeServed(stats, config.trailDir)}\n`);
  return ExitCode.ok;
}
