import { describe, expect, it } from 'vitest';
import { defaultEndpointConfig } from '../../../src/endpoint/config.js';
import { DEFAULT_STALL_MS, FaultModel } from '../../../src/endpoint/events/faults.js';

const NO_FAULTS = { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 };

describe('FaultModel', () => {
  it('injects nothing by default: no delay, no reset, no 500, no entry failure', () => {
    const faults = new FaultModel(defaultEndpointConfig());
    const draws = Array.from({ length: 100 }, () => [
      faults.nextAnswerDelayMs(),
      faults.nextAnswerIsReset(),
      faults.internalError(),
      faults.entryFault(),
    ]);
    expect(
      draws.every(([delay, reset, internal, entry]) => delay === 0 && !reset && !internal && entry === null),
    ).toBe(true);
    expect([faults.answersStalled, faults.connectionsReset]).toEqual([0, 0]);
  });

  it('always fails at rate 1, entry InternalFailure before ThrottlingException', () => {
    const faults = new FaultModel(
      defaultEndpointConfig({
        faults: {
          entryInternalFailureRate: 1,
          entryThrottleRate: 1,
          internalErrorRate: 1,
          connectionResetRate: 1,
          stallRate: 1,
        },
      }),
    );
    expect(faults.internalError()).toBe(true);
    expect(faults.entryFault()).toEqual({ errorCode: 'InternalFailure', errorMessage: 'Internal Failure' });
    expect(faults.nextAnswerIsReset()).toBe(true);
    expect(faults.nextAnswerDelayMs()).toBe(DEFAULT_STALL_MS);
    expect([faults.answersStalled, faults.connectionsReset]).toEqual([1, 1]);
    const throttleOnly = new FaultModel(
      defaultEndpointConfig({ faults: { ...NO_FAULTS, entryThrottleRate: 1 } }),
    );
    expect(throttleOnly.entryFault()).toEqual({
      errorCode: 'ThrottlingException',
      errorMessage: 'Rate exceeded',
    });
  });

  it('draws the same faults from the same seed, and latency does not change which entries fail', () => {
    const config = defaultEndpointConfig({
      seed: 42,
      faults: { ...NO_FAULTS, entryInternalFailureRate: 0.3 },
    });
    const failures = (model: FaultModel) =>
      Array.from({ length: 200 }, () => {
        model.nextAnswerDelayMs();
        return model.entryFault() === null ? 0 : 1;
      }).join('');
    const plain = failures(new FaultModel(config));
    expect(failures(new FaultModel(config))).toBe(plain);
    expect(failures(new FaultModel({ ...config, latencyMs: { p50Ms: 5, p99Ms: 50 } }))).toBe(plain);
    expect(failures(new FaultModel({ ...config, seed: 43 }))).not.toBe(plain);
    const share = [...plain].filter((c) => c === '1').length / plain.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });

  it('adds stallMs to the latency draw when a stall is drawn', () => {
    const stalled = new FaultModel(
      defaultEndpointConfig({
        latencyMs: { p50Ms: 5, p99Ms: 5 },
        faults: { ...NO_FAULTS, stallRate: 1, stallMs: 300 },
      }),
    );
    const delay = stalled.nextAnswerDelayMs();
    expect(delay).toBeGreaterThanOrEqual(304);
    expect(delay).toBeLessThanOrEqual(306);
  });
});
