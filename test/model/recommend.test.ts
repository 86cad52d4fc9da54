import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/money.js';
import {
  costPerDay,
  percentText,
  type RecommendationInput,
  recommendation,
} from '../../src/model/recommend.js';

const base: RecommendationInput = {
  classification: 'regulated',
  loggingMode: 'trail',
  eventBridgeUsd: new Dec('876.00'),
  enableUsd: new Dec('87.60'),
  failedEntryShare: 0,
  failedRequestShare: 0,
  problemShareThreshold: 0.01,
};

describe('recommendation (launch article decision matrix)', () => {
  it('regulated -> enable, with the monthly cost and its share', () => {
    expect(recommendation(base)).toEqual({
      action: 'enable',
      reason: 'regulated bus: the audit trail is worth $87.60/month (10% of its EventBridge cost)',
    });
    expect(recommendation({ ...base, loggingMode: 'off' })).toEqual({
      action: 'enable',
      reason:
        'regulated bus with logging planned off: enabling a trail adds $87.60/month (10% of its EventBridge cost), worth it for audit',
    });
  });

  it('production -> enable when planned, enable-temporarily with the cost per day when planned off', () => {
    expect(recommendation({ ...base, classification: 'production' }).action).toBe('enable');
    expect(recommendation({ ...base, classification: 'production', loggingMode: 'off' })).toEqual({
      action: 'enable-temporarily',
      // 87.60 x 24 / 730 = 2.88
      reason:
        'production bus with logging planned off: enable a trail for incidents, migrations or producer onboarding ' +
        'at $2.88/day ($87.60/month if left on, 10% of its EventBridge cost)',
    });
  });

  it('telemetry and development -> skip, with what it would cost', () => {
    expect(recommendation({ ...base, classification: 'telemetry', loggingMode: 'off' })).toEqual({
      action: 'skip',
      reason:
        'telemetry bus: data events would add $87.60/month (10% of its EventBridge cost) for low audit value',
    });
    expect(recommendation({ ...base, classification: 'development' })).toEqual({
      action: 'skip',
      reason:
        'development bus: the planned logging costs $87.60/month (10% of its EventBridge cost) for low audit value; ' +
        'turn it off, or on only while investigating ($2.88/day)',
    });
  });

  it('failed entries or requests at or above the threshold -> pair-with-enhanced-logging', () => {
    expect(recommendation({ ...base, classification: 'telemetry', failedEntryShare: 0.025 })).toEqual({
      action: 'pair-with-enhanced-logging',
      reason:
        '2.5% of entries and 0% of requests failed (threshold 1%): pair CloudTrail data events ($87.60/month, ' +
        '$2.88/day while on) with EventBridge enhanced logging; CloudTrail shows who called PutEvents, ' +
        'enhanced logging shows delivery',
    });
    expect(recommendation({ ...base, failedRequestShare: 0.01 }).action).toBe('pair-with-enhanced-logging');
    expect(recommendation({ ...base, failedRequestShare: 0.0099 }).action).toBe('enable');
  });
});

describe('helpers', () => {
  it('percentText', () => {
    expect(percentText(new Dec('41.20'), new Dec('686.67'))).toBe('6%');
    expect(percentText(new Dec('0.01'), new Dec('100'))).toBe('<1%');
    expect(percentText(new Dec('0'), new Dec('100'))).toBe('0%');
    expect(percentText(new Dec('1'), new Dec('0'))).toBeNull();
  });
  it('costPerDay is monthly x 24 / 730 in cents', () => {
    expect(costPerDay(new Dec('730')).toFixed(2)).toBe('24.00');
    expect(costPerDay(new Dec('262.80')).toFixed(2)).toBe('8.64');
  });
});
