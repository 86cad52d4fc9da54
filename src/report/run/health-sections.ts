/**
 * The health part of a run report document: errors by code, the harness/endpoint/trail reconciliation and
 * the generator's (and embedded endpoint's) saturation.
 */
import type { DocSection } from '../document.js';
import { leftColumn as left, rightColumn as right } from '../document.js';
import { formatCount, formatMs, formatPercent } from '../format.js';
import type { RunReport } from '../types.js';

export function errorsSection(report: RunReport): DocSection {
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

export function reconciliationSection(report: RunReport): DocSection {
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

export function generatorSection(report: RunReport): DocSection {
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
