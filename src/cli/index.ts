/**
 * busload's command line. Declares every command in one place; each handler lazily imports its
 * implementation and returns an exit code. This is the only module that calls process.exit.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, InputError, UnreachableError } from '../errors.js';
import { example, HELP_WIDTH } from './help.js';
import { TOOL_VERSION } from './version.js';

/** How `compare` and `regress` price the reports they read (src/report/reprice.ts). */
const REPRICING_OPTIONS = {
  'as-recorded': {
    type: 'boolean',
    default: false,
    describe:
      'keep the cost blocks stored in the reports (default: re-price both with the current model and catalog)',
  },
  catalog: {
    type: 'string',
    describe: 'price catalog to re-price with (default: the bundled catalog)',
  },
} as const;
/**
 * The AWS SDK warns, once per thread and so on every run, that its releases after the first week of January
 * 2027 need Node >= 22. The README says so once (Set-up); the warning is silenced here, before any SDK client
 * exists, for the main thread and (through the inherited environment) every worker thread. A user's own
 * setting wins: AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false shows it.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Runs a handler and turns what it throws into an exit code with a message the user can act on. */
async function handle(fn: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await fn();
  } catch (error) {
    code = reportError(error);
  }
  process.exitCode = code;
  // Let stdout/stderr drain before leaving (piped output must not be cut).
  await new Promise<void>((resolve) => setImmediate(resolve));
  process.exit(code);
}

function reportError(error: unknown): number {
  const { ScenarioError } = scenarioErrorsModule ?? {};
  if (ScenarioError && error instanceof ScenarioError) {
    process.stderr.write(`${error.message}\n`);
    return ExitCode.invalidInput;
  }
  if (error instanceof InputError) {
    process.stderr.write(`busload: ${error.message}\n`);
    return ExitCode.invalidInput;
  }
  if (error instanceof UnreachableError) {
    process.stderr.write(`busload: ${error.message}\n`);
    return ExitCode.unreachable;
  }
  const userFault = userFaultMessage(error);
  if (userFault !== null) {
    process.stderr.write(`busload: ${userFault}\n`);
    return ExitCode.invalidInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`busload: internal error: ${message}\n`);
  if (process.env.BUSLOAD_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('(set BUSLOAD_DEBUG=1 for the stack trace)\n');
  return ExitCode.internal;
}

/**
 * Path and port errors the user can fix (a port in use, a file where a directory is expected, a read-only or
 * full disk): exit 2 with what went wrong, not "internal error".
 */
function userFaultMessage(error: unknown): string | null {
  const errno = error as NodeJS.ErrnoException | null;
  const code = typeof errno?.code === 'string' ? errno.code : undefined;
  const hints: Record<string, string> = {
    EADDRINUSE: 'the address is already in use; choose another --port (0 = a free port)',
    EADDRNOTAVAIL: 'the address is not available on this machine; check --host',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EEXIST: 'the path already exists',
    EISDIR: 'the path is a directory; expected a file',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    ENOENT: 'no such file or directory',
  };
  if (code === undefined || hints[code] === undefined) return null;
  const where = errno?.path ?? (errno as { address?: string } | null)?.address;
  const port = (errno as { port?: number } | null)?.port;
  const location = where === undefined ? '' : `${where}${port === undefined ? '' : `:${port}`}: `;
  return `${location}${hints[code]} (${code})`;
}

let scenarioErrorsModule: typeof import('../scenario/errors.js') | undefined;

async function main(argv: string[]): Promise<void> {
  scenarioErrorsModule = await import('../scenario/errors.js');
  const cli: Argv = yargs(argv)
    .scriptName('busload')
    .usage(
      "$0 <command> [options]\n\nWhat will CloudTrail data-event logging of EventBridge PutEvents cost per event bus,\nand how does each bus behave under its real producers' load?",
    )
    .command(
      'run <scenario>',
      'replay a scenario against the embedded endpoint (or a URL) and price it',
      (y) =>
        y
          .positional('scenario', {
            type: 'string',
            demandOption: true,
            describe: 'scenario file (YAML or JSON)',
          })
          .option('target', {
            type: 'string',
            default: 'local',
            describe:
              'local (embedded endpoint on a free loopback port), an http://127.0.0.1:PORT URL, or aws / an https URL (guarded: --allow-bus, --max-spend-usd)',
          })
          .option('out', {
            type: 'string',
            describe: 'run directory (default reports/runs/<scenario>/<UTC time>/)',
          })
          .option('duration', { type: 'string', describe: 'override the scenario duration, e.g. 10s, 2m' })
          .option('rate-scale', {
            type: 'string',
            default: '1',
            describe:
              'multiply every producer rate; auto: size the run to this machine now (a 0.3 s probe of the share of a core a thread gets; npm start uses it)',
          })
          .option('seed', {
            type: 'number',
            default: 1,
            describe: 'seed for entry sizes, detail types and faults',
          })
          .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
          .option('transport', {
            type: 'string',
            choices: ['sdk', 'lean'],
            default: 'sdk',
            describe:
              'sdk: the real @aws-sdk/client-eventbridge; lean: the same signed wire request over node:http (several times the calls/s per core)',
          })
          .option('shard', {
            type: 'string',
            describe:
              'run shard i of n shards of the plan, i counted from 0 (0/4 to 3/4 are the four shards; default: JOB_COMPLETION_INDEX of --shard-count / BUSLOAD_SHARD_COUNT, else 0/1, the whole plan)',
          })
          .option('shard-count', {
            type: 'number',
            describe:
              'shard count when the index comes from JOB_COMPLETION_INDEX (or set BUSLOAD_SHARD_COUNT)',
          })
          .option('start-at', {
            type: 'string',
            describe:
              'start the schedule at this ISO time (e.g. 2026-11-24T22:40:00Z) so shards run together',
          })
          .option('allow-bus', {
            type: 'string',
            array: true,
            describe: 'remote targets only: a bus the run may publish to (every scenario bus must be named)',
          })
          .option('max-spend-usd', {
            type: 'string',
            describe: "remote targets only: refuse to start when the run's predicted spend is over this",
          })
          .option('max-lag', {
            type: 'string',
            default: '1s',
            describe: 'drop (and count) a batch that is this far behind its intended send time',
          })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'with --out: replace the reports and trail files of a non-empty directory',
          })
          .option('json', { type: 'boolean', default: false, describe: 'print report.json to stdout' })
          .option('progress', {
            type: 'boolean',
            default: true,
            describe: 'live progress (--no-progress: none)',
          })
          .example(
            ...example(
              '$0 run scenarios/quickstart.yaml',
              'replay the quickstart (30 s) and write a run directory',
            ),
          )
          .example(
            ...example(
              '$0 run scenarios/quickstart.yaml --duration 10s --rate-scale 0.5',
              'a shorter, lighter run',
            ),
          )
          .example(
            ...example('$0 run scenarios/quickstart.yaml --no-progress --json > report.json', 'for scripts'),
          )
          .example(
            ...example(
              '$0 run s.yaml --shard 1/4 --start-at 2026-11-24T22:40:00Z --out shard-1',
              'the second of 4 shards (indexes 0 to 3); then busload merge shard-*/report.json --out merged',
            ),
          )
          .example(
            ...example(
              '$0 run s.yaml --target aws --allow-bus orders --max-spend-usd 0.50 --duration 30s',
              'a real bus, guarded',
            ),
          ),
      (args) =>
        handle(async () => {
          const { runCommand } = await import('./commands/run.js');
          return runCommand({
            scenarioFile: args.scenario as string,
            target: args.target,
            out: args.out,
            duration: args.duration,
            rateScale: args['rate-scale'],
            seed: args.seed,
            workers: args.workers,
            transport: args.transport,
            shard: args.shard,
            shardCount: args['shard-count'],
            startAt: args['start-at'],
            allowBus: args['allow-bus'] as string[] | undefined,
            maxSpendUsd: args['max-spend-usd'],
            maxLag: args['max-lag'],
            json: args.json,
            progress: args.progress,
            force: args.force,
          });
        }),
    )
    .command(
      'validate <scenarios..>',
      'check scenario files; every problem is listed (exit 0 or 2)',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, demandOption: true })
          .example(...example('$0 validate scenarios/*.yaml', 'check every shipped scenario')),
      (args) =>
        handle(async () => {
          const { validateCommand } = await import('./commands/validate.js');
          return validateCommand(args.scenarios as string[]);
        }),
    )
    .command(
      'cost <input>',
      'monthly cost per bus without generating load (from a scenario) or re-priced from a report.json',
      (y) =>
        y
          .positional('input', {
            type: 'string',
            demandOption: true,
            describe: 'scenario file or report.json',
          })
          .option('region', {
            type: 'string',
            describe: 'price in this region (default: the scenario region)',
          })
          .option('catalog', {
            type: 'string',
            describe: 'price catalog file (default: the bundled catalog)',
          })
          .option('logging', {
            type: 'string',
            array: true,
            describe: 'override a bus logging mode: <bus>=off|trail|lake-1y|lake-7y|cloudwatch-logs',
          })
          .option('assume', {
            type: 'string',
            array: true,
            describe:
              'switch a model assumption: <name>=<value>, e.g. failedRequestsLogged=false, s3RetentionDays=90, lakeRetentionDays=731, trailFilesPerHour=60, logsStorageCompressed=true',
          })
          .option('month', {
            type: 'string',
            describe:
              "price a calendar month's hours, YYYY-MM (e.g. 2027-02 = 672 h); default: 730 h, AWS's pricing convention",
          })
          .option('format', { type: 'string', choices: ['table', 'json', 'md'], default: 'table' })
          .example(
            ...example('$0 cost scenarios/quickstart.yaml', 'what the declared volumes cost per month'),
          )
          .example(
            ...example(
              '$0 cost scenarios/quickstart.yaml --logging telemetry=trail',
              'what-if: log telemetry too',
            ),
          )
          .example(
            ...example('$0 cost reports/runs/quickstart/<time>/report.json --format md', 're-price a run'),
          )
          .example(
            ...example(
              '$0 cost scenarios/quickstart.yaml --assume failedRequestsLogged=false',
              'switch an assumption',
            ),
          )
          .example(
            ...example(
              '$0 cost scenarios/quickstart.yaml --month 2027-02',
              'the bill of February 2027 (672 h)',
            ),
          ),
      (args) =>
        handle(async () => {
          const { costCommand } = await import('./commands/cost.js');
          return costCommand({
            input: args.input as string,
            region: args.region,
            catalog: args.catalog,
            logging: (args.logging ?? []) as string[],
            assume: (args.assume ?? []) as string[],
            ...(args.month !== undefined ? { month: args.month } : {}),
            format: args.format as 'table' | 'json' | 'md',
          });
        }),
    )
    .command(
      'emulator',
      'run the embedded EventBridge-compatible endpoint as a server',
      (y) =>
        y
          .option('host', {
            type: 'string',
            default: '127.0.0.1',
            describe: 'bind address (loopback by default)',
          })
          .option('port', { type: 'number', default: 0, describe: '0 = a free port' })
          .option('config', {
            type: 'string',
            describe: 'a scenario file whose buses and endpoint settings to use',
          })
          .option('trail-dir', {
            type: 'string',
            describe:
              'deliver CloudTrail files here; without --config every bus that receives PutEvents is logged, with one the buses whose logging is on',
          })
          .option('unknown-bus', {
            type: 'string',
            choices: ['create', 'drop'],
            describe:
              'an entry naming a bus that does not exist: create it (default without --config) or accept and drop it as AWS does (default with --config)',
          })
          .option('region', {
            type: 'string',
            describe: 'region (default: the config scenario region or us-east-1)',
          })
          .option('account-id', { type: 'string', describe: '12-digit account in ARNs and trail paths' })
          .option('quota-tps', {
            type: 'number',
            describe: 'account-level PutEvents requests/s (token-bucket rate)',
          })
          .option('burst', {
            type: 'number',
            describe: 'token-bucket burst in requests (default: the quota)',
          })
          .option('max-request-bytes', {
            type: 'number',
            describe: 'limit on the AWS entry-size sum per request (default 1048576)',
          })
          .option('max-body-bytes', {
            type: 'number',
            describe: 'HTTP body cap, 413 past it (default 4 MiB)',
          })
          .option('latency-p50-ms', { type: 'number', describe: 'added latency, lognormal median' })
          .option('latency-p99-ms', { type: 'number', describe: 'added latency, 99th percentile' })
          .option('stall-rate', { type: 'number', describe: 'probability an answer stalls' })
          .option('stall-ms', { type: 'number', describe: 'length of a stall (default 2000)' })
          .option('entry-internal-failure-rate', {
            type: 'number',
            describe: 'per-entry InternalFailure probability',
          })
          .option('entry-throttle-rate', {
            type: 'number',
            describe: 'per-entry ThrottlingException probability',
          })
          .option('internal-error-rate', {
            type: 'number',
            describe: 'HTTP 500 InternalException probability',
          })
          .option('connection-reset-rate', {
            type: 'number',
            describe: 'probability a processed request is answered with a TCP reset',
          })
          .option('seed', { type: 'number', describe: 'seed of the fault and latency draws' })
          .option('credentials', {
            type: 'string',
            describe:
              'JSON/YAML list of { accessKeyId, secretAccessKey, principal? }: verify SigV4 signatures',
          })
          .option('client-timeout-ms', {
            type: 'number',
            describe: 'cut clients that take longer to send a request (default 30000)',
          })
          .option('log-failed-requests', {
            type: 'boolean',
            describe: 'write trail records for failed requests too (default true; an assumption)',
          })
          .example(
            ...example(
              '$0 emulator --port 4010 --trail-dir /tmp/trail',
              'then: aws events put-events --endpoint-url http://127.0.0.1:4010 ...',
            ),
          )
          .example(
            ...example(
              '$0 emulator --config scenarios/quickstart.yaml --connection-reset-rate 0.01 --stall-rate 0.001',
              "the quickstart's buses, with 1% connection resets and 0.1% stalled answers",
            ),
          )
          .example(
            ...example(
              '$0 emulator --credentials keys.yaml',
              'verify signatures (wrong secret: InvalidSignatureException)',
            ),
          ),
      (args) =>
        handle(async () => {
          const { emulatorCommand } = await import('./commands/emulator.js');
          return emulatorCommand({
            host: args.host,
            port: args.port,
            config: args.config,
            trailDir: args['trail-dir'],
            region: args.region,
            accountId: args['account-id'],
            quotaTps: args['quota-tps'],
            burst: args.burst,
            maxRequestBytes: args['max-request-bytes'],
            maxBodyBytes: args['max-body-bytes'],
            latencyP50Ms: args['latency-p50-ms'],
            latencyP99Ms: args['latency-p99-ms'],
            stallRate: args['stall-rate'],
            stallMs: args['stall-ms'],
            entryInternalFailureRate: args['entry-internal-failure-rate'],
            entryThrottleRate: args['entry-throttle-rate'],
            internalErrorRate: args['internal-error-rate'],
            connectionResetRate: args['connection-reset-rate'],
            seed: args.seed,
            credentials: args.credentials,
            clientTimeoutMs: args['client-timeout-ms'],
            logFailedRequests: args['log-failed-requests'],
            unknownBus: args['unknown-bus'],
          });
        }),
    )
    .command(
      'pricing',
      'show the price catalog in use (every price with its source and date)',
      (y) =>
        y
          .option('catalog', { type: 'string', describe: 'catalog file (default: the bundled catalog)' })
          .option('region', { type: 'string', describe: 'only this region' })
          .option('format', { type: 'string', choices: ['table', 'json'], default: 'table' })
          .option('refresh', {
            type: 'boolean',
            default: false,
            describe: 'rebuild the catalog from the AWS Price List API (needs AWS credentials)',
          })
          .option('out', {
            type: 'string',
            describe:
              'with --refresh: folder for aws-<date>.json and its diff (default: the bundled catalogs)',
          })
          .option('date', {
            type: 'string',
            describe: 'with --refresh: the new catalog date (default: today, UTC)',
          })
          .option('endpoint-url', {
            type: 'string',
            describe: 'with --refresh: Price List API endpoint override',
          })
          .example(...example('$0 pricing --region eu-west-1', 'the prices used for eu-west-1'))
          .example(
            ...example(
              '$0 pricing --refresh --out /tmp/catalogs',
              'a new dated catalog and a diff against the bundled one',
            ),
          ),
      (args) =>
        handle(async () => {
          const { pricingCommand } = await import('./commands/pricing.js');
          return pricingCommand({
            catalog: args.catalog,
            region: args.region,
            format: args.format as 'table' | 'json',
            refresh: args.refresh,
            out: args.out,
            date: args.date,
            endpointUrl: args['endpoint-url'],
          });
        }),
    )
    .command(
      'compare <before> <after>',
      'before/after evidence for a design review: per-bus deltas of calls, entries per call, cost and latency',
      (y) =>
        y
          .positional('before', {
            type: 'string',
            demandOption: true,
            describe: 'report.json of the baseline run',
          })
          .positional('after', {
            type: 'string',
            demandOption: true,
            describe: 'report.json of the changed run',
          })
          .option('format', { type: 'string', choices: ['md', 'json', 'html'], default: 'md' })
          .option('out', {
            type: 'string',
            describe:
              'write to this file instead of stdout (stdout then gets the path and the summary sentence)',
          })
          .option('allow-different', {
            type: 'boolean',
            default: false,
            describe:
              'compare reports of different scenarios (neither the same name nor the same scenario family); the comparison says what differs',
          })
          .options(REPRICING_OPTIONS)
          .example(
            ...example('$0 compare before/report.json after/report.json', 'Markdown for the pull request'),
          )
          .example(
            ...example(
              '$0 compare before/report.json after/report.json --format html --out compare.html',
              'one offline page',
            ),
          ),
      (args) =>
        handle(async () => {
          const { compareCommand } = await import('./commands/compare.js');
          return compareCommand({
            before: args.before as string,
            after: args.after as string,
            format: args.format as 'md' | 'json' | 'html',
            out: args.out,
            allowDifferent: args['allow-different'],
            asRecorded: args['as-recorded'],
            catalog: args.catalog,
          });
        }),
    )
    .command(
      'regress <current>',
      'nightly gate: check a run against a baseline report and a policy (exit 3 on regression)',
      (y) =>
        y
          .positional('current', {
            type: 'string',
            demandOption: true,
            describe: "report.json of tonight's run",
          })
          .option('baseline', {
            type: 'string',
            describe: 'baseline report.json (default reports/baselines/<scenario>.json)',
          })
          .option('policy', { type: 'string', describe: 'policy file (YAML); default: the built-in policy' })
          .option('junit', { type: 'string', describe: 'write a JUnit XML file (one testcase per rule)' })
          .option('bench-json', {
            type: 'string',
            describe: 'write [{name, unit, value}] for CI benchmark charts',
          })
          .option('publish-cloudwatch', {
            type: 'boolean',
            default: false,
            describe: 'PutMetricData per bus',
          })
          .option('namespace', { type: 'string', default: 'Busload', describe: 'CloudWatch namespace' })
          .option('cloudwatch-endpoint', {
            type: 'string',
            describe: 'CloudWatch endpoint URL (default $AWS_ENDPOINT_URL_CLOUDWATCH, else AWS)',
          })
          .option('region', { type: 'string', describe: "CloudWatch region (default: the report's region)" })
          .option('update-baseline', {
            type: 'boolean',
            default: false,
            describe: 'accept the current run as baseline (writes it, skips the gate)',
          })
          .option('allow-other-scenario', {
            type: 'boolean',
            default: false,
            describe: 'gate against a baseline of another scenario (refused by default: exit 2)',
          })
          .options(REPRICING_OPTIONS)
          .example(
            ...example(
              '$0 regress run/report.json',
              'gate against reports/baselines/<scenario>.json, built-in policy',
            ),
          )
          .example(
            ...example(
              '$0 regress run/report.json --baseline base.json --policy policy.yaml --junit junit.xml',
              'for CI',
            ),
          )
          .example(
            ...example('$0 regress run/report.json --update-baseline', 'accept this run as the new baseline'),
          ),
      (args) =>
        handle(async () => {
          const { regressCommand } = await import('./commands/regress.js');
          return regressCommand({
            current: args.current as string,
            baseline: args.baseline,
            policy: args.policy,
            junit: args.junit,
            benchJson: args['bench-json'],
            publishCloudwatch: args['publish-cloudwatch'],
            namespace: args.namespace,
            cloudwatchEndpoint: args['cloudwatch-endpoint'],
            region: args.region,
            updateBaseline: args['update-baseline'],
            allowOtherScenario: args['allow-other-scenario'],
            asRecorded: args['as-recorded'],
            catalog: args.catalog,
          });
        }),
    )
    .command(
      'merge <reports..>',
      'merge shard reports exactly (counts summed, histograms added, cost re-estimated)',
      (y) =>
        y
          .positional('reports', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'the report.json of every shard',
          })
          .option('out', {
            type: 'string',
            demandOption: true,
            describe: 'directory for the merged reports',
          })
          .option('catalog', {
            type: 'string',
            describe: 'price catalog file (default: the bundled catalog)',
          })
          .example(
            ...example(
              '$0 merge shards/*/report.json --out merged',
              'one report of the whole plan from the shards of an Indexed Job',
            ),
          ),
      (args) =>
        handle(async () => {
          const { mergeCommand } = await import('./commands/merge.js');
          return mergeCommand({
            reports: args.reports as string[],
            out: args.out,
            catalog: args.catalog,
          });
        }),
    )
    .command(
      'audit <paths..>',
      'who called PutEvents on which bus: counts by bus x principal x source IP x outcome from CloudTrail files',
      (y) =>
        y
          .positional('paths', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'files or directories',
          })
          .option('format', { type: 'string', choices: ['table', 'json', 'md'], default: 'table' })
          .option('bus', { type: 'string', array: true, describe: 'only these buses' })
          .option('since', { type: 'string', describe: 'only records at or after this ISO time' })
          .option('until', { type: 'string', describe: 'only records before this ISO time' })
          .example(
            ...example('$0 audit reports/runs/rogue-producer/<time>/cloudtrail', "a run's trail files"),
          )
          .example(
            ...example(
              '$0 audit ./trail-bucket-copy --bus orders --since 2026-11-24T00:00:00Z --format md',
              'files downloaded from a real trail bucket',
            ),
          ),
      (args) =>
        handle(async () => {
          const { auditCommand } = await import('./commands/audit.js');
          return auditCommand({
            paths: args.paths as string[],
            format: args.format as 'table' | 'json' | 'md',
            bus: args.bus as string[] | undefined,
            since: args.since,
            until: args.until,
          });
        }),
    )
    .command(
      'profile',
      "build a scenario and a cost estimate from a real account's AWS/Events PutEvents metrics",
      (y) =>
        y
          .option('from-cloudwatch', {
            type: 'boolean',
            default: false,
            describe: 'read GetMetricData (required)',
          })
          .option('days', { type: 'number', default: 7, describe: 'whole days of metrics before now' })
          .option('region', { type: 'string', default: 'us-east-1' })
          .option('split', {
            type: 'string',
            describe: 'per-bus shares, e.g. orders=0.6,payments=0.3,telemetry=0.1',
          })
          .option('split-by-rules', {
            type: 'boolean',
            default: false,
            describe: "split by each bus's MatchedEvents rule metrics (with --buses)",
          })
          .option('buses', { type: 'string', describe: 'with --split-by-rules: bus names, comma-separated' })
          .option('out', {
            type: 'string',
            describe: 'scenario file to write (default profile-<region>.yaml)',
          })
          .option('duration', {
            type: 'string',
            default: '10m',
            describe: 'replay length of the written scenario',
          })
          .option('catalog', {
            type: 'string',
            describe: 'price catalog file (default: the bundled catalog)',
          })
          .option('month', {
            type: 'string',
            describe:
              "price a calendar month's hours, YYYY-MM (e.g. 2027-02 = 672 h); default: 730 h, AWS's pricing convention",
          })
          .option('format', { type: 'string', choices: ['table', 'json'], default: 'table' })
          .option('endpoint-url', { type: 'string', describe: 'CloudWatch endpoint override' })
          .example(
            ...example(
              '$0 profile --from-cloudwatch --days 7 --region eu-west-1 --split orders=0.6,payments=0.3,telemetry=0.1',
              'a week of PutEvents metrics -> profile-eu-west-1.yaml and its monthly cost',
            ),
          )
          .example(
            ...example(
              '$0 profile --from-cloudwatch --split-by-rules --buses orders,payments',
              'split by rule metrics',
            ),
          ),
      (args) =>
        handle(async () => {
          const { profileCommand } = await import('./commands/profile.js');
          return profileCommand({
            fromCloudwatch: args['from-cloudwatch'],
            days: args.days,
            region: args.region,
            split: args.split,
            splitByRules: args['split-by-rules'],
            buses: args.buses,
            out: args.out,
            duration: args.duration,
            catalog: args.catalog,
            ...(args.month !== undefined ? { month: args.month } : {}),
            format: args.format as 'table' | 'json',
            endpointUrl: args['endpoint-url'],
          });
        }),
    )
    .demandCommand(
      1,
      'name a command: run, validate, cost, compare, regress, merge, audit, emulator, pricing, profile',
    )
    .strict()
    .recommendCommands()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(HELP_WIDTH)
    .epilogue(
      'Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 threshold or regression failed, 4 run degraded, 5 run failed (no call succeeded), 6 a service could not be reached (no network), 130 interrupted.',
    )
    .fail((message, error) => {
      if (error) {
        process.exitCode = reportError(error);
        process.exit(process.exitCode);
      }
      process.stderr.write(`busload: ${message}\nRun 'busload --help' for usage.\n`);
      process.exit(ExitCode.invalidInput);
    });
  await cli.parseAsync();
}

await main(hideBin(process.argv));
