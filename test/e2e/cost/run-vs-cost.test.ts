/**
 * A short run's projection against `busload cost` of the same scenario (fixed batches only): the two ways
 * of pricing must agree within 2% per bus, through the real CLI, the real SDK and the embedded endpoint.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CostEstimate } from '../../../src/model/types.js';
import type { RunReport } from '../../../src/report/types.js';
import { type CliResult, runBusload } from '../../helpers/busload-cli.js';

const SCENARIO = 'test/e2e/cost/fixtures/fixed-batches.yaml';

const busload = (args: string[]): Promise<CliResult> => runBusload(args, { timeoutMs: 45_000 });

const within = (actual: string, expected: string, share: number) =>
  Math.abs(Number(actual) - Number(expected)) <= share * Number(expected);

describe('run projection vs declared volumes (fixed batches)', () => {
  it('agree within 2% per bus: counts, EventBridge, logging and total', async () => {
    const out = mkdtempSync(join(tmpdir(), 'busload-run-vs-cost-'));
    const [run, cost] = await Promise.all([
      busload(['run', SCENARIO, '--json', '--no-progress', '--out', out, '--workers', '1']),
      busload(['cost', SCENARIO, '--format', 'json']),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(cost.code, cost.stderr).toBe(0);
    const measured = (JSON.parse(run.stdout) as RunReport).cost;
    const declared = JSON.parse(cost.stdout) as CostEstimate;
    expect(measured.projection.factor).toBe('876000'); // 2,628,000 s / 3 s
    expect(declared.projection.factor).toBe('1');
    for (const bus of declared.buses) {
      const ran = measured.buses.find((candidate) => candidate.name === bus.name)!;
      for (const field of [
        'customEvents',
        'dataEvents',
        'eventBridgeUsd',
        'loggingUsd',
        'totalUsd',
      ] as const) {
        expect(
          within(ran.monthly[field], bus.monthly[field], 0.02),
          `${bus.name}.${field}: ${ran.monthly[field]} vs ${bus.monthly[field]}`,
        ).toBe(true);
      }
    }
    // orders: 100/s in 5s + 20/s in 2s of 2 chunks + 20/s single: 2,628,000 s x (100 + 40 + 20) = 420,480,000 chunks;
    // calls (20 + 10 + 20)/s = 131,400,000, of which the canary's 52,560,000 are excluded; 2 copies of the rest.
    const orders = declared.buses.find((bus) => bus.name === 'orders')!;
    expect(orders.monthly.customEvents).toBe('420480000');
    expect(orders.monthly.dataEvents).toBe('157680000');
    expect(orders.excluded?.requests).toBe('52560000');
    const ranOrders = measured.buses.find((bus) => bus.name === 'orders')!;
    expect(within(ranOrders.excluded!.requests, '52560000', 0.02)).toBe(true);
    // The run measures record bytes from the endpoint's trail; the declared estimate uses the documented example.
    expect(ranOrders.recordBytes?.basis).toBe('measured');
    expect(orders.recordBytes?.basis).toBe('estimated');
  }, 60_000);
});
