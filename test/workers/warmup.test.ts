/**
 * The warm-up of a worker's send path: the calls it makes all go to its own loopback sink (counted with
 * node:http's diagnostics channel, which sees every request a server in this process receives), through
 * either transport, and it leaves no server or socket open; and the warm-up of the progress path.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { warmProgressPath, warmSdkPath } from '../../src/workers/warmup.js';

interface SeenRequest {
  target: string | undefined;
  address: string;
  entries: number;
  contentType: string | undefined;
}

let seen: SeenRequest[] = [];
const onRequest = (message: unknown): void => {
  const { request, server } = message as { request: IncomingMessage; server: Server };
  const record: SeenRequest = {
    target: request.headers['x-amz-target'] as string | undefined,
    address: (server.address() as AddressInfo).address,
    entries: 0,
    contentType: request.headers['content-type'],
  };
  seen.push(record);
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  request.on('end', () => {
    record.entries = (JSON.parse(body) as { Entries: unknown[] }).Entries.length;
  });
};

beforeEach(() => {
  seen = [];
  diagnosticsChannel.subscribe('http.server.request.start', onRequest);
});
afterEach(() => {
  diagnosticsChannel.unsubscribe('http.server.request.start', onRequest);
});

const tcpHandles = (): number =>
  process.getActiveResourcesInfo().filter((name) => name === 'TCPServerWrap' || name === 'TCPSocketWrap')
    .length;

/** Waits (a bounded number of turns of the event loop) until the TCP handles are back to `count`. */
async function tcpHandlesSettleTo(count: number): Promise<number> {
  for (let turn = 0; turn < 200 && tcpHandles() !== count; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return tcpHandles();
}

describe('warmSdkPath', () => {
  it.each(['sdk', 'lean'] as const)(
    'sends exactly the calls asked through the %s transport, 10 entries each, to its own loopback sink',
    async (transport) => {
      const before = tcpHandles();
      await warmSdkPath(23, 4, transport);
      expect(seen).toHaveLength(23);
      for (const request of seen) {
        expect(request).toEqual({
          target: 'AWSEvents.PutEvents',
          address: '127.0.0.1',
          entries: 10,
          contentType: 'application/x-amz-json-1.1',
        });
      }
      expect(await tcpHandlesSettleTo(before)).toBe(before);
    },
  );

  it('sends exactly the calls asked when they are fewer than the lanes', async () => {
    await warmSdkPath(3, 16);
    expect(seen).toHaveLength(3);
  });
});

describe('warmProgressPath', () => {
  it('makes one progress message with a latency histogram per round', () => {
    expect(warmProgressPath(3)).toBe(3);
    expect(warmProgressPath(0)).toBe(0);
  });
});
