/**
 * Wire stamps against a real loopback server and node:http requests: the write and the response's arrival
 * of a watched request on the given clock, requests matched by Authorization header in registration order,
 * others left alone, and nothing left behind once an attempt is done.
 */
import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitingAttempts, watchAttempt } from '../../src/workers/wire-stamps.js';

let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  server.close();
});

/** Sends one POST with this Authorization header (none when undefined) and waits for its whole response. */
function post(authorization: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = authorization === undefined ? {} : { authorization };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end('{"Entries":[]}');
  });
}

describe('watchAttempt', () => {
  it('stamps the write and then the response of the request with its Authorization header', async () => {
    let clockMs = 10;
    const watch = watchAttempt('AWS4-HMAC-SHA256 one', () => clockMs++);
    expect(watch.stamps).toEqual({});
    await post('AWS4-HMAC-SHA256 one');
    expect(watch.stamps).toEqual({ writtenMs: 10, respondedMs: 11 });
    watch.done();
    expect(waitingAttempts()).toBe(0);
  });

  it('leaves requests with another or no Authorization header alone; done() forgets an unwritten attempt', async () => {
    const watch = watchAttempt('AWS4-HMAC-SHA256 two', () => 1);
    await post('AWS4-HMAC-SHA256 other');
    await post(undefined);
    expect(watch.stamps).toEqual({});
    expect(waitingAttempts()).toBe(1);
    watch.done();
    expect(waitingAttempts()).toBe(0);
    await post('AWS4-HMAC-SHA256 two');
    expect(watch.stamps).toEqual({});
  });

  it('matches attempts with the same Authorization header in the order they were registered', async () => {
    const first = watchAttempt('AWS4-HMAC-SHA256 same', () => 100);
    const second = watchAttempt('AWS4-HMAC-SHA256 same', () => 200);
    expect(waitingAttempts()).toBe(2);
    await post('AWS4-HMAC-SHA256 same');
    expect(first.stamps).toEqual({ writtenMs: 100, respondedMs: 100 });
    expect(second.stamps).toEqual({});
    await post('AWS4-HMAC-SHA256 same');
    expect(second.stamps).toEqual({ writtenMs: 200, respondedMs: 200 });
    first.done();
    second.done();
    expect(waitingAttempts()).toBe(0);
  });
});
