/**
 * Bench line (a): signed 10-entry PutEvents requests/s the embedded endpoint serves (SigV4 verified, the bus
 * logged, CloudTrail files written) against the bare node:http reference (bench/bare-server.ts), both in
 * their own process under the same raw-socket load (bench/endpoint-load-client.ts, 64 keep-alive connections,
 * wrk-style), alternated `runs` times; the median ratio is the figure (target >= 0.6). Each server's own CPU
 * per request is printed beside it, all threads and its serving (main) thread alone.
 *
 *   npx tsx bench/endpoint.ts [--runs 3] [--seconds 5] [--concurrency 64]
 */
import { fileURLToPath } from 'node:url';
import { type BareStats, type EndpointStats, runClientProcess, startServerProcess } from './processes.js';

/** The median of a list of figures (the middle one, or the mean of the two middle ones). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What the raw-socket load client prints. */
export interface RawLoadResult {
  okCount: number;
  errorCount: number;
  durationMs: number;
  clientCpuUs: number;
}

/**
 * The raw-socket load client flat out against `url`.
 * @param url - the server
 * @param durationMs - how long
 * @param concurrency - keep-alive connections, one request in flight on each
 */
export function rawSocketLoad(url: string, durationMs: number, concurrency: number): Promise<RawLoadResult> {
  return runClientProcess<RawLoadResult>('endpoint-load-client.ts', [
    url,
    String(durationMs),
    String(concurrency),
    '10',
  ]);
}

/** One alternation of line (a). */
export interface EndpointPair {
  endpointPerSec: number;
  /** The endpoint process's CPU per request, all threads (the trail's delivery thread too). */
  endpointCpuUsPerRequest: number;
  /** Of which its serving thread's (null without /proc). */
  endpointServingCpuUsPerRequest: number | null;
  barePerSec: number;
  bareCpuUsPerRequest: number;
  bareServingCpuUsPerRequest: number | null;
}

/** CPU per request of a measured total, or null when the total is unknown. */
function perRequest(cpuUs: number | null, requests: number): number | null {
  return cpuUs === null ? null : cpuUs / Math.max(1, requests);
}

/** "75 us CPU/req, 52 on the serving thread" (the second part when known). */
export function cpuText(allThreadsUs: number, servingUs: number | null): string {
  return `${Math.round(allThreadsUs)} us CPU/req${servingUs === null ? '' : `, ${Math.round(servingUs)} on the serving thread`}`;
}

/**
 * Runs line (a) once: the endpoint, then the bare reference, under the same load.
 * @param durationMs - per server
 * @param concurrency - connections of the load client
 */
export async function endpointPair(durationMs: number, concurrency: number): Promise<EndpointPair> {
  const endpoint = await startServerProcess<EndpointStats>('endpoint-server.ts');
  const onEndpoint = await rawSocketLoad(endpoint.url, durationMs, concurrency);
  const endpointStats = await endpoint.stop();
  if (onEndpoint.errorCount > 0 || endpointStats.trailRecords !== endpointStats.requests) {
    throw new Error(
      `the endpoint run saw ${onEndpoint.errorCount} errors, ${endpointStats.trailRecords} trail records for ${endpointStats.requests} requests`,
    );
  }
  const bare = await startServerProcess<BareStats>('bare-server.ts');
  const onBare = await rawSocketLoad(bare.url, durationMs, concurrency);
  const bareStats = await bare.stop();
  return {
    endpointPerSec: (onEndpoint.okCount * 1000) / onEndpoint.durationMs,
    endpointCpuUsPerRequest: endpointStats.cpuUs / Math.max(1, endpointStats.requests),
    endpointServingCpuUsPerRequest: perRequest(endpointStats.servingCpuUs, endpointStats.requests),
    barePerSec: (onBare.okCount * 1000) / onBare.durationMs,
    bareCpuUsPerRequest: bareStats.cpuUs / Math.max(1, onBare.okCount),
    bareServingCpuUsPerRequest: perRequest(bareStats.servingCpuUs, onBare.okCount),
  };
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = flag('runs', 3);
  const pairs: EndpointPair[] = [];
  for (let run = 1; run <= runs; run++) {
    const pair = await endpointPair(flag('seconds', 5) * 1000, flag('concurrency', 64));
    pairs.push(pair);
    process.stdout.write(
      `run ${run}: endpoint ${Math.round(pair.endpointPerSec)} req/s (${cpuText(pair.endpointCpuUsPerRequest, pair.endpointServingCpuUsPerRequest)}), bare ${Math.round(pair.barePerSec)} req/s (${cpuText(pair.bareCpuUsPerRequest, pair.bareServingCpuUsPerRequest)}), ratio ${(pair.endpointPerSec / pair.barePerSec).toFixed(2)}\n`,
    );
  }
  process.stdout.write(
    `median ratio ${median(pairs.map((p) => p.endpointPerSec / p.barePerSec)).toFixed(2)} (target >= 0.6)\n`,
  );
}
