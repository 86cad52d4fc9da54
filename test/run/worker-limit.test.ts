import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  availableMemoryBytes,
  DEFAULT_CALLS_PER_WORKER,
  defaultWorkers,
  MAIN_MEMORY_BYTES,
  MAX_WORKERS_PER_CORE,
  WORKER_MEMORY_BYTES,
  workerLimit,
} from '../../src/run/worker-limit.js';

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

describe('the figures behind the limit', () => {
  it('are 4 workers per core, 40 MiB per worker and 150 MiB for the main thread', () => {
    expect(MAX_WORKERS_PER_CORE).toBe(4);
    expect(WORKER_MEMORY_BYTES).toBe(40 * MIB);
    expect(MAIN_MEMORY_BYTES).toBe(150 * MIB);
  });

  it('switches from the memory bound to the cores exactly where memory holds 4 per core', () => {
    // 8 workers need (150 + 8 x 40) MiB / 0.75 = 626.67 MiB
    expect(workerLimit(2, 627 * MIB)).toMatchObject({ maxWorkers: 8 });
    expect(workerLimit(2, 627 * MIB).reason).toMatch(/^4 per core/);
    expect(workerLimit(2, 626 * MIB)).toMatchObject({ maxWorkers: 7 });
    expect(workerLimit(2, 626 * MIB).reason).toMatch(
      /^each worker thread takes ~40 MB and this machine has 626 MB/,
    );
  });
});

describe('defaultWorkers', () => {
  it('gives one SDK worker per 400 planned calls/s and one lean worker per 1,000', () => {
    expect(DEFAULT_CALLS_PER_WORKER).toEqual({ sdk: 400, lean: 1000 });
    expect(defaultWorkers(400, 'sdk', 2)).toBe(1);
    expect(defaultWorkers(401, 'sdk', 2)).toBe(2);
    expect(defaultWorkers(1000, 'lean', 8)).toBe(1);
    expect(defaultWorkers(2500, 'lean', 8)).toBe(3);
  });

  it('starts at least one worker and never more than the most allowed', () => {
    expect(defaultWorkers(0, 'sdk', 2)).toBe(1);
    expect(defaultWorkers(1000, 'sdk', 2)).toBe(2);
    expect(defaultWorkers(20_000, 'lean', 2)).toBe(2);
    expect(defaultWorkers(Number.POSITIVE_INFINITY, 'sdk', 4)).toBe(4);
    expect(defaultWorkers(5000, 'sdk', 0)).toBe(1);
  });
});

describe('availableMemoryBytes', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is the process's available memory (its container's limit in one)", () => {
    vi.spyOn(process, 'availableMemory').mockReturnValue(3 * 1024 * MIB);
    expect(availableMemoryBytes()).toBe(3 * 1024 * MIB);
  });

  it('is unbounded when Node cannot tell (0, or no such API)', () => {
    vi.spyOn(process, 'availableMemory').mockReturnValue(0);
    expect(availableMemoryBytes()).toBe(Number.POSITIVE_INFINITY);
    vi.restoreAllMocks();
    const own = Object.getOwnPropertyDescriptor(process, 'availableMemory');
    Reflect.deleteProperty(process, 'availableMemory');
    try {
      expect('availableMemory' in process).toBe(false);
      expect(availableMemoryBytes()).toBe(Number.POSITIVE_INFINITY);
    } finally {
      if (own !== undefined) Object.defineProperty(process, 'availableMemory', own);
    }
    expect(typeof process.availableMemory).toBe('function');
  });

  it('reads the real figure on this machine: a positive number of bytes', () => {
    const bytes = availableMemoryBytes();
    expect(bytes).toBeGreaterThan(0);
  });
});
