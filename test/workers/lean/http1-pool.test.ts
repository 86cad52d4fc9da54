/**
 * The lean transport's HTTP/1.1 client against a real loopback server: keep-alive reuse, answers that close
 * their connection, chunked answers, more requests than sockets, a refused connection, and an abort.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Http1Pool } from '../../../src/workers/lean/http1-pool.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

const request = (url: URL, body: string): Buffer =>
  Buffer.from(
    `POST / HTTP/1.1\r\nhost: ${url.host}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`,
  );

describe('Http1Pool', () => {
  it('reuses connections, survives answers that close theirs, reads chunked bodies, queues beyond maxSockets', async () => {
    const ports = new Set<number>();
    let n = 0;
    const url = await listen((req, res) => {
      ports.add(req.socket.remotePort!);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const i = n++;
        const body = `echo:${Buffer.concat(chunks).toString()}`;
        if (i % 3 === 1) {
          res.writeHead(200, { 'content-length': Buffer.byteLength(body), connection: 'close' });
          res.end(body);
        } else if (i % 3 === 2) {
          res.writeHead(503, { 'x-amzn-ErrorType': 'ServiceUnavailable' }); // chunked, no length
          res.write('echo:');
          res.end(Buffer.concat(chunks).toString());
        } else {
          res.writeHead(200, { 'content-length': Buffer.byteLength(body) });
          res.end(body);
        }
      });
    });
    const pool = new Http1Pool({ url, maxSockets: 2, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
    const writes: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        pool.request({ bytes: request(url, `r${i}`), onWrite: () => writes.push(i) }),
      ),
    );
    pool.destroy();
    expect(answers.map((a) => a.body.toString()).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `echo:r${i}`).sort(),
    );
    expect(answers.filter((a) => a.statusCode === 503)).toHaveLength(4);
    expect(answers.find((a) => a.statusCode === 503)?.headers['x-amzn-errortype']).toBe('ServiceUnavailable');
    expect(writes.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // a connection closed by the server is replaced; never more than 2 at a time, so fewer than 12 in all
    expect(ports.size).toBeGreaterThanOrEqual(2);
    expect(ports.size).toBeLessThan(12);
  });

  it('rejects with the network code when the connection is refused, and AbortError on abort', async () => {
    const url = await listen((_req, _res) => {
      // never answers
    });
    const pool = new Http1Pool({ url, maxSockets: 1, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
    const controller = new AbortController();
    const pending = pool.request({ bytes: request(url, 'x'), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    pool.destroy();
    const port = url.port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server!.closeAllConnections();
    server = undefined;
    const refused = new Http1Pool({
      url: new URL(`http://127.0.0.1:${port}/`),
      maxSockets: 1,
      connectTimeoutMs: 5000,
      requestTimeoutMs: 5000,
    });
    await expect(refused.request({ bytes: Buffer.from('x') })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    refused.destroy();
  });
});
