/** `busload validate`, run from source: ok lines for good files, every problem of a bad one, exit 0 or 2. */
import { describe, expect, it } from 'vitest';
import { runBusload } from '../../helpers/busload-cli.js';

describe('busload validate', () => {
  it('says ok with the scenario shape and exits 0', async () => {
    const { code, stdout, stderr } = await runBusload(['validate', 'test/fixtures/cli/tiny.yaml']);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('ok test/fixtures/cli/tiny.yaml (tiny: 2 buses, 2 producers, 2 s)\n');
    expect(stderr).toBe('');
  });

  it('validate names the file, the field and the expected value, and exits 2 without a stack trace', async () => {
    const { code, stderr } = await runBusload(['validate', 'test/fixtures/cli/bad-unknown-bus.yaml'], {
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      timeoutMs: 30_000,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('test/fixtures/cli/bad-unknown-bus.yaml');
    expect(stderr).toContain('producers[0].bus');
    expect(stderr).toContain('ordres');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
