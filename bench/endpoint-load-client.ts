/**
 * The load client of bench/endpoint.ts, run in its own process so the endpoint keeps a core to itself.
 * It pre-signs a pool of distinct PutEvents requests (bench/signed-requests.ts, the bench key) and renders
 * each as the exact HTTP/1.1 bytes a client sends. It then keeps
 * `concurrency` keep-alive connections busy for `durationMs`, one request in flight on each (no pipelining),
 * like wrk does: a raw socket writes the pre-built bytes and reads the answer's status line, Content-Length
 * and body. This keeps the client's own CPU per request small (a node:http client costs several times more),
 * so on a 2-core machine the figure measures the endpoint rather than the client.
 * It prints one JSON line: { okCount, errorCount, durationMs, clientCpuUs }.
 * Usage: endpoint-load-client.ts <url> <durationMs> <concurrency> [entriesPerRequest=10]
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { signedPutEvents } from './signed-requests.js';

const POOL_SIZE = 512;
const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/** The pool of pre-signed requests as the exact bytes on the wire. */
async function buildPool(target: URL, entriesPerRequest: number): Promise<Buffer[]> {
  const signed = await signedPutEvents(target, POOL_SIZE, entriesPerRequest);
  return signed.map(({ headers, body }) => {
    let head = 'POST / HTTP/1.1\r\n';
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    head += 'connection: keep-alive\r\n\r\n';
    return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body, 'utf8')]);
  });
}

async function main(): Promise<void> {
  const [url, durationText, concurrencyText, entriesText] = process.argv.slice(2);
  const target = new URL(url!);
  const durationMs = Number(durationText);
  const concurrency = Number(concurrencyText);
  const pool = await buildPool(target, Number(entriesText ?? 10));

  let okCount = 0;
  let errorCount = 0;
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const startedMs = performance.now();
  const endMs = startedMs + durationMs;

  const drive = (): Promise<void> =>
    new Promise((resolve) => {
      const socket: Socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
      let pending: Buffer = Buffer.alloc(0);
      const send = (): void => {
        if (performance.now() >= endMs) {
          socket.end();
          return;
        }
        socket.write(pool[next++ % POOL_SIZE]!);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const headEnd = pending.indexOf(HEAD_END);
          if (headEnd < 0) return;
          const head = pending.toString('latin1', 0, headEnd);
          const bodyBytes = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
          const total = headEnd + 4 + bodyBytes;
          if (pending.length < total) return;
          if (head.startsWith('HTTP/1.1 200')) okCount++;
          else errorCount++;
          pending = pending.subarray(total);
          send();
        }
      });
      socket.on('error', () => {
        errorCount++;
      });
      socket.on('close', () => resolve());
    });

  await Promise.all(Array.from({ length: concurrency }, drive));
  const elapsedMs = performance.now() - startedMs;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `${JSON.stringify({ okCount, errorCount, durationMs: elapsedMs, clientCpuUs: cpu.user + cpu.system })}\n`,
  );
}

await main();
