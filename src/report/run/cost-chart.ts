/**
 * The run report's cost chart as data: the monthly cost of each bus, stacked by line-item component, with the
 * same numbers as a small table. Pure.
 */
import type { BusCostEstimate } from '../../model/types.js';
import type { BarSeries, ChartSpec } from '../document.js';
import { leftColumn as left, rightColumn as right } from '../document.js';
import { formatUsd, sumDecimals } from '../format.js';
import type { RunReport } from '../types.js';

/** A line item's component without its detail in parentheses: "CloudTrail data events (trail, 2 copies)" -> "CloudTrail data events". */
function componentGroup(component: string): string {
  return component.replace(/\s*\(.*\)\s*$/, '');
}

/** The stacked-bar cost chart of a report's estimate (empty when it prices no bus). */
export function costChart(cost: RunReport['cost']): ChartSpec {
  const base = {
    id: 'cost-stacked',
    title: 'Monthly cost per bus by component',
    caption:
      'Monthly cost of each bus, stacked by line item: EventBridge custom events and each logging component. Items that depend on unknown usage count as $0 here.',
  };
  if (cost.buses.length === 0) {
    return {
      ...base,
      kind: 'stacked-bar',
      categories: [],
      yLabel: '$/month',
      series: [],
      emptyReason: 'The estimate prices no bus.',
      table: null,
    };
  }
  const groups: string[] = [];
  for (const bus of cost.buses) {
    for (const item of bus.lineItems) {
      const group = componentGroup(item.component);
      if (!groups.includes(group)) groups.push(group);
    }
  }
  const amount = (bus: BusCostEstimate, group: string) =>
    sumDecimals(
      bus.lineItems
        .filter((item) => componentGroup(item.component) === group && item.monthlyUsd !== null)
        .map((item) => item.monthlyUsd as string),
    );
  const series: BarSeries[] = groups.map((group, colorIndex) => ({
    name: group,
    colorIndex,
    values: cost.buses.map((bus) => Number(amount(bus, group))),
  }));
  return {
    ...base,
    kind: 'stacked-bar',
    categories: cost.buses.map((bus) => bus.name),
    yLabel: '$/month',
    series,
    emptyReason: null,
    table: {
      kind: 'table',
      id: 'chart-cost-stacked',
      columns: [left('bus'), ...groups.map((group) => right(`${group} $/month`)), right('total $/month')],
      rows: cost.buses.map((bus) => [
        bus.name,
        ...groups.map((group) => formatUsd(amount(bus, group))),
        formatUsd(bus.monthly.totalUsd),
      ]),
    },
  };
}
