/** Path and port errors are exit 2 with a message, found at start (never "internal error" after the fact). */
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBusload } from '../helpers/busload-cli.js';

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
