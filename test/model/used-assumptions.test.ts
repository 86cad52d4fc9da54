import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../../src/model/assumptions.js';
import { priceFor } from '../../src/model/catalog.js';
import { usedAssumptions } from '../../src/model/used-assumptions.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { busUsage } from '../helpers/model.js';

const none = { recordBytesEstimated: false, recordBytesSerialized: false, recordBytesMeasured: false };

describe('usedAssumptions', () => {
  it('a trail bus with nothing estimated: the billing facts, the trail files, the gigabyte, the threshold', () => {
    const list = usedAssumptions(
      { buses: [busUsage('orders')], prices: [], ...none },
      DEFAULT_ASSUMPTIONS,
      undefined,
    );
    expect(list.map((assumption) => assumption.id)).toEqual([
      'month-hours',
      'eventbridge.billed-entries',
      'eventbridge.failed-entries-billed',
      'eventbridge.request-size-limit',
      'cloudtrail.record-per-request',
      'cloudtrail.failed-requests-logged',
      'cloudtrail.trail-copies-billed',
      's3.trail-files',
      's3.trail-file-puts',
      'gigabyte',
      'recommend.problem-share-threshold',
    ]);
    expect(list[0]?.value).toBe(
      "730 (AWS's pricing convention, not a fact about any bill: a calendar month has 672 to 744 hours; busload cost --month YYYY-MM prices one)",
    );
    expect(list[7]?.value).toBe(
      "gzip ratio 0.1136 (1 / 8.8, the embedded endpoint's files at gzip level 1); files kept 365 days in S3 Standard (steady state); one file set per trail copy",
    );
    expect(list[8]?.value).toBe(
      "12 trail files delivered per hour per trail copy, one S3 PUT each, for every hour of the month (a trail shared by several buses is counted for each; the band's high end is 60/hour)",
    );
    expect(list[10]?.value).toBe('1% of entries failed or of requests failed/throttled');
  });

  it('lake and CloudWatch Logs buses, scoped, measured, in a calendar month, with a third-party price listed once', () => {
    const scoped = busUsage('cw', {
      loggingMode: 'cloudwatch-logs',
      scope: {
        exclusions: [{ field: 'userIdentity.arn', operator: 'startsWith', values: ['x'] }],
        insights: true,
        lakeQueryGbPerMonth: 0,
        window: null,
      },
      measuredTrail: { records: 1, recordBytes: 1000, gzipRatio: 0.1 },
    });
    const thirdParty = priceFor(bundledCatalog(), 'cloudwatch-logs.ingest', 'ap-northeast-1');
    const list = usedAssumptions(
      {
        buses: [busUsage('lake', { loggingMode: 'lake-7y' }), scoped],
        prices: [thirdParty, thirdParty],
        recordBytesEstimated: true,
        recordBytesSerialized: true,
        recordBytesMeasured: true,
      },
      { ...DEFAULT_ASSUMPTIONS, logsStorageCompressed: true, trailFilesPerHour: 0 },
      { label: '2027-02', hours: 672 },
    );
    expect(list.map((assumption) => assumption.id)).toEqual([
      'month-hours',
      'eventbridge.billed-entries',
      'eventbridge.failed-entries-billed',
      'eventbridge.request-size-limit',
      'cloudtrail.record-per-request',
      'cloudtrail.failed-requests-logged',
      'cloudtrail.trail-copies-billed',
      'cloudtrail.record-bytes',
      'cloudtrail.record-bytes-serialized',
      'cloudtrail.record-growth-bytes',
      'cloudtrail.record-bytes-measured',
      's3.trail-files',
      's3.trail-file-puts',
      'gigabyte',
      'lake.seven-year-tiers',
      'logs.retention-days',
      'logs.storage-bytes',
      'cloudtrail.data-insights',
      'scope.exclusions',
      'scope.unconfirmed-fields-honoured',
      'recommend.problem-share-threshold',
      'price.cloudwatch-logs.ingest',
    ]);
    const byId = new Map(list.map((assumption) => [assumption.id, assumption]));
    expect(byId.get('month-hours')?.value).toBe(
      '672 (calendar month 2027-02: 28 days x 24 h; volumes scale by 672 / 730, storage in GB-months does not)',
    );
    expect(byId.get('s3.trail-file-puts')?.value).toBe(
      "0: S3 PUT requests of trail files left out (--assume trailFilesPerHour=0; the band's high end is 60/hour)",
    );
    expect(byId.get('logs.storage-bytes')?.value).toBe(
      'compressed: stored GB = ingested GB x the gzip ratio 0.1 (measured on the delivered files) (--assume logsStorageCompressed=true)',
    );
    expect(byId.get('scope.unconfirmed-fields-honoured')).toMatchObject({
      value:
        'true: cw: userIdentity.arn not confirmed by AWS for AWS::Events::EventBus (confirmed: eventName, readOnly, resources.ARN)',
      confirmed: false,
    });
    expect(byId.get('price.cloudwatch-logs.ingest')).toMatchObject({
      source: 'https://awsi.click/en/articles/cloudwatch-logs-cost-structure-surprise/',
      confirmed: false,
    });
  });
});
