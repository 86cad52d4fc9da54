/**
 * The event buses of the endpoint: `default`, the buses of --config, and buses created by CreateEventBus or
 * on first use by PutEvents (logged when logUndeclaredBuses is on), each with its ARN, logging, allowed
 * principals and counters; at most AWS's 100 per account and Region.
 */

import { eventBusArn } from '../../eventbridge/limits.js';
import type { EndpointBusStats, EndpointConfig } from '../types.js';

/** Event buses per account and Region (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
export const MAX_EVENT_BUSES = 100;
const BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

/** One bus and what the endpoint counted for it. */
export interface BusState {
  name: string;
  arn: string;
  logging: boolean;
  allowedPrincipals: ReadonlySet<string> | null;
  stats: EndpointBusStats;
}

/** A bus's counters at zero. */
export function zeroBusStats(bus: string): EndpointBusStats {
  return {
    bus,
    requests: 0,
    requestsOk: 0,
    requestsThrottled: 0,
    entriesAccepted: 0,
    entriesFailed: 0,
    trailRecords: 0,
    trailBytes: 0,
  };
}

/** The buses of one endpoint, in creation order. */
export class EventBusRegistry {
  private readonly config: EndpointConfig;
  private readonly buses = new Map<string, BusState>();

  /** Declares `default` (unless --config declares it) and the configured buses. */
  constructor(config: EndpointConfig) {
    this.config = config;
    const declared = config.buses.some((bus) => bus.name === 'default')
      ? config.buses
      : [{ name: 'default', logging: config.logUndeclaredBuses, allowedPrincipals: null }, ...config.buses];
    for (const bus of declared) {
      this.buses.set(bus.name, {
        name: bus.name,
        arn: eventBusArn(config.region, config.accountId, bus.name),
        logging: bus.logging,
        allowedPrincipals: bus.allowedPrincipals === null ? null : new Set(bus.allowedPrincipals),
        stats: zeroBusStats(bus.name),
      });
    }
  }

  /** Every bus, in creation order. */
  all(): IterableIterator<BusState> {
    return this.buses.values();
  }

  /**
   * The bus a PutEvents entry names. One that does not exist is created now when unknownBuses is 'create'
   * (a valid name, under the 100-bus quota), logged when logUndeclaredBuses is on; with 'drop' it stays
   * unknown (null: the entry gets an EventId and is dropped, as recorded against AWS).
   */
  forPutEvents(name: string): BusState | null {
    const bus = this.buses.get(name);
    if (bus !== undefined) return bus;
    if (this.config.unknownBuses !== 'create') return null;
    if (this.buses.size >= MAX_EVENT_BUSES || !BUS_NAME.test(name)) return null;
    return this.add(name);
  }

  /**
   * CreateEventBus: a new bus, logged when logUndeclaredBuses is on (the rule of buses created on first
   * use); 'exists' when the name is taken, 'limit' at AWS's 100 buses.
   */
  create(name: string): BusState | 'exists' | 'limit' {
    if (this.buses.has(name)) return 'exists';
    if (this.buses.size >= MAX_EVENT_BUSES) return 'limit';
    return this.add(name);
  }

  /** A new bus of this endpoint, logged when logUndeclaredBuses is on (buses not declared by --config). */
  private add(name: string): BusState {
    const bus: BusState = {
      name,
      arn: eventBusArn(this.config.region, this.config.accountId, name),
      logging: this.config.logUndeclaredBuses,
      allowedPrincipals: null,
      stats: zeroBusStats(name),
    };
    this.buses.set(name, bus);
    return bus;
  }
}
