import { describe, expect, it } from 'vitest';
import { priceFor } from '../../../src/model/catalog.js';
import { cloudWatchLogsCosts } from '../../../src/model/components/cloudwatch-logs.js';
import { Dec } from '../../../src/model/money.js';
import { bundledCatalog } from '../../helpers/catalog.js';

const catalog = bundledCatalog();
const price = (id: string) => priceFor(catalog, id, 'us-east-1');

describe('CloudWatch Logs', () => {
  it('ingest per GB plus steady-state storage for the retention', () => {
    const [ingest, storage] = cloudWatchLogsCosts(
      new Dec(10),
      365,
      price('cloudwatch-logs.ingest'),
      price('cloudwatch-logs.storage'),
    );
    expect(ingest?.costUsd.toFixed()).toBe('5');
    expect(storage?.quantity.toFixed()).toBe('120');
    expect(storage?.costUsd.toFixed()).toBe('3.6');
  });
});
