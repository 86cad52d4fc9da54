/**
 * The whole schedule of a run and a worker's slice of it.
 *
 * Streams: each (producer, instance) pair is a stream with its own seeded randomness
 * (`deriveSeed(seed, producer.name, instance)`), its own arrivals and its own batcher, so a stream's
 * batches are the same whatever the worker count. Stream g is numbered in scenario order (producer 0's
 * instances first).
 *
 * Slicing: batch k of stream g belongs to slice `(g + k) mod count`. Striping batches (not streams) keeps the
 * slices balanced even for one busy single-instance producer, and the union of all slices is exactly the
 * whole plan with no overlap. Every worker walks every stream (cheap: sizes and times, no entry bodies) and
 * keeps its own batches.
 */
import { REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import type { ProducerSpec, Scenario } from '../scenario/types.js';
import { generateArrivals } from './arrivals.js';
import { batchEntries, type EntryBatch, type PlannedEntry } from './batches.js';
import { createSizeSampler, createWeightedPicker, minEntryBytes } from './entry-size.js';
import { createRng, deriveSeed } from './rng.js';

/** A batch of the plan, with where it comes from. */
export interface PlannedBatch extends EntryBatch {
  /** Index into scenario.producers. */
  producerIndex: number;
  /** The producer instance (0-based). */
  instance: number;
  /** Global stream number g (scenario order of (producer, instance)). */
  stream: number;
  /** 0-based number of the batch within its stream. */
  batchIndex: number;
}

/** Which part of the plan a worker runs: slice `index` of `count`. */
export interface PlanSlice {
  index: number;
  count: number;
}

/** Which stream to plan and over what time: the options of {@link planArrivals}, {@link planEntries}, {@link planStreamBatches}. */
export interface StreamPlanOptions {
  /** The producer. */
  producer: ProducerSpec;
  /** The instance (0-based). */
  instance: number;
  /** The run seed. */
  seed: number;
  /** The replay length over which a ramp goes from -> to. */
  shapeDurationMs: number;
  /** The replay length (arrivals at or after it are not planned). */
  endMs: number;
  /** Profile seconds per replay second (default 1). */
  timeScale?: number;
  /**
   * The instance's arrival times when already computed ({@link planArrivals} with the same options; a shape
   * other than bursts gives the same times for every seed, so they can be reused). Read by planEntries and
   * planStreamBatches.
   */
  arrivalsMs?: Iterable<number>;
}

/**
 * The intended arrival times (replay ms) of one producer instance, lazily: the shape's arrivals, Poisson
 * (bursts) from the stream's arrivals RNG (`deriveSeed(seed, producer, instance, 'arrivals')`). Only a
 * bursts shape depends on the seed.
 * @param options - the stream and its time span (`arrivalsMs` is not read)
 */
export function planArrivals(options: StreamPlanOptions): Generator<number, void, undefined> {
  const { producer, instance, seed } = options;
  return generateArrivals({
    shape: producer.shape,
    shapeDurationMs: options.shapeDurationMs,
    timeScale: options.timeScale ?? 1,
    endMs: options.endMs,
    instances: producer.instances,
    instance,
    rng: createRng(deriveSeed(seed, producer.name, instance, 'arrivals')),
  });
}

/**
 * The planned entries of one producer instance, lazily: sizes and weighted detail types from the stream's
 * seeded RNG (`deriveSeed(seed, producer, instance)`), Poisson arrivals (bursts) from a second stream
 * (`deriveSeed(seed, producer, instance, 'arrivals')`). Sizes are clamped to the producer's byte budget.
 * @param options - the stream, its time span and, optionally, its precomputed arrival times
 */
export function* planEntries(options: StreamPlanOptions): Generator<PlannedEntry, void, undefined> {
  const { producer, instance, seed } = options;
  const detailTypeCount = producer.detailTypes.length;
  if (detailTypeCount === 0) throw new RangeError(`producer "${producer.name}" has no detail types`);
  const rng = createRng(deriveSeed(seed, producer.name, instance));
  const minBytes = Math.max(...producer.detailTypes.map((type) => minEntryBytes(producer.source, type)));
  const maxBytes = Math.min(REQUEST_LIMIT_BYTES, producer.batching.maxBytes ?? REQUEST_LIMIT_BYTES);
  const sampleBytes = createSizeSampler(producer.entryBytes, rng, minBytes, maxBytes);
  const weights =
    producer.detailTypeWeights?.length === detailTypeCount
      ? producer.detailTypeWeights
      : producer.detailTypes.map(() => 1);
  const pickDetailType = createWeightedPicker(weights, rng);
  const arrivals = options.arrivalsMs ?? planArrivals(options);
  let seq = 0;
  for (const arrivalMs of arrivals) {
    const bytes = sampleBytes();
    const detailTypeIndex = pickDetailType();
    yield { arrivalMs, bytes, detailTypeIndex, seq };
    seq += 1;
  }
}

/**
 * The batches of one producer instance (one stream), lazily: {@link planEntries} through the batcher
 * (`batchEntries` with the producer's batching). The run and the cost estimate both read batches from here.
 * @param options - the stream, its time span and, optionally, its precomputed arrival times
 */
export function planStreamBatches(options: StreamPlanOptions): Generator<EntryBatch, void, undefined> {
  return batchEntries(planEntries(options), options.producer.batching);
}

interface StreamCursor {
  stream: number;
  iterator: Iterator<PlannedBatch, void, undefined>;
  head: PlannedBatch;
}

function* streamBatches(
  scenario: Scenario,
  producerIndex: number,
  instance: number,
  stream: number,
  seed: number,
  durationMs: number,
  slice: PlanSlice,
): Generator<PlannedBatch, void, undefined> {
  const producer = scenario.producers[producerIndex]!;
  const batches = planStreamBatches({
    producer,
    instance,
    seed,
    shapeDurationMs: scenario.durationMs,
    endMs: durationMs,
    timeScale: scenario.timeScale,
  });
  let batchIndex = 0;
  for (const batch of batches) {
    if ((stream + batchIndex) % slice.count === slice.index) {
      yield { ...batch, producerIndex, instance, stream, batchIndex };
    }
    batchIndex += 1;
  }
}

function isBefore(a: StreamCursor, b: StreamCursor): boolean {
  if (a.head.intendedSendMs !== b.head.intendedSendMs) return a.head.intendedSendMs < b.head.intendedSendMs;
  return a.stream < b.stream;
}

/** A binary min-heap of stream cursors ordered by (intendedSendMs, stream). */
class CursorHeap {
  private readonly items: StreamCursor[] = [];

  get size(): number {
    return this.items.length;
  }

  push(cursor: StreamCursor): void {
    const items = this.items;
    items.push(cursor);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!isBefore(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): StreamCursor | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && isBefore(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && isBefore(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * The batches of one slice of the run's plan, lazily, in intended-send order (ties by stream).
 *
 * Ramps go from -> to over `scenario.durationMs`; the plan stops at `durationMs` (a shorter replay cuts the
 * shape, it does not compress it).
 * @param scenario - the normalised scenario
 * @param slice - which slice (`{ index: 0, count: 1 }` is the whole plan)
 * @param seed - the run seed
 * @param durationMs - the replay length
 * @throws RangeError for an invalid slice
 */
export function* planBatches(
  scenario: Scenario,
  slice: PlanSlice,
  seed: number,
  durationMs: number,
): Generator<PlannedBatch, void, undefined> {
  if (!Number.isInteger(slice.count) || slice.count < 1) {
    throw new RangeError(`slice.count must be a positive integer, got ${slice.count}`);
  }
  if (!Number.isInteger(slice.index) || slice.index < 0 || slice.index >= slice.count) {
    throw new RangeError(`slice.index must be an integer in [0, ${slice.count}), got ${slice.index}`);
  }
  const heap = new CursorHeap();
  let stream = 0;
  scenario.producers.forEach((producer, producerIndex) => {
    for (let instance = 0; instance < producer.instances; instance++) {
      const iterator = streamBatches(scenario, producerIndex, instance, stream, seed, durationMs, slice);
      const first = iterator.next();
      if (!first.done) heap.push({ stream, iterator, head: first.value });
      stream += 1;
    }
  });
  for (let cursor = heap.pop(); cursor !== undefined; cursor = heap.pop()) {
    yield cursor.head;
    const next = cursor.iterator.next();
    if (!next.done) {
      cursor.head = next.value;
      heap.push(cursor);
    }
  }
}
