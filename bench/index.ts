/**
 * `npm run bench [-- <line>...] [-- --runs N] [-- --seconds S] [-- --json]`: busload's speed on this
 * machine, every figure side by side with a reference measured in the same run (speed on a shared machine
 * drifts several-fold from day to day; ratios in one run do not). Each line alternates busload and its
 * reference `--runs` times (default 3) and prints medians. Lines (default: all but the opt-in ones):
 *
 * - `endpoint` (a): the embedded endpoint (SigV4 verified, trail files on) vs the bare node:http reference
 *   (bench/bare-server.ts), each in its own process, under the same raw-socket load (64 connections):
 *   requests/s ratio (target >= 0.6) and each server's CPU per request.
 * - `rate-100`, `rate-400`, `rate-1000` (b): `busload run` (the harness, sdk transport) at a fixed rate vs
 *   autocannon (bench/autocannon-load.ts, 16 connections, pre-signed requests) at the same rate against the
 *   same endpoint process: p50/p99 of both, busload's CPU per call. Targets at 400/s: busload's reported
 *   p50 <= 1.5 x autocannon's p50 + 1 ms and p99 <= 1.5 x autocannon's p99 + 2 ms; and the endpoint's p50
 *   (seen by autocannon) <= the bare reference's p50 (seen by autocannon) + 1 ms.
 * - `rate-400-busy` (b): the same at 400/s with a CPU-bound process beside both: busload's p99 <= 3 x
 *   autocannon's.
 * - `lean-max` (c): the lean transport flat out vs the raw-socket reference client, against the same bare
 *   server process: calls/s ratio (target >= 0.5), with every planned entry accounted for.
 * - `cost-estimate`: `busload cost` of every shipped scenario, in process and through the built CLI users run
 *   (bench/cost.ts; target: under 2 s on the slowest, beside a start-up reference).
 * - `cost-vs-run` (opt-in, several minutes): per bus, the difference between `busload cost` and compressed
 *   runs of the same scenario, one run per cost seed where it is random (target: within 3%).
 * - `memory` (opt-in, 10 minutes): RSS of a 10-minute local run at 1,000 calls/s (lean transport),
 *   sampled every 10 s (target: growth after the first minute < 10%).
 * - `sdk-bare`, `sdk-max`, `sdk-1000`, `lean-6000` (opt-in): the harness against the bare SDK loop and at
 *   planned rates on the embedded endpoint in this process (issue 4's figures).
 *
 * The bench prints the load average at the start and the end so a reader can tell how busy the machine was.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { defaultEndpointConfig, startEndpoint } from '../src/endpoint/server.js';
import type { Transport } from '../src/workers/protocol.js';
import type { BareLoopInput, BareLoopOutput } from './bare-sdk.worker.js';
import { costEstimate, costVsRun } from './cost.js';
import { cpuText, endpointPair, median, rawSocketLoad } from './endpoint.js';
import { benchScenario, ENTRY_BYTES, harnessRun } from './harness-run.js';
import { type BareStats, type EndpointStats, runClientProcess, startServerProcess } from './processes.js';
import { BENCH_KEY } from './signed-requests.js';

const WORKERS = availableParallelism();

interface Figure {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const RUNS = flag('runs', 3);
const RATE_SECONDS = flag('seconds', 10);
const say = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
const fixed = (value: number, digits = 2): string => value.toFixed(digits);
const loadText = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Line (a): the endpoint vs the bare reference under the same raw-socket load. */
async function endpointLine(): Promise<Figure[]> {
  const ratios: number[] = [];
  const endpointCpu: number[] = [];
  const bareCpu: number[] = [];
  const endpointServingCpu: number[] = [];
  const bareServingCpu: number[] = [];
  const endpointRates: number[] = [];
  const bareRates: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const pair = await endpointPair(5_000, 64);
    ratios.push(pair.endpointPerSec / pair.barePerSec);
    endpointRates.push(pair.endpointPerSec);
    bareRates.push(pair.barePerSec);
    endpointCpu.push(pair.endpointCpuUsPerRequest);
    bareCpu.push(pair.bareCpuUsPerRequest);
    if (pair.endpointServingCpuUsPerRequest !== null && pair.bareServingCpuUsPerRequest !== null) {
      endpointServingCpu.push(pair.endpointServingCpuUsPerRequest);
      bareServingCpu.push(pair.bareServingCpuUsPerRequest);
    }
    say(
      `  endpoint ${run}/${RUNS}: ${Math.round(pair.endpointPerSec)} req/s (${cpuText(pair.endpointCpuUsPerRequest, pair.endpointServingCpuUsPerRequest)}) vs bare ${Math.round(pair.barePerSec)} req/s (${cpuText(pair.bareCpuUsPerRequest, pair.bareServingCpuUsPerRequest)}) = ${fixed(pair.endpointPerSec / pair.barePerSec)}`,
    );
  }
  const ratio = median(ratios);
  return [
    {
      name: '(a) endpoint (SigV4, trail files) vs bare node:http, raw-socket load, 64 conns, 10-entry requests',
      value:
        `median ${Math.round(median(endpointRates))} vs ${Math.round(median(bareRates))} req/s = ${fixed(ratio)} ` +
        `(runs ${ratios.map((r) => fixed(r)).join(', ')}); CPU per request ${Math.round(median(endpointCpu))} us vs ${Math.round(median(bareCpu))} us` +
        (endpointServingCpu.length === 0
          ? ''
          : `, on the serving thread ${Math.round(median(endpointServingCpu))} us vs ${Math.round(median(bareServingCpu))} us`),
      target: '>= 0.6 x bare',
      ok: ratio >= 0.6,
    },
  ];
}

/** What bench/autocannon-load.ts prints. */
interface PeerResult {
  calls: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpuUsPerCall: number;
}

function autocannonAt(url: string, callsPerSec: number, seconds: number): Promise<PeerResult> {
  return runClientProcess<PeerResult>('autocannon-load.ts', [
    url,
    String(callsPerSec),
    String(seconds),
    '16',
  ]);
}

/** A process that keeps one core busy until stopped (the "CPU-bound process beside both"). */
function startCpuHog(): { stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return { stop: () => child.kill('SIGKILL') };
}

/** Line (b): the harness vs autocannon at a fixed rate against the same endpoint process. */
async function rateLine(callsPerSec: number, busy: boolean): Promise<Figure[]> {
  const endpoint = await startServerProcess<EndpointStats>('endpoint-server.ts');
  const hog = busy ? startCpuHog() : null;
  // `busload run`'s default transport; at 400/s (quiet) the lean transport too, for comparison.
  const transports: Transport[] = callsPerSec === 400 && !busy ? ['sdk', 'lean'] : ['sdk'];
  const ac: PeerResult[] = [];
  interface HarnessFigures {
    p50: number;
    p99: number;
    serviceP50: number;
    serviceP99: number;
    cpu: number | null;
    accounted: boolean;
    status: string;
  }
  const runs = new Map<Transport, HarnessFigures[]>(transports.map((t) => [t, []]));
  // At 400/s the endpoint's own latency is compared with the bare reference's, as autocannon sees both.
  const bare = callsPerSec === 400 && !busy ? await startServerProcess<BareStats>('bare-server.ts') : null;
  const onBare: PeerResult[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const peer = await autocannonAt(endpoint.url, callsPerSec, RATE_SECONDS);
      ac.push(peer);
      say(
        `  ${callsPerSec}/s${busy ? ' busy' : ''} ${run}/${RUNS}: autocannon p50 ${peer.p50Ms} p99 ${peer.p99Ms} ms (${peer.calls} calls, ${peer.cpuUsPerCall} us CPU/call)`,
      );
      if (bare !== null) {
        const onBareRun = await autocannonAt(bare.url, callsPerSec, RATE_SECONDS);
        onBare.push(onBareRun);
        say(`    autocannon on the bare server: p50 ${onBareRun.p50Ms} p99 ${onBareRun.p99Ms} ms`);
      }
      for (const transport of transports) {
        const harness = await harnessRun(endpoint.url, transport, callsPerSec, RATE_SECONDS * 1000);
        const { totals } = harness.report;
        runs.get(transport)!.push({
          p50: totals.latencyMs.p50,
          p99: totals.latencyMs.p99,
          serviceP50: totals.serviceLatencyMs.p50,
          serviceP99: totals.serviceLatencyMs.p99,
          cpu: harness.cpuUsPerCall,
          accounted: harness.accounted,
          status: harness.report.status,
        });
        say(
          `    busload (${transport}) p50 ${totals.latencyMs.p50} p99 ${totals.latencyMs.p99} ms (service ${totals.serviceLatencyMs.p50}/${totals.serviceLatencyMs.p99}), ` +
            `${totals.requests.calls} calls, ${harness.cpuUsPerCall === null ? '?' : Math.round(harness.cpuUsPerCall)} us CPU/call, ${harness.report.status}`,
        );
      }
    }
  } finally {
    hog?.stop();
    await endpoint.stop();
    await bare?.stop();
  }
  const acP50 = median(ac.map((r) => r.p50Ms));
  const acP99 = median(ac.map((r) => r.p99Ms));
  const acCpu = Math.round(median(ac.map((r) => r.cpuUsPerCall)));
  const figures: Figure[] = [];
  for (const [transport, results] of runs) {
    const p50 = median(results.map((r) => r.p50));
    const p99 = median(results.map((r) => r.p99));
    const cpuRuns = results.map((r) => r.cpu).filter((c): c is number => c !== null);
    const cpu = cpuRuns.length > 0 ? Math.round(median(cpuRuns)) : '?';
    const accounted = results.every((r) => r.accounted);
    const name = `(b) busload run (${transport}) vs autocannon at ${callsPerSec} calls/s${busy ? ' beside a CPU-bound process' : ''}, same endpoint`;
    const value =
      `busload p50 ${fixed(p50)} ms, p99 ${fixed(p99)} ms (service p50 ${fixed(median(results.map((r) => r.serviceP50)))}, p99 ${fixed(median(results.map((r) => r.serviceP99)))}); ` +
      `autocannon p50 ${fixed(acP50)} ms, p99 ${fixed(acP99)} ms; ratios p50 ${fixed(p50 / acP50)}, p99 ${fixed(p99 / acP99)}; ` +
      `busload ${cpu} us CPU per call vs autocannon ${acCpu} us` +
      `${accounted ? '' : '; PLANNED ENTRIES NOT ACCOUNTED FOR'}; status ${[...new Set(results.map((r) => r.status))].join('/')}`;
    if (busy) {
      figures.push({ name, value, target: "p99 <= 3 x autocannon's", ok: accounted && p99 <= 3 * acP99 });
    } else if (callsPerSec === 400) {
      figures.push({
        name,
        value,
        target: `p50 <= 1.5 x ac + 1 ms (${fixed(1.5 * acP50 + 1)}), p99 <= 1.5 x ac + 2 ms (${fixed(1.5 * acP99 + 2)})`,
        ok: accounted && p50 <= 1.5 * acP50 + 1 && p99 <= 1.5 * acP99 + 2,
      });
    } else {
      figures.push({ name, value });
    }
  }
  if (onBare.length === 0) return figures;
  const bareP50 = median(onBare.map((r) => r.p50Ms));
  figures.push({
    name: '(a) endpoint p50 at 400 req/s (autocannon) vs bare node:http p50 (autocannon)',
    value: `${fixed(acP50)} ms vs ${fixed(bareP50)} ms (+${fixed(acP50 - bareP50)} ms; p99 ${fixed(acP99)} vs ${fixed(median(onBare.map((r) => r.p99Ms)))} ms)`,
    target: 'endpoint p50 <= bare p50 + 1 ms',
    ok: acP50 <= bareP50 + 1,
  });
  return figures;
}

/** Line (c): the lean transport flat out vs the raw-socket reference against the same bare server. */
async function leanLine(): Promise<Figure[]> {
  const bare = await startServerProcess<BareStats>('bare-server.ts');
  const ratios: number[] = [];
  const leanRates: number[] = [];
  const rawRates: number[] = [];
  let accounted = true;
  try {
    for (let run = 1; run <= RUNS; run++) {
      const raw = await rawSocketLoad(bare.url, 5_000, 64);
      const rawPerSec = (raw.okCount * 1000) / raw.durationMs;
      const lean = await harnessRun(bare.url, 'lean', 20_000, 5_000);
      accounted &&= lean.accounted;
      const leanPerSec = lean.report.totals.requests.succeeded / 5;
      ratios.push(leanPerSec / rawPerSec);
      leanRates.push(leanPerSec);
      rawRates.push(rawPerSec);
      say(
        `  lean-max ${run}/${RUNS}: lean ${Math.round(leanPerSec)} calls/s (${lean.cpuUsPerCall === null ? '?' : Math.round(lean.cpuUsPerCall)} us CPU/call) vs raw-socket ${Math.round(rawPerSec)} req/s (${Math.round(raw.clientCpuUs / Math.max(1, raw.okCount))} us CPU/req) = ${fixed(leanPerSec / rawPerSec)}; entries ${lean.accounted ? 'all accounted for' : 'NOT accounted for'}`,
      );
    }
  } finally {
    await bare.stop();
  }
  const ratio = median(ratios);
  return [
    {
      name: '(c) lean transport flat out vs raw-socket client, same bare server',
      value: `median ${Math.round(median(leanRates))} vs ${Math.round(median(rawRates))} calls/s = ${fixed(ratio)} (runs ${ratios.map((r) => fixed(r)).join(', ')}); planned entries ${accounted ? 'all accounted for' : 'NOT all accounted for'}`,
      target: '>= 0.5 x raw-socket, every planned entry accounted for',
      ok: ratio >= 0.5 && accounted,
    },
  ];
}

/** The bare SDK loop on WORKERS threads against the embedded endpoint in this thread. */
async function bareSdk(durationMs: number): Promise<{ callsPerSec: number; errors: number }> {
  const endpoint = await startEndpoint(
    defaultEndpointConfig({
      buses: [{ name: 'bench', logging: false, allowedPrincipals: null }],
      quota: { ratePerSec: 1_000_000, burst: 1_000_000 },
      secretsByAccessKey: { [BENCH_KEY.accessKeyId]: BENCH_KEY.secretAccessKey },
    }),
  );
  try {
    const outputs = await Promise.all(
      Array.from({ length: WORKERS }, () => {
        const input: BareLoopInput = {
          endpointUrl: endpoint.url,
          ...BENCH_KEY,
          producer: benchScenario(1, 1000).producers[0]!,
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

/** A harness run at a planned rate on the embedded endpoint in this process; the figures that say whether it kept up. */
async function localHarness(transport: Transport, callsPerSec: number, durationMs: number) {
  const { report, cpuUsPerCall } = await harnessRun('local', transport, callsPerSec, durationMs);
  const { totals } = report;
  const plannedCalls = (callsPerSec * durationMs) / 1000;
  return {
    cpuUsPerCall,
    callsPerSec: totals.requests.calls / (durationMs / 1000),
    reachedShare: totals.requests.calls / plannedCalls,
    droppedShare: totals.entries.planned > 0 ? totals.entries.dropped / totals.entries.planned : 0,
    p50Ms: totals.latencyMs.p50,
    p99Ms: totals.latencyMs.p99,
    utilization: (report.generator.workers ?? []).map((w) => w.eventLoopUtilization),
  };
}

/**
 * RSS of a 10-minute local run at 1,000 calls/s (lean, which keeps that rate on a 2-core machine), sampled
 * every 10 s while the workers still report progress (the pool's teardown at the end is not the run).
 */
async function memory(): Promise<Figure[]> {
  const samples: Array<{ atS: number; rssMb: number }> = [];
  const startedMs = Date.now();
  let lastProgressMs = startedMs;
  const timer = setInterval(() => {
    samples.push({
      atS: Math.round((Date.now() - startedMs) / 1000),
      rssMb: process.memoryUsage().rss / 2 ** 20,
    });
  }, 10_000);
  let status = '?';
  try {
    const { report } = await harnessRun('local', 'lean', 1000, 600_000, () => {
      lastProgressMs = Date.now();
    });
    status = `${report.status}, ${report.totals.requests.calls} calls, ${report.totals.entries.dropped} entries dropped`;
  } finally {
    clearInterval(timer);
  }
  const during = samples.filter((s) => s.atS * 1000 <= lastProgressMs - startedMs);
  const afterMinute = during.find((s) => s.atS >= 60) ?? during[0];
  const last = during.at(-1);
  if (afterMinute === undefined || last === undefined) return [{ name: 'memory', value: 'no samples' }];
  const growth = (last.rssMb - afterMinute.rssMb) / afterMinute.rssMb;
  const peakMb = Math.max(...during.filter((s) => s.atS >= 60).map((s) => s.rssMb));
  say(`  rss samples (s:MB): ${samples.map((s) => `${s.atS}:${s.rssMb.toFixed(0)}`).join(' ')}`);
  return [
    {
      name: 'memory: RSS at 1 min -> end of a 10-min local run at 1,000 calls/s (lean)',
      value: `${afterMinute.rssMb.toFixed(0)} MB -> ${last.rssMb.toFixed(0)} MB (${(growth * 100).toFixed(1)}%; peak after 1 min ${peakMb.toFixed(0)} MB); ${status}`,
      target: '< 10% growth',
      ok: growth < 0.1,
    },
  ];
}

/** Bare-loop / harness pairs of sdk-max. */
const SDK_MAX_PAIRS = 3;

async function sdkLines(selected: (name: string) => boolean): Promise<Figure[]> {
  const figures: Figure[] = [];
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
      const harnessPerSec = (await localHarness('sdk', 3000, 10_000)).callsPerSec;
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
    const result = await localHarness(transport, callsPerSec, 10_000);
    const ok = Math.abs(1 - result.reachedShare) <= 0.02 && result.droppedShare < 0.01;
    figures.push({
      name: `${name}: ${callsPerSec} calls/s planned (${transport})`,
      value:
        `${Math.round(result.callsPerSec)} calls/s (${percent(result.reachedShare)} of plan), ` +
        `${percent(result.droppedShare)} dropped, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `workers ${result.utilization.map((u) => percent(u)).join('/')} busy, ` +
        `${result.cpuUsPerCall === null ? '?' : Math.round(result.cpuUsPerCall)} us CPU per call (harness and endpoint)`,
      target: 'within 2% of plan, < 1% dropped',
      ok,
    });
  }
  return figures;
}

const DEFAULT_LINES = [
  'endpoint',
  'rate-100',
  'rate-400',
  'rate-1000',
  'rate-400-busy',
  'lean-max',
  'cost-estimate',
];
const OPT_IN_LINES = ['cost-vs-run', 'memory', 'sdk-bare', 'sdk-max', 'sdk-1000', 'lean-6000'];

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const json = args.includes('--json');
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--runs' || args[i] === '--seconds') i++;
    else if (!args[i]!.startsWith('--')) names.push(args[i]!);
  }
  const unknown = names.filter((name) => !DEFAULT_LINES.includes(name) && !OPT_IN_LINES.includes(name));
  if (unknown.length > 0) {
    say(`unknown bench line ${unknown.join(', ')}; lines: ${[...DEFAULT_LINES, ...OPT_IN_LINES].join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = (name: string): boolean =>
    names.length === 0 ? DEFAULT_LINES.includes(name) : names.includes(name);
  const figures: Figure[] = [];
  const loadAtStart = loadText();
  say(
    `busload bench: ${WORKERS} worker threads, ${availableParallelism()} cores, load average ${loadAtStart}, ${RUNS} runs per line`,
  );

  if (selected('endpoint')) {
    say('(a) endpoint vs bare node:http, raw-socket load, 5 s each...');
    figures.push(...(await endpointLine()));
  }
  for (const callsPerSec of [100, 400, 1000]) {
    if (!selected(`rate-${callsPerSec}`)) continue;
    say(`(b) busload run vs autocannon at ${callsPerSec} calls/s, ${RATE_SECONDS} s each...`);
    figures.push(...(await rateLine(callsPerSec, false)));
  }
  if (selected('rate-400-busy')) {
    say(`(b) busload run vs autocannon at 400 calls/s beside a CPU-bound process, ${RATE_SECONDS} s each...`);
    figures.push(...(await rateLine(400, true)));
  }
  if (selected('lean-max')) {
    say('(c) lean transport flat out vs the raw-socket client on the bare server, 5 s each...');
    figures.push(...(await leanLine()));
  }
  figures.push(...(await sdkLines(selected)));
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
  if (selected('memory')) {
    say('memory: a 10-minute local run at 1,000 calls/s...');
    figures.push(...(await memory()));
  }

  const loadAtEnd = loadText();
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ loadAverage: { start: loadAtStart, end: loadAtEnd }, workers: WORKERS, runs: RUNS, figures }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    `load average: ${loadAtStart} at the start, ${loadAtEnd} at the end; medians of ${RUNS} runs\n`,
  );
  for (const figure of figures) {
    const verdict = figure.ok === undefined ? '' : figure.ok ? '  [met]' : '  [NOT met]';
    process.stdout.write(
      `${figure.name}: ${figure.value}${figure.target ? ` (target ${figure.target})` : ''}${verdict}\n`,
    );
  }
}

await main();
