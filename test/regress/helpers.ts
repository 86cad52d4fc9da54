/** Shared fixtures of the regress tests. */
import type { RunReport } from '../../src/report/types.js';
import { loadQuickstartReport } from '../report/fixture.js';

/** The fixture with every money amount halved (as decimal strings): a baseline that cost half as much. */
export function halfCostBaseline(): RunReport {
  const report = loadQuickstartReport();
  const half = (value: string) => (Number(value) / 2).toFixed(2);
  report.cost.totalMonthlyUsd = half(report.cost.totalMonthlyUsd);
  for (const bus of report.cost.buses) {
    bus.monthly.eventBridgeUsd = half(bus.monthly.eventBridgeUsd);
    bus.monthly.loggingUsd = half(bus.monthly.loggingUsd);
    bus.monthly.totalUsd = half(bus.monthly.totalUsd);
  }
  return report;
}
