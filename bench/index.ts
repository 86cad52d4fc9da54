/**
 * `npm run bench [-- <name>...] [-- --json]`: the load engine's speed on this machine, beside the embedded
 * endpoint (in this process's main thread, as `busload run --target local` has it). Sub-benchmarks:
 *
 * - `sdk-bare`: a bare PutEventsCommand loop (bench/bare-sdk.worker.ts) on as many threads as the harness
 *   uses: the machine's SDK ceiling.
 * - `sdk-max`: the harness (`--transport sdk`) at an open-model plan well above that ceiling: the calls/s it
 *   reaches, as a share of the `sdk-bare` run just before it; three alternating pairs, median ratio
 *   (issue 4 target: >= 90%).
 * - `sdk-1000`: a planned 1,000 calls/s (10,000 entries/s, batches of 10 x 600 B) for 10 s through the SDK
 *   (target: within 2% of plan, < 1% dropped).
 * - `lean-6000`: a planned 6,000 calls/s (60,000 entries/s) through `--transport lean` (same targets).
 * - `lean-max`: lean at a plan far above what this machine can do: its ceiling.
 * - `cost-estimate` and `cost-vs-run` (bench/cost.ts): `busload cost` timings on every shipped scenario
 *   (target: under 2 s on the largest), and per bus the difference between `busload cost` and compressed
 *   runs of the same scenario, one per cost seed where it is random (target: within 3%).
 * - `memory` (never by default; 10 minutes): RSS of a 10-minute run at ~380 calls/s, sampled every 10 s;
 *   target: growth after the first minute < 10%.
 *
 * Figures depend on the machine and on what else runs on it; the bench prints its load average so a
 * reader can tell. Each sub-benchmark is short (about 10-15 s).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultEndpointConfig, startEndpoint } from '../src/endpoint/server.js';
import { loadCatalogFile } from '../src/run/catalog-file.js';
import { runScenario } from '../src/run/run-scenario.js';
import { mainThreadCpuMs } from '../src/run/thread-cpu.js';
import type { ProducerSpec, Scenario } from '../src/scenario/types.js';
import type { Transport } from '../src/workers/protocol.js';
import type { BareLoopInput, BareLoopOutput } from './bare-sdk.worker.js';
import { costEstimate, costVsRun } from './cost.js';
import { median } from './endpoint.js';

const WORKERS = availableParallelism();
const ENTRY_BYTES = 600;
const KEY = { accessKeyId: 'AKIDBENCH0000000000', secretAccessKey: 'bench-secret-not-real' };

interface Figure {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

function producer(ratePerSec: number, instances: number): ProducerSpec {
  return {
    name: 'bench',
    bus: 'bench',
    principal: 'arn:aws:iam::111122223333:role/bench',
    source: 'com.example.bench',
    detailTypes: ['BenchEvent'],
    detailTypeWeights: [1],
    instances,
    shape: { kind: 'constant', ratePerSec },
    batching: { kind: 'fixed', entriesPerRequest: 10, maxBytes: 1_048_576 },
    entryBytes: { dist: 'fixed', bytes: ENTRY_BYTES },
    retry: { mode: 'standard', maxAttempts: 3, resendFailedEntries: 0 },
  };
}

function scenario(callsPerSec: number, durationMs: number): Scenario {
  return {
    name: 'bench',
    region: 'us-east-1',
    durationMs,
    timeScale: 1,
    buses: [
      { name: 'bench', classification: 'telemetry', logging: 'off', trailCopies: 1, allowedPrincipals: null },
    ],
    producers: [producer(callsPerSec * 10, 16)],
    endpoint: {
      quotaTps: 1_000_000,
      burst: null,
      latencyMs: null,
      faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 },
    },
    thresholds: [],
  };
}

/** A harness run at a planned rate; the figures that say whether it kept up. */
async function harness(transport: Transport, callsPerSec: number, durationMs: number) {
  const { catalog } = await loadCatalogFile();
  const runDir = await mkdtemp(join(tmpdir(), 'busload-bench-'));
  const plan = scenario(callsPerSec, durationMs);
  const cpuBeforeMs = mainThreadCpuMs();
  try {
    const report = await runScenario({
      loaded: { scenario: plan, file: 'bench', sha256: '0'.repeat(64) },
      scenario: plan,
      target: 'local',
      runDir,
      seed: 1,
      workers: WORKERS,
      maxLagMs: 1000,
      catalog,
      toolVersion: 'bench',
      transport,
    });
    const { totals } = report;
    const plannedCalls = (callsPerSec * durationMs) / 1000;
    const cpuAfterMs = mainThreadCpuMs();
    return {
      // The main thread hosts the embedded endpoint (and merges at the end): its CPU per call.
      endpointUsPerCall:
        cpuBeforeMs === null || cpuAfterMs === null || totals.requests.attempts === 0
          ? null
          : Math.round(((cpuAfterMs - cpuBeforeMs) * 1000) / totals.requests.attempts),
      status: report.status,
      callsPerSec: totals.requests.calls / (durationMs / 1000),
      reachedShare: totals.requests.calls / plannedCalls,
      droppedShare: totals.entries.planned > 0 ? totals.entries.dropped / totals.entries.planned : 0,
      p50Ms: totals.latencyMs.p50,
      p99Ms: totals.latencyMs.p99,
      utilization: (report.generator.workers ?? []).map((w) => w.eventLoopUtilization),
    };
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

/** The bare SDK loop on WORKERS threads against the embedded endpoint in this thread. */
async function bareSdk(durationMs: number): Promise<{ callsPerSec: number; errors: number }> {
  const endpoint = await startEndpoint(
    defaultEndpointConfig({
      buses: [{ name: 'bench', logging: false, allowedPrincipals: null }],
      quota: { ratePerSec: 1_000_000, burst: 1_000_000 },
      secretsByAccessKey: { [KEY.accessKeyId]: KEY.secretAccessKey },
    }),
  );
  try {
    const outputs = await Promise.all(
      Array.from({ length: WORKERS }, () => {
        const input: BareLoopInput = {
          endpointUrl: endpoint.url,
          ...KEY,
          producer: producer(1, 1),
          entryBytes: ENTRY_BYTES,
          durationMs,
          concurrency: 64,
          warmupCalls: 400,
        };
        // A .ts file cannot be a Worker's main module under tsx on Node 20: a tiny eval entry registers
        // tsx in the thread, then imports it.
        const entry = new URL('./bare-sdk.worker.ts', import.meta.url).href;
        const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
        const worker = new Worker(bootstrap, {
          eval: true,
          workerData: input,
          env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        });
        return new Promise<BareLoopOutput>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      }),
    );
    const callsPerSec = outputs.reduce((sum, out) => sum + out.calls / (out.elapsedMs / 1000), 0);
    return { callsPerSec, errors: outputs.reduce((sum, out) => sum + out.errors, 0) };
  } finally {
    await endpoint.close();
  }
}

/** RSS of a 10-minute run, sampled every 10 s. */
async function memory(): Promise<Figure[]> {
  const samples: Array<{ atS: number; rssMb: number }> = [];
  const startedMs = Date.now();
  const timer = setInterval(() => {
    samples.push({
      atS: Math.round((Date.now() - startedMs) / 1000),
      rssMb: process.memoryUsage().rss / 2 ** 20,
    });
  }, 10_000);
  try {
    await harness('sdk', 380, 600_000);
  } finally {
    clearInterval(timer);
  }
  const afterMinute = samples.find((s) => s.atS >= 60) ?? samples[0];
  const last = samples.at(-1);
  if (afterMinute === undefined || last === undefined) return [{ name: 'memory', value: 'no samples' }];
  const growth = (last.rssMb - afterMinute.rssMb) / afterMinute.rssMb;
  process.stderr.write(
    `rss samples (s, MB): ${samples.map((s) => `${s.atS}:${s.rssMb.toFixed(0)}`).join(' ')}\n`,
  );
  return [
    {
      name: 'memory: RSS at 1 min -> end of a 10-min run',
      value: `${afterMinute.rssMb.toFixed(0)} MB -> ${last.rssMb.toFixed(0)} MB (${(growth * 100).toFixed(1)}%)`,
      target: '< 10% growth',
      ok: growth < 0.1,
    },
  ];
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Bare-loop / harness pairs of sdk-max. */
const SDK_MAX_PAIRS = 3;

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const json = args.includes('--json');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const selected = (name: string, byDefault = true): boolean =>
    names.length === 0 ? byDefault : names.includes(name);
  const figures: Figure[] = [];
  const say = (text: string): void => {
    process.stderr.write(`${text}\n`);
  };
  say(
    `busload bench: ${WORKERS} worker threads, ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  // The machine's speed drifts from one 10 s window to the next, so sdk-max alternates the bare loop and the
  // harness SDK_MAX_PAIRS times and reports the median of the pairs' ratios.
  if (selected('sdk-bare') || selected('sdk-max')) {
    const pairs = selected('sdk-max') ? SDK_MAX_PAIRS : 1;
    const bares: number[] = [];
    const ratios: number[] = [];
    for (let pair = 1; pair <= pairs; pair++) {
      say(`sdk-bare (${pair}/${pairs}): a bare PutEventsCommand loop, 64 in flight per thread, 10 s...`);
      const bare = (await bareSdk(10_000)).callsPerSec;
      bares.push(bare);
      if (!selected('sdk-max')) continue;
      say(`sdk-max (${pair}/${pairs}): the harness (sdk) planned at 3,000 calls/s, 10 s...`);
      const harnessPerSec = (await harness('sdk', 3000, 10_000)).callsPerSec;
      ratios.push(harnessPerSec / bare);
      say(
        `  pair ${pair}: bare ${Math.round(bare)} calls/s, harness ${Math.round(harnessPerSec)} calls/s = ${percent(harnessPerSec / bare)}`,
      );
    }
    figures.push({
      name: 'sdk-bare: bare PutEventsCommand loop',
      value: `${bares.map((bare) => Math.round(bare)).join(' / ')} calls/s`,
    });
    if (ratios.length > 0) {
      const medianRatio = median(ratios);
      figures.push({
        name: 'sdk-max: harness (sdk) calls/s at overload, as a share of the bare loop just before it',
        value: `median ${percent(medianRatio)} (pairs: ${ratios.map(percent).join(', ')})`,
        target: '>= 90% of sdk-bare',
        ok: medianRatio >= 0.9,
      });
    }
  }
  for (const [name, transport, callsPerSec] of [
    ['sdk-1000', 'sdk', 1000],
    ['lean-6000', 'lean', 6000],
  ] as const) {
    if (!selected(name)) continue;
    say(`${name}: ${transport} planned at ${callsPerSec} calls/s, 10 s...`);
    const result = await harness(transport, callsPerSec, 10_000);
    const ok = Math.abs(1 - result.reachedShare) <= 0.02 && result.droppedShare < 0.01;
    figures.push({
      name: `${name}: ${callsPerSec} calls/s planned (${transport})`,
      value:
        `${Math.round(result.callsPerSec)} calls/s (${percent(result.reachedShare)} of plan), ` +
        `${percent(result.droppedShare)} dropped, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `workers ${result.utilization.map((u) => percent(u)).join('/')} busy, endpoint thread ` +
        `${result.endpointUsPerCall ?? '?'} us CPU per call`,
      target: 'within 2% of plan, < 1% dropped',
      ok,
    });
  }
  if (selected('lean-max')) {
    say('lean-max: lean planned at 20,000 calls/s, 10 s...');
    const result = await harness('lean', 20_000, 10_000);
    figures.push({
      name: 'lean-max: harness (lean) calls/s at overload',
      value: `${Math.round(result.callsPerSec)} calls/s`,
    });
  }
  if (selected('cost-estimate')) {
    say('cost-estimate: busload cost of every shipped scenario...');
    figures.push(...(await costEstimate()));
  }
  if (selected('cost-vs-run')) {
    say(
      'cost-vs-run: a compressed run of every shipped scenario against busload cost, one run per cost seed where random (several minutes)...',
    );
    figures.push(...(await costVsRun(WORKERS)));
  }
  if (selected('memory', false)) {
    say('memory: a 10-minute run at 380 calls/s...');
    figures.push(...(await memory()));
  }

  if (json) {
    process.stdout.write(
      `${JSON.stringify({ loadAverage: loadavg(), workers: WORKERS, figures }, null, 2)}\n`,
    );
    return;
  }
  for (const figure of figures) {
    const verdict = figure.ok === undefined ? '' : figure.ok ? '  [met]' : '  [NOT met]';
    process.stdout.write(
      `${figure.name}: ${figure.value}${figure.target ? ` (target ${figure.target})` : ''}${verdict}\n`,
    );
  }
}

await main();
