/**
 * The report's readable content as a small neutral document (headline, sections of tables, lists and
 * paragraphs of plain text). The Markdown and HTML renderers both render this one document, so they
 * always carry the same content; each escapes the plain text for its own format.
 */
import { Decimal } from 'decimal.js';
import type { BusCostEstimate, CostEstimate } from '../model/types.js';
import type { BusSpec } from '../scenario/types.js';
import { buildReportCharts, type ChartSpec } from './charts.js';
import {
  formatCompact,
  formatCount,
  formatDecimal,
  formatDurationMs,
  formatFixedDecimals,
  formatMs,
  formatPercent,
  formatProjection,
  formatQuantity,
  formatUnitPriceUsd,
  formatUsd,
  sumDecimals,
} from './format.js';
import type { BusResult, RunReport } from './types.js';

/** A table column: its label and how its cells align (numbers right). */
export interface DocColumn {
  label: string;
  align: 'left' | 'right';
}

/** A table of plain-text cells; `totalRow`, when present, is rendered last and set apart. */
export interface DocTable {
  kind: 'table';
  /** Stable id (HTML id, test hook). */
  id: string;
  columns: DocColumn[];
  rows: string[][];
  totalRow?: string[];
}

export interface DocParagraph {
  kind: 'paragraph';
  text: string;
}

/** A list of items, each with a bold label and its text. */
export interface DocList {
  kind: 'list';
  items: { label: string; text: string }[];
}

export interface DocSubheading {
  kind: 'subheading';
  text: string;
}

/** A chart (drawn in HTML, shown as its small data table in Markdown). */
export interface DocChart {
  kind: 'chart';
  chart: ChartSpec;
  /** What Markdown shows: the chart's data table (the default), or nothing when a table nearby has the data. */
  text?: 'table' | 'omit';
  /** HTML: drawn at half width, consecutive half-width charts two to a row. */
  half?: boolean;
}

export type DocBlock = DocTable | DocParagraph | DocList | DocSubheading | DocChart;

export interface DocSection {
  id: string;
  title: string;
  blocks: DocBlock[];
}

/** A headline figure of the header card, e.g. { label: "Total", value: "$1,547.89/month" }. */
export interface DocFigure {
  label: string;
  value: string;
}

export interface ReportDocument {
  title: string;
  /** The run's status as shown: `partial` for a completed run that dropped entries (the generator fell behind). */
  status: RunReport['status'] | 'partial';
  /** Shown as a banner when the run did not complete; null when it did. */
  banner: string | null;
  /** The design-review sentence (cost.summary). */
  sentence: string;
  figures: DocFigure[];
  sections: DocSection[];
}

const left = (label: string): DocColumn => ({ label, align: 'left' });
const right = (label: string): DocColumn => ({ label, align: 'right' });

/**
 * The status a document shows: a run that completed while the generator or the embedded endpoint was
 * saturated (a report written before `degraded` existed) shows as degraded; one that completed but dropped
 * entries (the generator fell behind) shows as partial.
 */
export function shownStatus(report: RunReport): RunReport['status'] | 'partial' {
  if (report.status !== 'completed') return report.status;
  const generator = report.generator as Partial<RunReport['generator']> | undefined;
  if (generator?.saturated === true || generator?.endpoint?.saturated === true) return 'degraded';
  return report.totals.entries.dropped > 0 ? 'partial' : 'completed';
}

/** "4,616 of 99,000 planned entries (4.7%) were dropped". */
function droppedText(report: RunReport): string {
  const { dropped, planned } = report.totals.entries;
  const share = planned > 0 ? ` (${formatPercent(dropped / planned)})` : '';
  return `${formatCount(dropped)} of ${formatCount(planned)} planned entries${share} ${dropped === 1 ? 'was' : 'were'} dropped`;
}

/**
 * The headline figure saying whether the harness kept up: "kept up (not saturated; 0 of 99,000 planned entries
 * dropped)", or what limited it.
 */
function harnessFigure(report: RunReport): DocFigure {
  const generator = report.generator as Partial<RunReport['generator']> | undefined;
  const { dropped, planned } = report.totals.entries;
  const droppedPart = `${formatCount(dropped)} of ${formatCount(planned)} planned entries dropped`;
  const limits: string[] = [];
  if (generator?.saturated === true) limits.push('generator saturated');
  if (generator?.endpoint?.saturated === true) limits.push('embedded endpoint saturated');
  if (limits.length > 0) return { label: 'Harness', value: `${limits.join(', ')}; ${droppedPart}` };
  return {
    label: 'Harness',
    value:
      dropped > 0 ? `fell behind (not saturated); ${droppedPart}` : `kept up (not saturated); ${droppedPart}`,
  };
}

function bannerText(report: RunReport): string | null {
  const reason = report.statusReason ?? 'no reason recorded';
  if (shownStatus(report) === 'degraded') {
    const why =
      report.status === 'degraded'
        ? reason
        : report.generator?.saturated === true
          ? "the generator was saturated (the numbers show this machine's limit)"
          : 'the embedded endpoint was saturated (latencies include its queueing)';
    const dropped = report.totals.entries.dropped > 0 ? ` ${droppedText(report)}.` : '';
    return `Run degraded: ${why}.${dropped} The harness, not the bus, may have set these numbers; do not use them as evidence of the bus's behaviour.`;
  }
  if (report.status === 'interrupted') {
    return `Run interrupted: ${reason}. The counts cover only the part of the run that happened; every planned entry is still accounted for.`;
  }
  if (shownStatus(report) === 'partial') {
    return `Run partial: ${droppedText(report)} because the generator fell behind its schedule. The counts and costs cover only what was sent; rerun with a lower --rate-scale or on a quieter machine before using them as evidence.`;
  }
  if (report.status === 'failed') {
    return `Run failed: ${reason}. The counts below are partial; do not use them as evidence.`;
  }
  return null;
}

function shardText(shard: RunReport['run']['shard']): string {
  return shard.count === 1 ? 'none (the whole plan)' : `${shard.index} of ${shard.count} (index of count)`;
}

function runSection(report: RunReport): DocSection {
  const { run, scenario, cost, tool } = report;
  const rows: string[][] = [
    ['Scenario', `${scenario.name} (${scenario.file})`],
    ['Scenario sha256', scenario.sha256],
    ['Status', report.status + (report.statusReason ? `: ${report.statusReason}` : '')],
    ['Target', run.target],
    ['Region', run.region],
    ['Transport', run.transport],
    ['Started', run.startedAt],
    ['Ended', run.endedAt],
    ['Duration', `${formatDurationMs(run.durationMs)} (planned ${formatDurationMs(run.plannedDurationMs)})`],
    ['Workers', formatCount(run.workers)],
    ['Seed', String(run.seed)],
    ['Shard', shardText(run.shard)],
    [
      'Time scale',
      `${formatDecimal(run.timeScale, 4)} (1 s of replay stands for ${formatDecimal(run.timeScale, 4)} s of profile)`,
    ],
    // Shown only when the run changed the scenario's rates: at 1 the scenario's own rates were replayed.
    ...(run.rateScale === 1
      ? []
      : [['Rate scale', `${run.rateScale} (--rate-scale: every producer's rate x ${run.rateScale})`]]),
    ['Projection', formatProjection(cost.projection)],
    ['Price catalog', `${cost.catalog.id} (${cost.catalog.region}, effective ${cost.catalog.effectiveDate})`],
    ...(cost.modelVersion
      ? [
          [
            'Cost model',
            `${cost.modelVersion} (a ${cost.month?.hours ?? 730} h month${cost.month?.basis === 'calendar month' ? `, ${cost.month.label}` : ", AWS's pricing convention"})`,
          ],
        ]
      : []),
    ['Tool', `${tool.name} ${tool.version}`],
  ];
  return {
    id: 'run',
    title: 'Run',
    blocks: [{ kind: 'table', id: 'run-facts', columns: [left('Item'), left('Value')], rows }],
  };
}

function trafficRow(label: string, bus: BusResult): string[] {
  return [
    label,
    formatCount(bus.requests.calls),
    formatCount(bus.requests.attempts),
    formatCount(bus.entries.planned),
    formatCount(bus.entries.succeeded),
    formatCount(bus.entries.failed),
    formatCount(bus.entries.dropped),
    formatFixedDecimals(bus.entriesPerCall, 2),
    formatCount(bus.requests.throttled),
    formatCount(bus.entries.resent),
    formatCount(bus.requests.failed),
  ];
}

function trafficSection(report: RunReport): DocSection {
  return {
    id: 'traffic',
    title: 'Traffic per bus',
    blocks: [
      {
        kind: 'table',
        id: 'traffic',
        columns: [
          left('bus'),
          right('calls'),
          right('attempts'),
          right('entries planned'),
          right('succeeded'),
          right('failed'),
          right('dropped'),
          right('entries/call'),
          right('throttled attempts'),
          right('resent'),
          right('failed calls'),
        ],
        rows: report.buses.map((bus) => trafficRow(bus.name, bus)),
        totalRow: trafficRow('total', report.totals),
      },
      {
        kind: 'paragraph',
        text:
          'calls = PutEvents send() calls (resends included); attempts = HTTP requests including SDK retries; ' +
          'every planned entry ends succeeded, failed or dropped.',
      },
    ],
  };
}

function latencyRow(label: string, bus: BusResult): string[] {
  const { latencyMs: total, serviceLatencyMs: service } = bus;
  return [
    label,
    formatCount(total.count),
    formatMs(total.mean),
    formatMs(total.p50),
    formatMs(total.p90),
    formatMs(total.p99),
    formatMs(total.p999),
    formatMs(total.max),
    formatMs(service.p50),
    formatMs(service.p99),
  ];
}

function latencySection(report: RunReport): DocSection {
  return {
    id: 'latency',
    title: 'Latency per bus (ms)',
    blocks: [
      {
        kind: 'table',
        id: 'latency',
        columns: [
          left('bus'),
          right('samples'),
          right('mean'),
          right('p50'),
          right('p90'),
          right('p99'),
          right('p99.9'),
          right('max'),
          right('service p50'),
          right('service p99'),
        ],
        rows: report.buses.map((bus) => latencyRow(bus.name, bus)),
        totalRow: latencyRow('total', report.totals),
      },
      {
        kind: 'paragraph',
        text:
          'Latency runs from the intended send time to the response (coordinated omission corrected); ' +
          'service latency from the actual send to the response.',
      },
    ],
  };
}

function costRow(bus: BusCostEstimate): string[] {
  const { monthly } = bus;
  return [
    bus.name,
    bus.loggingMode,
    formatQuantity(monthly.customEvents),
    formatQuantity(monthly.dataEvents),
    formatUsd(monthly.eventBridgeUsd),
    formatUsd(monthly.loggingUsd),
    formatUsd(monthly.totalUsd),
    bus.recommendation.action,
  ];
}

function costSection(cost: CostEstimate): DocSection {
  return {
    id: 'cost',
    title: 'Monthly cost per bus',
    blocks: [
      {
        kind: 'table',
        id: 'cost',
        columns: [
          left('bus'),
          left('logging'),
          right('custom events/month'),
          right('data events/month'),
          right('EventBridge $/month'),
          right('logging $/month'),
          right('total $/month'),
          left('recommendation'),
        ],
        rows: cost.buses.map(costRow),
        totalRow: costTotalRow(cost),
      },
      {
        kind: 'paragraph',
        text:
          `Monthly figures are the run's counts x ${formatDecimal(cost.projection.factor, 4)} ` +
          `(${cost.projection.basis}), priced from catalog ${cost.catalog.id} (effective ${cost.catalog.effectiveDate}).`,
      },
    ],
  };
}

function lineItemsSection(cost: CostEstimate, declaredBuses: readonly BusSpec[]): DocSection {
  const blocks: DocBlock[] = [];
  const declared = new Map(declaredBuses.map((spec) => [spec.name, spec]));
  for (const bus of cost.buses) {
    const spec = declared.get(bus.name);
    const facts = spec
      ? `${spec.classification}, logging: ${bus.loggingMode}, trail copies: ${spec.trailCopies}`
      : `logging: ${bus.loggingMode}`;
    blocks.push({ kind: 'subheading', text: `${bus.name} (${facts})` });
    if (bus.lineItems.length === 0) {
      blocks.push({ kind: 'paragraph', text: 'No line items.' });
      continue;
    }
    blocks.push({
      kind: 'table',
      id: `line-items-${bus.name}`,
      columns: [
        left('component'),
        right('quantity/month'),
        left('unit'),
        right('unit price'),
        right('$/month'),
      ],
      rows: bus.lineItems.map((item) => [
        item.component,
        formatQuantity(item.quantity),
        item.unit,
        formatUnitPriceUsd(item.unitPriceUsd),
        item.monthlyUsd === null ? 'depends on usage' : formatUsd(item.monthlyUsd),
      ]),
    });
  }
  return { id: 'line-items', title: 'Cost line items', blocks };
}

function recommendationsSection(cost: CostEstimate): DocSection {
  return {
    id: 'recommendations',
    title: 'Recommendations',
    blocks: [
      {
        kind: 'list',
        items: cost.buses.map((bus) => ({
          label: `${bus.name}: ${bus.recommendation.action}`,
          text: bus.recommendation.reason,
        })),
      },
    ],
  };
}

function assumptionsSection(cost: CostEstimate): DocSection {
  const { assumptions } = cost;
  return {
    id: 'assumptions',
    title: 'Assumptions',
    blocks:
      assumptions.length === 0
        ? [{ kind: 'paragraph', text: 'The estimate states no assumptions.' }]
        : [
            {
              kind: 'table',
              id: 'assumptions',
              columns: [left('id'), left('value'), left('source')],
              rows: assumptions.map((assumption) => [assumption.id, assumption.value, assumption.source]),
            },
          ],
  };
}

function errorsSection(report: RunReport): DocSection {
  const rows: string[][] = [];
  for (const bus of report.buses) {
    for (const code of Object.keys(bus.errors).sort()) {
      rows.push([bus.name, code, formatCount(bus.errors[code] ?? 0)]);
    }
  }
  return {
    id: 'errors',
    title: 'Errors by code',
    blocks:
      rows.length === 0
        ? [{ kind: 'paragraph', text: 'No errors: every request and entry succeeded.' }]
        : [
            {
              kind: 'table',
              id: 'errors',
              columns: [left('bus'), left('code'), right('count')],
              rows,
            },
            {
              kind: 'paragraph',
              text: 'Whole-request error names and per-entry error codes, as counted by the harness.',
            },
          ],
  };
}

const nullableCount = (value: number | null) => (value === null ? 'off' : formatCount(value));

function reconciliationSection(report: RunReport): DocSection {
  const { reconciliation } = report;
  if (reconciliation === null) {
    return {
      id: 'reconciliation',
      title: 'Reconciliation',
      blocks: [
        {
          kind: 'paragraph',
          text: 'Not available: only runs against the embedded endpoint can compare harness, endpoint and trail counts.',
        },
      ],
    };
  }
  const rows = reconciliation.map((row) => {
    const agrees =
      row.harnessAttempts === row.endpointRequests &&
      row.harnessEntriesSucceeded === row.endpointEntriesAccepted;
    return [
      row.bus,
      formatCount(row.harnessAttempts),
      formatCount(row.endpointRequests),
      formatCount(row.harnessEntriesSucceeded),
      formatCount(row.endpointEntriesAccepted),
      nullableCount(row.trailRecords),
      nullableCount(row.trailBytes),
      agrees ? 'yes' : 'NO',
    ];
  });
  return {
    id: 'reconciliation',
    title: 'Reconciliation (harness vs endpoint vs trail)',
    blocks: [
      {
        kind: 'table',
        id: 'reconciliation',
        columns: [
          left('bus'),
          right('harness attempts'),
          right('endpoint requests'),
          right('harness entries succeeded'),
          right('endpoint entries accepted'),
          right('trail records'),
          right('trail bytes'),
          left('counts agree'),
        ],
        rows,
      },
    ],
  };
}

function generatorSection(report: RunReport): DocSection {
  const { totals, generator } = report;
  const droppedBatches = totals.schedule.batchesDropped;
  const verdict =
    droppedBatches > 0
      ? `The generator fell behind and dropped ${formatCount(droppedBatches)} batches ` +
        `(${formatCount(totals.entries.dropped)} entries): for them the generator, not the bus, was the limit.`
      : totals.schedule.batchesLate > 0
        ? `The generator sent ${formatCount(totals.schedule.batchesLate)} batches late but dropped none.`
        : 'The generator kept to the schedule.';
  const endpoint = generator.endpoint;
  const endpointText =
    endpoint === undefined
      ? ''
      : ` The embedded endpoint's thread was busy ${formatPercent(endpoint.eventLoopUtilization)} of the replay` +
        (endpoint.cpuUsPerRequest === null
          ? ''
          : ` (${formatCount(endpoint.cpuUsPerRequest)} us of CPU per request)`) +
        (endpoint.saturated
          ? ': it was saturated, so latencies include queueing in the endpoint, not only the producers and the bus.'
          : '.');
  return {
    id: 'generator',
    title: 'Generator health',
    blocks: [
      {
        kind: 'table',
        id: 'generator',
        columns: [left('bus'), right('late batches'), right('dropped batches'), right('dropped entries')],
        rows: report.buses.map((bus) => [
          bus.name,
          formatCount(bus.schedule.batchesLate),
          formatCount(bus.schedule.batchesDropped),
          formatCount(bus.entries.dropped),
        ]),
        totalRow: [
          'total',
          formatCount(totals.schedule.batchesLate),
          formatCount(droppedBatches),
          formatCount(totals.entries.dropped),
        ],
      },
      {
        kind: 'paragraph',
        text: `Max schedule lag ${formatMs(generator.maxLagMs)} ms (batches later than ${formatMs(generator.maxLagAllowedMs)} ms are dropped). ${verdict}${endpointText}`,
      },
    ],
  };
}

function headlineFigures(report: RunReport): DocFigure[] {
  const { cost, totals } = report;
  const eventBridgeUsd = sumDecimals(cost.buses.map((bus) => bus.monthly.eventBridgeUsd));
  const loggingUsd = sumDecimals(cost.buses.map((bus) => bus.monthly.loggingUsd));
  const eventBridge = new Decimal(eventBridgeUsd);
  const loggingShare = eventBridge.isZero() ? null : new Decimal(loggingUsd).div(eventBridge).toNumber();
  return [
    { label: 'Total', value: `${formatUsd(cost.totalMonthlyUsd)}/month` },
    { label: 'EventBridge', value: `${formatUsd(eventBridgeUsd)}/month` },
    {
      label: 'CloudTrail logging',
      value: `${formatUsd(loggingUsd)}/month${loggingShare === null ? '' : ` (${formatPercent(loggingShare)} of EventBridge)`}`,
    },
    {
      label: 'Measured',
      value:
        `${formatCompact(totals.requests.calls)} calls, ${formatCompact(totals.entries.succeeded)} entries ` +
        `in ${formatDurationMs(report.run.durationMs)}`,
    },
    harnessFigure(report),
  ];
}

/**
 * The totals row of the monthly cost table (bus, logging mode, custom events, data events, EventBridge $,
 * logging $, total $, recommendation), shared by the report documents and the terminal table.
 */
export function costTotalRow(cost: CostEstimate): string[] {
  const sum = (select: (bus: BusCostEstimate) => string) => sumDecimals(cost.buses.map(select));
  return [
    'total',
    '',
    formatQuantity(sum((bus) => bus.monthly.customEvents)),
    formatQuantity(sum((bus) => bus.monthly.dataEvents)),
    formatUsd(sum((bus) => bus.monthly.eventBridgeUsd)),
    formatUsd(sum((bus) => bus.monthly.loggingUsd)),
    formatUsd(cost.totalMonthlyUsd),
    '',
  ];
}

/**
 * The cost part of the document (monthly cost per bus, line items, recommendations, assumptions), shared by
 * the run report and `busload cost`. `declaredBuses` adds each bus's classification and trail copies.
 */
export function costSections(cost: CostEstimate, declaredBuses: readonly BusSpec[] = []): DocSection[] {
  return [
    costSection(cost),
    lineItemsSection(cost, declaredBuses),
    recommendationsSection(cost),
    assumptionsSection(cost),
  ];
}

/** Turns a report into the document both the Markdown and the HTML renderer draw. */
export function buildReportDocument(report: RunReport): ReportDocument {
  const charts = buildReportCharts(report);
  const chart = (spec: ChartSpec): DocChart => ({ kind: 'chart', chart: spec });
  const traffic = trafficSection(report);
  traffic.blocks.push(...charts.traffic.map(chart), chart(charts.problems));
  const latency = latencySection(report);
  latency.blocks.push(chart(charts.latencyOverTime), chart(charts.spectrum));
  const [cost, ...restOfCost] = costSections(report.cost, report.scenario.buses ?? []);
  cost?.blocks.push(chart(charts.cost));
  return {
    title: `busload report: ${report.scenario.name} (${shownStatus(report)})`,
    status: shownStatus(report),
    banner: bannerText(report),
    sentence: report.cost.summary,
    figures: headlineFigures(report),
    sections: [
      runSection(report),
      traffic,
      latency,
      ...(cost ? [cost] : []),
      ...restOfCost,
      errorsSection(report),
      reconciliationSection(report),
      generatorSection(report),
    ],
  };
}
