/**
 * The comparison as a report document (../document.ts): the runs, the overview and per-bus tables with their
 * deltas and latency verdicts, the charts, and the warnings; rendered to Markdown and HTML by the shared
 * renderers.
 */
import { Decimal } from 'decimal.js';
import type { DocBlock, DocSection, DocTable, ReportDocument } from '../document.js';
import { formatDecimal, formatFixedDecimals, formatMs, formatQuantity, formatUsd } from '../format.js';
import type { CompareCharts } from './charts.js';
import { formatChange, formatUsdDelta } from './sentence.js';
import {
  type BusComparison,
  COMPARE_ALPHA,
  type Comparison,
  type LatencyVerdict,
  type MetricKey,
  type MetricUnit,
} from './types.js';

function formatValue(unit: MetricUnit, value: string | null): string {
  if (value === null) return '-';
  switch (unit) {
    case 'usd':
      return formatUsd(value);
    case 'ms':
      return formatMs(Number(value));
    case 'ratio':
      return formatFixedDecimals(value, 2);
    case 'count':
      return formatQuantity(value);
  }
}

function formatDelta(unit: MetricUnit, delta: string | null): string {
  if (delta === null) return '-';
  if (unit === 'usd') return formatUsdDelta(delta);
  const value = new Decimal(delta);
  const text =
    unit === 'ms'
      ? formatMs(value.toNumber())
      : unit === 'ratio'
        ? formatFixedDecimals(value, 2)
        : formatDecimal(value, 2);
  return value.gt(0) ? `+${text}` : text;
}

function verdictText(latency: LatencyVerdict | undefined): string {
  if (!latency) return '';
  const samples = `${latency.intervalsBefore} vs ${latency.intervalsAfter} intervals${latency.caveat ? `; ${latency.caveat}` : ''}`;
  switch (latency.verdict) {
    case 'significant':
      return `significant (Mann-Whitney p = ${latency.pValue}, ${samples})`;
    case 'within-noise':
      return `within noise (Mann-Whitney p = ${latency.pValue}, ${samples})`;
    case 'no-samples':
      return 'not tested: no per-interval samples';
  }
}

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });

function busTable(bus: BusComparison): DocTable {
  return {
    kind: 'table',
    id: `compare-${bus.name}`,
    columns: [left('metric'), right('before'), right('after'), right('delta'), right('change'), left('note')],
    rows: bus.metrics.map((m) => [
      m.label,
      formatValue(m.unit, m.before),
      formatValue(m.unit, m.after),
      formatDelta(m.unit, m.delta),
      m.delta === null ? '-' : formatChange(m.changeRatio),
      verdictText(m.latency),
    ]),
  };
}

function overviewTable(comparison: Comparison): DocTable {
  const cell = (bus: BusComparison, key: MetricKey) => {
    const m = bus.metrics.find((item) => item.key === key)!;
    return `${formatValue(m.unit, m.before)} -> ${formatValue(m.unit, m.after)}`;
  };
  const delta = (bus: BusComparison, key: MetricKey) => {
    const m = bus.metrics.find((item) => item.key === key)!;
    return formatDelta(m.unit, m.delta);
  };
  const p99 = (bus: BusComparison) => {
    const m = bus.metrics.find((item) => item.key === 'p99Ms')!;
    const verdict = m.latency?.verdict;
    return `${cell(bus, 'p99Ms')}${verdict === 'within-noise' ? ' (noise)' : verdict === 'significant' ? ' (significant)' : ''}`;
  };
  const { totals } = comparison;
  return {
    kind: 'table',
    id: 'compare-overview',
    columns: [
      left('bus'),
      left('entries/call'),
      right('data events/month'),
      right('EventBridge $'),
      right('logging $'),
      right('total $'),
      left('p99 ms'),
    ],
    rows: comparison.buses.map((bus) => [
      bus.presence === 'both' ? bus.name : `${bus.name} (${bus.presence})`,
      cell(bus, 'entriesPerCall'),
      delta(bus, 'dataEventsPerMonth'),
      delta(bus, 'eventBridgeUsd'),
      delta(bus, 'loggingUsd'),
      delta(bus, 'totalUsd'),
      p99(bus),
    ]),
    totalRow: [
      'total',
      '',
      '',
      formatUsdDelta(totals.eventBridgeUsd.delta),
      formatUsdDelta(totals.loggingUsd.delta),
      formatUsdDelta(totals.totalMonthlyUsd.delta),
      '',
    ],
  };
}

/**
 * The comparison as a document (the Markdown and HTML renderers of report.md/html draw it). With `charts`
 * (from the two reports), the overview gets the before/after bar charts (drawn in HTML only: their data is
 * in the tables) and every bus its latency spectra (in Markdown as a table of percentiles).
 */
export function buildComparisonDocument(comparison: Comparison, charts?: CompareCharts): ReportDocument {
  const { before, after, totals } = comparison;
  const barCharts: DocBlock[] = (charts?.bars ?? []).map((chart) => ({
    kind: 'chart',
    chart,
    text: 'omit',
    half: true,
  }));
  const spectrum = (name: string): DocBlock[] => {
    const chart = charts?.spectra.get(name);
    return chart ? [{ kind: 'chart', chart }] : [];
  };
  const sections: DocSection[] = [
    {
      id: 'overview',
      title: 'Overview (deltas, after minus before)',
      blocks: [
        overviewTable(comparison),
        {
          kind: 'paragraph',
          text: 'Money is per month, projected from each run; "(noise)" marks a p99 change within the noise of the per-interval samples.',
        },
        ...barCharts,
      ],
    },
    {
      id: 'buses',
      title: 'Per bus',
      blocks: comparison.buses.flatMap((bus): DocBlock[] => [
        {
          kind: 'subheading',
          text:
            bus.presence === 'both'
              ? bus.name
              : `${bus.name} (${bus.presence === 'added' ? 'only after' : 'only before'})`,
        },
        busTable(bus),
        ...spectrum(bus.name),
      ]),
    },
    {
      id: 'runs',
      title: 'Runs compared',
      blocks: [
        {
          kind: 'table',
          id: 'compare-runs',
          columns: [left('item'), left('before'), left('after')],
          rows: [
            ['scenario', before.scenario, after.scenario],
            // Only when a scenario names its family.
            ...(before.family === null && after.family === null
              ? []
              : [['family', before.family ?? 'none', after.family ?? 'none']]),
            ['scenario sha256', before.sha256, after.sha256],
            ['started', before.startedAt, after.startedAt],
            ['status', before.status, after.status],
            [
              'duration',
              `${formatDecimal(before.durationMs / 1000, 1)} s`,
              `${formatDecimal(after.durationMs / 1000, 1)} s`,
            ],
            // Only when a run changed the scenario's rates (report.md shows it on the same condition).
            ...(before.rateScale === 1 && after.rateScale === 1
              ? []
              : [['rate scale', String(before.rateScale), String(after.rateScale)]]),
          ],
        },
        {
          kind: 'paragraph',
          text:
            'Latency test: for each bus, the p50 (and p99) of every interval of the before run is one sample and of the after run another; ' +
            `a two-sided Mann-Whitney U test at alpha ${COMPARE_ALPHA} decides whether the change stands out from the interval-to-interval noise ` +
            '(exact distribution without ties up to 50 intervals, normal approximation with tie correction otherwise).',
        },
      ],
    },
  ];
  if (comparison.warnings.length > 0) {
    sections.unshift({
      id: 'warnings',
      title: 'Read this first',
      blocks: [{ kind: 'list', items: comparison.warnings.map((text) => ({ label: 'warning', text })) }],
    });
  }
  return {
    title: `busload compare: ${before.scenario} (${before.startedAt}) -> ${after.scenario} (${after.startedAt})`,
    status: 'completed',
    banner: null,
    sentence: comparison.sentence,
    figures: [
      {
        label: 'Total',
        value: `${formatUsd(totals.totalMonthlyUsd.after)}/month (${formatUsdDelta(totals.totalMonthlyUsd.delta)})`,
      },
      {
        label: 'EventBridge',
        value: `${formatUsd(totals.eventBridgeUsd.after)}/month (${formatUsdDelta(totals.eventBridgeUsd.delta)})`,
      },
      {
        label: 'CloudTrail logging',
        value: `${formatUsd(totals.loggingUsd.after)}/month (${formatUsdDelta(totals.loggingUsd.delta)})`,
      },
    ],
    sections,
  };
}
