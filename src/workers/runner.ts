/**
 * The producer runner: walks a worker's slice of the plan in intended-send order, keeps to the schedule,
 * sends each batch through a Sender, resends retryable failed entries, and counts every outcome.
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
import { billableChunks } from '../eventbridge/limits.js';
import { type BusCounters, emptyCounters } from '../metrics/counters.js';
import {
  createLatencyHistogram,
  encodeHistogram,
  type Histogram,
  recordLatencyUs,
} from '../metrics/histogram.js';
import { chooseSeriesIntervalMs, type SeriesCounter, SeriesRecorder } from '../metrics/time-series.js';
import type { ProducerSpec, Scenario } from '../scenario/types.js';
import { buildEntry } from '../schedule/entry-size.js';
import { type PlannedBatch, type PlanSlice, planBatches } from '../schedule/plan.js';
import { PROGRESS_COUNT_FIELDS, type ProgressDelta } from './protocol.js';

/** Time as the runner sees it: ms since the schedule's start (may be negative before it). */
export interface Clock {
  nowMs(): number;
  /** Resolves at `targetMs` (or a little before/after, timers are coarse) or as soon as `signal` aborts. */
  sleepUntilMs(targetMs: number, signal: AbortSignal): Promise<void>;
}

/** One entry as sent: a built entry plus its bus. */
export interface OutgoingEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
}

/** How one HTTP attempt ended, as seen inside the SDK's retry loop. */
export type AttemptOutcome = 'succeeded' | 'throttled' | 'failed';

/** How one send() call ended. */
export type SendOutcome =
  | {
      kind: 'response';
      /** Per request entry, in order: null = accepted (EventId), else the entry's ErrorCode. */
      entryErrors: Array<string | null>;
      attempts: number;
      retryDelayMs: number;
      /** When the last attempt's request was handed to the socket (runner clock); absent: unknown. */
      sentMs?: number;
    }
  | {
      kind: 'error';
      /** The error's name (e.g. ThrottlingException, InternalException, TimeoutError, AbortError). */
      name: string;
      attempts: number;
      retryDelayMs: number;
      /** When the last attempt's request was handed to the socket (runner clock); absent: never written. */
      sentMs?: number;
    };

/** A producer's connection to PutEvents. */
export interface Sender {
  /**
   * Sends one PutEvents call. With `notBeforeMs` (runner clock), the sender does its per-call work now
   * (serialising, signing) but writes the first attempt no earlier than then.
   */
  send(entries: OutgoingEntry[], signal: AbortSignal, notBeforeMs?: number): Promise<SendOutcome>;
  destroy(): void;
}

/**
 * Makes the Sender of one producer; `onAttempt` is called once per HTTP attempt (retries included);
 * `abortSignal` (the same one every send() gets) aborts the calls still in flight after a bounded drain;
 * `nowMs` is the runner's clock, for stamping SendOutcome.sentMs at the socket write.
 */
export type SenderFactory = (
  producer: ProducerSpec,
  onAttempt: (outcome: AttemptOutcome) => void,
  abortSignal: AbortSignal,
  nowMs: () => number,
) => Sender;

/** Per-entry error codes a producer resends (AWS marks them retryable, docs/aws-behaviour.md §1.4). */
export const RESENDABLE_ENTRY_ERRORS: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'InternalFailure',
]);

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
   * per-call work, and a timer firing a little late, are not part of the measured latency.
   */
  sendLeadMs?: number;
}

/** One bus's running state in this worker. */
export interface BusState {
  counters: BusCounters;
  /**
   * Intended send -> final response of the batch (after its resends), microseconds: the latency corrected
   * for coordinated omission (a batch that waited for the generator counts its wait).
   */
  latency: Histogram;
  /**
   * Socket write of each call's last HTTP attempt -> its response, microseconds: what the endpoint and the
   * network took, without the generator's own waits and per-call work before the write (entry building,
   * serialisation, signing, SDK retry delays). Falls back to the time send() was called when the sender
   * cannot tell when it wrote.
   */
  serviceLatency: Histogram;
  /** Per-interval counts and latencies. */
  series: SeriesRecorder;
  /** Latencies since the last progress message (reset by takeProgress). */
  progressLatency: Histogram;
}

/** What run() returns. */
export interface RunnerOutcome {
  buses: Map<string, BusState>;
  interrupted: boolean;
  /** Largest lag of a batch behind its intended time when it was sent or dropped. */
  maxLagMs: number;
}

interface ProducerRuntime {
  producer: ProducerSpec;
  bus: BusState;
  sender: Sender;
}

const PROGRESS_FIELDS = PROGRESS_COUNT_FIELDS;
type ProgressField = (typeof PROGRESS_FIELDS)[number];

/** Runs one worker's slice; see the module comment. */
export class ProducerRunner {
  private readonly options: RunnerOptions;
  private readonly buses = new Map<string, BusState>();
  private readonly producers: ProducerRuntime[];
  private readonly stopController = new AbortController();
  private readonly abortController = new AbortController();
  private inFlight = 0;
  private slotWaiter: (() => void) | null = null;
  private maxLagMs = 0;
  private readonly progressSent = new Map<string, Record<ProgressField, number>>();
  private readonly intervalMaxLatencyMs = new Map<string, number>();
  private readonly seriesIntervalMs: number;

  constructor(options: RunnerOptions) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`maxInFlight must be a positive integer, got ${options.maxInFlight}`);
    }
    this.options = options;
    // Every call in flight and every sleep listens on these two signals: far more than the default 10.
    setMaxListeners(0, this.stopController.signal, this.abortController.signal);
    this.seriesIntervalMs = options.seriesIntervalMs ?? chooseSeriesIntervalMs(options.durationMs);
    for (const bus of options.scenario.buses) this.busState(bus.name);
    this.producers = options.scenario.producers.map((producer) => {
      const bus = this.busState(producer.bus);
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
      this.countPlanned(runtime.bus, batch);
      if (lagMs > maxLagMs) {
        counters.batchesDropped += 1;
        counters.entriesDropped += batch.entries.length;
        runtime.bus.series.add('entriesDropped', nowMs, batch.entries.length);
      } else {
        if (lagMs > 1) counters.batchesLate += 1;
        void this.sendBatch(runtime, batch, leadMs > 0);
      }
      pending = plan.next();
    }
    if (this.stopped) {
      // Batches already due when the stop came were planned but never sent: dropped.
      const nowMs = clock.nowMs();
      while (!pending.done && pending.value.intendedSendMs <= nowMs) {
        const bus = this.producers[pending.value.producerIndex]!.bus;
        this.countPlanned(bus, pending.value);
        bus.counters.entriesDropped += pending.value.entries.length;
        bus.series.add('entriesDropped', nowMs, pending.value.entries.length);
        pending = plan.next();
      }
    }
    await this.drain();
    return { buses: this.buses, interrupted: this.stopped, maxLagMs: this.maxLagMs };
  }

  /**
   * Progress since the previous call, per bus (counts are deltas; maxLatencyMs is the interval's largest
   * batch latency; latencyHistogram the interval's latencies).
   */
  takeProgress(): Record<string, ProgressDelta> {
    const deltas: Record<string, ProgressDelta> = {};
    for (const [name, state] of this.buses) {
      const previous = this.progressSent.get(name)!;
      const delta = { maxLatencyMs: this.intervalMaxLatencyMs.get(name) ?? 0 } as ProgressDelta;
      for (const field of PROGRESS_FIELDS) {
        delta[field] = state.counters[field] - previous[field];
        previous[field] = state.counters[field];
      }
      delta.latencyHistogram =
        state.progressLatency.totalCount > 0 ? encodeHistogram(state.progressLatency) : '';
      state.progressLatency.reset();
      this.intervalMaxLatencyMs.set(name, 0);
      deltas[name] = delta;
    }
    return deltas;
  }

  /** Counts a batch as planned: in the totals, and per entry by intended arrival in the series. */
  private countPlanned(bus: BusState, batch: PlannedBatch): void {
    bus.counters.entriesPlanned += batch.entries.length;
    for (const entry of batch.entries) bus.series.add('entriesPlanned', entry.arrivalMs);
  }

  /** Adds to a counter and to the series at the current time. */
  private count(bus: BusState, counter: SeriesCounter, n = 1): void {
    bus.counters[counter] += n;
    bus.series.add(counter, this.options.clock.nowMs(), n);
  }

  private busState(name: string): BusState {
    let state = this.buses.get(name);
    if (state === undefined) {
      state = {
        counters: emptyCounters(),
        latency: createLatencyHistogram(),
        serviceLatency: createLatencyHistogram(),
        series: new SeriesRecorder(this.seriesIntervalMs, this.options.durationMs),
        progressLatency: createLatencyHistogram(),
      };
      this.buses.set(name, state);
      const sent = {} as Record<ProgressField, number>;
      for (const field of PROGRESS_FIELDS) sent[field] = 0;
      this.progressSent.set(name, sent);
    }
    return state;
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

  private afterCall: (() => void) | null = null;

  private releaseSlot(): void {
    this.inFlight -= 1;
    const waiter = this.slotWaiter;
    this.slotWaiter = null;
    waiter?.();
    const after = this.afterCall;
    this.afterCall = null;
    after?.();
  }

  /**
   * Sends one batch, resending retryable failed entries, and counts everything. Never throws.
   * @param hold - the batch was handed over ahead of its intended time: the first call's write waits for it
   */
  private async sendBatch(runtime: ProducerRuntime, batch: PlannedBatch, hold: boolean): Promise<void> {
    this.inFlight += 1;
    const { producer, bus, sender } = runtime;
    const counters = bus.counters;
    const { clock } = this.options;
    const signal = this.abortController.signal;
    let lastResponseMs = clock.nowMs();
    // Where the batch's latency starts: its intended time, or its first write if that came earlier (a
    // timer may fire a fraction of a millisecond early), so it is never shorter than the service latency.
    let latencyStartMs = batch.intendedSendMs;
    try {
      let pending = batch.entries;
      let outgoing: OutgoingEntry[];
      try {
        outgoing = pending.map((entry) => ({
          ...buildEntry(
            producer.source,
            producer.detailTypes[entry.detailTypeIndex]!,
            entry.bytes,
            entry.seq,
          ),
          EventBusName: producer.bus,
        }));
      } catch (error) {
        // Only a bug can get here (the plan clamps sizes to what buildEntry can make); keep the invariant.
        countError(counters, `HarnessError:${errorName(error)}`);
        this.count(bus, 'entriesFailed', pending.length);
        return;
      }
      for (let resend = 0; ; resend++) {
        const sentMs = clock.nowMs();
        this.count(bus, 'calls');
        let outcome: SendOutcome;
        try {
          outcome =
            resend === 0 && hold
              ? await sender.send(outgoing, signal, batch.intendedSendMs)
              : await sender.send(outgoing, signal);
        } catch (error) {
          outcome = { kind: 'error', name: errorName(error), attempts: 1, retryDelayMs: 0 };
        }
        lastResponseMs = clock.nowMs();
        recordLatencyUs(bus.serviceLatency, (lastResponseMs - (outcome.sentMs ?? sentMs)) * 1000);
        if (resend === 0) latencyStartMs = Math.min(latencyStartMs, outcome.sentMs ?? sentMs);
        this.count(bus, 'attempts', outcome.attempts);
        counters.retryDelayMs += outcome.retryDelayMs;
        if (outcome.kind === 'error' && outcome.name === 'AbortError' && this.stopped) {
          // Aborted by the user's own stop (after the bounded drain): cut by the interruption, not failed.
          this.count(bus, 'entriesDropped', pending.length);
          break;
        }
        if (outcome.kind === 'error') {
          counters.callsFailed += 1;
          countError(counters, outcome.name);
          this.count(bus, 'entriesFailed', pending.length);
          break;
        }
        const entryErrors = outcome.entryErrors;
        const canResend = resend < producer.retry.resendFailedEntries && !this.stopped;
        const retry: typeof pending = [];
        const retryOutgoing: OutgoingEntry[] = [];
        pending.forEach((entry, i) => {
          // A response with fewer result entries than sent is malformed: the missing ones failed.
          const result = entryErrors[i];
          const code = result === undefined ? 'MissingResultEntry' : result;
          if (code === null) {
            this.count(bus, 'entriesSucceeded');
            counters.entryBytes += entry.bytes;
            counters.billableChunks += billableChunks(entry.bytes);
            return;
          }
          countError(counters, code);
          if (canResend && RESENDABLE_ENTRY_ERRORS.has(code)) {
            retry.push(entry);
            retryOutgoing.push(outgoing[i]!);
          } else {
            this.count(bus, 'entriesFailed');
          }
        });
        if (retry.length === 0) break;
        const delayMs = Math.min(1_000, (this.options.resendBaseDelayMs ?? 50) * 2 ** resend);
        await clock.sleepUntilMs(clock.nowMs() + delayMs, this.stopController.signal);
        if (this.stopped) {
          // No resends after a stop: those entries end failed (they were sent and failed).
          this.count(bus, 'entriesFailed', retry.length);
          break;
        }
        counters.entriesResent += retry.length;
        pending = retry;
        outgoing = retryOutgoing;
      }
    } finally {
      const latencyMs = lastResponseMs - latencyStartMs;
      recordLatencyUs(bus.latency, latencyMs * 1000);
      recordLatencyUs(bus.progressLatency, latencyMs * 1000);
      bus.series.recordLatency(lastResponseMs, latencyMs * 1000);
      const previousMax = this.intervalMaxLatencyMs.get(producer.bus) ?? 0;
      if (latencyMs > previousMax) this.intervalMaxLatencyMs.set(producer.bus, latencyMs);
      this.releaseSlot();
    }
  }
}

/**
 * Waits until `notBeforeMs` on `nowMs`'s clock (a sender holding a prepared write); resolves at once when
 * that time has come or `signal` aborts.
 */
export function holdUntil(notBeforeMs: number, nowMs: () => number, signal?: AbortSignal): Promise<void> {
  const delayMs = notBeforeMs - nowMs();
  if (delayMs <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function countError(counters: BusCounters, name: string): void {
  counters.errors[name] = (counters.errors[name] ?? 0) + 1;
}

/**
 * The name of a thrown value: its Error name, or for a plain Error from the network layer its code
 * (ECONNREFUSED, ENOTFOUND, ECONNRESET, ETIMEDOUT: the cause, not "Error"); else "UnknownError".
 */
export function errorName(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (error instanceof Error && error.name && error.name !== 'Error') return error.name;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof Error && error.name) return error.name;
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return 'UnknownError';
}
