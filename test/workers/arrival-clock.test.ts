/**
 * The arrival clock: every arrival read in one poll phase gets the phase's first time, on its own clock,
 * never before its own write; the next phase reads the clock again. The loopback case shows the point of it:
 * two answers written together are read in one phase, and the second one's time does not include the work
 * done for the first.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { arrivalMs } from '../../src/workers/arrival-clock.js';

const nextCheckPhase = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('arrivalMs', () => {
  it('gives every arrival of one phase the first one’s time, and reads the clock again in the next phase', async () => {
    let clockMs = 100;
    const clock = () => clockMs++;
    expect(arrivalMs(clock)).toBe(100);
    expect(arrivalMs(clock)).toBe(100);
    expect(clockMs).toBe(101);
    await nextCheckPhase();
    expect(arrivalMs(clock)).toBe(101);
    expect(arrivalMs(clock)).toBe(101);
    await nextCheckPhase();
  });

  it('keeps each clock apart', async () => {
    let aMs = 10;
    let bMs = 500;
    const a = () => aMs++;
    const b = () => bMs++;
    expect(arrivalMs(a)).toBe(10);
    expect(arrivalMs(b)).toBe(500);
    expect(arrivalMs(b)).toBe(500);
    expect(arrivalMs(a)).toBe(11);
    await nextCheckPhase();
  });

  it('never puts an arrival before its own write', async () => {
    let clockMs = 40;
    const clock = () => clockMs++;
    expect(arrivalMs(clock)).toBe(40);
    expect(arrivalMs(clock, 45)).toBe(45);
    expect(arrivalMs(clock, 39)).toBe(40);
    await nextCheckPhase();
  });

  it('stamps two answers written together at the first one’s read, not after the work done for it', async () => {
    // A server that answers both clients at once, when both have asked.
    const asked: Socket[] = [];
    const server = createServer((socket) => {
      socket.once('data', () => {
        asked.push(socket);
        if (asked.length === 2) for (const s of asked) s.write('answer');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    let clockMs = 1_000;
    const clock = () => clockMs;
    const stamps: number[] = [];
    const clients = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    const answered = clients.map(
      (client) =>
        new Promise<void>((resolve) => {
          client.once('data', () => {
            stamps.push(arrivalMs(clock));
            clockMs += 5; // the work done for this answer (parsing, recording) before the next socket is read
            resolve();
          });
        }),
    );
    await Promise.all(clients.map((client) => once(client, 'connect')));
    for (const client of clients) client.write('ask');
    await Promise.all(answered);
    expect(stamps).toEqual([1_000, 1_000]);
    expect(clockMs).toBe(1_010);
    for (const client of clients) client.destroy();
    server.close();
  });
});
