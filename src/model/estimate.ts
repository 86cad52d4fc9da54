/**
 * The cost estimate: per bus, monthly EventBridge custom events and the planned CloudTrail logging (trail
 * data events x copies, S3 storage of the gzip files, Insights; CloudWatch Logs; Lake ingest, retention and
 * queries), each as declared line items priced from the catalog, with exclusions applied (excluded calls
 * shown at $0), a recommendation, the cost per day, what-ifs, the low-high band under the unconfirmed
 * assumptions, the assumptions used, the quota headroom and one summary sentence. Pure: counts, a
 * projection and a parsed catalog in, a CostEstimate (decimal strings) out.
 *
 * Rounding: every line item's monthly USD is rounded half-up to cents on its own; eventBridgeUsd,
 * loggingUsd, totalUsd and totalMonthlyUsd are sums of rounded line items, so the figures add up exactly.
 * Quantities are shown with at most 6 decimals; unit prices are exact.
 */
import { BAND_ASSUMPTIONS, DEFAULT_ASSUMPTIONS, type ModelAssumptions } from './assumptions.js';
import { BYTE_MODES } from './logging-costs.js';
import { type CalendarMonth, Dec, MONTH_HOURS } from './money.js';
import { monthHoursOf, priceBus } from './price-bus.js';
import { quotaHeadroom } from './quota.js';
import { summarizeEstimate } from './summary.js';
import type { Assumption, BusUsage, Catalog, CostEstimate, Projection, QuotaInput } from './types.js';
import { usedAssumptions } from './used-assumptions.js';
import { MODEL_VERSION } from './version.js';

/** Input of {@link estimateCost}. */
export interface EstimateInput {
  buses: BusUsage[];
  projection: Projection;
  catalog: Catalog;
  region: string;
  assumptions?: Partial<ModelAssumptions>;
  /** The account's peak PutEvents requests/s and the region's quota, for the headroom (optional). */
  quota?: QuotaInput;
  /**
   * Price a calendar month (its hours, e.g. 672 for February 2027) instead of the 730-hour month AWS's
   * pricing pages use. Volumes scale by hours / 730; storage (GB-months) does not change.
   */
  month?: CalendarMonth;
  /** How declared volumes were found (`busload cost <scenario>`), listed after the model's assumptions. */
  volumeAssumptions?: Assumption[];
}

/** The bus's (or, logging off, a trail's) bill depends on record bytes. */
const byVolume = (bus: BusUsage): boolean =>
  BYTE_MODES.includes(bus.loggingMode === 'off' ? 'trail' : bus.loggingMode);

/** Monthly totals per bus (and all together) under one set of assumptions. */
function totalsUnder(input: EstimateInput, assumptions: ModelAssumptions): { buses: Dec[]; total: Dec } {
  const buses = input.buses.map(
    (bus) => new Dec(priceBus(bus, input, assumptions).estimate.monthly.totalUsd),
  );
  return { buses, total: buses.reduce((acc, value) => acc.plus(value), new Dec(0)) };
}

/**
 * Prices every bus for a month: monthly quantities = counts x projection factor; custom events from
 * billable chunks; logging by the bus's planned mode and scope (./logging-costs.ts); for a bus with logging
 * off, what a trail would cost (`ifEnabled`) feeds the recommendation and the summary. Adds per bus the
 * cost per day, the record bytes used, the excluded calls, the what-ifs, and the low-high band under the
 * unconfirmed assumptions (each assumption's own band is in `assumptions[].band`); with `quota`, the
 * account's quota headroom. Throws MissingPriceError when the catalog lacks a price for the region.
 *
 * Worked example (P = `cloudtrail.data-events` per event, C = `eventbridge.custom-events` per chunk):
 * 1,000 requests of 10 one-chunk entries in a 30 s real-time replay (factor 87,600), trail with 1 copy ->
 * 87,600,000 data events x P and 876,000,000 chunks x C a month, plus the S3 storage of the trail files.
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const assumptions: ModelAssumptions = { ...DEFAULT_ASSUMPTIONS, ...input.assumptions };
  const priced = input.buses.map((bus) => priceBus(bus, input, assumptions));
  const total = priced.reduce((acc, bus) => acc.plus(bus.estimate.monthly.totalUsd), new Dec(0));

  // The band: every bus priced with all unconfirmed assumptions low, then high.
  const lowSet: ModelAssumptions = { ...assumptions };
  const highSet: ModelAssumptions = { ...assumptions };
  for (const band of BAND_ASSUMPTIONS) {
    Object.assign(lowSet, band.low);
    Object.assign(highSet, band.high);
  }
  const low = totalsUnder(input, lowSet);
  const high = totalsUnder(input, highSet);
  priced.forEach((bus, index) => {
    const current = new Dec(bus.estimate.monthly.totalUsd);
    bus.estimate.band = {
      lowUsd: Dec.min(current, low.buses[index]!, high.buses[index]!).toFixed(2),
      highUsd: Dec.max(current, low.buses[index]!, high.buses[index]!).toFixed(2),
    };
  });

  const list = usedAssumptions(
    {
      buses: input.buses,
      prices: priced.flatMap((bus) => bus.prices),
      recordBytesEstimated: priced.some(
        (bus, index) => bus.recordBytesBasis === 'linear' && byVolume(input.buses[index]!),
      ),
      recordBytesSerialized: priced.some(
        (bus, index) => bus.recordBytesBasis === 'serialized' && byVolume(input.buses[index]!),
      ),
      recordBytesMeasured: priced.some((bus) => bus.recordBytesBasis === 'measured'),
    },
    assumptions,
    input.month,
  );
  list.push(...(input.volumeAssumptions ?? []));
  for (const band of BAND_ASSUMPTIONS) {
    const entry = list.find((assumption) => assumption.id === band.id);
    if (!entry) continue;
    const lowTotal = totalsUnder(input, { ...assumptions, ...band.low }).total;
    const highTotal = totalsUnder(input, { ...assumptions, ...band.high }).total;
    entry.band = {
      lowUsd: lowTotal.toFixed(2),
      highUsd: highTotal.toFixed(2),
      low: band.lowText,
      high: band.highText,
    };
  }

  const monthHours = monthHoursOf(input);
  const estimate: CostEstimate = {
    modelVersion: MODEL_VERSION,
    catalog: {
      id: input.catalog.id,
      region: input.region,
      effectiveDate: input.catalog.effectiveDate,
      ...(input.catalog.sha256 ? { sha256: input.catalog.sha256 } : {}),
    },
    month: input.month
      ? { label: input.month.label, hours: monthHours, basis: 'calendar month' }
      : { label: `${MONTH_HOURS} h`, hours: MONTH_HOURS, basis: "AWS's pricing convention" },
    projection: input.projection,
    buses: priced.map((bus) => bus.estimate),
    totalMonthlyUsd: total.toFixed(2),
    assumptions: list,
    summary: summarizeEstimate(priced.map((bus) => bus.summary)),
    totalBandUsd: {
      lowUsd: Dec.min(total, low.total, high.total).toFixed(2),
      highUsd: Dec.max(total, low.total, high.total).toFixed(2),
    },
  };
  if (input.quota) estimate.quotaHeadroom = quotaHeadroom(input.quota);
  return estimate;
}
