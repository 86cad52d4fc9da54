/**
 * Benchmark: signed PutEvents requests/s the embedded endpoint serves on loopback with validation, signature
 * verification and CloudTrail recording (a logged bus, files written) on. The load client runs in its own
 * process (bench/endpoint-load-client.ts) so the endpoint has a core to itself. Prints each run and the median.
 *
 * Each run is followed by the same load against a reference: a bare node:http server in this process that only
 * parses the JSON body and answers EventIds (no validation, no signature, no trail). The reference is what this
 * machine's Node.js HTTP stack can do at that moment, so the ratio stays comparable on a busier or slower day.
 *
 *   npx tsx bench/endpoint.ts [--runs 5] [--seconds 5] [--concurrency 64] [--entries 1]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultEndpointConfig, startEndpoint } from '../src/endpoint/index.js';

const ACCESS_KEY_ID = 'AKIDBENCH';
const SECRET = 'bench-secret-not-a-real-credential';
const CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'endpoint-load-client.ts');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

interface ClientResult {
  okCount: number;
  errorCount: number;
  durationMs: number;
}

function runClient(
  url: string,
  durationMs: number,
  concurrency: number,
  entries: number,
): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLIENT,
        url,
        ACCESS_KEY_ID,
        SECRET,
        String(durationMs),
        String(concurrency),
        String(entries),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`load client exited ${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientResult);
    });
  });
}

/** The reference: a bare node:http PutEvents answerer (JSON parse, EventIds, nothing else). */
async function startReference(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entries = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: unknown[] }).Entries;
      const body = JSON.stringify({
        FailedEntryCount: 0,
        Entries: entries.map(() => ({ EventId: randomUUID() })),
      });
      res.writeHead(200, {
        'Content-Type': 'application/x-amz-json-1.1',
        'Content-Length': Buffer.byteLength(body),
        'x-amzn-RequestId': randomUUID(),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The median of a list of figures (the middle one, or the mean of the two middle ones). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs the benchmark and returns the median requests/s. */
export async function benchEndpoint(): Promise<number> {
  const runs = flag('runs', 5);
  const seconds = flag('seconds', 5);
  const concurrency = flag('concurrency', 64);
  const entries = flag('entries', 1);
  const rates: number[] = [];
  const cpuCosts: number[] = [];
  const referenceRates: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const trailDir = await mkdtemp(join(tmpdir(), 'busload-bench-trail-'));
    const endpoint = await startEndpoint(
      defaultEndpointConfig({
        buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
        quota: { ratePerSec: 1e9, burst: 1e9 },
        secretsByAccessKey: { [ACCESS_KEY_ID]: SECRET },
        principalsByAccessKey: { [ACCESS_KEY_ID]: 'arn:aws:iam::111122223333:role/bench-producer' },
        trailDir,
      }),
    );
    const cpuBefore = process.cpuUsage();
    const result = await runClient(endpoint.url, seconds * 1000, concurrency, entries);
    await endpoint.close();
    const cpu = process.cpuUsage(cpuBefore);
    // The endpoint's own CPU per request (this process: HTTP, parsing, validation, SigV4, trail, gzip on
    // libuv's pool counted too): a load-independent figure next to the throughput.
    const cpuUsPerRequest = (cpu.user + cpu.system) / Math.max(1, result.okCount);
    cpuCosts.push(cpuUsPerRequest);
    const stats = endpoint.stats();
    await rm(trailDir, { recursive: true, force: true });
    const ratePerSec = (result.okCount / result.durationMs) * 1000;
    rates.push(ratePerSec);
    process.stdout.write(
      `run ${run}: ${Math.round(ratePerSec).toLocaleString('en-US')} requests/s, ${cpuUsPerRequest.toFixed(1)} us endpoint CPU per request (${result.okCount} ok, ${result.errorCount} errors; endpoint counted ${stats.requestsOk} ok, wrote ${stats.trailRecords} trail records in ${stats.trailFilesWritten} files)\n`,
    );
    if (result.errorCount > 0 || stats.trailRecords !== stats.requests)
      throw new Error('the benchmark saw errors or lost trail records');
    const reference = await startReference();
    const referenceResult = await runClient(reference.url, seconds * 1000, concurrency, entries);
    await reference.close();
    const referencePerSec = (referenceResult.okCount / referenceResult.durationMs) * 1000;
    referenceRates.push(referencePerSec);
    process.stdout.write(
      `  reference ${run}: bare node:http answerer ${Math.round(referencePerSec).toLocaleString('en-US')} requests/s (endpoint = ${((100 * ratePerSec) / referencePerSec).toFixed(0)}% of it)\n`,
    );
  }
  const medianPerSec = median(rates);
  const medianCpuUs = median(cpuCosts);
  process.stdout.write(
    `endpoint: median ${Math.round(medianPerSec).toLocaleString('en-US')} signed PutEvents requests/s, median ${medianCpuUs.toFixed(1)} us endpoint CPU per request (= ${Math.round(1e6 / medianCpuUs).toLocaleString('en-US')} requests/s per core) (${entries} entr${entries === 1 ? 'y' : 'ies'}/request, ${concurrency} in flight, ${runs} x ${seconds} s; validation, SigV4 verification and CloudTrail files on)\n`,
  );
  const medianReference = median(referenceRates);
  process.stdout.write(
    `reference: median ${Math.round(medianReference).toLocaleString('en-US')} requests/s from a bare node:http answerer with the same client; the endpoint reaches ${((100 * medianPerSec) / medianReference).toFixed(0)}% of it\n`,
  );
  return medianPerSec;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchEndpoint();
