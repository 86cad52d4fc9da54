import { describe, expect, it } from 'vitest';
import { defaultEndpointConfig } from '../../../src/endpoint/config.js';
import {
  EventBusRegistry,
  MAX_EVENT_BUSES,
  zeroBusStats,
} from '../../../src/endpoint/events/bus-registry.js';

const ORDERS = { name: 'orders', logging: true, allowedPrincipals: ['arn:aws:iam::111122223333:role/p'] };

describe('EventBusRegistry', () => {
  it('declares default first (unlogged unless logUndeclaredBuses), then the configured buses', () => {
    const registry = new EventBusRegistry(defaultEndpointConfig({ buses: [ORDERS] }));
    const buses = [...registry.all()];
    expect(buses.map((bus) => [bus.name, bus.arn, bus.logging])).toEqual([
      ['default', 'arn:aws:events:us-east-1:111122223333:event-bus/default', false],
      ['orders', 'arn:aws:events:us-east-1:111122223333:event-bus/orders', true],
    ]);
    expect(buses[1]!.allowedPrincipals).toEqual(new Set(ORDERS.allowedPrincipals));
    expect(buses[0]!.allowedPrincipals).toBeNull();
    expect(buses[1]!.stats).toEqual(zeroBusStats('orders'));
  });

  it('keeps a configured default as configured', () => {
    const registry = new EventBusRegistry(
      defaultEndpointConfig({ buses: [{ name: 'default', logging: true, allowedPrincipals: null }] }),
    );
    expect([...registry.all()].map((bus) => [bus.name, bus.logging])).toEqual([['default', true]]);
  });

  it('drops unknown buses named by PutEvents by default, and creates them (valid names) with unknownBuses create', () => {
    expect(new EventBusRegistry(defaultEndpointConfig()).forPutEvents('later')).toBeNull();
    const creating = new EventBusRegistry(
      defaultEndpointConfig({ unknownBuses: 'create', logUndeclaredBuses: true }),
    );
    expect(creating.forPutEvents('later')).toMatchObject({ name: 'later', logging: true });
    expect(creating.forPutEvents('later')).toBe(creating.forPutEvents('later'));
    expect(creating.forPutEvents('bad name')).toBeNull();
    expect([...creating.all()].map((bus) => bus.name)).toEqual(['default', 'later']);
  });

  it('creates buses up to AWS quota of 100, refusing a taken name', () => {
    const registry = new EventBusRegistry(defaultEndpointConfig({ unknownBuses: 'create' }));
    expect(registry.create('default')).toBe('exists');
    for (let i = 1; i < MAX_EVENT_BUSES; i++) expect(registry.create(`bus-${i}`)).not.toBe('limit');
    expect(registry.create('one-too-many')).toBe('limit');
    expect(registry.forPutEvents('also-too-many')).toBeNull();
    expect([...registry.all()]).toHaveLength(100);
  });
});
