/**
 * `busload regress <current.json> --baseline <baseline.json>`: the nightly gate. Checks tonight's report
 * against the accepted baseline with a policy (YAML, or the built-in one), prints a table of rules, and
 * exits 3 when a rule fails. Optional outputs: JUnit XML, benchmark JSON, CloudWatch metrics.
 * Baselines live in reports/baselines/<scenario>.json by convention; --update-baseline accepts tonight's run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode, InputError } from '../../errors.js';
import type { Policy } from '../../report/gate/policy.js';
import { example } from '../help.js';
import { type BusloadCommand, type FlagsOf, REPRICING_OPTIONS } from '../options.js';
import { loadReportOrFail, priceForCommand } from '../report-input.js';

function builder(yargs: Argv) {
  return yargs
    .positional('current', {
      type: 'string',
      demandOption: true,
      describe: "report.json of tonight's run",
    })
    .options({
      baseline: {
        type: 'string',
        describe: 'baseline report.json (default reports/baselines/<scenario>.json)',
      },
      policy: { type: 'string', describe: 'policy file (YAML); default: the built-in policy' },
      junit: { type: 'string', describe: 'write a JUnit XML file (one testcase per rule)' },
      'bench-json': {
        type: 'string',
        describe: 'write [{name, unit, value}] for CI benchmark charts',
      },
      'publish-cloudwatch': {
        type: 'boolean',
        default: false,
        describe: 'PutMetricData per bus',
      },
      namespace: { type: 'string', default: 'Busload', describe: 'CloudWatch namespace' },
      'cloudwatch-endpoint': {
        type: 'string',
        describe: 'CloudWatch endpoint URL (default $AWS_ENDPOINT_URL_CLOUDWATCH, else AWS)',
      },
      region: { type: 'string', describe: "CloudWatch region (default: the report's region)" },
      'update-baseline': {
        type: 'boolean',
        default: false,
        describe: 'accept the current run as baseline (writes it, skips the gate)',
      },
      'allow-other-scenario': {
        type: 'boolean',
        default: false,
        describe: 'gate against a baseline of another scenario (refused by default: exit 2)',
      },
      ...REPRICING_OPTIONS,
    })
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
    );
}

/** The flags of `busload regress`, as its handler gets them. */
export type RegressFlags = FlagsOf<typeof builder>;

export const regressCommand: BusloadCommand<typeof builder> = {
  command: 'regress <current>',
  describe: 'nightly gate: check a run against a baseline report and a policy (exit 3 on regression)',
  builder,
  handler: regress,
};

/** Where a scenario's baseline lives by convention. */
export function defaultBaselinePath(scenario: string): string {
  return join('reports', 'baselines', `${scenario}.json`);
}

async function loadPolicy(file: string | undefined): Promise<Policy> {
  const { defaultPolicy, parsePolicy } = await import('../../report/gate/policy.js');
  if (file === undefined) return defaultPolicy();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `${file}: cannot read the policy (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const parsed = parsePolicy(text, file);
  if ('errors' in parsed) throw new InputError(parsed.errors.join('\n'));
  return parsed.policy;
}

async function writeOutput(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}

/** Gates the current report against the baseline with the policy (or accepts it as the baseline). */
async function regress(options: RegressFlags): Promise<number> {
  // Loaded when the command runs, not when the CLI starts (`busload --help` stays quick).
  const { evaluatePolicy, validatePolicy } = await import('../../report/gate/regress.js');
  const { benchEntries, cloudWatchPoints, renderJunit, renderRegressTable } = await import(
    '../../report/gate/outputs.js'
  );
  const recordedCurrent = await loadReportOrFail(options.current);
  const baselinePath = options.baseline ?? defaultBaselinePath(recordedCurrent.scenario.name);

  if (options.updateBaseline) {
    // write.js loads every renderer (and the charting library): only needed here.
    const { serializeReport } = await import('../../report/write.js');
    await writeOutput(baselinePath, serializeReport(recordedCurrent));
    process.stdout.write(`baseline updated: ${baselinePath} (from ${options.current})\n`);
    return ExitCode.ok;
  }

  // Validate everything before evaluating anything.
  const policy = await loadPolicy(options.policy);
  let recordedBaseline: Awaited<ReturnType<typeof loadReportOrFail>>;
  try {
    recordedBaseline = await loadReportOrFail(baselinePath);
  } catch (error) {
    if (options.baseline === undefined && error instanceof InputError && /ENOENT/.test(error.message)) {
      throw new InputError(
        `${baselinePath}: no baseline for scenario "${recordedCurrent.scenario.name}" (pass --baseline <file>, or accept this run with --update-baseline)`,
      );
    }
    throw error;
  }
  // Both priced alike: re-priced with the current model and catalog unless --as-recorded.
  const { reports, note } = await priceForCommand(
    {
      current: { report: recordedCurrent, file: options.current },
      baseline: { report: recordedBaseline, file: baselinePath },
    },
    options,
  );
  const { current, baseline } = reports;
  const problems = validatePolicy(policy, current, baseline);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  if (baseline.scenario.name !== current.scenario.name) {
    const text = `the baseline (${baselinePath}) is of scenario "${baseline.scenario.name}", tonight's run (${options.current}) of "${current.scenario.name}"`;
    if (!options.allowOtherScenario) {
      throw new InputError(
        `${text}; gate against a baseline of the same scenario, or pass --allow-other-scenario`,
      );
    }
    process.stderr.write(`busload: warning: ${text} (--allow-other-scenario)\n`);
  }

  const result = evaluatePolicy(policy, current, baseline);
  result.notes.push(note.text);
  process.stdout.write(renderRegressTable(result));
  if (options.junit) await writeOutput(options.junit, renderJunit(result));
  if (options.benchJson) {
    await writeOutput(options.benchJson, `${JSON.stringify(benchEntries(current), null, 2)}\n`);
  }
  if (options.publishCloudwatch) {
    // The CloudWatch SDK is loaded only when publishing.
    const { publishMetrics } = await import('../../aws/cloudwatch-publish.js');
    const endpointUrl = options.cloudwatchEndpoint || process.env.AWS_ENDPOINT_URL_CLOUDWATCH || undefined;
    const published = await publishMetrics(cloudWatchPoints(current), {
      namespace: options.namespace,
      region: options.region ?? current.run.region,
      ...(endpointUrl ? { endpointUrl } : {}),
    });
    process.stderr.write(
      `published ${published.metrics} metrics to CloudWatch namespace ${published.namespace} in ${published.requests} request(s)${endpointUrl ? ` at ${endpointUrl}` : ''}\n`,
    );
  }
  return result.passed ? ExitCode.ok : ExitCode.thresholdFailed;
}
