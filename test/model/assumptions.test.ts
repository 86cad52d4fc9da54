import { describe, expect, it } from 'vitest';
import {
  BAND_ASSUMPTIONS,
  DEFAULT_ASSUMPTIONS,
  RECORD_GROWTH_HIGH_BYTES,
} from '../../src/model/assumptions.js';

describe('DEFAULT_ASSUMPTIONS', () => {
  it('failed requests logged, failed entries not billed, the documented record sizes, a year kept, 1%, 12 files/h', () => {
    expect(DEFAULT_ASSUMPTIONS).toEqual({
      failedRequestsLogged: true,
      failedEntriesBilled: false,
      recordFirstEntryBytes: 1450,
      recordExtraEntryBytes: 174,
      recordGrowthBytes: 0,
      unconfirmedExclusionsHonoured: true,
      gzipRatio: 1 / 8.8,
      s3RetentionDays: 365,
      lakeRetentionDays: 366,
      logsRetentionDays: 365,
      problemShareThreshold: 0.01,
      trailFilesPerHour: 12,
      logsStorageCompressed: false,
    });
  });
});

describe('BAND_ASSUMPTIONS', () => {
  it('each unconfirmed assumption with its low and high setting (the defaults sit at one end)', () => {
    expect(BAND_ASSUMPTIONS.map((band) => [band.id, band.low, band.high])).toEqual([
      ['cloudtrail.failed-requests-logged', { failedRequestsLogged: false }, { failedRequestsLogged: true }],
      ['eventbridge.failed-entries-billed', { failedEntriesBilled: false }, { failedEntriesBilled: true }],
      ['cloudtrail.record-growth-bytes', { recordGrowthBytes: 0 }, { recordGrowthBytes: 400 }],
      [
        'scope.unconfirmed-fields-honoured',
        { unconfirmedExclusionsHonoured: true },
        { unconfirmedExclusionsHonoured: false },
      ],
      ['s3.trail-file-puts', { trailFilesPerHour: 12 }, { trailFilesPerHour: 60 }],
      ['logs.storage-bytes', { logsStorageCompressed: true }, { logsStorageCompressed: false }],
    ]);
    expect(BAND_ASSUMPTIONS.map((band) => `${band.lowText}..${band.highText}`)).toEqual([
      'false..true',
      'false..true',
      '0..400',
      'true..false',
      '12..60',
      'compressed..raw',
    ]);
    expect(RECORD_GROWTH_HIGH_BYTES).toBe(400);
  });
});
