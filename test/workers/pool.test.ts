import { describe, expect, it } from 'vitest';
import { runLoad, workerEntry } from '../../src/workers/pool.js';
import { makeProducer, makeScenario } from '../helpers/scenario-builder.js';

describe('workerEntry', () => {
  it('uses the .ts worker with tsx when running from source', () => {
    expect(workerEntry('file:///app/src/workers/pool.ts')).toEqual({
      filename: 'file:///app/src/workers/producer.worker.ts',
      execArgv: ['--import', 'tsx'],
    });
  });

  it('uses the compiled .js worker from dist', () => {
    expect(workerEntry('file:///app/dist/workers/pool.js')).toEqual({
      filename: 'file:///app/dist/workers/producer.worker.js',
      execArgv: [],
    });
  });
});

describe('runLoad options', () => {
  const base = {
    scenario: makeScenario([makeProducer()]),
    endpointUrl: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: {},
    workers: 1,
    seed: 1,
    durationMs: 1000,
    maxLagMs: 100,
    maxInFlight: 4,
    progressIntervalMs: 100,
    startDelayMs: 0,
  };

  it.each([
    [{ workers: 0 }, 'options.workers must be a positive integer, got 0'],
    [{ maxInFlight: 1.5 }, 'options.maxInFlight must be a positive integer, got 1.5'],
    [{ durationMs: -1 }, 'options.durationMs must be a number >= 0, got -1'],
    [{ maxLagMs: Number.NaN }, 'options.maxLagMs must be a number >= 0, got NaN'],
  ])('rejects %o before starting any thread', async (override, message) => {
    await expect(runLoad({ ...base, ...override })).rejects.toThrow(message);
  });
});
