/**
 * `busload profile --from-cloudwatch --days N [--split orders=0.6,...]`: reads the account's AWS/Events
 * PutEvents metrics (GetMetricData), splits them per bus (stated shares, or the buses' rule metrics), and
 * writes a scenario that replays the hourly shape, then prints the cost estimate of the measured volumes.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { loadCatalogFile } from '../../catalog/catalog-file.js';
import { ExitCode, InputError } from '../../errors.js';
import { defaultPutEventsQuotaTps } from '../../eventbridge/quotas.js';
import { estimateCost } from '../../model/estimate.js';
import { type BusSplit, parseSplit, profileFromMetrics, sharesFromRuleMetrics } from '../../model/profile.js';
import { renderCostTable } from '../../report/run/summary.js';
import { parseDurationMs } from '../../scenario/units.js';
import { parseMonth, renderCostDetails } from './cost.js';

export interface ProfileOptions {
  fromCloudwatch: boolean;
  days: number;
  region: string;
  /** `orders=0.6,payments=0.4`. */
  split?: string;
  /** Split by the buses' MatchedEvents rule metrics instead (needs `buses`). */
  splitByRules?: boolean;
  /** Bus names for `--split-by-rules`, comma-separated. */
  buses?: string;
  /** Scenario file to write (default profile-<region>.yaml). */
  out?: string;
  /** Replay length of the written scenario (default 10m). */
  duration: string;
  catalog?: string;
  /** `--month YYYY-MM`: price that calendar month's hours instead of AWS's 730-hour convention. */
  month?: string;
  format: 'table' | 'json';
  /** CloudWatch endpoint override (a loopback URL for tests). */
  endpointUrl?: string;
  /** "Now" for the window, epoch ms (tests). */
  nowEpochMs?: number;
}

export async function profileCommand(options: ProfileOptions): Promise<number> {
  if (!options.fromCloudwatch) {
    throw new InputError('profile: --from-cloudwatch is required (the only source in this version)');
  }
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 455) {
    throw new InputError(
      `--days ${options.days}: expected a whole number of days from 1 to 455 (CloudWatch keeps hourly data 455 days)`,
    );
  }
  if (Boolean(options.split) === Boolean(options.splitByRules)) {
    throw new InputError(
      'profile: give exactly one of --split <bus>=<share>,... or --split-by-rules --buses <bus,...>',
    );
  }
  const duration = parseDurationMs(options.duration);
  if (!duration.ok || duration.value <= 0) {
    throw new InputError(`--duration ${options.duration}: expected a replay length such as 10m or 90s`);
  }
  let stated: Map<string, number> | null = null;
  if (options.split) {
    const parsed = parseSplit(options.split);
    if (typeof parsed === 'string') throw new InputError(`--split ${options.split}: ${parsed}`);
    stated = parsed;
  }
  const ruleBuses = (options.buses ?? '')
    .split(',')
    .map((bus) => bus.trim())
    .filter((bus) => bus !== '');
  if (options.splitByRules && ruleBuses.length === 0) {
    throw new InputError('--split-by-rules: name the buses with --buses orders,payments');
  }
  const month = options.month !== undefined ? parseMonth(options.month) : undefined;
  const { catalog } = await loadCatalogFile(options.catalog);
  if (!catalog.regions.includes(options.region)) {
    throw new InputError(
      `--region ${options.region}: not in catalog ${catalog.id} (regions: ${catalog.regions.join(', ')})`,
    );
  }

  const { createCloudWatchClient, describeWindow, hourWindow, readMatchedEventsByBus, readPutEventsHistory } =
    await import('../../aws/cloudwatch.js');
  const { asUnreachable, credentialsForEndpoint } = await import('../../aws/network.js');
  const credentials = credentialsForEndpoint(options.endpointUrl, process.env);
  const client = createCloudWatchClient(options.region, {
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(credentials ? { credentials } : {}),
  });
  const url = options.endpointUrl ?? `https://monitoring.${options.region}.amazonaws.com`;
  const window = hourWindow(options.nowEpochMs ?? Date.now(), options.days);
  const windowText = describeWindow(window);
  process.stderr.write(
    `busload profile: reading AWS/Events PutEvents metrics in ${options.region}, ${windowText}\n`,
  );
  let split: BusSplit;
  let history: Awaited<ReturnType<typeof readPutEventsHistory>>;
  try {
    history = await readPutEventsHistory(client, window);
    if (stated) {
      split = { shares: stated, basis: `--split ${options.split} (shares stated by the user)` };
    } else {
      const matched = await readMatchedEventsByBus(client, ruleBuses, window);
      const shares = sharesFromRuleMetrics(matched);
      if (!shares) {
        throw new InputError(
          `--split-by-rules: no MatchedEvents for ${ruleBuses.join(', ')} in the window; use --split`,
        );
      }
      split = {
        shares,
        basis:
          `MatchedEvents of each bus's rules (${[...matched].map(([bus, value]) => `${bus} ${value}`).join(', ')}); ` +
          'events matching no rule are not counted, events matching several rules count once per rule',
      };
    }
  } catch (error) {
    throw asUnreachable(
      error,
      `CloudWatch (GetMetricData, ${options.region})`,
      url,
      options.endpointUrl
        ? 'check that --endpoint-url names a running endpoint (busload emulator prints its URL on its first line)'
        : 'connect to a network that reaches AWS and retry, or pass --endpoint-url of a reachable endpoint (busload emulator)',
    );
  } finally {
    client.destroy();
  }
  if (history.hours.every((hour) => hour.calls === 0)) {
    throw new InputError(
      `no PutEvents calls in AWS/Events for ${options.region} in the window read, ${windowText}`,
    );
  }

  const quotaTps = defaultPutEventsQuotaTps(options.region);
  const profile = profileFromMetrics({
    hours: history.hours,
    split,
    region: options.region,
    quotaTps,
    peakMinuteCalls: history.peakMinuteCalls,
    replayDurationMs: duration.value,
    name: `profile-${options.region}`,
  });
  const out = options.out ?? `profile-${options.region}.yaml`;
  const header =
    `# Written by busload profile --from-cloudwatch from ${profile.projection.basis.split(' ->')[0]} in ${options.region}\n` +
    `# (${windowText}).\n` +
    profile.notes.map((note) => `# - ${note}\n`).join('') +
    '# Review the classification, logging, sources and detail types of each bus before relying on it.\n';
  await writeFile(
    out,
    `${header}${stringify(profile.scenario, { lineWidth: 0, flowCollectionPadding: false })}`,
    'utf8',
  );

  const estimate = estimateCost({
    buses: profile.usage,
    projection: profile.projection,
    catalog,
    region: options.region,
    quota: { quotaTps, peakCallsPerSec: profile.peakCallsPerSec, basis: profile.peakBasis },
    ...(month ? { month } : {}),
  });
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ scenario: out, notes: profile.notes, estimate }, null, 2)}\n`);
  } else {
    process.stdout.write(
      renderCostTable(estimate, { color: Boolean(process.stdout.isTTY), notes: profile.notes }),
    );
    process.stdout.write(renderCostDetails(estimate));
    process.stdout.write(`${out}\n`);
  }
  return ExitCode.ok;
}
