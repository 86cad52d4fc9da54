/**
 * The guard in front of a real AWS bus (`--target aws` or an https URL). A run there costs money and
 * publishes to buses other systems consume, so busload refuses to start (exit 2) unless:
 * - every bus of the scenario is named with `--allow-bus` (and no other name is), and
 * - the run's own predicted spend (its custom events and data events over the replay, at the catalog's
 *   prices) is at most `--max-spend-usd`.
 * The estimate is printed before any call. Producers sign with the SDK's default credential chain
 * (environment, shared config, SSO, container or instance role); the keys only go to the worker threads,
 * never to reports or logs (the report's target says "aws" or the URL's origin).
 */
import { InputError } from '../errors.js';
import { priceFor, unitPriceUsd } from '../model/catalog.js';
import { Dec, MONTH_SECONDS } from '../model/money.js';
import { usageFromScenario } from '../model/projection.js';
import type { Catalog } from '../model/types.js';
import type { Scenario } from '../scenario/types.js';
import type { ProducerCredentials } from '../workers/protocol.js';

/** Where a run sends PutEvents. */
export type RunTarget =
  | { kind: 'local' }
  | { kind: 'loopback'; url: string }
  | { kind: 'remote'; label: string; explicitUrl: string | null };

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Classifies `--target`: "local" (the embedded endpoint), an http URL on loopback, or a remote target
 * ("aws", or an https URL) that needs the guard.
 * @throws InputError for anything else, naming the flag and the accepted forms
 */
export function parseTarget(target: string): RunTarget {
  if (target === 'local') return { kind: 'local' };
  if (target === 'aws') return { kind: 'remote', label: 'aws', explicitUrl: null };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError(
      `--target ${target}: expected "local", "aws" or a URL such as http://127.0.0.1:4010 or https://events.us-east-1.amazonaws.com`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      '--target: a URL must not carry credentials (user:password@); busload signs with the SDK credential chain',
    );
  }
  if (url.protocol === 'https:') return { kind: 'remote', label: url.origin, explicitUrl: url.origin };
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)) {
    return { kind: 'loopback', url: url.origin };
  }
  throw new InputError(
    `--target ${target}: only loopback endpoints (http://127.0.0.1:PORT, http://[::1]:PORT) are allowed over plain http; use https:// or "aws" for a real bus (guarded)`,
  );
}

/** One bus's share of the predicted spend of a run. */
export interface BusSpend {
  name: string;
  /** Entries the replay plans (declared rates over the replay). */
  entries: Dec;
  /** PutEvents requests it takes. */
  calls: Dec;
  /** Billable 64 KB chunks (EventBridge custom events). */
  customEvents: Dec;
  /** CloudTrail data events if every trail copy logs every request. */
  dataEvents: Dec;
  costUsd: Dec;
}

/** The run's own predicted spend (not a month: the replay window). */
export interface RunSpend {
  replayMs: number;
  region: string;
  catalogId: string;
  buses: BusSpend[];
  totalUsd: Dec;
  /** What the arithmetic assumes, for the printed estimate. */
  notes: string[];
}

/**
 * Predicts what the replay itself will cost: per bus, the declared volumes over the replay window
 * (usageFromScenario's arithmetic scaled from a 730-hour month to `scenario.durationMs`: rates are real
 * rates during the replay, whatever the timeScale) priced at the catalog's `eventbridge.custom-events`
 * (billable chunks) and `cloudtrail.data-events` (requests x trailCopies, for every bus: the account may
 * already log a bus the scenario plans as "off") unit prices. Pure.
 *
 * Worked example: 100 entries/s of 1 KB in batches of 10 for 60 s -> 6,000 chunks and 600 requests;
 * at $1.00 per million chunks and $0.10 per 100,000 data events: $0.006 + $0.0006 = $0.0066.
 * @param scenario - the scenario after overrides (duration, rate scale)
 * @param catalog - a parsed catalog
 * @throws MissingPriceError when the catalog has no price for the scenario's region
 */
export function predictRunSpend(scenario: Scenario, catalog: Catalog): RunSpend {
  const eventsPrice = unitPriceUsd(priceFor(catalog, 'eventbridge.custom-events', scenario.region));
  const dataEventPrice = unitPriceUsd(priceFor(catalog, 'cloudtrail.data-events', scenario.region));
  const { usage, approximations } = usageFromScenario(scenario);
  const share = new Dec(scenario.durationMs).div(new Dec(MONTH_SECONDS).times(1000));
  const buses = usage.map((bus): BusSpend => {
    const copies = Math.max(1, bus.trailCopies);
    const calls = new Dec(bus.counts.requestsSucceeded).times(share);
    const customEvents = new Dec(bus.counts.billableChunks).times(share);
    const dataEvents = calls.times(copies);
    return {
      name: bus.name,
      entries: new Dec(bus.counts.entriesSucceeded).times(share),
      calls,
      customEvents,
      dataEvents,
      costUsd: customEvents.times(eventsPrice).plus(dataEvents.times(dataEventPrice)),
    };
  });
  const totalUsd = buses.reduce((sum, bus) => sum.plus(bus.costUsd), new Dec(0));
  return {
    replayMs: scenario.durationMs,
    region: scenario.region,
    catalogId: catalog.id,
    buses,
    totalUsd,
    notes: [
      'data events counted for every bus and every trail copy (an upper bound: the account may log fewer)',
      "storage and delivery of the trail files and SDK retries are not included; resends are counted only as the scenario's endpoint faults declare them (AWS may throttle more or less)",
      ...approximations,
    ],
  };
}

/** Money of a small run: rounded up to the millionth of a dollar, so a tiny spend never shows as 0. */
export function formatSpendUsd(amountUsd: Dec): string {
  return amountUsd.toDecimalPlaces(6, Dec.ROUND_UP).toFixed();
}

const count = (value: Dec): string =>
  value
    .toDecimalPlaces(0, Dec.ROUND_UP)
    .toFixed()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The estimate as printed before any call (several lines, no trailing newline). */
export function formatRunSpend(spend: RunSpend): string {
  const lines = [
    `predicted spend of this run: $${formatSpendUsd(spend.totalUsd)} over ${spend.replayMs / 1000} s (catalog ${spend.catalogId}, ${spend.region})`,
    ...spend.buses.map(
      (bus) =>
        `  ${bus.name}: ${count(bus.entries)} entries in ${count(bus.calls)} requests -> ${count(bus.customEvents)} custom events + ${count(bus.dataEvents)} data events = $${formatSpendUsd(bus.costUsd)}`,
    ),
    ...spend.notes.map((note) => `  note: ${note}`),
  ];
  return lines.join('\n');
}

/** The guard's flags. */
export interface GuardFlags {
  allowBus: string[];
  /** `--max-spend-usd` as given (a decimal string), or undefined. */
  maxSpendUsd: string | undefined;
}

/**
 * Refuses a remote run unless every scenario bus is allowed and the predicted spend is within the limit.
 * @param targetLabel - "aws" or the URL, for the messages
 * @param scenarioFile - the scenario file, for the messages
 * @throws InputError listing every reason at once
 */
export function checkGuard(
  targetLabel: string,
  scenarioFile: string,
  scenario: Scenario,
  flags: GuardFlags,
  spend: RunSpend,
): void {
  const problems: string[] = [];
  const names = scenario.buses.map((bus) => bus.name);
  const allowed = new Set(flags.allowBus.flatMap((value) => value.split(',')).map((name) => name.trim()));
  allowed.delete('');
  const missing = names.filter((name) => !allowed.has(name));
  if (missing.length > 0) {
    problems.push(
      `--allow-bus: ${scenarioFile}: buses ${missing.map((name) => `"${name}"`).join(', ')} are not allowed; a run against ${targetLabel} publishes to real buses, name each one: ${names.map((name) => `--allow-bus ${name}`).join(' ')}`,
    );
  }
  const unknown = [...allowed].filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    problems.push(
      `--allow-bus ${unknown.join(', ')}: not a bus of ${scenarioFile} (buses: ${names.join(', ')})`,
    );
  }
  if (flags.maxSpendUsd === undefined) {
    problems.push(
      `--max-spend-usd: required for a run against ${targetLabel} (the predicted spend is $${formatSpendUsd(spend.totalUsd)}); e.g. --max-spend-usd 1.00`,
    );
  } else if (!/^\d+(\.\d+)?$/.test(flags.maxSpendUsd.trim())) {
    problems.push(`--max-spend-usd ${flags.maxSpendUsd}: expected a decimal number of dollars, e.g. 0.50`);
  } else if (spend.totalUsd.gt(flags.maxSpendUsd.trim())) {
    problems.push(
      `--max-spend-usd ${flags.maxSpendUsd}: the run's predicted spend $${formatSpendUsd(spend.totalUsd)} is over the limit; shorten it (--duration), lower it (--rate-scale) or raise the limit`,
    );
  }
  if (problems.length > 0) {
    throw new InputError(`refusing to run against ${targetLabel}:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * The URL PutEvents goes to on a remote target: the explicit https URL, else the SDK's endpoint settings
 * (AWS_ENDPOINT_URL_EVENTBRIDGE, then AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is
 * true; docs/aws-behaviour.md §8), else the region's public endpoint from the SDK's endpoint rules.
 */
export async function resolveRemoteEndpoint(
  target: Extract<RunTarget, { kind: 'remote' }>,
  region: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  if (target.explicitUrl !== null) return target.explicitUrl;
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true';
  const configured = ignore ? undefined : env.AWS_ENDPOINT_URL_EVENTBRIDGE || env.AWS_ENDPOINT_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      throw new InputError(
        `AWS_ENDPOINT_URL_EVENTBRIDGE / AWS_ENDPOINT_URL=${configured}: expected a URL such as https://events.us-east-1.amazonaws.com`,
      );
    }
  }
  const { EventBridgeClient } = await import('@aws-sdk/client-eventbridge');
  const client = new EventBridgeClient({ region });
  try {
    return client.config.endpointProvider({ Region: region, UseFIPS: false, UseDualStack: false }).url.origin;
  } finally {
    client.destroy();
  }
}

/**
 * Credentials from the SDK's default chain, resolved once on the main thread and handed to the producers.
 * (Temporary credentials are not refreshed during the run: keep a run shorter than their lifetime.)
 * @throws InputError when the chain finds none (the message is the SDK's, which never contains keys)
 */
export async function resolveDefaultCredentials(region: string): Promise<ProducerCredentials> {
  // Loaded here, not at the top: only a remote run needs the SDK on the main thread.
  const { EventBridgeClient } = await import('@aws-sdk/client-eventbridge');
  const client = new EventBridgeClient({ region });
  try {
    const identity = await client.config.credentials();
    return {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
    };
  } catch (error) {
    throw new InputError(
      `AWS credentials: the SDK's default chain found none (${error instanceof Error ? error.message : String(error)}); set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`,
    );
  } finally {
    client.destroy();
  }
}
