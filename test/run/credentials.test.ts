/**
 * The embedded endpoint's throw-away credentials: one key pair per producer with the key -> principal map,
 * and, over a real local run, no secret ever printed, reported or written to the run's files.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { localCredentials } from '../../src/run/credentials.js';
import { runScenario } from '../../src/run/run-scenario.js';
import type { LoadedScenario } from '../../src/scenario/types.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

/** Every secret localCredentials handed out in this file, including those of the run below. */
const secretsHandedOut = vi.hoisted(() => [] as string[]);

vi.mock('../../src/run/credentials.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/run/credentials.js')>();
  return {
    ...actual,
    localCredentials: (...args: Parameters<typeof actual.localCredentials>) => {
      const made = actual.localCredentials(...args);
      for (const key of Object.values(made.credentials)) secretsHandedOut.push(key.secretAccessKey);
      return made;
    },
  };
});

const checkout = makeProducer({ name: 'checkout', principal: 'arn:aws:iam::111122223333:role/checkout' });
const sensors = makeProducer({
  name: 'sensors',
  bus: 'telemetry',
  principal: 'arn:aws:iam::111122223333:role/sensors',
});

describe('localCredentials', () => {
  it('gives each producer its own numbered access key, mapped to its principal', () => {
    const { credentials, principalsByAccessKey } = localCredentials([checkout, sensors]);
    expect(Object.keys(credentials)).toEqual(['checkout', 'sensors']);
    expect(credentials['checkout']!.accessKeyId).toBe('AKIDLOCAL00000000000');
    expect(credentials['sensors']!.accessKeyId).toBe('AKIDLOCAL00000000001');
    expect(credentials['checkout']!.accessKeyId).toHaveLength(20);
    expect(principalsByAccessKey).toEqual({
      AKIDLOCAL00000000000: 'arn:aws:iam::111122223333:role/checkout',
      AKIDLOCAL00000000001: 'arn:aws:iam::111122223333:role/sensors',
    });
    expect(credentials['checkout']).not.toHaveProperty('sessionToken');
  });

  it('makes a fresh random 40-character secret per producer and per call', () => {
    const first = localCredentials([checkout, sensors]).credentials;
    const second = localCredentials([checkout, sensors]).credentials;
    const secrets = [first, second].flatMap((set) => Object.values(set).map((key) => key.secretAccessKey));
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(new Set(secrets).size).toBe(4);
  });

  it('gives no keys to no producers', () => {
    expect(localCredentials([])).toEqual({ credentials: {}, principalsByAccessKey: {} });
  });
});

describe('a local run with these credentials', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'busload-credentials-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The text of every file under `root`, gzip files unpacked. */
  async function filesText(root: string): Promise<string[]> {
    const names = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) =>
      entry.isFile(),
    );
    return Promise.all(
      names.map(async (entry) => {
        const bytes = await readFile(join(entry.parentPath, entry.name));
        return (entry.name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      }),
    );
  }

  it('never prints, reports or writes a secret (the access keys may appear: CloudTrail records them)', async () => {
    const scenario = makeScenario(
      [
        { ...checkout, shape: { kind: 'constant', ratePerSec: 50 } },
        { ...sensors, shape: { kind: 'constant', ratePerSec: 50 } },
      ],
      1_000,
    );
    const loaded: LoadedScenario = { scenario, file: 'inline.yaml', sha256: '0'.repeat(64) };
    const { catalog } = await loadCatalogFile();
    const printed: string[] = [];
    const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
      printed.push(String(chunk));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const logged = vi.spyOn(console, 'log');
    const warned = vi.spyOn(console, 'warn');
    const errored = vi.spyOn(console, 'error');
    const before = secretsHandedOut.length;
    let reportText = '';
    try {
      const report = await runScenario({
        loaded,
        scenario,
        target: { kind: 'embedded' },
        runDir: join(dir, 'run'),
        seed: 3,
        workers: 1,
        maxLagMs: 5_000,
        catalog,
        toolVersion: 'test',
        onProgress: (progress) => printed.push(JSON.stringify(progress)),
      });
      reportText = JSON.stringify(report);
      expect(report.totals.entries.succeeded).toBeGreaterThan(0);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const consoleText = [logged, warned, errored].flatMap((spy) => spy.mock.calls.flat().map(String));
    logged.mockRestore();
    warned.mockRestore();
    errored.mockRestore();
    const secrets = secretsHandedOut.slice(before);
    expect(secrets).toHaveLength(2);
    const files = await filesText(join(dir, 'run'));
    // the run really wrote its trail, and CloudTrail names the caller's access key in each record
    expect(files.join('\n')).toContain('AKIDLOCAL0000000000');
    for (const secret of secrets) {
      expect(reportText).not.toContain(secret);
      for (const text of [...printed, ...consoleText, ...files]) expect(text).not.toContain(secret);
    }
  });
});
