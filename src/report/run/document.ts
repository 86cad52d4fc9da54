/**
 * The run report's readable content (report.md, report.html): the headline, run facts, traffic, latency,
 * cost and health sections of one report.json, as the neutral document of ../document.ts.
 */
import { Decimal } from 'decimal.js';
import type { ChartSpec, DocChart, DocFigure, DocSection, ReportDocument } from '../document.js';
import { leftColumn as left, rightColumn as right } from '../document.js';
import {
  formatCompact,
  formatCount,
  formatDecimal,
  formatDurationMs,
  formatFixedDecimals,
  formatMs,
  formatPercent,
  formatProjection,
  formatUsd,
  sumDecimals,
} from '../format.js';
import type { BusResult, RunReport } from '../types.js';
import { buildReportCharts } from './charts.js';
import { costSections } from './cost-sections.js';
import { errorsSection, generatorSection, reconciliationSection } from './health-sections.js';

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
