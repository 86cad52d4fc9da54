/**
 * One run end to end on the embedded endpoint: an interrupted run still reports every entry, with its time
 * series adding up; a crashing worker fails the run with a report that says which and why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/catalog-file.js';
import { runScenario } from '../../src/run/run-scenario.js';
import type { LoadedScenario } from '../../src/scenario/types.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'busload-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scenario = makeScenario(
  [
    makeProducer({
      shape: { kind: 'constant', ratePerSec: 300 },
      batching: { kind: 'linger', maxEntries: 10, lingerMs: 20 },
      instances: 3,
    }),
    makeProducer({ name: 'sensors', bus: 'telemetry', shape: { kind: 'constant', ratePerSec: 200 } }),
  ],
  20_000,
);
scenario.endpoint.latencyMs = { p50Ms: 20, p99Ms: 60 };
scenario.endpoint.faults.entryThrottleRate = 0.02;
const loaded: LoadedScenario = { scenario, file: 'inline.yaml', sha256: '0'.repeat(64) };

describe('runScenario', () => {
  it('interrupted: status interrupted, every entry accounted for, series and endpoint agree', async () => {
    const { catalog } = await loadCatalogFile();
    const controller = new AbortController();
    let abortedAtMs = 0;
    let aborted = false;
    const report = await runScenario({
      loaded,
      scenario,
      target: { kind: 'embedded' },
      runDir: join(dir, 'interrupted'),
      seed: 9,
      workers: 2,
      maxLagMs: 5000,
      catalog,
      toolVersion: 'test',
      signal: controller.signal,
      onProgress: (progress) => {
        const calls = Object.values(progress.buses).reduce((n, delta) => n + delta.calls, 0);
        if (calls > 0 && !aborted) {
          aborted = true;
          setTimeout(() => {
            abortedAtMs = Date.now();
            controller.abort();
          }, 1000);
        }
      },
    });
    expect(report.status).toBe('interrupted');
    // in-flight calls get at most 5 s to finish (runner drainTimeoutMs), then the report is built
    expect(Date.now() - abortedAtMs).toBeLessThan(7_000);
    for (const bus of [...report.buses, report.totals]) {
      const { entries } = bus;
      expect(entries.planned, `${bus.name}: planned = succeeded + failed + dropped`).toBe(
        entries.succeeded + entries.failed + entries.dropped,
      );
    }
    expect(report.totals.entries.planned).toBeGreaterThan(0);
    expect(report.totals.entries.planned).toBeLessThan(10_000); // the whole plan is 10,000 entries
    for (const bus of report.buses) {
      const points = bus.timeSeries?.points ?? [];
      expect(bus.timeSeries?.intervalMs).toBe(1000);
      expect(
        points.reduce((n, p) => n + p.entriesPlanned, 0),
        bus.name,
      ).toBe(bus.entries.planned);
      expect(
        points.reduce((n, p) => n + p.entriesSucceeded, 0),
        bus.name,
      ).toBe(bus.entries.succeeded);
      expect(
        points.reduce((n, p) => n + p.entriesDropped, 0),
        bus.name,
      ).toBe(bus.entries.dropped);
      const reconciled = report.reconciliation?.find((r) => r.bus === bus.name);
      expect(reconciled?.endpointEntriesAccepted, bus.name).toBe(bus.entries.succeeded);
      expect(reconciled?.endpointRequests, bus.name).toBe(bus.requests.attempts);
    }
    expect(report.generator.workers?.map((w) => w.index)).toEqual([0, 1]);
    expect(report.run.transport).toBe('sdk');
    // The endpoint's thread served a light load: measured, well under saturation.
    const endpointThread = report.generator.endpoint;
    expect(endpointThread?.eventLoopUtilization).toBeGreaterThan(0);
    expect(endpointThread?.eventLoopUtilization).toBeLessThan(0.9);
    expect(endpointThread?.saturated).toBe(false);
    expect(endpointThread?.cpuUsPerRequest).toBeGreaterThan(0);
  });

  it('a crashed worker: status failed naming the worker and why, and no partial counts', async () => {
    const { catalog } = await loadCatalogFile();
    const report = await runScenario({
      loaded,
      scenario,
      target: { kind: 'embedded' },
      runDir: join(dir, 'crashed'),
      seed: 9,
      workers: 2,
      maxLagMs: 1000,
      catalog,
      toolVersion: 'test',
      workerEntry: {
        filename: new URL('../fixtures/workers/crash.worker.ts', import.meta.url).href,
        execArgv: ['--import', 'tsx'],
      },
    });
    expect(report.status).toBe('failed');
    expect(report.statusReason).toMatch(/^worker [01] of 2 failed: worker exited with code: 7$/);
    expect(report.totals.entries).toMatchObject({ planned: 0, succeeded: 0, failed: 0, dropped: 0 });
  });
});
