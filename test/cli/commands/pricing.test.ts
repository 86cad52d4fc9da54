/** `busload pricing`, run from source: the bundled catalog, per region; an unknown region is exit 2. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/model/types.js';
import { runBusload } from '../../helpers/busload-cli.js';

const BUNDLED = 'src/model/catalog/aws-2026-11-23.json';

describe('busload pricing', () => {
  it("prints the bundled catalog's prices of one region (json)", async () => {
    const { code, stdout, stderr } = await runBusload([
      'pricing',
      '--region',
      'eu-west-1',
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const bundled = JSON.parse(readFileSync(BUNDLED, 'utf8')) as Catalog;
    const printed = JSON.parse(stdout) as Catalog;
    expect(printed.id).toBe('aws-2026-11-23');
    expect(printed.prices).toEqual(bundled.prices.filter((price) => price.region === 'eu-west-1'));
    expect(printed.prices).toHaveLength(13);
  });

  it('heads the table with the catalog id, date and file', async () => {
    const { code, stdout } = await runBusload(['pricing', '--region', 'eu-west-1']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'catalog aws-2026-11-23 (effective 2026-11-23, USD)',
      `file ${process.cwd()}/${BUNDLED}`,
    ]);
  });

  it('refuses a region the catalog does not price (exit 2, listing those it does)', async () => {
    const { code, stderr } = await runBusload(['pricing', '--region', 'mars-1']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'busload: --region mars-1: not in catalog aws-2026-11-23 (regions: us-east-1, us-east-2, us-west-1, us-west-2, ap-east-1, ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, sa-east-1, il-central-1)\n',
    );
  });
});
