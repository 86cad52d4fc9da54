/**
 * busload's command line. Declares every command in one place; each handler lazily imports its
 * implementation and returns an exit code. This is the only module that calls process.exit.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, InputError } from './errors.js';
import { TOOL_VERSION } from './version.js';

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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`busload: internal error: ${message}\n`);
  if (process.env.BUSLOAD_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('(set BUSLOAD_DEBUG=1 for the stack trace)\n');
  return ExitCode.internal;
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
            describe: 'local (embedded endpoint on a free loopback port) or an http://127.0.0.1:PORT URL',
          })
          .option('out', {
            type: 'string',
            describe: 'run directory (default reports/runs/<scenario>/<UTC time>/)',
          })
          .option('duration', { type: 'string', describe: 'override the scenario duration, e.g. 10s, 2m' })
          .option('rate-scale', { type: 'number', default: 1, describe: 'multiply every producer rate' })
          .option('seed', {
            type: 'number',
            default: 1,
            describe: 'seed for entry sizes, detail types and faults',
          })
          .option('workers', { type: 'number', describe: 'worker threads (default: available cores)' })
          .option('transport', { type: 'string', choices: ['sdk', 'lean'], default: 'sdk' })
          .option('shard', {
            type: 'string',
            default: '0/1',
            describe: 'run shard i of n (only 0/1 for now)',
          })
          .option('max-lag', {
            type: 'string',
            default: '1s',
            describe: 'drop (and count) a batch that is this far behind its intended send time',
          })
          .option('json', { type: 'boolean', default: false, describe: 'print report.json to stdout' })
          .option('progress', {
            type: 'boolean',
            default: true,
            describe: 'live progress (--no-progress: none)',
          })
          .example(
            '$0 run scenarios/quickstart.yaml',
            'replay the quickstart (30 s) and write a run directory',
          )
          .example(
            '$0 run scenarios/quickstart.yaml --duration 10s --rate-scale 0.5',
            'a shorter, lighter run',
          )
          .example('$0 run scenarios/quickstart.yaml --no-progress --json > report.json', 'for scripts'),
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
            maxLag: args['max-lag'],
            json: args.json,
            progress: args.progress,
          });
        }),
    )
    .command(
      'validate <scenarios..>',
      'check scenario files; every problem is listed (exit 0 or 2)',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, demandOption: true })
          .example('$0 validate scenarios/*.yaml', 'check every shipped scenario'),
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
          .option('format', { type: 'string', choices: ['table', 'json', 'md'], default: 'table' })
          .example('$0 cost scenarios/quickstart.yaml', 'what the declared volumes cost per month')
          .example(
            '$0 cost scenarios/quickstart.yaml --logging telemetry=trail',
            'what-if: log telemetry too',
          )
          .example('$0 cost reports/runs/quickstart/<time>/report.json --format md', 're-price a run'),
      (args) =>
        handle(async () => {
          const { costCommand } = await import('./commands/cost.js');
          return costCommand({
            input: args.input as string,
            region: args.region,
            catalog: args.catalog,
            logging: (args.logging ?? []) as string[],
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
          .option('trail-dir', { type: 'string', describe: 'deliver CloudTrail files here' })
          .option('region', {
            type: 'string',
            describe: 'region (default: the config scenario region or us-east-1)',
          })
          .option('quota-tps', { type: 'number', describe: 'account-level PutEvents requests/s' })
          .example(
            '$0 emulator --port 4010 --trail-dir /tmp/trail',
            'then: aws events put-events --endpoint-url http://127.0.0.1:4010 ...',
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
            quotaTps: args['quota-tps'],
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
          .option('format', { type: 'string', choices: ['table', 'json'], default: 'table' }),
      (args) =>
        handle(async () => {
          const { pricingCommand } = await import('./commands/pricing.js');
          return pricingCommand({
            catalog: args.catalog,
            region: args.region,
            format: args.format as 'table' | 'json',
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
          .option('out', { type: 'string', describe: 'write to this file instead of stdout' })
          .example('$0 compare before/report.json after/report.json --format html --out compare.html', ''),
      (args) =>
        handle(async () => {
          const { compareCommand } = await import('./commands/compare.js');
          return compareCommand(args as unknown as Parameters<typeof compareCommand>[0]);
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
          .option('update-baseline', {
            type: 'boolean',
            default: false,
            describe: 'accept the current run as baseline',
          }),
      (args) =>
        handle(async () => {
          const { regressCommand } = await import('./commands/regress.js');
          return regressCommand(args as unknown as Parameters<typeof regressCommand>[0]);
        }),
    )
    .command(
      'merge <reports..>',
      'merge shard reports exactly (counts summed, histograms added, cost re-estimated)',
      (y) =>
        y.positional('reports', { type: 'string', array: true, demandOption: true }).option('out', {
          type: 'string',
          demandOption: true,
          describe: 'directory for the merged reports',
        }),
      (args) =>
        handle(async () => {
          const { mergeCommand } = await import('./commands/merge.js');
          return mergeCommand(args as unknown as Parameters<typeof mergeCommand>[0]);
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
          .option('until', { type: 'string', describe: 'only records before this ISO time' }),
      (args) =>
        handle(async () => {
          const { auditCommand } = await import('./commands/audit.js');
          return auditCommand(args as unknown as Parameters<typeof auditCommand>[0]);
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
          .option('days', { type: 'number', default: 7 })
          .option('region', { type: 'string', default: 'us-east-1' })
          .option('split', {
            type: 'string',
            describe: 'per-bus shares, e.g. orders=0.6,payments=0.3,telemetry=0.1',
          })
          .option('out', { type: 'string', describe: 'scenario file to write' }),
      (args) =>
        handle(async () => {
          const { profileCommand } = await import('./commands/profile.js');
          return profileCommand(args as unknown as Parameters<typeof profileCommand>[0]);
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
    .wrap(Math.min(110, process.stdout.columns || 110))
    .epilogue('Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 threshold failed, 130 interrupted.')
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
