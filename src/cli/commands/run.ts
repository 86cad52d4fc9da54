/**
 * `busload run <scenario>`: checks the flags, runs the engine (src/run/execute.ts) within a session that owns
 * the signals and the progress display, then prints the summary, the thresholds and the run directory (the
 * last line) and turns the outcome into the exit code.
 */
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import type { RunReport } from '../../report/types.js';
import type { RunOutcome, RunRequest } from '../../run/execute.js';
import { example } from '../help.js';
import type { BusloadCommand, FlagsOf } from '../options.js';
import { TOOL_VERSION } from '../version.js';

function builder(yargs: Argv) {
  return yargs
    .positional('scenario', {
      type: 'string',
      demandOption: true,
      describe: 'scenario file (YAML or JSON)',
    })
    .options({
      target: {
        type: 'string',
        default: 'local',
        describe:
          'local (embedded endpoint on a free loopback port), an http://127.0.0.1:PORT URL, or aws / an https URL (guarded: --allow-bus, --max-spend-usd)',
      },
      out: {
        type: 'string',
        describe: 'run directory (default reports/runs/<scenario>/<UTC time>/)',
      },
      duration: { type: 'string', describe: 'override the scenario duration, e.g. 10s, 2m' },
      'rate-scale': {
        type: 'string',
        default: '1',
        describe:
          'multiply every producer rate; auto: size the run to this machine now (a 0.3 s probe of the share of a core a thread gets; npm start uses it)',
      },
      seed: {
        type: 'number',
        default: 1,
        describe: 'seed for entry sizes, detail types and faults',
      },
      workers: {
        type: 'number',
        describe: 'worker threads (default: as many as the planned rate needs, at most the available cores)',
      },
      transport: {
        type: 'string',
        choices: ['sdk', 'lean'],
        default: 'sdk',
        describe:
          'sdk: the real @aws-sdk/client-eventbridge; lean: the same signed wire request over node:http (several times the calls/s per core)',
      },
      shard: {
        type: 'string',
        describe:
          'run shard i of n shards of the plan, i counted from 0 (0/4 to 3/4 are the four shards; default: JOB_COMPLETION_INDEX of --shard-count / BUSLOAD_SHARD_COUNT, else 0/1, the whole plan)',
      },
      'shard-count': {
        type: 'number',
        describe: 'shard count when the index comes from JOB_COMPLETION_INDEX (or set BUSLOAD_SHARD_COUNT)',
      },
      'start-at': {
        type: 'string',
        describe: 'start the schedule at this ISO time (e.g. 2026-11-24T22:40:00Z) so shards run together',
      },
      'allow-bus': {
        type: 'string',
        array: true,
        describe: 'remote targets only: a bus the run may publish to (every scenario bus must be named)',
      },
      'max-spend-usd': {
        type: 'string',
        describe: "remote targets only: refuse to start when the run's predicted spend is over this",
      },
      'max-lag': {
        type: 'string',
        default: '1s',
        describe: 'drop (and count) a batch that is this far behind its intended send time',
      },
      force: {
        type: 'boolean',
        default: false,
        describe: 'with --out: replace the reports and trail files of a non-empty directory',
      },
      json: { type: 'boolean', default: false, describe: 'print report.json to stdout' },
      progress: {
        type: 'boolean',
        default: true,
        describe: 'live progress (--no-progress: none)',
      },
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
    .example(...example('$0 run scenarios/quickstart.yaml --no-progress --json > report.json', 'for scripts'))
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
    );
}

/** The flags of `busload run`, as its handler gets them. */
export type RunFlags = FlagsOf<typeof builder>;

export const runCommand: BusloadCommand<typeof builder> = {
  command: 'run <scenario>',
  describe: 'replay a scenario against the embedded endpoint (or a URL) and price it',
  builder,
  handler: run,
};

/** Replays the scenario, writes the run directory and prints its summary. */
async function run(flags: RunFlags): Promise<number> {
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
  const { RunSession } = await import('../../run/session.js');
  const { executeRun } = await import('../../run/execute.js');
  const { createProgressView } = await import('../progress-view.js');
  // Loaded before the run, not after it: a stopped run must write and print its report within the stop deadline.
  const { renderSummary } = await import('../../report/run/summary.js');
  // Signals are honoured from the first moment (loading, planning, worker start-up, draining): a stop before
  // the workers start still writes an interrupted report. A signal during the flag checks below is the
  // process's default (nothing has started yet).
  const request = await runRequestOf(flags);
  const tty = Boolean(process.stderr.isTTY);
  const session = new RunSession({
    view: flags.progress ? createProgressView(process.stderr, tty) : null,
    tty,
    notes: process.stderr,
  });
  try {
    const outcome = await executeRun(request, session);
    return printOutcome(outcome, flags.json, session.signalled, renderSummary);
  } finally {
    session.close();
  }
}

function durationFlag(
  name: string,
  value: string,
  parseDurationMs: typeof import('../../scenario/units.js').parseDurationMs,
): number {
  const parsed = parseDurationMs(value);
  if (!parsed.ok || !(parsed.value > 0)) {
    throw new InputError(`--${name} ${value}: ${parsed.ok ? 'must be > 0' : parsed.message}`);
  }
  return parsed.value;
}

/** Checks every flag (exit 2 naming the flag) and resolves the defaults that depend on this machine. */
export async function runRequestOf(flags: RunFlags): Promise<RunRequest> {
  const { availableParallelism } = await import('node:os');
  const { parseTarget } = await import('../../run/guard.js');
  const { describeShard, parseStartAt, resolveShard } = await import('../../run/shard.js');
  const { availableMemoryBytes, workerLimit } = await import('../../run/worker-limit.js');
  const { parseDurationMs } = await import('../../scenario/units.js');
  if (flags.transport !== 'sdk' && flags.transport !== 'lean') {
    throw new InputError(`--transport ${flags.transport}: expected sdk (the default) or lean`);
  }
  const shard = resolveShard({ flag: flags.shard, countFlag: flags.shardCount, env: process.env });
  const startAtEpochMs = flags.startAt === undefined ? undefined : parseStartAt(flags.startAt, Date.now());
  const target = parseTarget(flags.target);
  const fixedRateScale = flags.rateScale === 'auto' ? null : Number(flags.rateScale);
  if (fixedRateScale === null && shard.count > 1) {
    throw new InputError(
      `--rate-scale auto with ${describeShard(shard)}: every shard would size itself to its own machine and the merged plan would mix scales; give the shards one number (e.g. --rate-scale 0.5)`,
    );
  }
  if (fixedRateScale !== null && (!(fixedRateScale > 0) || !Number.isFinite(fixedRateScale))) {
    throw new InputError(`--rate-scale ${flags.rateScale}: expected a number > 0, or auto`);
  }
  if (flags.workers !== undefined && !(Number.isInteger(flags.workers) && flags.workers >= 1)) {
    throw new InputError(`--workers ${flags.workers}: expected a whole number >= 1`);
  }
  if (!Number.isSafeInteger(flags.seed))
    throw new InputError(`--seed ${flags.seed}: expected a whole number`);
  const maxLagMs = durationFlag('max-lag', flags.maxLag, parseDurationMs);
  const durationMs =
    flags.duration === undefined ? undefined : durationFlag('duration', flags.duration, parseDurationMs);
  const cores = availableParallelism();
  const limit = workerLimit(cores, availableMemoryBytes());
  if (flags.workers !== undefined && flags.workers > limit.maxWorkers) {
    throw new InputError(
      `--workers ${flags.workers}: expected at most ${limit.maxWorkers} (${limit.reason})`,
    );
  }
  return {
    scenarioFile: flags.scenario,
    target,
    out: flags.out,
    force: flags.force,
    durationMs,
    rateScale: fixedRateScale ?? 'auto',
    seed: flags.seed,
    // The default: as many as the planned rate needs, at most one per core within the same limit.
    workers: flags.workers ?? Math.min(cores, limit.maxWorkers),
    workersGiven: flags.workers !== undefined,
    cores,
    transport: flags.transport,
    shard,
    startAtEpochMs,
    allowBus: flags.allowBus ?? [],
    maxSpendUsd: flags.maxSpendUsd,
    maxLagMs,
    typed: { rateScale: flags.rateScale, duration: flags.duration },
    toolVersion: TOOL_VERSION,
  };
}

/**
 * Prints the summary (to stderr with --json, whose report goes to stdout), the thresholds, a status that is
 * not "completed" and the run directory (the last line), and returns the exit code.
 */
function printOutcome(
  outcome: RunOutcome,
  json: boolean,
  signalled: boolean,
  renderSummary: typeof import('../../report/run/summary.js').renderSummary,
): number {
  const { report, runDir, thresholdResults, thresholdErrors, writeError } = outcome;
  const out = json ? process.stderr : process.stdout;
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  out.write(
    renderSummary(report, {
      color: Boolean(out.isTTY) && !process.env.NO_COLOR,
      details: harnessDetails(report),
    }),
  );
  for (const result of thresholdResults) {
    for (const check of result.checks) {
      out.write(
        `threshold ${check.passed ? 'ok    ' : 'FAILED'} ${result.source} (${check.path} = ${check.actual})\n`,
      );
    }
  }
  for (const error of thresholdErrors) out.write(`threshold ERROR  ${error}\n`);
  if (report.status !== 'completed') out.write(`status: ${report.status}: ${report.statusReason ?? ''}\n`);
  // A report that could not be written was still shown above; the write error then ends the run (exit 2).
  if (writeError !== null) throw writeError;
  out.write(`${runDir}\n`);

  if (report.status === 'interrupted' || signalled) return ExitCode.interrupted;
  if (report.status === 'failed') return ExitCode.failed;
  if (thresholdErrors.length > 0) return ExitCode.invalidInput;
  if (report.status === 'degraded') return ExitCode.degraded;
  if (thresholdResults.some((result) => !result.passed)) return ExitCode.thresholdFailed;
  return ExitCode.ok;
}

/**
 * What limited a run whose harness was saturated, and what to try (printed under the summary's banner, at the
 * top): which threads were how busy, the largest lag.
 */
function harnessDetails(report: RunReport): string[] {
  const details: string[] = [];
  if (report.generator.saturated) {
    const busiest = (report.generator.workers ?? []).map(
      (w) => `worker ${w.index} ${Math.round(w.eventLoopUtilization * 100)}% busy`,
    );
    if (report.generator.endpoint) {
      busiest.push(
        `endpoint thread ${Math.round(report.generator.endpoint.eventLoopUtilization * 100)}% busy`,
      );
    }
    details.push(
      `! the generator was saturated (${busiest.join(', ')}; max lag ${report.generator.maxLagMs} ms): ` +
        `the numbers show this machine's limit, not the bus's; try ${report.run.transport === 'sdk' ? '--transport lean, ' : ''}fewer buses, a lower --rate-scale or more machines (--shard)`,
    );
  }
  const endpointThread = report.generator.endpoint;
  if (endpointThread?.saturated) {
    details.push(
      `! the embedded endpoint was saturated (its thread ${Math.round(endpointThread.eventLoopUtilization * 100)}% busy): ` +
        'latencies include queueing in the endpoint; run `busload emulator` in its own process and pass its URL to --target, or lower --rate-scale',
    );
  }
  return details;
}
