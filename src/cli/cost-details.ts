/**
 * What a cost estimate says beyond the cost table's columns (`cost` and `profile` print it under the table):
 * the month priced, the band under unconfirmed assumptions, selector exclusions, what-ifs and quota headroom.
 */
import { Dec, formatUsdText } from '../model/money.js';
import type { CostEstimate } from '../model/types.js';

/**
 * The parts of an estimate the cost table has no columns for, as text: the low-high band, excluded calls,
 * what-ifs per bus and the quota headroom.
 */
export function renderCostDetails(estimate: CostEstimate): string {
  const lines: string[] = [];
  const usd = (value: string) => formatUsdText(new Dec(value));
  if (estimate.month) {
    lines.push(
      estimate.month.basis === 'calendar month'
        ? `Month priced: ${estimate.month.label}, ${estimate.month.hours} h (calendar month; AWS's pricing pages use 730 h)`
        : `Month priced: ${estimate.month.hours} h, AWS's pricing convention, not a calendar month (--month YYYY-MM prices one)`,
    );
  }
  if (estimate.totalBandUsd && estimate.totalBandUsd.lowUsd !== estimate.totalBandUsd.highUsd) {
    const moving = estimate.assumptions
      .filter((a) => a.band && a.band.lowUsd !== a.band.highUsd)
      .map((a) => `${a.id} ${a.band!.low}..${a.band!.high}: ${usd(a.band!.lowUsd)}-${usd(a.band!.highUsd)}`);
    lines.push(
      `Band under unconfirmed assumptions: ${usd(estimate.totalBandUsd.lowUsd)} to ${usd(estimate.totalBandUsd.highUsd)}/month (${moving.join('; ')})`,
    );
  }
  for (const bus of estimate.buses) {
    if (bus.excluded) {
      const unconfirmed = bus.excluded.exclusions
        .filter((e) => !e.confirmedForEventBuses)
        .map((e) => e.field);
      lines.push(
        `${bus.name}: ${new Dec(bus.excluded.requests).toDecimalPlaces(0).toNumber().toLocaleString('en-US')} calls/month excluded by selectors ` +
          `(they would cost ${usd(bus.excluded.wouldCostUsd)})` +
          (unconfirmed.length > 0
            ? `; ${[...new Set(unconfirmed)].join(', ')} not confirmed by AWS for event buses`
            : ''),
      );
    }
    const whatIfs = bus.whatIfs;
    if (!whatIfs) continue;
    const parts = [
      `full batches of 10: ${usd(whatIfs.fullBatches.loggingUsd)} (saves ${usd(whatIfs.fullBatches.savingUsd)})`,
      `by mode: trail ${usd(whatIfs.loggingUsdByMode.trail)}, lake-1y ${usd(whatIfs.loggingUsdByMode['lake-1y'])}, ` +
        `lake-7y ${usd(whatIfs.loggingUsdByMode['lake-7y'])}, cloudwatch-logs ${usd(whatIfs.loggingUsdByMode['cloudwatch-logs'])}`,
      whatIfs.trailVsLake.crossoverRecordBytes === null
        ? `Lake is cheaper at any record size (${whatIfs.trailVsLake.recordBytes} B here)`
        : `Lake is cheaper below ${whatIfs.trailVsLake.crossoverRecordBytes} B per record (${whatIfs.trailVsLake.recordBytes} B here: ${whatIfs.trailVsLake.cheaper} is cheaper)`,
    ];
    if (whatIfs.oneFewerTrailCopy) {
      parts.push(
        `${whatIfs.oneFewerTrailCopy.trailCopies} trail ${whatIfs.oneFewerTrailCopy.trailCopies === 1 ? 'copy' : 'copies'}: saves ${usd(whatIfs.oneFewerTrailCopy.savingUsd)}`,
      );
    }
    lines.push(`${bus.name} what-ifs (logging $/month): ${parts.join('; ')}`);
  }
  const quota = estimate.quotaHeadroom;
  if (quota) {
    lines.push(
      `Quota headroom: peak ${quota.peakCallsPerSec} PutEvents calls/s of ${quota.quotaTps.toLocaleString('en-US')}/s ` +
        `(${quota.usedShare}; ${quota.basis}); ${quota.scope}`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * The details as a Markdown list under `before` (for `--format md`); nothing when there are none.
 * Example: ("a\nb\n", "\n") -> "\n- a\n- b\n".
 */
export function markdownDetails(text: string, before: string): string {
  return text === ''
    ? ''
    : `${before}${text
        .trimEnd()
        .split('\n')
        .map((line) => `- ${line}`)
        .join('\n')}\n`;
}
