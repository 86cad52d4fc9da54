/**
 * `busload regress <current.json> --baseline <baseline.json>`: the nightly gate. Checks tonight's report
 * against the accepted baseline with a policy (YAML, or the built-in one), prints a table of rules, and
 * exits 3 when a rule fails. Optional outputs: JUnit XML, benchmark JSON, CloudWatch metrics.
 * Baselines live in reports/baselines/<scenario>.json by convention; --update-baseline accepts tonight's run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExitCode, InputError } from '../../errors.js';
import {
  benchEntries,
  cloudWatchPoints,
  renderJunit,
  renderRegressTable,
} from '../../report/gate/outputs.js';
import { defaultPolicy, type Policy, parsePolicy } from '../../report/gate/policy.js';
import { evaluatePolicy, validatePolicy } from '../../report/gate/regress.js';
import { loadReportOrFail, priceForCommand } from './compare.js';

export interface RegressOptions {
  current: string;
  baseline?: string;
  policy?: string;
  junit?: string;
  benchJson?: string;
  publishCloudwatch: boolean;
  namespace: string;
  /** CloudWatch endpoint URL; default AWS_ENDPOINT_URL_CLOUDWATCH, else the SDK's endpoint for the region. */
  cloudwatchEndpoint?: string;
  /** CloudWatch region; default the report's region. */
  region?: string;
  updateBaseline: boolean;
  /** Gate against a baseline of another scenario (refused without it). */
  allowOtherScenario?: boolean;
  /** Keep the reports' stored cost blocks (default: re-price both with the current model and catalog). */
  asRecorded?: boolean;
  /** Catalog to re-price with (default: the bundled one). */
  catalog?: string;
}

/** Where a scenario's baseline lives by convention. */
export function defaultBaselinePath(scenario: string): string {
  return join('reports', 'baselines', `${scenario}.json`);
}

async function loadPolicy(file: string | undefined): Promise<Policy> {
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

export async function regressCommand(options: RegressOptions): Promise<number> {
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
