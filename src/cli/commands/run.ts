/**
 * `busload run <scenario>`: replay, report, print the summary; the run directory is the last line.
 */
import { join, resolve } from 'node:path';
import { renderSummary } from '../../report/render-summary.js';
import { writeRunReports } from '../../report/write.js';
import { loadCatalogFile } from '../../run/catalog-file.js';
import { applyOverrides, plannedRatePerSec } from '../../run/overrides.js';
import { formatProgressLine, ProgressAccumulator, ProgressPrinter } from '../../run/progress.js';
import { runScenario } from '../../run/run-scenario.js';
import { evaluateThresholds, parseThreshold } from '../../run/thresholds.js';
import { loadScenario } from '../../scenario/load.js';
import { parseDurationMs } from '../../scenario/units.js';
import { ExitCode, InputError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';

export interface RunCommandOptions {
  scenarioFile: string;
  target: string;
  out?: string;
  duration?: string;
  rateScale: number;
  seed: number;
  workers?: number;
  transport: string;
  shard: string;
  maxLag: string;
  json: boolean;
  progress: boolean;
}

/** Checks the target: the embedded endpoint, or an endpoint already listening on loopback. */
export function checkTarget(target: string): string {
  if (target === 'local') return target;
  if (target === 'aws' || target.startsWith('https://')) {
    throw new InputError(
      `--target ${target}: real AWS targets are not available in this version (they need the --allow-bus and --max-spend-usd guard); use --target local or an http://127.0.0.1:PORT endpoint`,
    );
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError(`--target ${target}: expected "local" or a URL such as http://127.0.0.1:4010`);
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new InputError(
      `--target ${target}: only loopback endpoints (http://127.0.0.1:PORT, http://[::1]:PORT) are allowed`,
    );
  }
  return url.origin;
}

function durationFlag(name: string, value: string): number {
  const parsed = parseDurationMs(value);
  if (!parsed.ok || !(parsed.value > 0)) {
    throw new InputError(`--${name} ${value}: ${parsed.ok ? 'must be > 0' : parsed.message}`);
  }
  return parsed.value;
}

/** Rejects malformed thresholds and unknown bus names before any load is generated. */
function checkThresholds(file: string, thresholds: string[], busNames: string[]): void {
  const problems: string[] = [];
  thresholds.forEach((source, index) => {
    const parsed = parseThreshold(source);
    if ('error' in parsed) {
      problems.push(`${file}: thresholds[${index}]: ${parsed.error}`);
      return;
    }
    const busIndex =
      parsed.path[0] === 'buses' ? 1 : parsed.path[0] === 'cost' && parsed.path[1] === 'buses' ? 2 : -1;
    const bus = busIndex > 0 ? parsed.path[busIndex] : undefined;
    if (bus !== undefined && bus !== '*' && !busNames.includes(bus)) {
      problems.push(`${file}: thresholds[${index}]: no bus named "${bus}" (buses: ${busNames.join(', ')})`);
    }
  });
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

/** UTC timestamp usable in a path: 2026-11-24T22-31-05Z. */
function pathTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

export async function runCommand(options: RunCommandOptions): Promise<number> {
  if (options.transport !== 'sdk') {
    throw new InputError(
      '--transport lean is not available in this version; use --transport sdk (the default)',
    );
  }
  if (options.shard !== '0/1') {
    throw new InputError(`--shard ${options.shard}: sharded runs are not available in this version; use 0/1`);
  }
  const target = checkTarget(options.target);
  if (!(options.rateScale > 0) || !Number.isFinite(options.rateScale)) {
    throw new InputError(`--rate-scale ${options.rateScale}: expected a number > 0`);
  }
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) {
    throw new InputError(`--workers ${options.workers}: expected a whole number >= 1`);
  }
  if (!Number.isSafeInteger(options.seed))
    throw new InputError(`--seed ${options.seed}: expected a whole number`);
  const maxLagMs = durationFlag('max-lag', options.maxLag);
  const durationMs = options.duration === undefined ? undefined : durationFlag('duration', options.duration);

  const loaded = await loadScenario(options.scenarioFile);
  const scenario = applyOverrides(loaded.scenario, { durationMs, rateScale: options.rateScale });
  checkThresholds(
    loaded.file,
    scenario.thresholds,
    scenario.buses.map((bus) => bus.name),
  );
  const { catalog } = await loadCatalogFile();
  const runDir = resolve(options.out ?? join('reports', 'runs', scenario.name, pathTimestamp(new Date())));

  const controller = new AbortController();
  let signalled = false;
  const onSignal = (): void => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(
      '\nbusload: stopping (letting in-flight calls finish, then writing the report)...\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const tty = Boolean(process.stderr.isTTY);
  const printer = new ProgressPrinter(process.stderr, tty);
  const accumulator = new ProgressAccumulator();
  const startedAtMs = Date.now();
  let lastTickMs = startedAtMs;
  const intervalMs = tty ? 1000 : 5000;
  const ticker = options.progress
    ? setInterval(() => {
        const nowMs = Date.now();
        const elapsedMs = nowMs - startedAtMs;
        const planned = scenario.producers.reduce(
          (sum, producer) => sum + plannedRatePerSec(producer.shape, elapsedMs, scenario.durationMs),
          0,
        );
        printer.show(
          formatProgressLine({
            elapsedMs,
            totalMs: scenario.durationMs,
            windowMs: nowMs - lastTickMs,
            window: accumulator.take(),
            total: accumulator.total,
            plannedEntriesPerSec: planned,
          }),
        );
        lastTickMs = nowMs;
      }, intervalMs)
    : null;

  if (options.progress) {
    process.stderr.write(
      `busload: replaying ${scenario.name} (${scenario.buses.length} buses, ${scenario.producers.length} producers) for ${scenario.durationMs / 1000} s against ${target === 'local' ? 'the embedded endpoint' : target}\n`,
    );
  }
  let report: Awaited<ReturnType<typeof runScenario>>;
  try {
    report = await runScenario({
      loaded,
      scenario,
      target,
      runDir,
      seed: options.seed,
      workers: options.workers,
      maxLagMs,
      catalog,
      toolVersion: TOOL_VERSION,
      onProgress: (progress) => accumulator.add(progress),
      signal: controller.signal,
    });
  } finally {
    if (ticker) clearInterval(ticker);
    printer.done();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const { results: thresholdResults, errors: thresholdErrors } = evaluateThresholds(
    report,
    scenario.thresholds,
  );
  await writeRunReports(runDir, report);

  const out = options.json ? process.stderr : process.stdout;
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  out.write(renderSummary(report, { color: Boolean(out.isTTY) && !process.env.NO_COLOR }));
  for (const result of thresholdResults) {
    for (const check of result.checks) {
      out.write(
        `threshold ${check.passed ? 'ok    ' : 'FAILED'} ${result.source} (${check.path} = ${check.actual})\n`,
      );
    }
  }
  for (const error of thresholdErrors) out.write(`threshold ERROR  ${error}\n`);
  if (report.status !== 'completed') out.write(`status: ${report.status}: ${report.statusReason ?? ''}\n`);
  out.write(`${runDir}\n`);

  if (report.status === 'interrupted' || signalled) return ExitCode.interrupted;
  if (report.status === 'failed') return ExitCode.internal;
  if (thresholdErrors.length > 0) return ExitCode.invalidInput;
  if (thresholdResults.some((result) => !result.passed)) return ExitCode.thresholdFailed;
  return ExitCode.ok;
}
