/**
 * The object form of a bus's `logging` (mode, trail copies, exclusions, Insights, Lake queries, window):
 * loaded into the scenario, the string form unchanged, and mistakes named with their field path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';

function scenarioFile(logging: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'busload-logging-')), 'scenario.yaml');
  writeFileSync(
    file,
    `name: logging-object
region: us-east-1
duration: 1s
buses:
  - name: orders
    classification: regulated
    trailCopies: 1
    logging: ${logging}
producers:
  - name: checkout
    bus: orders
    source: com.shop
    detailTypes: [OrderPlaced]
    rate: 10/s
    batching: { entriesPerRequest: 5 }
    entryBytes: 1KB
`,
  );
  return file;
}

describe('logging: string or object', () => {
  it('keeps the string form', async () => {
    const { scenario } = await loadScenario(scenarioFile('trail'));
    expect(scenario.buses[0]).toMatchObject({ logging: 'trail', trailCopies: 1 });
    expect(scenario.buses[0]?.loggingScope).toBeUndefined();
  });

  it('normalises the object form; its trailCopies wins', async () => {
    const { scenario } = await loadScenario(
      scenarioFile(
        '{ mode: lake-1y, trailCopies: 3, insights: true, lakeQueryGbPerMonth: 50, window: migration, ' +
          'exclude: [{ field: userIdentity.arn, startsWith: ["arn:aws:sts::111122223333:assumed-role/canary/"] }, { field: eventName, equals: [PutEvents] }] }',
      ),
    );
    expect(scenario.buses[0]).toMatchObject({
      logging: 'lake-1y',
      trailCopies: 3,
      loggingScope: {
        insights: true,
        lakeQueryGbPerMonth: 50,
        window: 'migration',
        exclusions: [
          {
            field: 'userIdentity.arn',
            operator: 'startsWith',
            values: ['arn:aws:sts::111122223333:assumed-role/canary/'],
          },
          { field: 'eventName', operator: 'equals', values: ['PutEvents'] },
        ],
      },
    });
  });

  it('names a bad selector field and a bad mode with their paths', async () => {
    await expect(
      loadScenario(scenarioFile('{ mode: trail, exclude: [{ field: userName, equals: [x] }] }')),
    ).rejects.toThrow(/buses\[0\]\.logging\.exclude\[0\]\.field: expected one of eventName \| readOnly/);
    await expect(loadScenario(scenarioFile('{ mode: s3 }'))).rejects.toThrow(
      /buses\[0\]\.logging\.mode: expected one of off \| trail/,
    );
  });
});
