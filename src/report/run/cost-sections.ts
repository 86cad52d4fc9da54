/**
 * The cost part of a report document (monthly cost per bus, line items, recommendations, assumptions),
 * shared by the run report and `busload cost`, and the totals row the terminal table shares.
 */
import type { BusCostEstimate, CostEstimate } from '../../model/types.js';
import type { BusSpec } from '../../scenario/types.js';
import type { DocBlock, DocSection } from '../document.js';
import { leftColumn as left, rightColumn as right } from '../document.js';
import { formatDecimal, formatQuantity, formatUnitPriceUsd, formatUsd, sumDecimals } from '../format.js';

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
