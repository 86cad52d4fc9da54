/**
 * The one sentence a reviewer pastes into a design review, built from an estimate's per-bus figures.
 */
import { type Dec, formatCountText, formatUsdText } from './money.js';
import { percentText } from './recommend.js';
import type { RecommendationAction } from './types.js';

/** What the sentence needs per bus (money is monthly, already rounded to cents). */
export interface SummaryBus {
  name: string;
  /** Logging planned on (any mode but 'off'). */
  loggingOn: boolean;
  eventBridgeUsd: Dec;
  /** The planned logging cost when on; what a trail would cost when off. */
  enableUsd: Dec;
  /** Logged PutEvents calls per month (what drives data events). */
  loggedCalls: Dec;
  action: RecommendationAction;
}

/** "a", "a and b", "a, b and c". */
function listText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function sum(values: readonly Dec[], zero: Dec): Dec {
  return values.reduce((acc, value) => acc.plus(value), zero);
}

/**
 * One sentence: what the planned logging adds (with its share of the same buses' EventBridge cost and
 * the calls that drive it), then what the buses left off would add.
 *
 * Worked example: orders and payments on (41.2M logged calls, $41.20 of logging, $686.67 of EventBridge),
 * telemetry off (would be $262.80) ->
 * "Enabling PutEvents data events on orders and payments adds $41.20/month (6% of their EventBridge cost),
 * driven by 41.2M calls/month; telemetry stays off: it would add $262.80 for low audit value."
 * With no bus planned on, the sentence opens "No bus has PutEvents data events planned; ...".
 */
export function summarizeEstimate(buses: readonly SummaryBus[]): string {
  if (buses.length === 0) return 'No buses to price.';
  const zero = buses[0]!.enableUsd.times(0);
  const parts: string[] = [];
  const on = buses.filter((bus) => bus.loggingOn);
  // With an opening clause the period is already stated ("adds $X/month"); without one, repeat it.
  const period = on.length > 0 ? '' : '/month';
  if (on.length === 0) parts.push('No bus has PutEvents data events planned');
  if (on.length > 0) {
    const loggingUsd = sum(
      on.map((bus) => bus.enableUsd),
      zero,
    );
    const eventBridgeUsd = sum(
      on.map((bus) => bus.eventBridgeUsd),
      zero,
    );
    const calls = sum(
      on.map((bus) => bus.loggedCalls),
      zero,
    );
    const share = percentText(loggingUsd, eventBridgeUsd);
    const their = on.length === 1 ? 'its' : 'their';
    parts.push(
      `Enabling PutEvents data events on ${listText(on.map((bus) => bus.name))} adds ${formatUsdText(loggingUsd)}/month` +
        `${share === null ? '' : ` (${share} of ${their} EventBridge cost)`}, driven by ${formatCountText(calls)} calls/month`,
    );
  }
  const off = buses.filter((bus) => !bus.loggingOn);
  const skipped = off.filter((bus) => bus.action === 'skip');
  const wanted = off.filter((bus) => bus.action !== 'skip');
  if (skipped.length > 0) {
    const one = skipped.length === 1;
    const usd = sum(
      skipped.map((bus) => bus.enableUsd),
      zero,
    );
    parts.push(
      `${listText(skipped.map((bus) => bus.name))} ${one ? 'stays' : 'stay'} off: ${one ? 'it' : 'they'} would add ` +
        `${formatUsdText(usd)}${period} for low audit value`,
    );
  }
  if (wanted.length > 0) {
    const one = wanted.length === 1;
    const usd = sum(
      wanted.map((bus) => bus.enableUsd),
      zero,
    );
    parts.push(
      `${listText(wanted.map((bus) => bus.name))} ${one ? 'is' : 'are'} planned off but recommended on: ` +
        `enabling ${one ? 'it' : 'them'} would add ${formatUsdText(usd)}/month`,
    );
  }
  return `${parts.join('; ')}.`;
}
