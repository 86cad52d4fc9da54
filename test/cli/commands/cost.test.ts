/** `busload cost`, run from source: the declared volumes priced without load, flags checked (exit 2). */
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/report/types.js';
import { runBusload } from '../../helpers/busload-cli.js';

const busload = (args: string[]) =>
  runBusload(args, { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }, timeoutMs: 30_000 });

describe('busload cost', () => {
  it('cost prices the declared volumes without load', async () => {
    const { code, stdout, stderr } = await busload([
      'cost',
      'test/fixtures/cli/tiny.yaml',
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const estimate = JSON.parse(stdout) as RunReport['cost'];
    const orders = estimate.buses.find((bus) => bus.name === 'orders')!;
    // 100 entries/s x 2,628,000 s = 262.8M entries; batches of 5 -> 52.56M calls; 2 trail copies.
    expect(orders.monthly.customEvents).toBe('262800000');
    expect(orders.monthly.dataEvents).toBe('105120000');
  });

  it("prices a calendar month's hours and a logging what-if", async () => {
    const { code, stdout, stderr } = await busload([
      'cost',
      'test/fixtures/cli/tiny.yaml',
      '--month',
      '2027-02',
      '--logging',
      'telemetry=trail',
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const estimate = JSON.parse(stdout) as RunReport['cost'];
    expect(estimate.month).toMatchObject({ label: '2027-02', hours: 672, basis: 'calendar month' });
    // 100 entries/s x 672 h x 3600 s = 241.92M entries of orders.
    expect(estimate.buses.find((bus) => bus.name === 'orders')!.monthly.customEvents).toBe('241920000');
    // telemetry logged now (off in the file): 400 entries/s in batches of 10 are at least 40 calls/s x
    // 2,419,200 s, a few more where the 80 KB tail of its sizes splits a batch at the request size limit.
    expect(Number(estimate.buses.find((bus) => bus.name === 'telemetry')!.monthly.dataEvents)).toBe(
      97_019_596.8,
    );
  });

  it('refuses an unknown --assume name with exit 2 and the names it knows', async () => {
    const { code, stdout, stderr } = await busload([
      'cost',
      'test/fixtures/cli/tiny.yaml',
      '--assume',
      'nope=1',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'busload: --assume nope=1: unknown assumption "nope" (one of: failedRequestsLogged, failedEntriesBilled, recordFirstEntryBytes, recordExtraEntryBytes, recordGrowthBytes, unconfirmedExclusionsHonoured, gzipRatio, s3RetentionDays, lakeRetentionDays, logsRetentionDays, problemShareThreshold, trailFilesPerHour, logsStorageCompressed)\n',
    );
  });
});
