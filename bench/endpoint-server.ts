/**
 * The embedded endpoint as the bench's server process: SigV4 verified (the bench key), the bench bus logged,
 * CloudTrail files written to a temporary folder. Run as `node --import tsx bench/endpoint-server.ts`: it
 * prints one JSON line `{ "url": ... }`; on SIGTERM it closes (delivering every queued trail file), prints
 * `{ cpuUs, servingCpuUs, requests, requestsOk, trailRecords, trailFiles }` and exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEndpointConfig, startEndpoint } from '../src/endpoint/index.js';
import { mainThreadCpuMeter } from './processes.js';
import { BENCH_BUS, BENCH_KEY, BENCH_PRINCIPAL } from './signed-requests.js';

const trailDir = await mkdtemp(join(tmpdir(), 'busload-bench-trail-'));
const endpoint = await startEndpoint(
  defaultEndpointConfig({
    buses: [{ name: BENCH_BUS, logging: true, allowedPrincipals: null }],
    quota: { ratePerSec: 1e9, burst: 1e9 },
    secretsByAccessKey: { [BENCH_KEY.accessKeyId]: BENCH_KEY.secretAccessKey },
    principalsByAccessKey: { [BENCH_KEY.accessKeyId]: BENCH_PRINCIPAL },
    trailDir,
  }),
);
const cpuAtStart = process.cpuUsage();
const servingCpuSince = mainThreadCpuMeter();
process.stdout.write(`${JSON.stringify({ url: endpoint.url })}\n`);
process.once('SIGTERM', () => {
  void (async () => {
    await endpoint.close();
    const cpu = process.cpuUsage(cpuAtStart);
    const stats = endpoint.stats();
    await rm(trailDir, { recursive: true, force: true });
    process.stdout.write(
      `${JSON.stringify({
        cpuUs: cpu.user + cpu.system,
        servingCpuUs: servingCpuSince(),
        requests: stats.requests,
        requestsOk: stats.requestsOk,
        trailRecords: stats.trailRecords,
        trailFiles: stats.trailFilesWritten,
      })}\n`,
    );
    process.exit(0);
  })();
});
