import { describe, expect, it } from 'vitest';
import { workerLimit } from '../../src/run/worker-limit.js';

const MIB = 1_048_576;

describe('workerLimit', () => {
  it('is 4 per core when memory is plentiful (this 2-core, 24 GB machine: 8)', () => {
    expect(workerLimit(2, 24 * 1024 * MIB)).toEqual({
      maxWorkers: 8,
      reason:
        "4 per core on this machine's 2; each worker thread holds its own SDK clients and sockets (~40 MB), and more threads than that only compete for the cores",
    });
    expect(workerLimit(32, 256 * 1024 * MIB).maxWorkers).toBe(128);
  });

  it('is bounded by memory in a small container: 32 cores and 1 GiB give 15 workers (~750 MB in all), not 128', () => {
    // (1,024 MiB x 0.75 - 150 MiB) / 40 MiB = 15.45
    expect(workerLimit(32, 1024 * MIB)).toEqual({
      maxWorkers: 15,
      reason:
        'each worker thread takes ~40 MB and this machine has 1,024 MB available (a run plans to use at most 75% of it)',
    });
  });

  it('always allows one worker', () => {
    expect(workerLimit(8, 100 * MIB).maxWorkers).toBe(1);
    expect(workerLimit(0, Number.POSITIVE_INFINITY).maxWorkers).toBe(4);
  });
});
