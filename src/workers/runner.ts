/**
 * The producer runner: walks a worker's slice of the plan in intended-send order, keeps to the schedule
 * (hands each batch over at its time, waits for a free in-flight slot, drops batches past maxLagMs), and
 * on a stop drains the calls in flight within a bound. Each batch's sending, resends and counting are
 * send-batch.ts; the per-bus accounting and progress deltas are bus-state.ts.
 *
 * It is transport- and clock-agnostic (both injected) so the accounting can be tested on virtual time;
 * producer.worker.ts wires it to the real clock and the AWS SDK.
 *
 * Accounting rule, per bus and at every moment after run() settles:
 *   entriesPlanned = entriesSucceeded + entriesFailed + entriesDropped.
 * A batch counts as planned when it is handed to its sender: at its intended send time, less sendLeadMs (or,
 * on a stop, when it was already due); batches not yet due when a stop arrives are not part of the run.
 */
import { setMaxListeners } from 'node:events';
import { chooseSeriesIntervalMs } from '../metrics/time-series.js';
import type { Scenario } from '../scenario/types.js';
import { type PlanSlice, planBatches } from '../schedule/plan.js';
import { type BusState, countPlanned, WorkerBuses } from './bus-state.js';
import type { Clock } from './clock.js';
import type { ProgressDelta } from './protocol.js';
import { type BatchContext, type ProducerRuntime, sendBatch } from './send-batch.js';
import type { AttemptOutcome, SenderFactory } from './sender-contract.js';

/** Everything the runner needs. */
export interface RunnerOptions {
  scenario: Scenario;
  slice: PlanSlice;
  seed: number;
  durationMs: number;
  /** A batch more than this behind its intended time is dropped. */
  maxLagMs: number;
  /** Calls in flight at most (a batch waits for a free slot, and its lag grows). */
  maxInFlight: number;
  clock: Clock;
  createSender: SenderFactory;
  /** After a stop, how long in-flight calls may take before they are aborted (default 5,000 ms). */
  drainTimeoutMs?: number;
  /** Delay before the n-th resend of failed entries: base * 2^(n-1), capped at 1 s (default base 50 ms). */
  resendBaseDelayMs?: number;
  /** Interval of the per-bus time series (default chooseSeriesIntervalMs(durationMs)). */
  seriesIntervalMs?: number;
  /**
   * How long before its intended time a batch is handed to its sender (default 0): the entries are built,
   * serialised and signed ahead, and the sender holds the write until the intended time, so that this
   * per-call work, and the hand-off's timer firing a little late, are not part of the measured latency.
   */
  sendLeadMs?: number;
}

/** What run() returns. */
export interface RunnerOutcome {
  buses: Map<string, BusState>;
  interrupted: boolean;
  /** Largest lag of a batch behind its intended time: at its first write, or when it was dropped. */
  maxLagMs: number;
}

/** Runs one worker's slice; see the module comment. */
export class ProducerRunner {
  private readonly options: RunnerOptions;
  private readonly buses: WorkerBuses;
  private readonly producers: ProducerRuntime[];
  private readonly stopController = new AbortController();
  private readonly abortController = new AbortController();
  /** What every sendBatch of this runner is given (made once). */
  private readonly batchContext: BatchContext;
  private inFlight = 0;
  private slotWaiter: (() => void) | null = null;
  private afterCall: (() => void) | null = null;
  private maxLagMs = 0;

  constructor(options: RunnerOptions) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`maxInFlight must be a positive integer, got ${options.maxInFlight}`);
    }
    this.options = options;
    // Every call in flight and every sleep listens on these two signals: far more than the default 10.
    setMaxListeners(0, this.stopController.signal, this.abortController.signal);
    this.buses = new WorkerBuses(
      options.seriesIntervalMs ?? chooseSeriesIntervalMs(options.durationMs),
      options.durationMs,
    );
    for (const bus of options.scenario.buses) this.buses.bus(bus.name);
    this.producers = options.scenario.producers.map((producer) => {
      const bus = this.buses.bus(producer.bus);
      const onAttempt = (outcome: AttemptOutcome): void => {
        if (outcome === 'succeeded') bus.counters.attemptsSucceeded += 1;
        else if (outcome === 'throttled') {
          bus.counters.attemptsThrottled += 1;
          bus.series.add('attemptsThrottled', options.clock.nowMs());
        }
      };
      const sender = options.createSender(producer, onAttempt, this.abortController.signal, () =>
        options.clock.nowMs(),
      );
      return { producer, bus, sender };
    });
    this.batchContext = {
      clock: options.clock,
      buses: this.buses,
      abortSignal: this.abortController.signal,
      stopSignal: this.stopController.signal,
      resendBaseDelayMs: options.resendBaseDelayMs ?? 50,
      releaseSlot: () => this.releaseSlot(),
      noteWriteLag: (lagMs) => {
        this.maxLagMs = Math.max(this.maxLagMs, lagMs);
      },
    };
  }

  /** Asks the run to stop: no new batches; in-flight calls finish (bounded by drainTimeoutMs). */
  stop(): void {
    if (this.stopController.signal.aborted) return;
    this.stopController.abort();
    const waiter = this.slotWaiter;
    this.slotWaiter = null;
    waiter?.();
  }

  /** True once stop() was called. */
  get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  /** Destroys the senders (their HTTP agents). */
  destroy(): void {
    for (const runtime of this.producers) runtime.sender.destroy();
  }

  /** Walks the plan, then waits for the calls in flight. */
  async run(): Promise<RunnerOutcome> {
    const { clock, scenario, slice, seed, durationMs, maxLagMs, maxInFlight } = this.options;
    const stopSignal = this.stopController.signal;
    const plan = planBatches(scenario, slice, seed, durationMs);
    const leadMs = Math.max(0, this.options.sendLeadMs ?? 0);
    let pending = plan.next();
    while (!pending.done) {
      const batch = pending.value;
      const handOffMs = batch.intendedSendMs - leadMs;
      while (!this.stopped && clock.nowMs() < handOffMs) {
        await clock.sleepUntilMs(handOffMs, stopSignal);
      }
      while (!this.stopped && this.inFlight >= maxInFlight) {
        await new Promise<void>((resolve) => {
          this.slotWaiter = resolve;
        });
      }
      if (this.stopped) break;
      const runtime = this.producers[batch.producerIndex]!;
      const counters = runtime.bus.counters;
      const nowMs = clock.nowMs();
      const lagMs = nowMs - batch.intendedSendMs;
      this.maxLagMs = Math.max(this.maxLagMs, lagMs);
      countPlanned(runtime.bus, batch);
      if (lagMs > maxLagMs) {
        counters.batchesDropped += 1;
        counters.entriesDropped += batch.entries.length;
        runtime.bus.series.add('entriesDropped', nowMs, batch.entries.length);
      } else {
        this.inFlight += 1;
        void sendBatch(this.batchContext, runtime, batch, leadMs > 0);
      }
      pending = plan.next();
    }
    if (this.stopped) {
      // Batches already due when the stop came were planned but never sent: dropped.
      const nowMs = clock.nowMs();
      while (!pending.done && pending.value.intendedSendMs <= nowMs) {
        const bus = this.producers[pending.value.producerIndex]!.bus;
        countPlanned(bus, pending.value);
        bus.counters.entriesDropped += pending.value.entries.length;
        bus.series.add('entriesDropped', nowMs, pending.value.entries.length);
        pending = plan.next();
      }
    }
    await this.drain();
    return { buses: this.buses.states, interrupted: this.stopped, maxLagMs: this.maxLagMs };
  }

  /**
   * Progress since the previous call, per bus (counts are deltas; maxLatencyMs is the interval's largest
   * batch latency; latencyHistogram the interval's latencies).
   */
  takeProgress(): Record<string, ProgressDelta> {
    return this.buses.takeProgress();
  }

  /** Waits for the calls in flight; after a stop, aborts those still running past drainTimeoutMs. */
  private async drain(): Promise<void> {
    if (this.inFlight === 0) return;
    const { clock } = this.options;
    const drainTimeoutMs = this.options.drainTimeoutMs ?? 5_000;
    const drainedController = new AbortController();
    const drained = drainedController.signal;
    const allDone = new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.inFlight > 0) {
          this.afterCall = check;
          return;
        }
        drainedController.abort();
        resolve();
      };
      check();
    });
    const abortWhenOverdue = async (): Promise<void> => {
      if (!this.stopped) {
        await new Promise<void>((resolve) => {
          const options = { once: true, signal: drained };
          this.stopController.signal.addEventListener('abort', () => resolve(), options);
          drained.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      if (drained.aborted) return;
      await clock.sleepUntilMs(clock.nowMs() + drainTimeoutMs, drained);
      if (!drained.aborted) this.abortController.abort();
    };
    void abortWhenOverdue();
    await allDone;
  }

  /** A batch is done: wakes the loop if it waits for a slot, and the drain if it waits for the last call. */
  private releaseSlot(): void {
    this.inFlight -= 1;
    const waiter = this.slotWaiter;
    this.slotWaiter = null;
    waiter?.();
    const after = this.afterCall;
    this.afterCall = null;
    after?.();
  }
}
