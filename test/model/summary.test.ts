import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/money.js';
import { type SummaryBus, summarizeEstimate } from '../../src/model/summary.js';

const bus = (name: string, overrides: Partial<SummaryBus>): SummaryBus => ({
  name,
  loggingOn: true,
  eventBridgeUsd: new Dec(0),
  enableUsd: new Dec(0),
  loggedCalls: new Dec(0),
  action: 'enable',
  ...overrides,
});

describe('summarizeEstimate', () => {
  it('the worked example: two buses on, one left off for low audit value', () => {
    expect(
      summarizeEstimate([
        bus('orders', {
          eventBridgeUsd: new Dec('400.00'),
          enableUsd: new Dec('24.00'),
          loggedCalls: new Dec(24_000_000),
        }),
        bus('payments', {
          eventBridgeUsd: new Dec('286.67'),
          enableUsd: new Dec('17.20'),
          loggedCalls: new Dec(17_200_000),
        }),
        bus('telemetry', { loggingOn: false, enableUsd: new Dec('262.80'), action: 'skip' }),
      ]),
    ).toBe(
      'Enabling PutEvents data events on orders and payments adds $41.20/month (6% of their EventBridge cost), ' +
        'driven by 41.2M calls/month; telemetry stays off: it would add $262.80 for low audit value.',
    );
  });

  it('nothing planned on: the period is repeated; buses recommended on are named', () => {
    expect(
      summarizeEstimate([
        bus('a', { loggingOn: false, enableUsd: new Dec(1), action: 'skip' }),
        bus('b', { loggingOn: false, enableUsd: new Dec(2), action: 'skip' }),
        bus('c', { loggingOn: false, enableUsd: new Dec(3) }),
      ]),
    ).toBe(
      'No bus has PutEvents data events planned; a and b stay off: they would add $3.00/month for low audit value; ' +
        'c is planned off but recommended on: enabling it would add $3.00/month.',
    );
  });

  it('no buses: says so', () => {
    expect(summarizeEstimate([])).toBe('No buses to price.');
  });
});
