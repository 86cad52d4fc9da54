import { harnessRun } from './harness-run.js';
import { startServerProcess } from './processes.js';

const server = await startServerProcess<unknown>(process.argv[4] ?? 'endpoint-server.ts');
const r = await harnessRun(
  server.url,
  (process.argv[2] ?? 'sdk') as 'sdk',
  Number(process.argv[3] ?? 400),
  6000,
);
console.log(
  r.cpuUsPerCall,
  r.callsPerSec,
  r.report.totals.latencyMs.p50,
  r.report.totals.latencyMs.p99,
  r.report.totals.serviceLatencyMs.p50,
  r.report.status,
  JSON.stringify(r.report.generator),
);
await server.stop();
