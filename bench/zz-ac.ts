import { runClientProcess, startServerProcess } from './processes.js';

for (const script of ['endpoint-server.ts', 'bare-server.ts', 'endpoint-server.ts', 'bare-server.ts']) {
  const server = await startServerProcess<unknown>(script);
  const r = await runClientProcess<Record<string, number>>('autocannon-load.ts', [
    server.url,
    '400',
    '6',
    '16',
  ]);
  await server.stop();
  console.log(script, JSON.stringify(r));
}
