/**
 * The endpoint's fault model: injected whole-request 500s, per-entry InternalFailure and ThrottlingException,
 * answers delayed by the latency model or stalled, and connections reset instead of answered. Seeded: one
 * seed gives the same faults every run; requests and connections draw from separate streams, so turning
 * latency on does not change which entries fail.
 */
import type { EntryResult } from '../../eventbridge/cloudtrail-record.js';
import { createLognormalSamplerMs, createRng, type UniformRng } from '../rng.js';
import type { EndpointConfig } from '../types.js';

/** A stall's length when faults.stallMs is not set. */
export const DEFAULT_STALL_MS = 2_000;

/** Draws the faults of one endpoint and counts the connection-level ones. */
export class FaultModel {
  private readonly faults: EndpointConfig['faults'];
  private readonly faultRng: UniformRng;
  private readonly connectionRng: UniformRng;
  private readonly sampleLatencyMs: (() => number) | null;
  /** Answers stalled so far. */
  answersStalled = 0;
  /** Answers replaced by a connection reset so far. */
  connectionsReset = 0;

  constructor(config: Pick<EndpointConfig, 'faults' | 'latencyMs' | 'seed'>) {
    this.faults = config.faults;
    this.faultRng = createRng(config.seed);
    this.connectionRng = createRng(config.seed ^ 0x27d4eb2f);
    const latency = config.latencyMs;
    this.sampleLatencyMs =
      latency === null
        ? null
        : createLognormalSamplerMs(latency.p50Ms, latency.p99Ms, createRng(config.seed ^ 0x5bd1e995));
  }

  /**
   * The delay to add before the next answer: a draw of the latency model (0 without one), plus stallMs
   * with probability stallRate (counted).
   */
  nextAnswerDelayMs(): number {
    let delayMs = this.sampleLatencyMs === null ? 0 : this.sampleLatencyMs();
    const stallRate = this.faults.stallRate ?? 0;
    if (stallRate > 0 && this.connectionRng() < stallRate) {
      delayMs += this.faults.stallMs ?? DEFAULT_STALL_MS;
      this.answersStalled++;
    }
    return delayMs;
  }

  /** True when the next answer is to be replaced by a connection reset (probability connectionResetRate; counted). */
  nextAnswerIsReset(): boolean {
    const resetRate = this.faults.connectionResetRate ?? 0;
    if (resetRate > 0 && this.connectionRng() < resetRate) {
      this.connectionsReset++;
      return true;
    }
    return false;
  }

  /** True when this request is to be answered with an injected 500 (probability internalErrorRate). */
  internalError(): boolean {
    return this.faults.internalErrorRate > 0 && this.faultRng() < this.faults.internalErrorRate;
  }

  /**
   * The injected failure of one otherwise valid entry, or null: InternalFailure with probability
   * entryInternalFailureRate, else ThrottlingException with probability entryThrottleRate.
   */
  entryFault(): EntryResult | null {
    const faults = this.faults;
    if (faults.entryInternalFailureRate > 0 && this.faultRng() < faults.entryInternalFailureRate) {
      return { errorCode: 'InternalFailure', errorMessage: 'Internal Failure' };
    }
    if (faults.entryThrottleRate > 0 && this.faultRng() < faults.entryThrottleRate) {
      return { errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' };
    }
    return null;
  }
}
