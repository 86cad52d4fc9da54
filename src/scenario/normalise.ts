/**
 * From the schema's output (defaults applied, units resolved) to the normalised {@link Scenario}:
 * every field filled, every value in the unit its name says.
 */
import { DEFAULT_ACCOUNT_ID, REQUEST_LIMIT_BYTES } from '../eventbridge/limits.js';
import { normaliseShape } from './schema/shapes.js';
import type { ScenarioFileParsed } from './schema.js';
import type {
  Batching,
  BusSpec,
  EntrySize,
  LoggingExclusion,
  ProducerSpec,
  RateShape,
  Scenario,
} from './types.js';

type ParsedProducer = ScenarioFileParsed['producers'][number];
type ParsedBus = ScenarioFileParsed['buses'][number];

/**
 * Builds the normalised scenario. Call it only on a file without problems: a producer without `rate`
 * and a non-ramp shape cannot happen after the cross-field checks, and is an internal error here.
 */
export function normaliseScenario(parsed: ScenarioFileParsed): Scenario {
  const { endpoint } = parsed;
  return {
    name: parsed.name,
    ...(parsed.family === undefined ? {} : { family: parsed.family }),
    region: parsed.region,
    durationMs: parsed.duration,
    timeScale: parsed.timeScale,
    buses: parsed.buses.map(normaliseBus),
    producers: parsed.producers.map(normaliseProducer),
    endpoint: {
      quotaTps: endpoint.quotaTps,
      burst: endpoint.burst,
      latencyMs:
        endpoint.latencyMs === null ? null : { p50Ms: endpoint.latencyMs.p50, p99Ms: endpoint.latencyMs.p99 },
      faults: { ...endpoint.faults },
    },
    thresholds: [...parsed.thresholds],
  };
}

/** The principal a producer publishes as when the file names none. */
export function defaultPrincipal(producerName: string): string {
  return `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/${producerName}`;
}

function normaliseBus(bus: ParsedBus): BusSpec {
  const spec: BusSpec = {
    name: bus.name,
    classification: bus.classification,
    logging: typeof bus.logging === 'string' ? bus.logging : bus.logging.mode,
    trailCopies: bus.trailCopies,
    allowedPrincipals: bus.allowedPrincipals === undefined ? null : [...bus.allowedPrincipals],
  };
  // The object form of `logging`: its trailCopies wins over the bus-level one.
  if (typeof bus.logging !== 'string') {
    spec.trailCopies = bus.logging.trailCopies ?? bus.trailCopies;
    spec.loggingScope = {
      exclusions: bus.logging.exclude.map(normaliseExclusion),
      insights: bus.logging.insights,
      lakeQueryGbPerMonth: bus.logging.lakeQueryGbPerMonth,
      window: bus.logging.window ?? null,
    };
  }
  return spec;
}

function normaliseExclusion(
  exclusion: Extract<ParsedBus['logging'], { mode: string }>['exclude'][number],
): LoggingExclusion {
  if ('equals' in exclusion)
    return { field: exclusion.field, operator: 'equals', values: [...exclusion.equals] };
  if ('startsWith' in exclusion) {
    return { field: exclusion.field, operator: 'startsWith', values: [...exclusion.startsWith] };
  }
  return { field: exclusion.field, operator: 'endsWith', values: [...exclusion.endsWith] };
}

function normaliseProducer(producer: ParsedProducer): ProducerSpec {
  return {
    name: producer.name,
    bus: producer.bus,
    principal: producer.principal ?? defaultPrincipal(producer.name),
    source: producer.source,
    detailTypes: producer.detailTypes.map((type) => (typeof type === 'string' ? type : type.name)),
    detailTypeWeights: producer.detailTypes.map((type) => (typeof type === 'string' ? 1 : type.weight)),
    instances: producer.instances,
    shape: shapeOf(producer),
    batching: normaliseBatching(producer.batching),
    entryBytes: normaliseEntrySize(producer.entryBytes),
    retry: { ...producer.retry },
  };
}

/** The producer's shape (constant when absent), normalised by its kind's format (schema/shapes.ts). */
function shapeOf(producer: ParsedProducer): RateShape {
  const shape = producer.shape ?? { kind: 'constant' as const };
  return normaliseShape(shape, {
    producerName: producer.name,
    rate: () => {
      if (producer.rate === undefined) {
        throw new Error(
          `internal: producer ${producer.name} has a ${shape.kind} shape and no rate after validation`,
        );
      }
      return producer.rate;
    },
  });
}

function normaliseBatching(batching: ParsedProducer['batching']): Batching {
  // The request limit is the default byte budget of a request.
  const maxBytes = batching.maxBytes ?? REQUEST_LIMIT_BYTES;
  if ('entriesPerRequest' in batching) {
    return { kind: 'fixed', entriesPerRequest: batching.entriesPerRequest, maxBytes };
  }
  return { kind: 'linger', maxEntries: batching.maxEntries, lingerMs: batching.lingerMs, maxBytes };
}

function normaliseEntrySize(entryBytes: ParsedProducer['entryBytes']): EntrySize {
  if (typeof entryBytes === 'number') return { dist: 'fixed', bytes: entryBytes };
  switch (entryBytes.dist) {
    case 'fixed':
      return { dist: 'fixed', bytes: entryBytes.bytes };
    case 'uniform':
      return { dist: 'uniform', minBytes: entryBytes.min, maxBytes: entryBytes.max };
    case 'lognormal':
      return { dist: 'lognormal', p50Bytes: entryBytes.p50, p99Bytes: entryBytes.p99 };
    case 'empirical':
      return { dist: 'empirical', table: entryBytes.table.map((row) => ({ ...row })) };
  }
}
