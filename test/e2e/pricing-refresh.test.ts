/**
 * `busload pricing --refresh` against a loopback Price List stub, through the real @aws-sdk/client-pricing.
 * (src/aws/pricing.ts has its unit tests in pricing.test.ts; this is the command's.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/model/catalog.js';
import { PRICE_LIST_PRODUCTS, startPricingStub } from '../aws/stub-pricing.js';
import { runBusload } from '../helpers/busload-cli.js';

let stub: Awaited<ReturnType<typeof startPricingStub>>;

beforeAll(async () => {
  stub = await startPricingStub(PRICE_LIST_PRODUCTS, 2);
});
afterAll(async () => {
  await stub.close();
});

describe('pricing refresh through the real Pricing client', () => {
  it('busload pricing --refresh writes aws-<date>.json and its diff', async () => {
    const out = mkdtempSync(join(tmpdir(), 'busload-pricing-'));
    const { code, stdout, stderr } = await runBusload(
      [
        'pricing',
        '--refresh',
        '--out',
        out,
        '--date',
        '2026-12-01',
        '--endpoint-url',
        stub.url,
        '--region',
        'us-east-2',
      ],
      {
        env: {
          AWS_ACCESS_KEY_ID: 'AKIDSTUBPRICING',
          AWS_SECRET_ACCESS_KEY: 'stub-secret',
          AWS_SESSION_TOKEN: '',
        },
      },
    );
    expect(code, stderr).toBe(0);
    expect(stdout.trim().split('\n').at(-1)).toBe(join(out, 'aws-2026-12-01.json'));
    const catalog = parseCatalog(
      JSON.parse(readFileSync(join(out, 'aws-2026-12-01.json'), 'utf8')),
      'refreshed',
    );
    expect(
      catalog.prices.find((p) => p.id === 'cloudtrail.data-insights' && p.region === 'us-east-2')?.confidence,
    ).toBe('price-list');
    expect(readFileSync(join(out, 'aws-2026-12-01.diff.md'), 'utf8')).toContain(
      'aws-2026-11-23 -> aws-2026-12-01',
    );
    expect(stderr).toContain('region prefixes: eu-west-1=EU, us-east-1=USE1, us-east-2=USE2');
  }, 30_000);
});
