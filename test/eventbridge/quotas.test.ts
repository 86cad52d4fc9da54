import { describe, expect, it } from 'vitest';
import { defaultPutEventsQuotaTps, OTHER_REGIONS_QUOTA_TPS } from '../../src/eventbridge/quotas.js';

describe('defaultPutEventsQuotaTps', () => {
  it.each([
    ['us-east-1', 10_000],
    ['us-west-2', 10_000],
    ['eu-west-1', 10_000],
    ['us-east-2', 2_400],
    ['eu-central-1', 2_400],
    ['ap-northeast-1', 1_200],
    ['eu-west-3', 600],
    ['sa-east-1', 600],
  ])('%s: %i requests/s', (region, quota) => {
    expect(defaultPutEventsQuotaTps(region)).toBe(quota);
  });

  it('gives every Region the table does not list 400/s', () => {
    expect(OTHER_REGIONS_QUOTA_TPS).toBe(400);
    expect(defaultPutEventsQuotaTps('af-south-1')).toBe(400);
    expect(defaultPutEventsQuotaTps('toString')).toBe(400);
  });
});
