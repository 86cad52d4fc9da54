/**
 * From the schema's output (defaults applied, units resolved) to the normalised {@link Scenario}:
 * every field filled, every value in the unit its name says.
 */
import { DEFAULT_ACCOUNT_ID, type ScenarioFileParsed } from './schema.js';
import type { Batching, BusSpec, EntrySize, ProducerSpec, RateShape, Scenario } from './types.js';

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
  return {
    name: bus.name,
    classification: bus.classification,
    logging: bus.logging,
    trailCopies: bus.trailCopies,
    allowedPrincipals: bus.allowedPrincipals === undefined ? null : [...bus.allowedPrincipals],
  };
}

function normaliseProducer(producer: ParsedProducer): ProducerSpec {
  return {
    name: producer.name,
    bus: producer.bus,
    principal: producer.principal ?? defaultPrincipal(producer.name),
    source: producer.source,
    detailTypes: [...producer.detailTypes],
    instances: producer.instances,
    shape: normaliseShape(producer),
    batching: normaliseBatching(producer.batching),
    entryBytes: normaliseEntrySize(producer.entryBytes),
    retry: { ...producer.retry },
  };
}

function normaliseShape(producer: ParsedProducer): RateShape {
  const shape = producer.shape ?? { kind: 'constant' as const };
  if (shape.kind === 'ramp') return { kind: 'ramp', fromPerSec: shape.from, toPerSec: shape.to };
  if (producer.rate === undefined) {
    throw new Error(`internal: producer ${producer.name} has a constant shape and no rate after validation`);
  }
  return { kind: 'constant', ratePerSec: producer.rate };
}

function normaliseBatching(batching: ParsedProducer['batching']): Batching {
  if ('entriesPerRequest' in batching)
    return { kind: 'fixed', entriesPerRequest: batching.entriesPerRequest };
  return { kind: 'linger', maxEntries: batching.maxEntries, lingerMs: batching.lingerMs };
}

function normaliseEntrySize(entryBytes: ParsedProducer['entryBytes']): EntrySize {
  if (typeof entryBytes === 'number') return { dist: 'fixed', bytes: entryBytes };
  if (entryBytes.dist === 'fixed') return { dist: 'fixed', bytes: entryBytes.bytes };
  return { dist: 'lognormal', p50Bytes: entryBytes.p50, p99Bytes: entryBytes.p99 };
}
