/**
 * A worker thread that dies (process.exit inside it, as an OOM kill would) fails the whole load with the
 * worker's index and why, promptly: never a hang, never a partial merge.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../src/workers/pool.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

describe('runLoad when a worker crashes', () => {
  it('rejects naming the worker and the exit, well before the planned end', async () => {
    const startedMs = Date.now();
    await expect(
      runLoad({
        scenario: makeScenario([makeProducer()], 20_000),
        endpointUrl: 'http://127.0.0.1:9',
        region: 'us-east-1',
        credentials: { checkout: { accessKeyId: 'AKIDCRASH', secretAccessKey: 'crash' } },
        workers: 2,
        seed: 1,
        durationMs: 20_000,
        maxLagMs: 1000,
        maxInFlight: 4,
        progressIntervalMs: 200,
        startDelayMs: 50,
        workerEntry: {
          filename: new URL('../fixtures/workers/crash.worker.ts', import.meta.url).href,
          execArgv: ['--import', 'tsx'],
        },
      }),
    ).rejects.toThrow(/^worker [01] of 2 failed: worker exited with code: 7$/);
    expect(Date.now() - startedMs).toBeLessThan(10_000);
  });
});
