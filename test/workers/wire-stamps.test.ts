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

  it('stamps two responses read in one poll phase at the first one’s arrival, not after its processing', async () => {
    // Answers both requests at once, when both have arrived, so the client reads them in one poll phase.
    const held: Array<() => void> = [];
    const together = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        held.push(() => res.end('{}'));
        if (held.length === 2) for (const answer of held) answer();
      });
    });
    together.listen(0, '127.0.0.1');
    await once(together, 'listening');
    const togetherPort = (together.address() as AddressInfo).port;
    const twoSockets = new Agent({ keepAlive: true, maxSockets: 2 });
    let clockMs = 50;
    const clock = () => clockMs;
    const watches = ['AWS4-HMAC-SHA256 a', 'AWS4-HMAC-SHA256 b'].map((authorization) =>
      watchAttempt(authorization, clock),
    );
    const sent = ['AWS4-HMAC-SHA256 a', 'AWS4-HMAC-SHA256 b'].map(
      (authorization) =>
        new Promise<void>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: togetherPort,
              method: 'POST',
              path: '/',
              agent: twoSockets,
              headers: { authorization },
            },
            (res) => {
              clockMs += 5; // what the SDK does with a response (body, deserialisation, middleware)
              res.resume();
              res.on('end', resolve);
            },
          );
          req.on('error', reject);
          req.end('{"Entries":[]}');
        }),
    );
    await Promise.all(sent);
    expect(watches.map((w) => w.stamps)).toEqual([
      { writtenMs: 50, respondedMs: 50 },
      { writtenMs: 50, respondedMs: 50 },
    ]);
    expect(clockMs).toBe(60);
    for (const w of watches) w.done();
    twoSockets.destroy();
    together.closeAllConnections();
    together.close();
  });
});
