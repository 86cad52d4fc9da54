/**
 * The bench's reference server: a bare node:http PutEvents answerer that parses the JSON body and answers
 * EventIds, nothing else (no validation, no signature, no trail). It is what this machine's Node.js HTTP
 * stack can do at that moment, so ratios against it stay comparable on a busier or slower day.
 *
 * As a program (`node --import tsx bench/bare-server.ts`) it listens on 127.0.0.1 port 0, prints one JSON
 * line `{ "url": ... }`, and on SIGTERM prints `{ "cpuUs": ..., "servingCpuUs": ... }` (its CPU since it listened, all threads and the main thread's) and exits.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mainThreadCpuMeter } from './processes.js';

/** A listening reference server. */
export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the reference on 127.0.0.1, port 0. */
export async function startBareServer(): Promise<BareServer> {
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
  server.keepAliveTimeout = 60_000;
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startBareServer();
  const cpuAtStart = process.cpuUsage();
  const servingCpuSince = mainThreadCpuMeter();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => {
    const cpu = process.cpuUsage(cpuAtStart);
    process.stdout.write(
      `${JSON.stringify({ cpuUs: cpu.user + cpu.system, servingCpuUs: servingCpuSince() })}\n`,
    );
    void server.close().then(() => process.exit(0));
  });
}
