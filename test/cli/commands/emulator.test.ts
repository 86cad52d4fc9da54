/**
 * `busload emulator`: its configuration from the flags (checked, exit 2 naming the flag), its start and end
 * lines, and path and port errors found at start as exit 2 with a message (never "internal error" after the
 * fact). Serving PutEvents itself is test/e2e/emulator.test.ts.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeServed,
  describeTrail,
  emulatorConfig,
  readEmulatorCredentials,
} from '../../../src/cli/commands/emulator.js';
import type { EndpointStats } from '../../../src/endpoint/types.js';
import { runBusload } from '../../helpers/busload-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'busload-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('emulator', () => {
  it('refuses an unwritable --trail-dir at start (exit 2)', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const { code, stdout, stderr } = await runBusload(['emulator', '--trail-dir', join(file, 'trail')]);
    expect(code, stderr).toBe(2);
    expect(stdout).not.toContain('listening');
    expect(stderr).toContain('--trail-dir');
    expect(stderr).not.toContain('internal error');
  });

  it('a port in use is exit 2 naming EADDRINUSE', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const { code, stderr } = await runBusload(['emulator', '--port', String(port)]);
      expect(code, stderr).toBe(2);
      expect(stderr).toContain('EADDRINUSE');
      expect(stderr).not.toContain('internal error');
    } finally {
      server.close();
    }
  });
});

describe('emulatorConfig', () => {
  const flags = { host: '127.0.0.1', port: 0 };

  it('without --config logs every bus that receives PutEvents, and creates unknown buses', async () => {
    const config = await emulatorConfig({ ...flags, trailDir: '/tmp/trail', accountId: '210987654321' });
    expect(config.logUndeclaredBuses).toBe(true);
    expect(config.trailDir).toBe('/tmp/trail');
    expect(describeTrail(config, undefined)).toBe(
      'cloudtrail: every bus that receives PutEvents is logged to /tmp/trail (no --config)',
    );
  });

  it("with --config takes the scenario's buses: only those with logging on are logged", async () => {
    const config = await emulatorConfig({
      ...flags,
      config: 'test/fixtures/cli/tiny.yaml',
      trailDir: '/tmp/t',
    });
    expect(config.buses.map((bus) => [bus.name, bus.logging])).toEqual([
      ['orders', true],
      ['telemetry', false],
    ]);
    expect(describeTrail(config, 'test/fixtures/cli/tiny.yaml')).toBe(
      'cloudtrail: buses orders are logged to /tmp/t',
    );
    const quiet = await emulatorConfig(flags);
    expect(describeTrail(quiet, undefined)).toBe(
      'cloudtrail: no --trail-dir, records are counted, not written',
    );
  });

  it('refuses out-of-range numbers and rates, a bad account and an unknown --unknown-bus, naming the flag', async () => {
    await expect(emulatorConfig({ ...flags, port: 70_000 })).rejects.toThrow(
      '--port 70000: expected a whole number from 0 to 65535',
    );
    await expect(emulatorConfig({ ...flags, stallRate: 1.5 })).rejects.toThrow('--stall-rate 1.5');
    await expect(emulatorConfig({ ...flags, quotaTps: 0 })).rejects.toThrow(
      '--quota-tps 0: expected a number > 0',
    );
    await expect(emulatorConfig({ ...flags, accountId: '123' })).rejects.toThrow(
      '--account-id 123: expected 12 digits',
    );
    await expect(emulatorConfig({ ...flags, unknownBus: 'keep' })).rejects.toThrow(
      '--unknown-bus keep: expected create or drop',
    );
  });

  it('reads --credentials (YAML): the secret and principal of each key', async () => {
    const file = join(dir, 'keys.yaml');
    writeFileSync(
      file,
      '- accessKeyId: AKIDTEST\n  secretAccessKey: s3cret\n  principal: arn:aws:iam::111122223333:role/checkout\n',
    );
    expect(await readEmulatorCredentials(file)).toEqual({
      secretsByAccessKey: { AKIDTEST: 's3cret' },
      principalsByAccessKey: { AKIDTEST: 'arn:aws:iam::111122223333:role/checkout' },
    });
  });
});

describe('describeServed', () => {
  const stats = {
    requests: 3,
    requestsOk: 2,
    requestsThrottled: 1,
    requestsRejected: 0,
    cloudWatchRequests: 1,
    eventBusRequests: 0,
    trailRecords: 14,
    trailFilesWritten: 2,
  } as EndpointStats;

  it('says what was served and what became of the trail records', () => {
    expect(describeServed(stats, null)).toBe(
      'served 3 PutEvents requests (2 ok, 1 throttled, 0 rejected), 1 CloudWatch request; 14 CloudTrail records counted, none written (no --trail-dir)',
    );
    expect(describeServed({ ...stats, eventBusRequests: 2 }, '/tmp/trail')).toBe(
      'served 3 PutEvents requests (2 ok, 1 throttled, 0 rejected), 1 CloudWatch request, 2 event bus requests; wrote 14 CloudTrail records in 2 files to /tmp/trail',
    );
  });
});
