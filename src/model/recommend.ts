/**
 * Per-bus recommendation: the decision matrix of the launch article (BitsLovers, https://www.bitslovers.com/eventbridge-putevents-cloudtrail-data-events/),
 * "Enable for regulated event buses / Enable temporarily / Skip for low-value telemetry / Pair with
 * enhanced logging", turned into a rule with numbers in its reason.
 */
import type { Classification, LoggingMode, LoggingWindow } from '../scenario/types.js';
import { Dec, formatUsdText, MONTH_DAYS, toCents } from './money.js';
import type { Recommendation } from './types.js';

/** Default share of failed entries or failed/throttled requests that counts as a delivery problem: 1%. */
export const DEFAULT_PROBLEM_SHARE_THRESHOLD = 0.01;

/** What the rule needs to know about one bus (money is monthly). */
export interface RecommendationInput {
  classification: Classification;
  /** The planned logging mode ('off' = not planned). */
  loggingMode: LoggingMode;
  eventBridgeUsd: Dec;
  /**
   * Monthly cost of turning logging on: the planned mode's logging cost, or, when logging is planned off,
   * what a trail with the bus's trailCopies would cost.
   */
  enableUsd: Dec;
  /** Failed entries / (succeeded + failed entries), 0..1. */
  failedEntryShare: number;
  /** Failed (throttled, denied, invalid, 5xx) requests / all requests, 0..1. */
  failedRequestShare: number;
  /** Share at or above which delivery problems are "noticeable" (default 1%). */
  problemShareThreshold: number;
  /** Logging planned for a window only (incident, migration, producer onboarding); absent/null = for good. */
  window?: LoggingWindow | null;
  /** Days in the priced month (absent: 730 / 24, AWS's convention), for the cost per day. */
  monthDays?: Dec;
}

const WINDOW_TEXT: Record<LoggingWindow, string> = {
  incident: 'the incident',
  migration: 'the migration',
  onboarding: 'producer onboarding',
};

/** `part` as a share of `whole`, as a sentence fragment: "6%", "<1%", or null when whole is 0. */
export function percentText(part: Dec, whole: Dec): string | null {
  if (whole.isZero()) return null;
  const percent = part.div(whole).times(100);
  if (percent.gt(0) && percent.lt(0.5)) return '<1%';
  return `${percent.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed()}%`;
}

/** A 0..1 share as "2.5%". */
function shareText(share: number): string {
  return `${new Dec(share).times(100).toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed()}%`;
}

/** Monthly cost per day of the month, in cents: monthly / monthDays (730-hour month: monthly x 24 / 730). */
export function costPerDay(monthlyUsd: Dec, monthDays: Dec = MONTH_DAYS): Dec {
  return toCents(monthlyUsd.div(monthDays));
}

/**
 * The matrix, first match wins:
 * 1. failed entries or failed/throttled requests at or above the threshold -> pair-with-enhanced-logging
 *    (CloudTrail says who called PutEvents; enhanced logging says what happened to delivery);
 * 2. logging planned for a window (incident, migration, producer onboarding) -> enable-temporarily, with
 *    the cost per day of the window;
 * 3. regulated -> enable;
 * 4. production -> enable when logging is planned, enable-temporarily (with the cost per day) when it is
 *    planned off;
 * 5. telemetry and development -> skip, with what logging would cost per month.
 *
 * Worked example: a telemetry bus whose trail would cost C a month (E of EventBridge) and no failures ->
 * skip, "telemetry bus: data events would add $C/month (C/E % of its EventBridge cost) for low audit value".
 */
export function recommendation(input: RecommendationInput): Recommendation {
  const enable = formatUsdText(input.enableUsd);
  const perDay = formatUsdText(costPerDay(input.enableUsd, input.monthDays));
  const share = percentText(input.enableUsd, input.eventBridgeUsd);
  const ofEventBridge = share === null ? '' : ` (${share} of its EventBridge cost)`;
  const planned = input.loggingMode !== 'off';
  const threshold = shareText(input.problemShareThreshold);

  if (
    input.failedEntryShare >= input.problemShareThreshold ||
    input.failedRequestShare >= input.problemShareThreshold
  ) {
    return {
      action: 'pair-with-enhanced-logging',
      reason:
        `${shareText(input.failedEntryShare)} of entries and ${shareText(input.failedRequestShare)} of requests failed ` +
        `(threshold ${threshold}): pair CloudTrail data events (${enable}/month, ${perDay}/day while on) with ` +
        'EventBridge enhanced logging; CloudTrail shows who called PutEvents, enhanced logging shows delivery',
    };
  }
  if (input.window) {
    return {
      action: 'enable-temporarily',
      reason:
        `logging planned for ${WINDOW_TEXT[input.window]} only: ${perDay}/day while it lasts ` +
        `(${enable}/month if left on${share === null ? '' : `, ${share} of its EventBridge cost`}); turn it off afterwards`,
    };
  }
  switch (input.classification) {
    case 'regulated':
      return {
        action: 'enable',
        reason: planned
          ? `regulated bus: the audit trail is worth ${enable}/month${ofEventBridge}`
          : `regulated bus with logging planned off: enabling a trail adds ${enable}/month${ofEventBridge}, worth it for audit`,
      };
    case 'production':
      return planned
        ? {
            action: 'enable',
            reason: `production bus: the audit trail costs ${enable}/month${ofEventBridge}`,
          }
        : {
            action: 'enable-temporarily',
            reason:
              `production bus with logging planned off: enable a trail for incidents, migrations or producer ` +
              `onboarding at ${perDay}/day (${enable}/month if left on${share === null ? '' : `, ${share} of its EventBridge cost`})`,
          };
    case 'telemetry':
    case 'development':
      return {
        action: 'skip',
        reason: planned
          ? `${input.classification} bus: the planned logging costs ${enable}/month${ofEventBridge} for low audit value; ` +
            `turn it off, or on only while investigating (${perDay}/day)`
          : `${input.classification} bus: data events would add ${enable}/month${ofEventBridge} for low audit value`,
      };
  }
}
